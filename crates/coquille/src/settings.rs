//! `coquille.toml`: which rules run, at what severity, with which options.
//!
//! ```toml
//! fail_on = "error"              # error | warning | info
//! fail_on_score = 30             # penalty points per 1,000 words (inf: off)
//! select = []                    # only these rules (empty: all)
//! ignore = ["french-spacing"]    # never these rules
//!
//! [severity]                     # per-rule level (see below)
//! english-quotes = "info"
//!
//! [untranslated-english]         # a rule's options: its `## Options`
//! min_words = 1
//! allow = ["start-up", "Black Friday"]
//!
//! [french-spacing]
//! strict = false
//!
//! [server]                       # `coquille serve` (see `ServerSettings`)
//! max_body_bytes = 2097152
//! ```
//!
//! Severity is set per rule and graded per finding. Each rule has a default
//! level (`coquille rules`), and many grade their findings around it:
//! `untranslated-english` (default `error`) reports a single English word as
//! a `warning` and a title in a reference list as `info`. A `[severity]`
//! entry sets the rule's level; each finding keeps its distance from the
//! rule's default, within `info..=error`
//! ([`Severity::regraded`](crate::Severity::regraded)). Set to `warning`,
//! `untranslated-english` reports runs of English as `warning`, single words
//! and references as `info`. Writing a rule's default level changes nothing.
//!
//! `fail_on_score` fails a document whose [score](crate::score), penalty
//! points per 1,000 words, is above it, even when no finding reaches
//! `fail_on`: a page with many kinds of warnings fails. `inf` turns it off.
//!
//! A rule's options are the keys of its table, named after the rule; each
//! rule declares them in its own file (`UntranslatedEnglishOptions`,
//! `FrenchSpacingOptions`) and documents them under `## Options`. An unknown
//! key, a table for a rule without options, or a value of the wrong type is
//! an error.

use crate::rule::Severity;
use crate::rules;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The configuration file name looked up by [`Settings::discover`].
pub const CONFIG_FILE: &str = "coquille.toml";

/// Everything configurable about a check.
///
/// Unknown keys are errors ([`Settings::from_toml`], [`Settings::check`]).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    /// Lowest severity that makes the verdict `fail`.
    pub fail_on: Severity,
    /// Penalty points per 1,000 words above which the verdict is `fail`
    /// ([`crate::score`]; `inf`: never).
    pub fail_on_score: f64,
    /// Only these rules run (empty: every rule).
    pub select: Vec<String>,
    /// These rules never run.
    pub ignore: Vec<String>,
    /// Rule levels by rule id: each finding keeps its distance from the
    /// rule's default ([`Severity::regraded`]).
    pub severity: BTreeMap<String, Severity>,
    /// Options of `coquille serve`.
    pub server: ServerSettings,
    /// Options of the rules that take some, by rule id: the `[rule-id]`
    /// tables, read by each rule's options struct
    /// ([`Rule::options`](crate::Rule::options)). Any other top-level key
    /// lands here too and is rejected by [`Settings::check`].
    #[serde(flatten)]
    pub rule_options: BTreeMap<String, toml::Value>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            fail_on: Severity::Error,
            fail_on_score: crate::score::DEFAULT_FAIL_ON_SCORE,
            select: Vec::new(),
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            server: ServerSettings::default(),
            rule_options: BTreeMap::new(),
        }
    }
}

