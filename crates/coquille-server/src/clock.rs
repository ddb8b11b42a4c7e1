//! The server's clock, injectable so tests can pin it.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where the server reads the time of day (signed timestamps, replay window).
pub trait Clock: Send + Sync + 'static {
    /// Now, as time since the Unix epoch.
    fn now(&self) -> Duration;

    /// Now in whole seconds since the epoch.
    fn now_s(&self) -> i64 {
        i64::try_from(self.now().as_secs()).unwrap_or(i64::MAX)
    }

    /// Now in whole milliseconds since the epoch.
    fn now_ms(&self) -> i64 {
        i64::try_from(self.now().as_millis()).unwrap_or(i64::MAX)
    }
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
    }
}

/// A clock stopped at one instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Duration);

impl FixedClock {
    /// A clock stopped at `secs` seconds after the epoch.
    pub fn at_secs(secs: u64) -> Arc<Self> {
        Arc::new(FixedClock(Duration::from_secs(secs)))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Duration {
        self.0
    }
}
