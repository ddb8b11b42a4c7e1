use crate::declare_rule;
use crate::lang::lexicon::{Lang, zipf};
use crate::parallel::{Pairing, Parallel, name_with_exclamation};
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink, findings_without_source};
use crate::span::Span;
use crate::text::chars::{char_at, is_inline_space};
use crate::text::{RegionKind, Tokens};

declare_rule! {
    /// Punctuation marks doubled or stacked: `. .`, `..`, `,,`, `;;`, `. ,`, `,.`, `!!.`.
    ///
    /// ## What it does
    /// Finds runs of sentence punctuation (`.` `,` `;` `:` `!` `?` `…`), possibly
    /// separated by single spaces, that no French text would write: a full stop
    /// repeated, a comma after a full stop, a full stop after `!` or `?`, an
    /// ellipsis followed by a full stop. Repeated `!` or `?` used for emphasis
    /// (`!!`, `???`) is reported as a warning only, and so is a comma before
    /// the ellipsis that leaves a list open (`Debian, Ubuntu, …`, `polissage,
    /// ...`, `des pommes, des poires,… et le reste`: a comma earlier on the
    /// line makes it a list): a writer's habit, which the suggestion turns
    /// into the ellipsis alone (but `1, 2, …` and `x_1, x_2, …` are sequences,
    /// right as they are). With no list before it (`Attendez, …`), the
    /// comma and the ellipsis are marks stacked by a cut: an error.
    ///
    /// Two hyphens standing for a dash in running text (`Investing.com --
    /// Les actions`, `au quatrième quart--, les`, `--OU--`) are an error:
    /// the typewriter's and plain-text English dash, which no French text
    /// prints (French sets `–` or `—`). Left alone: a horizontal rule or a
    /// table's line (`---`, `|---|`), HTML comments (`<!--`, `-->`), an
    /// option of a command (`--no-config`, lower case right after the
    /// hyphens), code, addresses and markup, and every `--` in a unit of a
    /// bilingual file: a program's strings are plain text, where `--` is the
    /// terminal's dash.
    ///
    /// ## Why it matters
    /// Machine translation and CMS exports stack punctuation when a sentence is
    /// cut and glued back (`depuis la Pologne. .`). Readers see it at once.
    ///
    /// ## Example
    /// Bad: `vers l'Ukraine depuis la Pologne. .`
    ///
    /// Good: `vers l'Ukraine depuis la Pologne.`
    ///
    /// ## Not flagged
    /// `...`, `. . .` and `[...]` (ellipses), `…`, `?!` and `!?`, `etc.,`
    /// and `etc. ;` (an abbreviation's dot followed by a comma, or by a
    /// semicolon, colon, `?` or `!` with its French space), an ellipsis
    /// followed by a comma, semicolon or colon (`Q... R...,`, `et puis…,`), an
    /// ellipsis spaced as an item of a list (`{1, ..., n}`, `1, 2, …`),
    /// version numbers and URLs, `::` inside code, the `;` that ends a
    /// character reference (`&nbsp;:`), and in a unit of a bilingual file
    /// the `!` of a name its source writes with it (`Qalculate! :`).
    ///
    /// ## Known false positives
    /// Deliberate stylistic stacking in fiction.
    pub struct DuplicatePunctuation {
        id: "duplicate-punctuation",
        category: Punctuation,
        severity: Error,
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '…')
}

/// What to do with one run of marks.
enum Verdict {
    Fine,
    Flag {
        severity: Severity,
        message: &'static str,
        fix: Option<&'static str>,
    },
}

