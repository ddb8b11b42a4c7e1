//! `coquille.toml`: which rules run, at what severity, with which options.
//!
//! ```toml
//! fail_on = "error"              # error | warning | info
//! select = []                    # only these rules (empty: all)
//! ignore = ["french-spacing"]    # never these rules
//!
//! [severity]                     # per-rule severity override
//! english-quotes = "info"
//!
//! [untranslated-english]
//! min_words = 1
//! allow = ["start-up", "Black Friday"]
//!
//! [french-spacing]
//! strict = false
//! ```

use crate::rule::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The configuration file name looked up by [`Settings::discover`].
pub const CONFIG_FILE: &str = "coquille.toml";

/// Everything configurable about a check.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Lowest severity that makes the verdict `fail`.
    pub fail_on: Severity,
    /// Only these rules run (empty: every rule).
    pub select: Vec<String>,
    /// These rules never run.
    pub ignore: Vec<String>,
    /// Severity overrides by rule id.
    pub severity: BTreeMap<String, Severity>,
    /// Options of `untranslated-english`.
    #[serde(rename = "untranslated-english")]
    pub untranslated_english: EnglishSettings,
    /// Options of `french-spacing`.
    #[serde(rename = "french-spacing")]
    pub french_spacing: SpacingSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            fail_on: Severity::Error,
            select: Vec::new(),
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            untranslated_english: EnglishSettings::default(),
            french_spacing: SpacingSettings::default(),
        }
    }
}

/// Options of the `untranslated-english` rule.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct EnglishSettings {
    /// Shortest run of English words that is reported.
    pub min_words: usize,
    /// Words and phrases never reported (compared case-insensitively).
    pub allow: Vec<String>,
}

impl Default for EnglishSettings {
    fn default() -> Self {
        EnglishSettings {
            min_words: 1,
            allow: Vec::new(),
        }
    }
}

/// Options of the `french-spacing` rule.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SpacingSettings {
    /// Require U+00A0 or U+202F before high punctuation, not any space.
    pub strict: bool,
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
        toml::from_str(text).map_err(|e| SettingsError::Parse {
            path: origin.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })
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
        assert_eq!(s.ignore, vec!["french-spacing"]);
        assert_eq!(s.severity["english-quotes"], Severity::Info);
        assert_eq!(s.untranslated_english.min_words, 2);
        assert!(s.french_spacing.strict);
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
    fn empty_file_is_the_default() {
        assert_eq!(
            Settings::from_toml("", Path::new("c.toml")).unwrap(),
            Settings::default()
        );
    }
}
