//! Bibliographic references, source notes and embedded posts: lines where
//! titles, dates and numbers are cited in the style of their source
//! (`The Guardian, October 4, 2001`, `Vol. XVII, No. 3`), which rules about
//! French conventions leave alone.

use std::sync::LazyLock;

static CUES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::data::REFERENCE_CUES.words().collect());

/// Whether `line` is a reference or a source note: it holds a cue of
/// `data/reference-cues.txt` (`(en)`, `consulté le`, `ISBN`; any case), starts
/// with a Wikipedia back-link `^` (after a list bullet), or carries the byline
/// of an embedded post (`— Nom (@compte) April 12, 2023`).
pub fn is_reference(line: &str) -> bool {
    let item = line.trim_start_matches(['-', '–', '•', '*', ' ', '\t']);
    if item.starts_with('^') || line.contains("(@") {
        return true;
    }
    let lower = line.to_lowercase();
    CUES.iter().any(|c| lower.contains(c))
}

/// The line of `text` around byte `pos`, cut at most `max` bytes on each
/// side (so that a whole file on one line costs no more than a short one).
pub fn line_around(text: &str, pos: usize, max: usize) -> &str {
    let mut lo = pos.saturating_sub(max);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (pos + max).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let hi = hi.max(lo);
    let pos = pos.clamp(lo, hi);
    let start = text[lo..pos].rfind('\n').map_or(lo, |i| lo + i + 1);
    let end = text[pos..hi].find('\n').map_or(hi, |i| pos + i);
    &text[start..end]
}

/// Builds the cue list now (a test forces it).
pub fn warm_up() {
    LazyLock::force(&CUES);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_recognised() {
        warm_up();
        assert!(is_reference(
            "- (en) Maggie O'Kane, This time, The Guardian, December 5, 2002."
        ));
        assert!(is_reference(
            "- ^ Reuters calls the doctor, take 2. Power Line."
        ));
        assert!(is_reference(
            "Le rapport, Paris, 2002, ISBN 978-2-07-036822-8."
        ));
        assert!(is_reference("— 941 (@analyst941) April 12, 2023"));
        assert!(!is_reference("Le sommet aura lieu le 5 décembre à Paris."));
    }

    #[test]
    fn the_line_around_is_bounded() {
        let text = "première ligne\ndeuxième ligne ici\ntroisième";
        let pos = text.find("ligne ici").unwrap();
        assert_eq!(line_around(text, pos, 100), "deuxième ligne ici");
        let cut = line_around(text, pos, 4);
        assert!(
            cut.len() <= 8 && "deuxième ligne ici".contains(cut),
            "{cut:?}"
        );
        assert_eq!(line_around("é", 1, 0), "");
    }
}