fn classify(marks: &str, spaced: bool, after_abbreviation: bool) -> Verdict {
    let n = marks.chars().count();
    if n < 2 {
        return Verdict::Fine;
    }
    let error = |message, fix| Verdict::Flag {
        severity: Severity::Error,
        message,
        fix,
    };
    if marks.chars().all(|c| c == '.') {
        return match n {
            3 => Verdict::Fine,
            2 => error("full stop repeated", if spaced { Some(".") } else { None }),
            _ => Verdict::Flag {
                severity: Severity::Warning,
                message: "more than three dots: write an ellipsis `…` or `...`",
                fix: None,
            },
        };
    }
    if marks.chars().all(|c| c == '!' || c == '?') {
        if marks.contains('!') && marks.contains('?') {
            return Verdict::Fine;
        }
        return Verdict::Flag {
            severity: Severity::Warning,
            message: "repeated exclamation or question mark",
            fix: None,
        };
    }
    match marks {
        ".," if !spaced && after_abbreviation => Verdict::Fine,
        // French puts a space before `;`, `:`, `?` and `!`: `etc. ;` is the
        // abbreviation's dot, then the mark with its space.
        ".;" | ".:" | ".?" | ".!" if after_abbreviation => Verdict::Fine,
        "…?" | "…!" | "?…" | "!…" | "...?" | "...!" | "?..." | "!..." => Verdict::Fine,
        // An ellipsis may be followed by a comma, a semicolon or a colon
        // (Lexique des règles typographiques de l'Imprimerie nationale):
        // `M. Q... R...,` in an anonymised ruling, `et puis…, rien`.
        "…," | "...," if !spaced => Verdict::Fine,
        "…;" | "…:" | "...;" | "...:" => Verdict::Fine,
        // An ellipsis standing for items of a list, spaced as an item
        // (`{1, ..., n}`, `a, …, z`, `1, 2, …`).
        ",...," | ",…," if spaced => Verdict::Fine,
        // A title that ends with its own mark, in a list or a sentence
        // (`Titres : Ma Force, Pourquoi?, Freestyle`): a writer's choice.
        "?," | "!," | "?;" | "!;" => Verdict::Flag {
            severity: Severity::Warning,
            message: "a question or exclamation mark before a comma or a semicolon: right after a title that ends with it, a slip otherwise",
            fix: None,
        },
        ",," => error("comma repeated", Some(",")),
        ";;" => error("semicolon repeated", Some(";")),
        "::" => error("colon repeated", Some(":")),
        "……" => error("ellipsis repeated", Some("…")),
        "…." | "...." => error("full stop after an ellipsis", Some("…")),
        _ => error("punctuation marks stacked", None),
    }
}

/// The run of letters right before `end` (at most 30 bytes back).
/// A word cut short to abbreviate it (`hébr.`, `lat.`, `chap.`): two to six
/// lower-case letters that are no French form and no word of either
/// frequency list. Its dot may take a comma after it, as `etc.,` does.
fn is_cut_word(word: &str) -> bool {
    (2..=6).contains(&word.chars().count())
        && word.chars().all(char::is_lowercase)
        && !crate::lang::french::is_french(word)
        && zipf(Lang::Fr, word).is_none()
        && zipf(Lang::En, word).is_none()
}

fn word_before(text: &str, end: usize) -> &str {
    let mut start = end;
    for (i, c) in text[..end].char_indices().rev() {
        if !c.is_alphabetic() || end - i > 30 {
            break;
        }
        start = i;
    }
    &text[start..end]
}

