use crate::declare_rule;
use crate::document::Format;
use crate::markup::HTML_ELEMENTS;
use crate::parallel::Parallel;
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::chars::is_word_space_or_tab as is_space;
use std::collections::HashMap;
use std::sync::LazyLock;

declare_rule! {
    /// HTML tags or entities broken by translation or scraping: `< /chiffre>`, `<a href=« x »>`, `&amp;nbsp;`.
    ///
    /// ## What it does
    /// Looks at everything between `<` and `>` on one line that names an HTML
    /// element and reports the tag when:
    /// - a space follows `<` or `</` (`< /p>`, `</ p>`);
    /// - its name is a French translation of an element name (`chiffre` for
    ///   `figure`, `tableau` for `table`, `lien` for `link`; the list is
    ///   `data/html-tag-translations.txt`);
    /// - an attribute value is quoted with guillemets or curly quotes
    ///   (`<a href=« page.html »>`).
    ///
    /// The repaired tag is suggested (`< /chiffre>` → `</figure>`). With a
    /// source at hand (a unit of a bilingual file), a translated name is not
    /// reported when the source writes words in angle brackets as
    /// placeholders of a command's help, never closed, and never closes the
    /// tag either (`Format is <time><unit>` → `<temps><unité>`, `-c <addr>`
    /// → `-c <adresse>`), nor when the source has no such element at all
    /// (`Press RETURN` → `Pressez <Entrée>`: a key's name, not `<input>`).
    ///
    /// It also reports HTML character entities that show as text: double
    /// escaped (`&amp;nbsp;`), cut by a space (`& nbsp;`, `&nbsp ;`), without
    /// their semicolon (`&nbsp `), without their name (`Barnes & ; Noble`),
    /// and, in plain-text input, any entity (`&eacute;`; a warning),
    /// suggesting the character they stand for.
    ///
    /// ## Why it matters
    /// Machine translation engines translate what they take for words inside
    /// tags and turn straight quotes into guillemets. The page then shows the
    /// tag as text, or a browser drops the content it wraps.
    ///
    /// ## Example
    /// Bad: `< /chiffre>Delhi Confidential`
    ///
    /// Good: `</figure>Delhi Confidential`
    ///
    /// ## Not flagged
    /// Comparisons (`a < b`, `x < p > y`), `<3`, `<<guillemets>>`, well-formed
    /// tags (`<p>`, `</figure>`) and, in HTML input, well-formed entities.
    ///
    /// ## Known false positives
    /// An article that shows broken markup on purpose, and plain-text input
    /// that quotes an entity (`écrivez &nbsp; pour une espace insécable`).
    pub struct BrokenMarkup {
        id: "broken-markup",
        category: Markup,
        severity: Error,
    }
}

static TRANSLATIONS: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    let mut v: Vec<(String, &'static str)> = crate::data::HTML_TAG_TRANSLATIONS
        .pairs()
        .map(|(fr, en)| (fr.to_lowercase(), en))
        .collect();
    // Longest first, so that `légende de figure` wins over `légende`.
    v.sort_by_key(|(fr, _)| std::cmp::Reverse(fr.chars().count()));
    v
});

/// Named entities worth recognising, with the character they stand for.
const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", "\u{a0}"),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("hellip", "…"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("euro", "€"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("middot", "·"),
    ("times", "×"),
    ("shy", "\u{ad}"),
    ("thinsp", "\u{2009}"),
    ("nnbsp", "\u{202f}"),
    ("agrave", "à"),
    ("acirc", "â"),
    ("auml", "ä"),
    ("ccedil", "ç"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("ecirc", "ê"),
    ("euml", "ë"),
    ("icirc", "î"),
    ("iuml", "ï"),
    ("ocirc", "ô"),
    ("ouml", "ö"),
    ("ugrave", "ù"),
    ("ucirc", "û"),
    ("uuml", "ü"),
    ("oelig", "œ"),
    ("aelig", "æ"),
    ("Agrave", "À"),
    ("Eacute", "É"),
    ("Egrave", "È"),
    ("Ecirc", "Ê"),
    ("Ccedil", "Ç"),
    ("OElig", "Œ"),
];

static ENTITY_MAP: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| ENTITIES.iter().copied().collect());

