//! The word lists of `data/`, compiled in with `include_str!`, and their one
//! loader.
//!
//! Every list is a [`DataFile`] of [`FILES`]. A list holds one entry a line;
//! blank lines and lines starting with `#` are skipped. A list with classes
//! is cut into sections by header lines `[class]` (or `[class: note]`); a
//! class that the file does not declare, an entry before the first header,
//! an entry listed twice in one class, or a word in two classes that
//! exclude each other is an error, found by the data test, never a silent
//! default. Pair lists hold `left<TAB>right` lines.
//!
//! The frequency lexicons (`wordfreq-*.tsv`) are tables, read by
//! [`crate::lang::lexicon`].

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

/// One list of `data/`.
#[derive(Debug)]
pub(crate) struct DataFile {
    /// Its file name in `data/`, for messages.
    pub name: &'static str,
    /// Its text.
    pub text: &'static str,
    /// How it is laid out.
    pub layout: Layout,
    /// Its entries, read once.
    read: OnceLock<Vec<Entry>>,
}

/// How a list is laid out.
#[derive(Debug)]
pub(crate) enum Layout {
    /// One entry a line, no sections.
    Plain,
    /// Sections `[class]`; each class a word may belong to once. Classes of
    /// one `exclusive` group share no entry (compared as written).
    Classes {
        classes: &'static [&'static str],
        exclusive: &'static [&'static [&'static str]],
    },
    /// `left<TAB>right` lines.
    Pairs,
}

/// An entry of a list, as written, with where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    /// 1-based line number.
    pub line: usize,
    /// Its class (`""` in a plain or pair list).
    pub class: &'static str,
    /// The note of its section header (`[class: note]`), if any.
    pub note: Option<&'static str>,
    /// The entry, trimmed.
    pub text: &'static str,
}

/// A malformed line of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DataError {
    file: &'static str,
    line: usize,
    message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "data/{}:{}: {}", self.file, self.line, self.message)
    }
}

impl DataFile {
    fn error(&self, line: usize, message: String) -> DataError {
        DataError {
            file: self.name,
            line,
            message,
        }
    }

    /// Every entry, checked against the layout.
    #[cfg(test)]
    pub fn entries(&self) -> Result<Vec<Entry>, DataError> {
        self.parse(true)
    }

    /// The entries; with `validate`, also the checks that need a table of
    /// what was seen (an entry twice, a word in two exclusive classes),
    /// which a release build leaves to the data test
    /// (`every_list_of_data_is_well_formed`): the lists are compiled in.
    fn parse(&self, validate: bool) -> Result<Vec<Entry>, DataError> {
        let mut out = Vec::new();
        let mut section: Option<(&'static str, Option<&'static str>)> = None;
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        for (i, raw) in self.text.lines().enumerate() {
            let line = i + 1;
            let text = raw.trim();
            if text.is_empty() || text.starts_with('#') {
                continue;
            }
            match &self.layout {
                Layout::Classes { classes, .. } => {
                    if let Some(head) = text.strip_prefix('[') {
                        let head = head.strip_suffix(']').ok_or_else(|| {
                            self.error(line, format!("unclosed section header `{text}`"))
                        })?;
                        let (class, note) = match head.split_once(':') {
                            Some((c, n)) => (c.trim(), Some(n.trim())),
                            None => (head.trim(), None),
                        };
                        if !classes.contains(&class) {
                            return Err(self.error(
                                line,
                                format!(
                                    "unknown class `{class}` (expected one of: {})",
                                    classes.join(", ")
                                ),
                            ));
                        }
                        section = Some((class, note));
                        continue;
                    }
                    let Some((class, note)) = section else {
                        return Err(self
                            .error(line, format!("`{text}` stands before any `[class]` header")));
                    };
                    if validate && !seen.insert((class, text)) {
                        return Err(self.error(line, format!("`{text}` listed twice in `{class}`")));
                    }
                    out.push(Entry {
                        line,
                        class,
                        note,
                        text,
                    });
                }
                Layout::Plain | Layout::Pairs => {
                    // `[en]` is an entry here (a language mark).
                    if matches!(self.layout, Layout::Pairs) {
                        let ok = raw.split_once('\t').is_some_and(|(l, r)| {
                            !l.trim().is_empty() && !r.trim().is_empty() && !r.contains('\t')
                        });
                        if !ok {
                            return Err(self.error(line, "expected `left<TAB>right`".into()));
                        }
                    }
                    if validate && !seen.insert(("", text)) {
                        return Err(self.error(line, format!("`{text}` listed twice")));
                    }
                    out.push(Entry {
                        line,
                        class: "",
                        note: None,
                        text,
                    });
                }
            }
        }
        if let (true, Layout::Classes { exclusive, .. }) = (validate, &self.layout) {
            for group in *exclusive {
                let mut owner: std::collections::HashMap<&str, &str> = Default::default();
                for e in out.iter().filter(|e| group.contains(&e.class)) {
                    if let Some(other) = owner.insert(e.text, e.class)
                        && other != e.class
                    {
                        return Err(self.error(
                            e.line,
                            format!(
                                "`{}` is in `{other}` and in `{}`, which exclude each other",
                                e.text, e.class
                            ),
                        ));
                    }
                }
            }
        }
        Ok(out)
    }

