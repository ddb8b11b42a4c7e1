//! Which language a whole text is written in, for callers that must answer
//! "auto" (the LanguageTool-compatible API): whatlang names the language
//! among its 69, and when it says English or French, or is unsure between
//! Latin-script languages, lingua (English and French models, the same
//! detector the `untranslated-english` rule uses) decides between the two.
//!
//! Only the start of the text is read ([`SAMPLE_BYTES`]), so the cost is
//! bounded whatever the input size.

use lingua::Language;
use whatlang::Lang;

/// Bytes of the text's start that detection reads.
pub const SAMPLE_BYTES: usize = 4096;

/// A detected language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detected {
    /// ISO 639-1 code when the language has one (`fr`, `en`, `de`), else
    /// ISO 639-3 (`cmn`).
    pub code: &'static str,
    /// English name (`French`).
    pub name: &'static str,
    /// Confidence between 0 and 1.
    pub confidence: f64,
}

impl Detected {
    /// Whether the text is French.
    pub fn is_french(&self) -> bool {
        self.code == "fr"
    }
}

/// The language of `text`, or `None` when there is too little text to say.
pub fn detect(text: &str) -> Option<Detected> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let info = whatlang::detect(sample)?;
    let latin = info.script() == whatlang::Script::Latin;
    let french_or_english = matches!(info.lang(), Lang::Fra | Lang::Eng);
    if french_or_english || (latin && !info.is_reliable()) {
        let values = super::english::lingua_detector().compute_language_confidence_values(sample);
        if let Some(&(lang, confidence)) = values.first() {
            let (code, name) = if lang == Language::French {
                ("fr", "French")
            } else {
                ("en", "English")
            };
            return Some(Detected {
                code,
                name,
                confidence,
            });
        }
    }
    Some(Detected {
        code: iso_639_1(info.lang()).unwrap_or(info.lang().code()),
        name: info.lang().eng_name(),
        confidence: info.confidence(),
    })
}

/// The two-letter code of the languages that have one.
fn iso_639_1(lang: Lang) -> Option<&'static str> {
    use Lang::*;
    Some(match lang {
        Afr => "af",
        Ara => "ar",
        Bel => "be",
        Ben => "bn",
        Bul => "bg",
        Cat => "ca",
        Ces => "cs",
        Dan => "da",
        Deu => "de",
        Ell => "el",
        Eng => "en",
        Epo => "eo",
        Est => "et",
        Fin => "fi",
        Fra => "fr",
        Heb => "he",
        Hin => "hi",
        Hrv => "hr",
        Hun => "hu",
        Hye => "hy",
        Ind => "id",
        Ita => "it",
        Jpn => "ja",
        Kat => "ka",
        Khm => "km",
        Kor => "ko",
        Lat => "la",
        Lav => "lv",
        Lit => "lt",
        Mkd => "mk",
        Nld => "nl",
        Nob => "nb",
        Pes => "fa",
        Pol => "pl",
        Por => "pt",
        Ron => "ro",
        Rus => "ru",
        Slk => "sk",
        Slv => "sl",
        Spa => "es",
        Srp => "sr",
        Swe => "sv",
        Tam => "ta",
        Tgl => "tl",
        Tha => "th",
        Tur => "tr",
        Ukr => "uk",
        Urd => "ur",
        Vie => "vi",
        Cmn => "zh",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_english_and_others_are_told_apart() {
        let fr = detect(
            "Les troupes russes sont arrivées hier soir à la frontière, selon le ministère.",
        )
        .unwrap();
        assert_eq!((fr.code, fr.name), ("fr", "French"));
        assert!(fr.is_french());
        let en = detect("The troops arrived at the border last night, according to the ministry.")
            .unwrap();
        assert_eq!((en.code, en.name), ("en", "English"));
        assert!(!en.is_french());
        let de = detect(
            "Die Truppen sind gestern Abend an der Grenze angekommen, teilte das Ministerium mit.",
        )
        .unwrap();
        assert_eq!(de.code, "de");
        let ru = detect("Войска прибыли на границу вчера вечером, сообщило министерство обороны.")
            .unwrap();
        assert_eq!(ru.code, "ru");
        assert!(detect("").is_none());
    }

    #[test]
    fn only_the_start_is_read() {
        // The sample ends inside a two-byte character: it is cut before it
        // (slicing there would panic).
        let mut text = "x".to_string();
        text.push_str(&"é".repeat(SAMPLE_BYTES));
        let _ = detect(&text);
        // A long French text followed by English: the start decides.
        let fr =
            "Les troupes sont arrivées hier soir à la frontière, selon le ministère. ".repeat(100);
        let mixed = format!(
            "{fr}{}",
            "The troops arrived at the border last night. ".repeat(1000)
        );
        assert_eq!(detect(&mixed).unwrap().code, "fr");
    }
}