/// Options of `coquille serve`, the `[server]` table.
///
/// ```toml
/// [server]
/// addr = "127.0.0.1:8080"
/// max_body_bytes = 2097152        # larger bodies get 413
/// request_timeout_ms = 10000      # headers (and idle keep-alive), then body + check (503)
/// write_timeout_ms = 10000        # an answer the client stops reading: connection reset
/// min_body_rate = 4096            # bytes/s a body must average after its first second (408)
/// max_pending_body_bytes = 33554432  # bodies held at once (read, queued, checked); beyond: 503
/// max_in_flight = 256             # more concurrent requests get 503 + Retry-After
/// queue_wait_ms = 1000            # how long a request waits for a slot before that 503
/// check_workers = 0               # checks running at once (0: one per core)
/// max_findings_per_field = 1000   # findings listed per field; the report says `truncated`
/// max_findings_per_request = 5000 # findings listed over all fields of a request
/// timestamp_tolerance_s = 300     # signed webhooks: allowed clock skew
/// replay_window_s = 600           # a repeated signed delivery id replays the stored verdict
/// replay_cache_size = 10000       # deliveries remembered (a digest of at most 512 bytes each)
/// empty_payload = "reject"        # a webhook with no field to check: "reject" (422) or "pass"
/// webhook_secrets = ["whsec_..."] # signing keys; or COQUILLE_WEBHOOK_SECRET (space-separated)
/// webhook_tokens = ["..."]        # strapi/contentful bearer tokens; or COQUILLE_WEBHOOK_TOKEN
/// api_token = "..."               # or COQUILLE_API_TOKEN; required by /v1/check and /v2/check
/// cors_origins = ["https://editor.example"]  # default: any without api_token, none with it
///
/// [server.adapters.ghost]         # per-adapter field mapping and secrets
/// fields = [{ name = "title", path = "post.current.title" },
///           { name = "body", path = "post.current.html", format = "html" }]
/// ```
///
/// Secrets are better given by environment variables than written in a file.
#[derive(Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ServerSettings {
    /// Address to listen on when `--addr` is not given.
    pub addr: Option<String>,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Longest time a client may take to send its request headers (also the
    /// longest a keep-alive connection may stay idle), and then its body plus
    /// the check (each; 503 past it), in milliseconds.
    pub request_timeout_ms: u64,
    /// Longest time writing an answer may make no progress (a client that
    /// does not read it) before the connection is reset, in milliseconds.
    pub write_timeout_ms: u64,
    /// Slowest request body accepted, in bytes per second averaged from the
    /// end of the headers, after a first second free (0: no minimum). Slower
    /// bodies get 408 and their connection is closed.
    pub min_body_rate: u64,
    /// Most bytes of request bodies held at once, being read, waiting for a
    /// check or being checked; a request that would go past it gets 503.
    pub max_pending_body_bytes: usize,
    /// Most requests handled at once; more get 503 with `Retry-After`.
    pub max_in_flight: usize,
    /// How long a request may wait for a free slot (in flight, or in
    /// `max_pending_body_bytes`) before it gets that 503, in milliseconds.
    pub queue_wait_ms: u64,
    /// Checks running at once on the blocking pool (0: one per core).
    pub check_workers: usize,
    /// Findings listed per field (or LanguageTool request); more are counted
    /// and the report says `truncated`.
    pub max_findings_per_field: usize,
    /// Findings listed over all the fields of one request.
    pub max_findings_per_request: usize,
    /// Signed webhooks: largest difference between the signed timestamp and
    /// the server clock, in seconds.
    pub timestamp_tolerance_s: u64,
    /// How long a delivery id is remembered, in seconds.
    pub replay_window_s: u64,
    /// Most delivery ids remembered.
    pub replay_cache_size: usize,
    /// What a verified webhook whose payload has no field to check gets.
    pub empty_payload: EmptyPayload,
    /// Webhook signing keys (several during a rotation): `whsec_...` keys for
    /// `standard`, other secrets for `github-style` and `ghost`.
    pub webhook_secrets: Vec<String>,
    /// Bearer tokens of the `strapi` and `contentful` adapters (signing keys
    /// are never accepted as tokens).
    pub webhook_tokens: Vec<String>,
    /// Bearer token required by `/v1/check` and `/v2/check` when set.
    pub api_token: Option<String>,
    /// Origins a browser may call `/v1/check` and `/v2/*` from (CORS). Empty:
    /// any origin when no `api_token` is set, none when one is. `"*"` is
    /// refused together with an `api_token`.
    pub cors_origins: Vec<String>,
    /// Per-adapter settings, by adapter name (`standard`, `github-style`,
    /// `ghost`, `strapi`, `contentful`).
    pub adapters: BTreeMap<String, AdapterSettings>,
}

impl Default for ServerSettings {
    fn default() -> Self {
        ServerSettings {
            addr: None,
            max_body_bytes: 2 * 1024 * 1024,
            request_timeout_ms: 10_000,
            write_timeout_ms: 10_000,
            min_body_rate: 4096,
            max_pending_body_bytes: 32 * 1024 * 1024,
            max_in_flight: 256,
            queue_wait_ms: 1000,
            check_workers: 0,
            max_findings_per_field: 1000,
            max_findings_per_request: 5000,
            timestamp_tolerance_s: 300,
            replay_window_s: 600,
            replay_cache_size: 10_000,
            empty_payload: EmptyPayload::Reject,
            webhook_secrets: Vec::new(),
            webhook_tokens: Vec::new(),
            api_token: None,
            cors_origins: Vec::new(),
            adapters: BTreeMap::new(),
        }
    }
}