fn is_html_element(name: &str) -> bool {
    HTML_ELEMENTS.contains(&name.to_ascii_lowercase().as_str())
}

/// `«  x  »`, `“x”`, `‘x’` in attributes → `"x"`.
fn straighten_attribute_quotes(attrs: &str) -> String {
    let mut out = String::with_capacity(attrs.len());
    let mut chars = attrs.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '«' | '“' | '”' | '„' => {
                out.push('"');
                if c == '«' {
                    while chars.peek().is_some_and(|&n| is_space(n)) {
                        chars.next();
                    }
                }
            }
            '»' => {
                while out.ends_with(is_space) {
                    out.pop();
                }
                out.push('"');
            }
            '‘' | '’'
                if out.ends_with('=') || chars.peek().is_some_and(|&n| n == ' ' || n == '>') =>
            {
                out.push('\'')
            }
            c => out.push(c),
        }
    }
    out
}

/// Examines the text between `<` and `>` (exclusive). Returns a message, the
/// repaired tag and whether the repair is certain (a translated element name
/// is restored from a list: a person should check it) when the tag is
/// broken.
fn examine_tag(inner: &str) -> Option<(String, String, bool)> {
    let lead = inner.len() - inner.trim_start_matches(is_space).len();
    let mut rest = &inner[lead..];
    let closing = rest.starts_with('/');
    let mut inner_space = 0;
    if closing {
        rest = &rest[1..];
        inner_space = rest.len() - rest.trim_start_matches(is_space).len();
        rest = &rest[inner_space..];
    }
    // A translated name (possibly several words), longest first.
    let mut name_len = None;
    let mut original = None;
    for (fr, en) in TRANSLATIONS.iter() {
        // Compare on `rest` itself: lowercasing may change byte lengths.
        if rest.len() >= fr.len()
            && rest.is_char_boundary(fr.len())
            && rest[..fr.len()].to_lowercase() == *fr
            && rest[fr.len()..]
                .chars()
                .next()
                .is_none_or(|c| is_space(c) || c == '/')
        {
            name_len = Some(fr.len());
            original = Some(*en);
            break;
        }
    }
    let name_len = match name_len {
        Some(n) => n,
        None => {
            let n: usize = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .map(char::len_utf8)
                .sum();
            let name = &rest[..n];
            if n == 0
                || !name.starts_with(|c: char| c.is_ascii_alphabetic())
                || !is_html_element(name)
                || rest[n..]
                    .chars()
                    .next()
                    .is_some_and(|c| !is_space(c) && c != '/')
            {
                return None;
            }
            n
        }
    };
    let name = &rest[..name_len];
    let mut attrs = &rest[name_len..];
    let self_closing = attrs.trim_end_matches(is_space).ends_with('/');
    if self_closing {
        attrs = attrs.trim_end_matches(is_space).trim_end_matches('/');
    }
    let trailing_space = attrs.ends_with(is_space);
    let attrs_trim = attrs.trim_matches(is_space);
    if closing && !attrs_trim.is_empty() {
        return None;
    }
    // Attributes are `name=value` (a bare word is prose: `<chiffre d'affaires>`).
    if !attrs_trim.is_empty() && !attrs_trim.contains('=') {
        return None;
    }
    // `x < p > y`, `a < b`: comparisons, not tags.
    if lead > 0 && !closing && trailing_space {
        return None;
    }
    let fancy_quotes =
        attrs_trim.contains('=') && attrs_trim.contains(['«', '»', '“', '”', '„', '‘', '’']);
    let mut problems = Vec::new();
    if lead > 0 || inner_space > 0 {
        problems.push("a space inside the tag's opening".to_string());
    }
    if let Some(en) = original {
        problems.push(format!(
            "the element name `{en}` was translated as `{name}`"
        ));
    }
    if fancy_quotes {
        problems.push("attribute values quoted with French or curly quotes".to_string());
    }
    if problems.is_empty() {
        return None;
    }
    let mut fixed = String::from("<");
    if closing {
        fixed.push('/');
    }
    fixed.push_str(original.unwrap_or(name));
    if !attrs_trim.is_empty() {
        fixed.push(' ');
        fixed.push_str(&straighten_attribute_quotes(attrs_trim));
    }
    if self_closing {
        fixed.push_str(" /");
    }
    fixed.push('>');
    Some((
        format!("broken HTML tag: {}", problems.join("; ")),
        fixed,
        original.is_none(),
    ))
}

