use crate::declare_rule;
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::text::chars::is_horizontal_space as is_hspace;

declare_rule! {
    /// A space before a comma or a full stop: `guerre , déclarant`, `fin .`.
    ///
    /// ## What it does
    /// Finds one or more spaces (ordinary, no-break, thin, tab) between a word and the
    /// comma or full stop that follows it on the same line, and suggests removing them.
    /// A full stop glued to the next word (`Merde .Ça`) gets its space moved after it.
    ///
    /// ## Why it matters
    /// French, like English, puts no space before `,` and `.`. A space there is left by
    /// machine translation when a sentence is cut and glued back, or by a CMS joining
    /// fragments; readers see it at once.
    ///
    /// ## Example
    /// Bad: `dans la guerre , déclarant aux journalistes`
    ///
    /// Good: `dans la guerre, déclarant aux journalistes`
    ///
    /// ## Not flagged
    /// Ellipses after a space (` ...`, `[. . .]`, ` …`), a comma or a full stop
    /// after the bracketed ellipsis of a cut or a redaction (`est [...] ,`,
    /// `(…) .`), a full stop after other
    /// punctuation (`. .` is `duplicate-punctuation`'s), numbers and names starting with
    /// a dot after a space (`.5`, `.txt`, `.fr`, `.NET`), a mark at the start of a line,
    /// a mark after a tag that the check reads as a space (`<i>Oui</i>,`,
    /// `Windows<sup>®</sup>.`: no space is there), or after code that readers see
    /// as a word (`instructions <code>INSERT</code>,`). A space and a tag before the
    /// mark (`<i>Oui </i>,`) are reported without a fix, which would take the tag away.
    ///
    /// ## Known false positives
    /// Tables or lists aligned with spaces before a comma; code quoted in running text.
    pub struct SpaceBeforePunctuation {
        id: "space-before-punctuation",
        category: Punctuation,
        severity: Error,
    }
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '…' | '[' | '(' | '-' | '–' | '—'
    )
}

/// Whether `before` ends with the mark of a cut in a quotation or a
/// redaction, an ellipsis in brackets: `[...]`, `[…]`, `[. . .]`, `(...)`,
/// `(…)`. It stands for words left out, and the space around it is the one
/// those words had: `dont le siège est [...] , a formé` is how anonymised
/// rulings are published.
fn ends_with_cut_mark(before: &str) -> bool {
    let (inner, open) = if let Some(b) = before.strip_suffix(']') {
        (b, '[')
    } else if let Some(b) = before.strip_suffix(')') {
        (b, '(')
    } else {
        return false;
    };
    // The mark is a few characters long: look no further back than that.
    let mut mark = String::new();
    for c in inner.chars().rev().take(8) {
        if c == open {
            return matches!(mark.as_str(), "..." | "…");
        }
        if !is_hspace(c) {
            mark.push(c);
        }
    }
    false
}