/// Whether `before` ends with the name of a character reference, a `;`
/// being next: `&nbsp`, `&#160`, `&#xA0`.
fn ends_entity(before: &str) -> bool {
    let Some(amp) = before.rfind('&') else {
        return false;
    };
    let name = &before[amp + 1..];
    let numeric = name.strip_prefix('#').map(|n| {
        let n = n.strip_prefix(['x', 'X']).unwrap_or(n);
        !n.is_empty() && n.len() <= 6 && n.chars().all(|c| c.is_ascii_hexdigit())
    });
    numeric.unwrap_or_else(|| {
        (2..=10).contains(&name.len())
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

/// Two hyphens, and exactly two, standing for a dash in prose: `Investing.com
/// -- Les actions`, `quart--, les`, `--OU--`. Not an option of a command
/// (`--no-config`, `[--uid id]`: no letter or digit before, a lower-case
/// letter or a digit right after), an HTML comment (`<!--`, `-->`), code,
/// an address or markup.
fn double_hyphens(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let text = ctx.text();
    if !text.contains("--") {
        return;
    }
    let regions = ctx.doc.regions();
    let mut tokens = Tokens::new(text);
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(k) = text[i..].find("--") {
        let start = i + k;
        let mut end = start + 2;
        while bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        i = end;
        if end - start != 2 {
            continue; // `---`: a rule or a table's line
        }
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if before == Some('!') || after == Some('>') {
            continue; // `<!--`, `-->`
        }
        // Something on each side of it on its line: letters or marks.
        let blank = |c: Option<char>| c.is_none_or(|c| c == '\n' || c == '\r');
        if blank(before) && blank(after) {
            continue;
        }
        // `--no-config`, `[--uid id]`, `«--help»`: not glued to a word on
        // the left, a lower-case letter or a digit on the right.
        let opens_option = !before.is_some_and(char::is_alphanumeric)
            && after.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '%');
        if opens_option {
            continue;
        }
        if before.is_some_and(|c| c.is_ascii_alphanumeric())
            && after.is_some_and(|c| c.is_ascii_digit())
        {
            continue; // `i--1`, `x--2`: code or arithmetic
        }
        if regions.covers(&RegionKind::NOT_PROSE, start) {
            continue;
        }
        let token = tokens.around(Span::new(start, end));
        if token.is_address() || token.is_code() {
            continue;
        }
        sink.push(
            Span::new(start, end),
            "two hyphens for a dash: French sets a dash `–` (with spaces) or removes it",
            Severity::Error,
            None,
        );
    }
}

impl Rule for DuplicatePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// In a unit of a bilingual file, marks that start with the `!` of a
    /// name the source writes with it
    /// ([`crate::parallel::name_with_exclamation`]:
    /// `Qalculate! :`) are the name's and the sentence's, each once.
    fn check_with_source(&self, ctx: &Context<'_>, source: &Parallel<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        for f in findings_without_source(self, ctx) {
            let unit = source.pairing() == Pairing::Unit;
            // A program's strings are plain text, where `--` is the dash of
            // the terminal (`couleurs -- utilisation du noir`).
            if unit && f.span.slice(text) == "--" {
                continue;
            }
            // A list the source leaves open with a comma too (`v=voice,
            // ..`): the program's own punctuation.
            if unit
                && f.span.slice(text).starts_with(',')
                && [", .", ",.", ", …", ",…"]
                    .iter()
                    .any(|m| source.source().contains(m))
            {
                continue;
            }
            if unit
                && f.span.slice(text).starts_with('!')
                && name_with_exclamation(text, f.span.start, source.source())
            {
                continue;
            }
            sink.push_finding(f);
        }
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        double_hyphens(ctx, sink);
        // The dots and colons of a URL, a path or an address mean something
        // else.
        let mut tokens = Tokens::new(text);
        let mut in_address =
            |start: usize, end: usize| tokens.around(Span::new(start, end)).is_address();
        // Read byte by byte: the marks are ASCII but `…`, whose first byte is
        // 0xE2 (a lead byte: `i` stays on character boundaries).
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !matches!(bytes[i], b'.' | b',' | b';' | b':' | b'!' | b'?' | 0xE2) {
                i += 1;
                continue;
            }
            let (c, len) = char_at(text, i);
            if !is_mark(c) {
                i += len;
                continue;
            }
            let start = i;
            let mut count = 1;
            let mut end = start + len;
            let mut spaced = false;
            loop {
                let rest = &text[end..];
                let mut chars = rest.chars();
                match chars.next() {
                    Some(m) if is_mark(m) => {
                        count += 1;
                        end += m.len_utf8();
                    }
                    Some(s) if is_inline_space(s) && chars.next().is_some_and(is_mark) => {
                        // ". ." but not ". . ." of a spaced ellipsis' last dot
                        // followed by a sentence: handled by classify.
                        spaced = true;
                        end += s.len_utf8();
                    }
                    _ => break,
                }
            }
            i = end;
            // One mark alone is fine (`classify`), and nothing below reports
            // it: most marks of a text stop here, no string built.
            if count < 2 {
                continue;
            }
            let marks: String = text[start..end].chars().filter(|&m| is_mark(m)).collect();
            let prev = text[..start].chars().next_back();
            let next = text[end..].chars().next();
            // Between digits or letters on both sides: numbers, versions, code.
            if prev.is_some_and(|p| p.is_alphanumeric())
                && next.is_some_and(|n| n.is_alphanumeric())
                && (marks == "::" || marks == ".." || marks.chars().all(|m| m == '.' || m == ':'))
                && prev.is_some_and(|p| p.is_ascii_digit() || !p.is_uppercase())
                && in_address(start, end)
            {
                continue;
            }
            if marks.chars().count() >= 2 && in_address(start, end) {
                continue;
            }
            // `../..` (or `.. /..`): the French mark for "text continues".
            if marks == ".." && text[end..].trim_start_matches(' ').starts_with("/..") {
                continue;
            }
            if marks == "::"
                && prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            // `&nbsp;:`: the semicolon ends a character reference (left
            // in plain text: `broken-markup`'s matter), no mark.
            if marks.starts_with(';') && ends_entity(&text[..start]) {
                continue;
            }
            let word_before = word_before(text, start);
            // `etc...`: the abbreviation's dot already ends it.
            if word_before.eq_ignore_ascii_case("etc") && marks.starts_with("..") {
                let span = Span::new(start, end);
                sink.report_fix(span, "`etc.` takes one dot, never an ellipsis", ".");
                continue;
            }
            // A comma before an ellipsis, a comma earlier on the line: a
            // list left open (`Debian, Ubuntu, …`, `polissage, ...`, `des
            // poires,… et le reste`), a writer's habit (French ends it on the
            // ellipsis alone). After a number, a single letter or a name
            // numbered (`x_2`), spaced, it stands for the items of a sequence
            // (`1, 2, …`, `login_1, login_2, …`): right.
            if matches!(marks.as_str(), ",…" | ",...")
                && text[..start]
                    .rsplit('\n')
                    .next()
                    .is_some_and(|line| line.contains(','))
            {
                let item = text[..start]
                    .trim_end_matches(is_inline_space)
                    .rsplit(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | '{' | '['))
                    .next()
                    .unwrap_or("");
                let sequence = spaced
                    && (item.chars().count() == 1 || item.ends_with(|c: char| c.is_ascii_digit()));
                if !sequence {
                    let ellipsis = if marks == ",…" { "…" } else { "..." };
                    let span = Span::new(start, end);
                    sink.push(
                        span,
                        format!(
                            "comma before an ellipsis: French ends an open list on the ellipsis alone (`polissage{ellipsis}`)"
                        ),
                        Severity::Warning,
                        Some(Edit::certain(span, ellipsis)),
                    );
                }
                continue;
            }
            // `etc.,` and `M.,` are right; `chats.,` is not.
            let after_abbreviation = !word_before.is_empty()
                && (word_before.chars().count() == 1
                    || crate::split::is_abbreviation(word_before)
                    || is_cut_word(word_before));
            if let Verdict::Flag {
                severity,
                message,
                fix,
            } = classify(&marks, spaced, after_abbreviation)
            {
                let span = Span::new(start, end);
                let suggestion = fix.map(|r| Edit::certain(span, r));
                sink.push(span, message, severity, suggestion);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_fixed, assert_marked, assert_unit_clean, run};

    #[test]
    fn an_entitys_semicolon_and_a_names_exclamation_mark_are_not_stacked() {
        use crate::rule::testing::unit_texts;
        assert_clean(
            &DuplicatePunctuation,
            "Erreur&nbsp;: valeur, puis&#160;; fin",
        );
        assert_marked(&DuplicatePunctuation, "Erreur sans nom⟦;:⟧ valeur");
        let source = "File not identified as Yippee! definitions file: %s.";
        assert_unit_clean(
            &DuplicatePunctuation,
            source,
            "Fichier de définitions Yippee! : %s.",
        );
        // A `!` the source does not have, or ends a sentence on.
        assert_eq!(
            unit_texts(&DuplicatePunctuation, source, "Fichier Zorglub! : %s."),
            ["! :"]
        );
        assert_eq!(
            unit_texts(&DuplicatePunctuation, "Done! Next file: %s.", "Fait! : %s."),
            ["! :"]
        );
    }

    #[test]
    fn flags_stacked_marks() {
        assert_marked(&DuplicatePunctuation, "depuis la Pologne⟦. .⟧");
        assert_marked(&DuplicatePunctuation, "dans la guerre⟦. ,⟧ déclarant");
        assert_marked(&DuplicatePunctuation, "Fin⟦..⟧ Début.");
        assert_marked(&DuplicatePunctuation, "un⟦,,⟧ deux⟦;;⟧ trois");
        assert_marked(&DuplicatePunctuation, "oui⟦,.⟧ non⟦!!.⟧ peut-être⟦….⟧");
        assert_marked(
            &DuplicatePunctuation,
            "Les chiens, les chats⟦.,⟧ les poules.",
        );
        assert_marked(&DuplicatePunctuation, "des pommes, des poires, etc⟦...⟧");
    }

    #[test]
    fn two_hyphens_for_a_dash_are_flagged_options_and_rules_are_not() {
        assert_marked(
            &DuplicatePunctuation,
            "Investing.com ⟦--⟧ Les actions de Snap",
        );
        assert_marked(&DuplicatePunctuation, "au quatrième quart⟦--⟧, les Browns");
        assert_marked(
            &DuplicatePunctuation,
            "sur FAIBLE. ⟦--⟧OU⟦--⟧ Pour une cuisson lente",
        );
        assert_clean(
            &DuplicatePunctuation,
            "Lancez coquille check --no-config puis --fix.\nadduser [--uid id] [--gid id]\nargument --%s incorrect\n---\n|---|---|\n<!-- note -->\nx = i--1",
        );
        // A program's string: the terminal's dash.
        assert_unit_clean(
            &DuplicatePunctuation,
            "No more colors - using black",
            "Plus de couleurs -- utilisation du noir",
        );
    }

    #[test]
    fn a_comma_before_an_ellipsis_is_a_warning_fixed_to_the_ellipsis() {
        let f = run(&DuplicatePunctuation, "couteau forgé, polissage, ...");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_fixed(
            &DuplicatePunctuation,
            "couteau forgé, polissage, ...\nLe design.",
            "couteau forgé, polissage...\nLe design.",
        );
        assert_fixed(
            &DuplicatePunctuation,
            "des pommes, des poires,… et le reste",
            "des pommes, des poires… et le reste",
        );
        // Still an error: a full stop stacked on the ellipsis, a comma after a full stop.
        let f = run(&DuplicatePunctuation, "polissage, .... Fin. Puis., non");
        assert!(f.iter().all(|f| f.severity == Severity::Error), "{f:?}");
    }

    #[test]
    fn leaves_legitimate_sequences_alone() {
        assert_clean(&DuplicatePunctuation, "Et puis... rien. Et puis… rien.");
        assert_clean(
            &DuplicatePunctuation,
            "dans {1, ..., n}, de a, …, z ou 1, 2, …",
        );
        assert_clean(
            &DuplicatePunctuation,
            "Il a dit [. . .] ceci. Quoi ?! Vraiment !?",
        );
        assert_clean(
            &DuplicatePunctuation,
            "des pommes, des poires, etc., et des fruits.",
        );
        assert_clean(
            &DuplicatePunctuation,
            "Version 1.2.3 sur http://exemple.fr/a..b ou ../dossier.",
        );
        assert_clean(&DuplicatePunctuation, "Le type std::vector est utile.");
        assert_clean(&DuplicatePunctuation, "Chronologie .. /.. et suite ../..");
        assert_clean(&DuplicatePunctuation, "Il est 12.30, il fait 3,5 degrés.");
    }

    #[test]
    fn a_word_cut_short_takes_a_comma_after_its_dot() {
        assert_clean(&DuplicatePunctuation, "Le mot hébr., que la Bible garde.");
        assert_marked(&DuplicatePunctuation, "Des chats⟦.,⟧ et des chiens.");
    }

    #[test]
    fn abbreviations_and_ellipses_take_the_next_mark() {
        // An abbreviation's dot, then a French-spaced `;` `:` `?` `!`.
        assert_clean(
            &DuplicatePunctuation,
            "- des contenus : blog, newsletter, etc. ;\n- des formulaires, etc. : voilà.",
        );
        assert_clean(&DuplicatePunctuation, "Viendra-t-il avec M. ?");
        // An ellipsis, then a comma, semicolon or colon.
        assert_clean(
            &DuplicatePunctuation,
            "à M. Q... R..., domicilié à Paris ; et puis…, rien ; enfin… : tout.",
        );
        // No abbreviation: still stacked; an ellipsis is no licence for a full stop.
        assert_marked(&DuplicatePunctuation, "des chats⟦. ;⟧ des chiens⟦. :⟧ fin");
        assert_marked(&DuplicatePunctuation, "et puis⟦...,.⟧ rien");
        // Glued to the comma, no list's item.
        assert_marked(&DuplicatePunctuation, "des pommes⟦,...⟧ rien");
        assert_marked(&DuplicatePunctuation, "etc⟦. ,⟧ et la suite");
    }

    #[test]
    fn a_comma_before_an_ellipsis_ending_an_enumeration_is_a_warning() {
        for text in [
            "Paquets : Debian, Ubuntu, Mint, …\nLa suite.",
            "des distributions (Fedora, Centos, ...) et la suite",
        ] {
            let f = run(&DuplicatePunctuation, text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].severity, Severity::Warning, "{text}");
        }
        // Inside a sentence, or with no list before it: an error.
        assert_marked(&DuplicatePunctuation, "des pommes⟦, …⟧ et des poires");
        assert_marked(&DuplicatePunctuation, "Attendez⟦, …⟧\nLa suite.");
    }

    #[test]
    fn a_sequence_left_open_is_right_and_a_list_the_source_leaves_open_too() {
        // Items of a sequence: numbers, single letters, numbered names.
        for text in [
            "les valeurs 1, 2, …",
            "les points a, b, …",
            "identifiant_1, identifiant_2, ...",
        ] {
            assert_clean(&DuplicatePunctuation, text);
        }
        // Words: a list left open, a warning.
        let f = run(&DuplicatePunctuation, "des pommes, des poires, …");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        // In a unit whose source leaves the list open with a comma too: the
        // program's punctuation.
        use crate::rule::testing::run_unit;
        let source = "mode char (o=op, h=halfop, v=voice, ..)";
        assert!(
            run_unit(
                &DuplicatePunctuation,
                source,
                "caractère de mode (o=op, h=halfop, v=voice, ...)"
            )
            .is_empty()
        );
        let found = run_unit(
            &DuplicatePunctuation,
            "mode char (o=op, h=halfop, v=voice..)",
            "caractère de mode (o=op, h=halfop, v=voice, ...)",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn a_title_mark_before_a_comma_is_a_warning() {
        let f = run(
            &DuplicatePunctuation,
            "Titres marquants : Ma Force, Pourquoi?, Freestyle Session",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn emphasis_is_only_a_warning() {
        let f = run(&DuplicatePunctuation, "C'est vrai !!!");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn certain_fixes_are_suggested() {
        assert_fixed(
            &DuplicatePunctuation,
            "depuis la Pologne. . Puis un,, deux;; etc...",
            "depuis la Pologne. Puis un, deux; etc.",
        );
        let f = run(&DuplicatePunctuation, "dans la guerre. , déclarant");
        assert!(f[0].suggestion.is_none());
    }
}