    /// Every entry, read once; panics on malformed data (the data test
    /// fails first). A debug build checks every list in full on first use.
    pub fn checked(&self) -> &[Entry] {
        self.read.get_or_init(|| {
            self.parse(cfg!(debug_assertions))
                .unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// Whether the list has sections and `class` is one of them.
    pub fn has_class(&self, class: &str) -> bool {
        matches!(&self.layout, Layout::Classes { classes, .. } if classes.contains(&class))
    }

    /// The entries of a plain list.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.checked().iter().map(|e| e.text)
    }

    /// The entries of `class`, in file order.
    pub fn class<'c>(&self, class: &'c str) -> impl Iterator<Item = &'static str> + use<'_, 'c> {
        self.checked()
            .iter()
            .filter(move |e| e.class == class)
            .map(|e| e.text)
    }

    /// The entries of several classes, in file order. Asking for a class the
    /// file does not declare is a bug: it panics in debug builds (the tests
    /// build every table).
    pub fn classes<'c>(
        &self,
        classes: &'c [&str],
    ) -> impl Iterator<Item = &'static str> + use<'_, 'c> {
        debug_assert!(
            classes.iter().all(|c| matches!(
                &self.layout,
                Layout::Classes { classes: declared, .. } if declared.contains(c)
            )),
            "data/{}: no class among {classes:?}",
            self.name
        );
        self.checked()
            .iter()
            .filter(move |e| classes.contains(&e.class))
            .map(|e| e.text)
    }

    /// The `(left, right)` pairs of a pair list, trimmed.
    pub fn pairs(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.checked().iter().map(|e| {
            let (l, r) = e.text.split_once('\t').unwrap_or((e.text, ""));
            (l.trim(), r.trim())
        })
    }
}