impl Rule for SpaceBeforePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // Only the commas and full stops, found by one vector search.
        for pos in memchr::memchr2_iter(b',', b'.', text.as_bytes()) {
            let c = char::from(text.as_bytes()[pos]);
            let before = &text[..pos];
            let trimmed = before.trim_end_matches(is_hspace);
            if trimmed.len() == before.len() {
                continue; // no space before the mark
            }
            // Blanked-out markup reads as spaces (`Windows<sup>®</sup>.`,
            // `<i>Oui</i>,`): only white space of the text counts.
            let markup = (trimmed.len()..pos)
                .filter(|&i| ctx.doc.blanked_at(i))
                .count();
            if markup == pos - trimmed.len() {
                continue; // markup alone before the mark
            }
            // Code blanked out right before the mark (`instructions
            // <code>INSERT</code>,`) is a word of the sentence: the space
            // is the one before that word.
            let mut from = pos;
            while from > trimmed.len() && ctx.doc.blanked_at(from - 1) {
                from -= 1;
            }
            if (from..pos).any(|i| ctx.doc.blanked_words_at(i)) {
                continue;
            }
            let Some(prev) = trimmed.chars().next_back() else {
                continue; // start of the text
            };
            if prev == '\n' || prev == '\r' {
                continue; // start of a line
            }
            if ends_with_cut_mark(trimmed) {
                continue; // `[...] ,`: the mark of a cut or a redaction
            }
            let mut after = text[pos + 1..].chars();
            let next = after.next();
            let next2 = after.next();
            if c == '.' {
                // An ellipsis, spaced or not: ` ...`, `. . .`, `[...]`.
                if next == Some('.') || is_punct(prev) {
                    continue;
                }
                if next.is_some_and(is_hspace) && next2 == Some('.') {
                    continue;
                }
                // `.5`, `.txt`, `.fr`, `.NET`: a number or a name beginning with a dot.
                if let Some(n) = next {
                    if n.is_ascii_digit() || n.is_lowercase() || n == '_' {
                        continue;
                    }
                    if n.is_uppercase() && !next2.is_some_and(char::is_lowercase) {
                        continue;
                    }
                }
            }
            if c == ',' && next.is_some_and(|n| n.is_ascii_digit()) && prev.is_ascii_digit() {
                // `3 ,5`: ambiguous between a list and a broken decimal; leave it.
                continue;
            }
            let span = Span::new(trimmed.len(), pos + 1);
            let glued = next.is_some_and(char::is_alphanumeric);
            let fix = if glued {
                format!("{c} ")
            } else {
                c.to_string()
            };
            let message = if c == ',' {
                "no space before a comma"
            } else {
                "no space before a full stop"
            };
            if markup > 0 {
                // A tag among the spaces (`<i>Oui </i>,`): removing them
                // would remove it too; no fix.
                sink.report(span, message);
            } else {
                sink.report_fix(span, message, fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_fixed, assert_marked, run};

    #[test]
    fn flags_a_space_before_comma_or_full_stop() {
        assert_marked(&SpaceBeforePunctuation, "dans la guerre.⟦ ,⟧ déclarant");
        assert_marked(&SpaceBeforePunctuation, "Eh oui⟦ ,⟧ c’est encore moi.");
        assert_marked(
            &SpaceBeforePunctuation,
            "C'est fini⟦ .⟧ Voilà⟦\u{a0},⟧ rien.",
        );
        assert_marked(&SpaceBeforePunctuation, "Merde⟦ .⟧Ça m’emmerde.");
    }

    #[test]
    fn suggests_removing_the_space() {
        let f = run(&SpaceBeforePunctuation, "Eh oui , c’est moi.");
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, ",");
        let f = run(&SpaceBeforePunctuation, "Merde .Ça m’emmerde.");
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, ". ");
        assert_fixed(
            &SpaceBeforePunctuation,
            "Eh oui , c’est fini .Voilà .",
            "Eh oui, c’est fini. Voilà.",
        );
    }

    #[test]
    fn leaves_ellipses_numbers_and_names_alone() {
        assert_clean(
            &SpaceBeforePunctuation,
            "Et puis ... rien. Il a dit [. . .] ceci.",
        );
        assert_clean(
            &SpaceBeforePunctuation,
            "Et puis … rien. Un taux de .5 pour cent.",
        );
        assert_clean(
            &SpaceBeforePunctuation,
            "Les fichiers .txt et les domaines .fr.",
        );
        assert_clean(&SpaceBeforePunctuation, "Le cadre .NET est utilisé.");
        assert_clean(&SpaceBeforePunctuation, "Liste :\n, premier\n. second");
        assert_clean(&SpaceBeforePunctuation, "Fin. . Début");
        assert_clean(&SpaceBeforePunctuation, "Des valeurs 3 ,5 dans le tableau.");
    }

    #[test]
    fn a_tag_before_the_mark_is_no_space() {
        let findings = |html: &str| crate::rule::testing::run_html(&SpaceBeforePunctuation, html);
        let html = "<p>Le pilote Windows<sup>®</sup>. Dites <i>Oui</i>, puis &eacute;t&eacute;<b>s</b>.</p>";
        assert_eq!(findings(html).len(), 0);
        // A real space before the mark, next to a tag or not.
        let html = "<p>Dites <i>Oui </i>, puis <b>non</b> . Fin .</p>";
        let found = findings(html);
        assert_eq!(found.len(), 3, "{found:?}");
        // A tag among the spaces: no fix, which would remove it.
        assert!(found[0].suggestion.is_none() && found[1].suggestion.is_none());
        assert_eq!(found[2].suggestion.as_ref().unwrap().replacement, ".");
    }

    #[test]
    fn code_before_the_mark_is_a_word() {
        let findings = |html: &str| crate::rule::testing::run_html(&SpaceBeforePunctuation, html);
        // The space stands before the code, a word of the sentence.
        let html = "<p>Au lieu d'instructions <code>INSERT</code>, utiliser :</p>";
        assert_eq!(findings(html).len(), 0);
        // A space between the code and the mark is still one.
        let html = "<p>Au lieu d'instructions <code>INSERT</code> , utiliser :</p>";
        assert_eq!(findings(html).len(), 1);
    }

    #[test]
    fn a_cut_in_brackets_keeps_its_spaces() {
        assert_clean(
            &SpaceBeforePunctuation,
            "dont le siège est [...] , a formé un pourvoi ; domicilié [ … ] ,\nfin (…) .",
        );
        // Other brackets are words: the space before the comma is a slip.
        assert_marked(&SpaceBeforePunctuation, "la société [Beval]⟦ ,⟧ a formé");
        assert_marked(
            &SpaceBeforePunctuation,
            "le siège (Paris)⟦ ,⟧ puis ...]⟦ ,⟧ fin",
        );
    }
}
