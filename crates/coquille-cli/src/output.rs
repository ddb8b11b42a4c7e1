//! Where a report goes: standard output or `--output FILE`, through one
//! buffer, with a closed pipe (`coquille check big.txt | head`) ending the
//! run quietly instead of as an error.

use std::io::{self, BufWriter, Write};
use std::path::Path;

/// A buffered output that remembers whether its reader went away.
pub struct Output {
    inner: BufWriter<Box<dyn Write>>,
    closed: bool,
}

/// Size of the output buffer.
const BUFFER: usize = 64 * 1024;

impl Output {
    /// Standard output, or a new file at `path`.
    pub fn open(path: Option<&Path>) -> io::Result<Output> {
        let sink: Box<dyn Write> = match path {
            None => Box::new(io::stdout().lock()),
            Some(p) => Box::new(std::fs::File::create(p)?),
        };
        Ok(Output {
            inner: BufWriter::with_capacity(BUFFER, sink),
            closed: false,
        })
    }

    /// Writes `text`. A closed pipe is remembered and later writes are
    /// dropped; other errors are returned.
    pub fn write_str(&mut self, text: &str) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        self.filter(|w| w.write_all(text.as_bytes()))
    }

    /// Writes `value` as indented JSON and a line break.
    pub fn write_json(&mut self, value: &impl serde::Serialize) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        self.filter(|w| {
            serde_json::to_writer_pretty(&mut *w, value).map_err(io::Error::from)?;
            w.write_all(b"\n")
        })
    }

    /// Flushes what is buffered.
    pub fn finish(mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        self.filter(|w| w.flush())
    }

    fn filter(
        &mut self,
        f: impl FnOnce(&mut BufWriter<Box<dyn Write>>) -> io::Result<()>,
    ) -> io::Result<()> {
        match f(&mut self.inner) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// Raw writes for streamed output (`--jsonl`): unlike [`Output::write_str`],
/// a closed pipe is returned as an error (so that the writer stops), and
/// remembered.
impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.track(|w| w.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.track(|w| w.flush())
    }
}

impl Output {
    fn track<T>(
        &mut self,
        f: impl FnOnce(&mut BufWriter<Box<dyn Write>>) -> io::Result<T>,
    ) -> io::Result<T> {
        if self.closed {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        let result = f(&mut self.inner);
        if matches!(&result, Err(e) if e.kind() == io::ErrorKind::BrokenPipe) {
            self.closed = true;
        }
        result
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // The buffer must not be written again on drop once the pipe is
        // closed (a second EPIPE is harmless but pointless).
        if self.closed {
            let _ = std::mem::replace(
                &mut self.inner,
                BufWriter::new(Box::new(io::sink()) as Box<dyn Write>),
            )
            .into_parts();
        }
    }
}