impl std::fmt::Debug for ServerSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerSettings")
            .field("addr", &self.addr)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("request_timeout_ms", &self.request_timeout_ms)
            .field("write_timeout_ms", &self.write_timeout_ms)
            .field("min_body_rate", &self.min_body_rate)
            .field("max_pending_body_bytes", &self.max_pending_body_bytes)
            .field("max_in_flight", &self.max_in_flight)
            .field("queue_wait_ms", &self.queue_wait_ms)
            .field("check_workers", &self.check_workers)
            .field("max_findings_per_field", &self.max_findings_per_field)
            .field("max_findings_per_request", &self.max_findings_per_request)
            .field("timestamp_tolerance_s", &self.timestamp_tolerance_s)
            .field("replay_window_s", &self.replay_window_s)
            .field("replay_cache_size", &self.replay_cache_size)
            .field("empty_payload", &self.empty_payload)
            .field(
                "webhook_secrets",
                &format_args!("[{} redacted]", self.webhook_secrets.len()),
            )
            .field(
                "webhook_tokens",
                &format_args!("[{} redacted]", self.webhook_tokens.len()),
            )
            .field("api_token", &self.api_token.as_ref().map(|_| "redacted"))
            .field("cors_origins", &self.cors_origins)
            .field("adapters", &self.adapters)
            .finish()
    }
}

/// What a verified webhook whose payload has no field to check gets.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EmptyPayload {
    /// 422: nothing was checked, so nothing may pass the gate.
    #[default]
    Reject,
    /// 200 with verdict `pass` and a note (for CMS pings that must succeed).
    Pass,
}

/// Settings of one webhook adapter.
#[derive(Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct AdapterSettings {
    /// Which parts of the payload are checked (empty: the adapter's default).
    pub fields: Vec<FieldMapping>,
    /// Secrets of this adapter only: signing keys for `standard` (`whsec_`),
    /// `github-style` and `ghost`, bearer tokens for `strapi` and
    /// `contentful` (empty: the server's `webhook_secrets` or
    /// `webhook_tokens`).
    pub secrets: Vec<String>,
    /// Contentful: the locale to check, matched exactly (`fr`, `fr-FR` and
    /// `fr-CA` are three locales); an entry without it is refused. Unset: an
    /// entry with one locale is checked in it, one with several is refused.
    /// `?locale=` on the webhook URL overrides it.
    pub locale: Option<String>,
    /// Contentful: webhook signing secrets (request verification,
    /// `x-contentful-signature`). When set, deliveries must carry a valid
    /// signature, and bearer tokens are not accepted.
    pub signing_secrets: Vec<String>,
}

impl std::fmt::Debug for AdapterSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdapterSettings")
            .field("fields", &self.fields)
            .field(
                "secrets",
                &format_args!("[{} redacted]", self.secrets.len()),
            )
            .field("locale", &self.locale)
            .field(
                "signing_secrets",
                &format_args!("[{} redacted]", self.signing_secrets.len()),
            )
            .finish()
    }
}

/// One checked field of a webhook payload.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FieldMapping {
    /// The field's name in the answer (`title`, `body`, ...).
    pub name: String,
    /// Dot-separated path into the JSON payload (`post.current.html`); `*`
    /// stands for the first key of an object (or the configured locale).
    pub path: String,
    /// Format of the field's text.
    #[serde(default)]
    pub format: crate::document::Format,
}

/// A configuration file that could not be read or understood.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys.
    #[error("invalid configuration {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
}