/// Whether `source` writes words in angle brackets as placeholders of a
/// command's help, not as markup, so that a translated tag name in its
/// translation (`<temps>`, `<adresse>`) is the translator's to make: the
/// source never closes the English tag `tag` stands for (`<time>`), and it
/// has a word in angle brackets, without attributes, that it never closes
/// either (`Format is <time><unit>`, `-c <addr>`), or it has no such
/// element at all (`Press RETURN` → `Pressez <Entrée>`: no `<input>`).
fn metavariable_in(source: &str, tag: &str) -> bool {
    let Some(name) = tag
        .strip_prefix('<')
        .and_then(|t| t.split(['>', ' ', '/']).next())
        .filter(|n| !n.is_empty())
    else {
        return false;
    };
    let lower = source.to_ascii_lowercase();
    if lower.contains(&format!("</{name}")) {
        return false;
    }
    // The source has no such element at all: the French word in angle
    // brackets stands for something else (`<Entrée>` for `RETURN`).
    if !lower.contains(&format!("<{name}")) {
        return true;
    }
    lower.match_indices('<').any(|(lt, _)| {
        let rest = &lower[lt + 1..];
        let word: &str = &rest[..rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len())];
        !word.is_empty()
            && rest[word.len()..].starts_with('>')
            && !matches!(word, "br" | "hr" | "wbr")
            && !lower.contains(&format!("</{word}>"))
    })
}

fn check_tags(text: &str, source: Option<&str>, sink: &mut Sink<'_>) {
    for (lt, _) in text.match_indices('<') {
        let after = &text[lt + 1..];
        let Some(gt) = after.find(['>', '<', '\n']) else {
            continue;
        };
        if !after[gt..].starts_with('>') || gt == 0 || gt > 300 {
            continue;
        }
        let inner = &after[..gt];
        if let Some((message, fixed, certain)) = examine_tag(inner) {
            if !certain && source.is_some_and(|s| metavariable_in(s, &fixed)) {
                continue;
            }
            let span = Span::new(lt, lt + 1 + gt + 1);
            if certain {
                sink.report_fix(span, message, fixed);
            } else {
                sink.report_suggestion(span, message, fixed);
            }
        }
    }
}

/// The character an entity body (`nbsp`, `#233`, `#xE9`) stands for.
fn decode_entity(body: &str) -> Option<String> {
    if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).map(String::from);
    }
    // Machine translation capitalises words after a space: `& Nbsp;`.
    ENTITY_MAP
        .get(body)
        .or_else(|| ENTITY_MAP.get(body.to_ascii_lowercase().as_str()))
        .map(|s| s.to_string())
}

/// Length in bytes of an entity body at the start of `s`: a name or `#digits`.
fn entity_body_len(s: &str) -> usize {
    if let Some(num) = s.strip_prefix('#') {
        let hex = num.starts_with(['x', 'X']);
        let digits = num[usize::from(hex)..]
            .chars()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return 0;
        }
        return 1 + usize::from(hex) + digits;
    }
    s.chars().take_while(|c| c.is_ascii_alphanumeric()).count()
}