/// Declares a struct of word sets, each field the entries of some classes of
/// a list of `data/` (any collection of `&'static str`), and its `load`:
///
/// ```text
/// word_sets! {
///     /// The cues of a rule.
///     struct Cues {
///         /// Words of weight.
///         weight: HashSet<&'static str> = IMPERIAL_CUES["weight"],
///     }
/// }
/// static CUES: LazyLock<Cues> = LazyLock::new(Cues::load);
/// ```
macro_rules! word_sets {
    (
        $(#[$meta:meta])*
        struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                $field:ident: $set:ty = $file:ident [$($class:literal),+ $(,)?]
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        struct $name {
            $($(#[$field_meta])* $field: $set,)*
        }

        impl $name {
            /// Reads every set from `data/`.
            fn load() -> Self {
                $name {
                    $($field: crate::data::$file.classes(&[$($class),+]).collect(),)*
                }
            }
        }
    };
}
pub(crate) use word_sets;

macro_rules! data_file {
    ($name:literal, $layout:expr) => {
        DataFile {
            name: $name,
            text: include_str!(concat!("../../../data/", $name)),
            layout: $layout,
            read: OnceLock::new(),
        }
    };
}

/// French abbreviations, by how they behave at a full stop.
pub(crate) static ABBREVIATIONS: DataFile = data_file!(
    "abbreviations-fr.txt",
    Layout::Classes {
        classes: &["plain", "title", "word", "era", "nonfinal", "lower"],
        exclusive: &[&["plain", "title", "word", "era", "nonfinal", "lower"]],
    }
);

/// English abbreviations, by how they behave at a full stop (for the
/// English sentence splitter: sources of bilingual checks).
pub(crate) static ABBREVIATIONS_EN: DataFile = data_file!(
    "abbreviations-en.txt",
    Layout::Classes {
        classes: &["plain", "title", "word", "nonfinal"],
        exclusive: &[&["plain", "title", "word", "nonfinal"]],
    }
);

/// Capitalised words that usually open an English sentence.
pub(crate) static SENTENCE_OPENERS_EN: DataFile =
    data_file!("sentence-openers-en.txt", Layout::Plain);

/// Words that cannot end a line of English prose.
pub(crate) static LINE_CONTINUATION_WORDS_EN: DataFile =
    data_file!("line-continuation-words-en.txt", Layout::Plain);

/// Capitalised words that open a French sentence, by how surely.
pub(crate) static SENTENCE_OPENERS: DataFile = data_file!(
    "sentence-openers-fr.txt",
    Layout::Classes {
        classes: &["label", "opener", "usual", "teaser"],
        exclusive: &[&["label", "opener", "usual", "teaser"]],
    }
);

/// Closed-class words of French and English.
pub(crate) static FUNCTION_WORDS: DataFile = data_file!(
    "function-words.txt",
    Layout::Classes {
        classes: &[
            "fr",
            "en",
            "en-not-a-name",
            "not-a-name",
            "determiner",
            "elided",
            "connector",
            "noun-introducer-fr",
            "glue-tail-fr",
            "en-glue",
        ],
        exclusive: &[&["fr", "en"]],
    }
);

/// Names whose `!` belongs to the name.
pub(crate) static NAMES_WITH_EXCLAMATION: DataFile =
    data_file!("names-with-exclamation.txt", Layout::Plain);

/// Words that cannot end a line of French prose.
pub(crate) static LINE_CONTINUATION_WORDS: DataFile =
    data_file!("line-continuation-words-fr.txt", Layout::Plain);

/// Words after which a capital does not start a sentence.
pub(crate) static RUN_ON_WORDS: DataFile = data_file!("run-on-words-fr.txt", Layout::Plain);

/// Words of broken sentences: words that continue a sentence and
/// abbreviations written without a dot, for `stray-full-stop`; the words of a
/// fragment of names, for `sentence-fragment`.
pub(crate) static FRAGMENT_WORDS: DataFile = data_file!(
    "fragment-words-fr.txt",
    Layout::Classes {
        classes: &[
            "continues",
            "not-participle",
            "no-dot",
            "no-dot-before-name",
            "time",
            "title",
            "link",
        ],
        exclusive: &[
            &["continues", "not-participle"],
            &["no-dot", "no-dot-before-name"]
        ],
    }
);

/// US states and large cities, for `us-place-format` and `imperial-units`.
pub(crate) static US_PLACES: DataFile = data_file!(
    "us-places.txt",
    Layout::Classes {
        classes: &["state", "city"],
        exclusive: &[],
    }
);

/// North American professional teams whose nicknames translation engines
/// turn into French words, for `translated-team-name`.
pub(crate) static SPORTS_TEAMS: DataFile = data_file!(
    "sports-teams-en-fr.txt",
    Layout::Classes {
        classes: &["nba", "nfl", "mlb", "nhl"],
        exclusive: &[],
    }
);

/// English-language media whose names translation engines render word for
/// word (`People` → `Personnes`), for `translated-media-name`.
pub(crate) static MEDIA_NAMES: DataFile = data_file!("media-names-en-fr.txt", Layout::Pairs);

/// Month and day names in French and English and the words around dates,
/// for `english-date`.
pub(crate) static CALENDAR: DataFile = data_file!(
    "calendar-en-fr.txt",
    Layout::Classes {
        classes: &[
            "month",
            "day",
            "holiday",
            "english-before",
            "day-name-part",
            "day-determiner",
            "day-follower",
        ],
        exclusive: &[&["month", "day"]],
    }
);

/// Words that show a text cut off before `…`, and the labels of the link
/// after a cut excerpt (`[…] Lire la suite`).
pub(crate) static TRUNCATION_CUES: DataFile = data_file!(
    "truncation-cues.txt",
    Layout::Classes {
        classes: &[
            "function",
            "degree",
            "degree-phrase",
            "copula",
            "prenominal",
            "interrogative",
            "transitive",
            "infinitive-introducer",
            "more-link",
        ],
        exclusive: &[&["function", "degree", "prenominal", "transitive"]],
    }
);

/// Words a doubled word may be on purpose, for `repeated-word`.
pub(crate) static REPEATED_WORDS: DataFile = data_file!(
    "repeated-words.txt",
    Layout::Classes {
        classes: &["deliberate", "emphatic", "after-relative"],
        exclusive: &[&["deliberate", "emphatic"]],
    }
);

/// Words around a capital `A` or `Ca`, for `capital-accent`.
pub(crate) static CAPITAL_A_CUES: DataFile = data_file!(
    "capital-a-cues-fr.txt",
    Layout::Classes {
        classes: &["letter-before", "latin", "participle", "ca-next"],
        exclusive: &[&["letter-before", "latin", "participle"]],
    }
);

/// Capitalised words whose initial accent is often dropped.
pub(crate) static CAPITAL_ACCENT: DataFile = data_file!("capital-accent.txt", Layout::Pairs);

/// Words around numbers, for `english-number-format`.
pub(crate) static NUMBER_WORDS: DataFile = data_file!(
    "number-words.txt",
    Layout::Classes {
        classes: &[
            "count-noun",
            "quantity",
            "measure-unit",
            "section",
            "unit",
            "engine-after",
            "engine-before",
            "calibre-after",
            "calibre-before",
        ],
        exclusive: &[&["count-noun", "section"]],
    }
);

/// Words of context for `imperial-units`.
pub(crate) static IMPERIAL_CUES: DataFile = data_file!(
    "imperial-cues.txt",
    Layout::Classes {
        classes: &[
            "weight",
            "currency",
            "size",
            "screen",
            "metal",
            "loyalty",
            "matter",
            "weather",
            "not-weather",
            "money",
            "aviation",
            "kitchen",
            "gridiron",
        ],
        exclusive: &[
            &["weight", "size", "screen", "metal", "loyalty"],
            &["weather", "not-weather"],
        ],
    }
);

/// Word endings that tell English from French.
pub(crate) static WORD_ENDINGS: DataFile = data_file!(
    "word-endings.txt",
    Layout::Classes {
        classes: &["en", "fr", "en-clitic", "completion", "en-compound-head"],
        exclusive: &[&["en", "fr"]],
    }
);

/// English words French has adopted.
pub(crate) static LOANWORDS: DataFile = data_file!("loanwords-en-fr.txt", Layout::Plain);

/// English field labels of product pages (`Package Included:`).
pub(crate) static ENGLISH_LABELS: DataFile = data_file!("english-labels.txt", Layout::Plain);

/// English names of countries and languages French names otherwise
/// (`Slovenia`, `French`).
pub(crate) static ENGLISH_EXONYMS: DataFile = data_file!("english-exonyms.txt", Layout::Plain);

/// Marks of a bibliographic reference.
pub(crate) static REFERENCE_CUES: DataFile = data_file!("reference-cues.txt", Layout::Plain);

/// Camel-case names `glued-words` leaves alone.
pub(crate) static GLUED_WORDS_ALLOW: DataFile = data_file!("glued-words-allow.txt", Layout::Plain);

/// French renderings of HTML element names.
pub(crate) static HTML_TAG_TRANSLATIONS: DataFile =
    data_file!("html-tag-translations.txt", Layout::Pairs);

/// Interface text of web pages, by family.
pub(crate) static BOILERPLATE_PHRASES: DataFile = data_file!(
    "boilerplate-phrases.txt",
    Layout::Classes {
        classes: &[
            "wordpress",
            "amp",
            "sharing",
            "related-links",
            "subscription",
            "newsletter",
            "cookies",
            "advertising",
            "credits",
            "embeds",
        ],
        exclusive: &[],
    }
);

/// A game's vocabulary rendered word for word, and the words that tell a
/// game from finance, for `sports-calque`.
pub(crate) static SPORTS_CALQUES: DataFile = data_file!(
    "sports-calques-fr.txt",
    Layout::Classes {
        classes: &["alone", "counted", "game-unit", "number-word", "finance"],
        exclusive: &[&["alone", "counted"]],
    }
);

/// Every list of `data/` but the frequency tables.
#[cfg(test)]
pub(crate) static FILES: &[&DataFile] = &[
    &ABBREVIATIONS_EN,
    &SENTENCE_OPENERS_EN,
    &LINE_CONTINUATION_WORDS_EN,
    &ABBREVIATIONS,
    &SENTENCE_OPENERS,
    &FUNCTION_WORDS,
    &NAMES_WITH_EXCLAMATION,
    &LINE_CONTINUATION_WORDS,
    &RUN_ON_WORDS,
    &FRAGMENT_WORDS,
    &US_PLACES,
    &SPORTS_TEAMS,
    &MEDIA_NAMES,
    &CALENDAR,
    &TRUNCATION_CUES,
    &REPEATED_WORDS,
    &CAPITAL_A_CUES,
    &CAPITAL_ACCENT,
    &NUMBER_WORDS,
    &IMPERIAL_CUES,
    &WORD_ENDINGS,
    &LOANWORDS,
    &ENGLISH_LABELS,
    &ENGLISH_EXONYMS,
    &REFERENCE_CUES,
    &GLUED_WORDS_ALLOW,
    &HTML_TAG_TRANSLATIONS,
    &BOILERPLATE_PHRASES,
    &SPORTS_CALQUES,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &'static str, layout: Layout) -> DataFile {
        DataFile {
            name: "test.txt",
            text,
            layout,
            read: OnceLock::new(),
        }
    }

    const AB: Layout = Layout::Classes {
        classes: &["a", "b"],
        exclusive: &[&["a", "b"]],
    };

    #[test]
    fn every_list_of_data_is_well_formed() {
        for f in FILES {
            let entries = f.entries().unwrap_or_else(|e| panic!("{e}"));
            assert!(!entries.is_empty(), "data/{} is empty", f.name);
        }
    }

    #[test]
    fn every_file_of_data_is_registered() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        let mut registered: Vec<&str> = FILES.iter().map(|f| f.name).collect();
        registered.sort_unstable();
        assert_eq!(names, registered);
    }

    #[test]
    fn blank_lines_comments_and_notes_are_read() {
        let f = file("# a list\n\n[a: first]\n  le \n#x\n[b]\nla\n", AB);
        let got: Vec<(&str, Option<&str>, &str)> = f
            .entries()
            .unwrap()
            .iter()
            .map(|e| (e.class, e.note, e.text))
            .collect();
        assert_eq!(got, [("a", Some("first"), "le"), ("b", None, "la")]);
        assert_eq!(f.class("b").collect::<Vec<_>>(), ["la"]);
        let plain = file("# x\nle\n  la\n", Layout::Plain);
        assert_eq!(plain.words().collect::<Vec<_>>(), ["le", "la"]);
        let pairs = file("Etat\tÉtat\n", Layout::Pairs);
        assert_eq!(pairs.pairs().collect::<Vec<_>>(), [("Etat", "État")]);
    }

    #[test]
    fn malformed_lists_are_errors_with_their_line() {
        for (text, layout, message) in [
            ("[a]\nle\n[c]\nla\n", AB, "test.txt:3: unknown class `c`"),
            ("le\n[a]\n", AB, "test.txt:1: `le` stands before"),
            ("[a]\nle\nle\n", AB, "test.txt:3: `le` listed twice in `a`"),
            (
                "[a]\nle\n[b]\nle\n",
                AB,
                "test.txt:4: `le` is in `a` and in `b`",
            ),
            ("[a\n", AB, "test.txt:1: unclosed"),
            ("le\nle\n", Layout::Plain, "test.txt:2: `le` listed twice"),
            (
                "Etat État\n",
                Layout::Pairs,
                "test.txt:1: expected `left<TAB>right`",
            ),
        ] {
            let e = file(text, layout).entries().unwrap_err().to_string();
            assert!(e.contains(message), "{e}");
        }
        // Classes outside an exclusive group may share words.
        let shared = Layout::Classes {
            classes: &["a", "b"],
            exclusive: &[],
        };
        assert!(file("[a]\nle\n[b]\nle\n", shared).entries().is_ok());
    }
}