impl Settings {
    /// Parses settings from TOML text; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &Path) -> Result<Self, SettingsError> {
        let parse_error = |message: String| SettingsError::Parse {
            path: origin.to_path_buf(),
            message,
        };
        let settings: Settings =
            toml::from_str(text).map_err(|e| parse_error(e.to_string().trim_end().to_string()))?;
        settings.check().map_err(parse_error)?;
        Ok(settings)
    }

    /// Checks the tables of [`Settings::rule_options`]: each must name a rule
    /// that takes options, and be read by it without error.
    pub fn check(&self) -> Result<(), String> {
        if self.fail_on_score.is_nan() || self.fail_on_score < 0.0 {
            return Err(format!(
                "`fail_on_score` must be a number of points, 0 or more (`inf`: off), not {}",
                self.fail_on_score
            ));
        }
        for (key, value) in &self.rule_options {
            let rule = rules::by_id(key)
                .ok_or_else(|| format!("unknown key `{key}` (neither a setting nor a rule id)"))?;
            let schema = rule
                .options()
                .ok_or_else(|| format!("`[{key}]`: the rule `{key}` takes no options"))?;
            let table = value
                .as_table()
                .ok_or_else(|| format!("`{key}` must be a table of the rule's options"))?;
            schema.read(table).map_err(|e| format!("`[{key}]`: {e}"))?;
        }
        Ok(())
    }

    /// Sets the options of rule `rule` from its options struct
    /// (`UntranslatedEnglishOptions`, `FrenchSpacingOptions`).
    pub fn set_rule_options<T: Serialize>(
        &mut self,
        rule: &str,
        options: &T,
    ) -> Result<(), String> {
        let value = toml::Value::try_from(options).map_err(|e| e.to_string())?;
        self.rule_options.insert(rule.to_string(), value);
        Ok(())
    }

    /// Reads settings from a file.
    pub fn from_file(path: &Path) -> Result<Self, SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_toml(&text, path)
    }

    /// Finds `coquille.toml` in `start` (a file's folder or a folder) or the
    /// nearest folder above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.is_dir() {
            start.to_path_buf()
        } else {
            start.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let start = if start.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            start
        };
        let start = start.canonicalize().unwrap_or(start);
        start
            .ancestors()
            .map(|d| d.join(CONFIG_FILE))
            .find(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_file() {
        let s = Settings::from_toml(
            r#"
fail_on = "warning"
fail_on_score = 12.5
ignore = ["french-spacing"]
[severity]
english-quotes = "info"
[untranslated-english]
min_words = 2
allow = ["Black Friday"]
[french-spacing]
strict = true
"#,
            Path::new("coquille.toml"),
        )
        .unwrap();
        assert_eq!(s.fail_on, Severity::Warning);
        assert_eq!(s.fail_on_score, 12.5);
        assert_eq!(s.ignore, vec!["french-spacing"]);
        assert_eq!(s.severity["english-quotes"], Severity::Info);
        assert_eq!(
            s.rule_options["untranslated-english"]["min_words"].as_integer(),
            Some(2)
        );
        assert_eq!(
            s.rule_options["french-spacing"]["strict"].as_bool(),
            Some(true)
        );
    }

    #[test]
    fn rule_tables_are_checked_by_their_rule() {
        for (toml, message) in [
            (
                "[untranslated-english]\nmin_word = 2",
                "unknown field `min_word`",
            ),
            (
                "[untranslated-english]\nmin_words = \"two\"",
                "invalid type",
            ),
            ("[duplicate-punctuation]\nstrict = true", "takes no options"),
            ("[no-such-rule]\nx = 1", "unknown key `no-such-rule`"),
            ("strict = true", "unknown key `strict`"),
        ] {
            let e = Settings::from_toml(toml, Path::new("c.toml"))
                .unwrap_err()
                .to_string();
            assert!(e.contains("c.toml") && e.contains(message), "{toml}: {e}");
        }
        let mut s = Settings::default();
        s.set_rule_options(
            "french-spacing",
            &crate::rules::FrenchSpacingOptions { strict: true },
        )
        .unwrap();
        assert!(s.check().is_ok());
        assert_eq!(
            s.rule_options["french-spacing"]["strict"].as_bool(),
            Some(true)
        );
    }

    #[test]
    fn unknown_keys_are_errors_naming_the_file() {
        let e = Settings::from_toml("fail_onn = \"error\"", Path::new("x/coquille.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("x/coquille.toml") && e.contains("fail_onn"),
            "{e}"
        );
    }

    #[test]
    fn server_table_parses_and_rejects_unknown_keys() {
        let s = Settings::from_toml(
            r#"
[server]
max_body_bytes = 1024
webhook_secrets = ["whsec_abc"]
[server.adapters.ghost]
fields = [{ name = "body", path = "post.current.html", format = "html" }]
"#,
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(s.server.max_body_bytes, 1024);
        assert_eq!(s.server.request_timeout_ms, 10_000);
        let ghost = &s.server.adapters["ghost"];
        assert_eq!(ghost.fields[0].format, crate::document::Format::Html);
        assert!(
            !format!("{s:?}").contains("whsec_abc"),
            "secrets must not be printed"
        );
        let e = Settings::from_toml("[server]\nmax_body = 1", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("max_body"), "{e}");
    }

    #[test]
    fn fail_on_score_takes_a_number_or_inf() {
        let read = |t: &str| Settings::from_toml(t, Path::new("c.toml"));
        assert_eq!(read("fail_on_score = 30").unwrap().fail_on_score, 30.0);
        assert!(
            read("fail_on_score = inf")
                .unwrap()
                .fail_on_score
                .is_infinite()
        );
        for bad in [
            "fail_on_score = nan",
            "fail_on_score = -1",
            "fail_on_score = \"high\"",
        ] {
            let e = read(bad).unwrap_err().to_string();
            assert!(e.contains("fail_on_score"), "{bad}: {e}");
        }
    }

    #[test]
    fn empty_file_is_the_default() {
        assert_eq!(
            Settings::from_toml("", Path::new("c.toml")).unwrap(),
            Settings::default()
        );
    }
}