fn check_entities(text: &str, format: Format, sink: &mut Sink<'_>) {
    let mut skip_until = 0;
    for (amp, _) in text.match_indices('&') {
        if amp < skip_until {
            continue;
        }
        let after = &text[amp + 1..];
        // `&amp;nbsp;`: an entity escaped twice.
        if let Some(inner) = after.strip_prefix("amp;") {
            let n = entity_body_len(inner);
            if n > 0
                && inner[n..].starts_with(';')
                && let Some(decoded) = decode_entity(&inner[..n])
            {
                let end = amp + 1 + 4 + n + 1;
                let span = Span::new(amp, end);
                let fix = match format {
                    Format::Html => format!("&{};", &inner[..n]),
                    _ => decoded,
                };
                sink.report_fix(span, "HTML entity escaped twice: it shows as text", fix);
                skip_until = end;
                continue;
            }
        }
        // `& nbsp;`: a space after the ampersand.
        let gap = after.len() - after.trim_start_matches(is_space).len();
        let body_start = &after[gap..];
        let n = entity_body_len(body_start);
        // `Barnes & ; Noble`: an entity whose name was lost, `&amp;` most
        // often.
        if n == 0 && gap > 0 && body_start.starts_with(';') {
            let end = amp + 1 + gap + 1;
            let fix = match format {
                Format::Html => "&amp;",
                _ => "&",
            };
            sink.report_fix(
                Span::new(amp, end),
                "HTML entity without its name (`& ;`): it shows as text",
                fix,
            );
            skip_until = end;
            continue;
        }
        if n == 0 {
            continue;
        }
        let body = &body_start[..n];
        let Some(decoded) = decode_entity(body) else {
            continue;
        };
        let tail = &body_start[n..];
        let gap2 = tail.len() - tail.trim_start_matches(is_space).len();
        let has_semicolon = tail[gap2..].starts_with(';');
        let fix = |format: Format| match format {
            Format::Html => format!("&{body};"),
            _ => decoded.clone(),
        };
        if has_semicolon && (gap > 0 || gap2 > 0) {
            // A lone `& amp ;` in prose is too ambiguous; spaced forms need a
            // name that is not an English word.
            if gap > 0 && gap2 > 0 && body.len() < 4 {
                continue;
            }
            let end = amp + 1 + gap + n + gap2 + 1;
            sink.report_fix(
                Span::new(amp, end),
                "HTML entity cut by a space: it shows as text",
                fix(format),
            );
            skip_until = end;
        } else if has_semicolon && gap == 0 {
            if format == Format::Html {
                continue;
            }
            let end = amp + 1 + n + 1;
            let span = Span::new(amp, end);
            sink.push(
                span,
                "HTML entity left in plain text: it shows as text",
                Severity::Warning,
                Some(Edit::certain(span, fix(format))),
            );
            skip_until = end;
        } else if gap == 0
            && body.len() >= 4
            && !body.starts_with('#')
            && tail.chars().next().is_none_or(|c| c.is_whitespace())
        {
            let end = amp + 1 + n;
            sink.report_fix(
                Span::new(amp, end),
                "HTML entity without its semicolon: it shows as text",
                fix(format),
            );
            skip_until = end;
        }
    }
}

impl Rule for BrokenMarkup {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        check_tags(text, None, sink);
        check_entities(text, ctx.doc.format(), sink);
    }

    fn check_with_source(&self, ctx: &Context<'_>, p: &Parallel<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        check_tags(text, Some(p.source()), sink);
        check_entities(text, ctx.doc.format(), sink);
    }

    fn warm_up(&self) {
        LazyLock::force(&TRANSLATIONS);
        LazyLock::force(&ENTITY_MAP);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_fixed, assert_marked, run, run_bilingual};

    fn fixes(text: &str) -> Vec<String> {
        run(&BrokenMarkup, text)
            .into_iter()
            .map(|f| f.suggestion.map(|e| e.replacement).unwrap_or_default())
            .collect()
    }

    #[test]
    fn translated_placeholders_of_a_help_text_are_the_translators() {
        // The source's `<time>`, `<label>`, `<addr>` are never closed: names
        // of a command's arguments, which translators translate.
        for (source, target) in [
            (
                "Invalid time format. Format is <time><unit>, e.g. 2h30m.",
                "Format de temps invalide. Le format est <temps><unité>, par ex. 2h30m.",
            ),
            (
                "-b <addr> specify a blind carbon-copy (BCC) address",
                "-b <adresse> spécifier une adresse en copie aveugle",
            ),
            // No `<input>` in the source: a key's name in angle brackets.
            ("Press RETURN to go on.", "Pressez <Entrée> pour continuer."),
        ] {
            assert!(run_bilingual(&BrokenMarkup, source, target).is_empty());
        }
        // A tag the source uses as markup, translated, is still broken.
        let f = run_bilingual(
            &BrokenMarkup,
            "<figure>A photo of the city.</figure>",
            "<chiffre>Une photo de la ville.</chiffre>",
        );
        assert_eq!(f.len(), 2, "{f:?}");
        // And without a source the name alone decides.
        assert_eq!(run(&BrokenMarkup, "Le format est <temps><unité>.").len(), 1);
    }

    #[test]
    fn flags_spaced_and_translated_tags() {
        assert_marked(&BrokenMarkup, "vu⟦< /chiffre>⟧Delhi Confidential");
        assert_marked(&BrokenMarkup, "texte⟦</ p>⟧ suite ⟦< p>⟧ et ⟦<tableau>⟧");
        assert_marked(
            &BrokenMarkup,
            "⟦<pied de page class=\"x\">⟧ bas ⟦</pied de page>⟧",
        );
        assert_eq!(fixes("< /chiffre>"), vec!["</figure>"]);
        assert_eq!(fixes("</ p>"), vec!["</p>"]);
        assert_eq!(fixes("<lien rel=\"x\"/>"), vec!["<link rel=\"x\" />"]);
        assert_eq!(fixes("<Portée>a</portée>"), vec!["<span>", "</span>"]);
        // A space is certainly wrong; a translated name is restored from a
        // list, for a person to check.
        assert_fixed(&BrokenMarkup, "a</ p> b< /chiffre>", "a</p> b< /chiffre>");
        assert_fixed(&BrokenMarkup, "a&amp;nbsp;b & nbsp;", "a\u{a0}b \u{a0}");
    }

    #[test]
    fn flags_guillemets_in_attributes() {
        assert_marked(&BrokenMarkup, "Klik ⟦<a href=« page.html »>⟧");
        assert_eq!(
            fixes("<a href=« page.html »>"),
            vec!["<a href=\"page.html\">"]
        );
        assert_eq!(
            fixes("<img src=“a.png” alt=“x”>"),
            vec!["<img src=\"a.png\" alt=\"x\">"]
        );
    }

    #[test]
    fn flags_broken_entities() {
        assert_marked(
            &BrokenMarkup,
            "A⟦&amp;nbsp;⟧B ⟦& nbsp;⟧ C⟦&nbsp ;⟧: D⟦&nbsp⟧ E",
        );
        assert_marked(
            &BrokenMarkup,
            "Barnes ⟦& ;⟧ Noble et ⟦&amp ;⟧ Cie, mais pas R&D ni « & » seul.",
        );
        assert_eq!(fixes("Barnes & ; Noble"), vec!["&"]);
        assert_fixed(&BrokenMarkup, "Barnes & ; Noble", "Barnes & Noble");
        assert_eq!(fixes("a&amp;nbsp;b"), vec!["\u{a0}"]);
        assert_eq!(fixes("Procter & amp; Gamble"), vec!["&"]);
        assert_eq!(fixes("fin& Nbsp;: oui"), vec!["\u{a0}"]);
        assert_eq!(fixes("a&amp;#233;b"), vec!["é"]);
        let f = run(&BrokenMarkup, "l&eacute;t&#233; AT&amp;T");
        assert_eq!(f.len(), 3);
        assert!(f.iter().all(|f| f.severity == Severity::Warning));
    }

    #[test]
    fn html_input_keeps_its_entities() {
        use crate::document::Document;
        use crate::rule::RuleOptions;
        let text = "il est venu&nbsp;: c’était <b>bien</b> &eacute;t&eacute; &amp;nbsp;";
        let doc = Document::with_format(text, Format::Html);
        let options = RuleOptions::default();
        let ctx = Context {
            doc: &doc,
            options: &options,
            scratch: None,
        };
        let mut sink = Sink::new(BrokenMarkup.meta());
        BrokenMarkup.check(&ctx, &mut sink);
        let f = sink.into_findings();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(text), "&amp;nbsp;");
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, "&nbsp;");
    }

    #[test]
    fn leaves_comparisons_and_good_tags_alone() {
        assert_clean(
            &BrokenMarkup,
            "si a < b et x < p > y, alors <3 et <<guillemets>>.",
        );
        assert_clean(
            &BrokenMarkup,
            "<p>Un <em>vrai</em> paragraphe</p> <br/> <figure>",
        );
        assert_clean(
            &BrokenMarkup,
            "R&D, AT&T, Procter & Gamble, & co ; 3 < 4 > 2",
        );
        assert_clean(
            &BrokenMarkup,
            "le prix <chiffre d'affaires> et <Tête à claques>",
        );
        assert_clean(&BrokenMarkup, "Tom & Jerry; Marks & Spencer ; a&b");
        assert_clean(&BrokenMarkup, "Clique <a href=\"page.html\">");
    }
}
