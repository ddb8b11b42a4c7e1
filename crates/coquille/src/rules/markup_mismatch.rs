use crate::declare_rule;
use crate::parallel::{Pairing, Parallel, trimmed};
use crate::rule::{Context, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

declare_rule! {
    /// Tags, placeholders and URLs of the source missing or altered.
    ///
    /// ## What it does
    /// Needs the source (not run on a unit of a bilingual file whose source
    /// is a message key such as `post.too_short_content` or `0d999f2`: it has
    /// no English to compare with). Compares, per aligned sentence pair (per
    /// unit in a bilingual file), what a translation must carry over
    /// unchanged:
    /// - HTML tags (`<b>`, `</figure>`, `<br/>`), by name (`<br/>` is
    ///   `<br />`); a word in angle
    ///   brackets that is not clearly markup (`<file>`, `<link>` in a
    ///   command's help) is a metavariable translators may translate;
    /// - placeholders: `{name}`, `{0}`, `{{count}}`, `%(name)s`, `%{name}`
    ///   (not the text of an ICU message's case, `other {hints}`),
    ///   and in bilingual files printf conversions (`%s`, `%d`, `%1$s`,
    ///   `%.2f`: the argument position may change, `%2$s %1$s` is a
    ///   reordering, not an error). A PO unit's flags say which: every
    ///   printf conversion with `c-format` and its kin (braces are then
    ///   literal text, unless `python-brace-format`), none with
    ///   `no-c-format`; other units get braces and the common conversions
    ///   (`%s`, `%d`, `%1$s`), braces being text where the source has
    ///   conversions and no brace placeholder (a printf string); a
    ///   placeholder called by name that the source repeats may be said
    ///   once;
    /// - URLs and e-mail addresses (a URL of the same site with another path,
    ///   such as a localised page, is accepted; in units, where translators
    ///   point to their own team's address, a source URL is missing only
    ///   when the target has none);
    /// - the inline codes of XLIFF and TMX units (`<x id="1"/>`, `<g>`,
    ///   `<ph>`...).
    ///
    /// A code of the source missing from the target, or one the target adds,
    /// is reported on the target's stray code when there is one (`< /chiffre>`
    /// where the source has `</figure>`), else on the target text. Missing or
    /// extra placeholders and inline codes are errors (a program fills them
    /// in: a missing `%s` shifts the arguments, an extra one crashes it);
    /// tags and URLs are warnings. Formatting elements the translation adds
    /// around its words, each opened and closed (`<tt>%h</tt>`), are the
    /// translator's typography where the source is markup too, and one
    /// warning where the source has no tag (the string may be shown as
    /// text).
    ///
    /// ## Why it matters
    /// Machine translation translates tag names (`</figure>` → `< /chiffre>`)
    /// and placeholder names (`{count}` → `{compte}`), and drops links.
    ///
    /// ## Example
    /// Source: `Delete {count} files from <b>{folder}</b>?`
    ///
    /// Bad: `Supprimer {compte} fichiers de <b>{dossier}</b> ?`
    ///
    /// Good: `Supprimer {count} fichiers de <b>{folder}</b> ?`
    ///
    /// ## Known false positives
    /// A tag the French typography needs and English does not (`<sup>e</sup>`
    /// in `XIXe`), a link the translator pointed to a French page of another
    /// site.
    pub struct MarkupMismatch {
        id: "markup-mismatch",
        category: Translation,
        severity: Error,
    }
}

/// The kinds of code compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Tag,
    Placeholder,
    Url,
}

/// A code found in a text.
#[derive(Debug, Clone)]
struct Code {
    kind: Kind,
    /// What must match: the tag name, the placeholder without argument
    /// position, the URL's host.
    key: String,
    /// The code as written.
    shown: String,
    span: Span,
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][A-Za-z0-9:._-]*(?:\s[^<>]*)?/?>").expect("valid regex")
});

/// A conversion only date formats have (`%H`, `%M`, `%Y`, `%b`...).
static STRFTIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"%[-_0^#]?[HMSYymbBjTRkIlpPZzVGUWCDFhrt]\b").expect("valid regex")
});

/// A start tag whose attributes are well formed: `<a href="x" class=y
/// hidden>`.
static ATTRIBUTES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^<[A-Za-z][\w:.-]*(?:\s+[A-Za-z_:@][\w:.-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>$"#)
        .expect("valid regex")
});

/// A tag broken by a space or a translated name, as machine translation
/// leaves it: `< /chiffre>`, `< b>`.
static BROKEN_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<\s+/?\s*[\p{L}][\p{L}0-9-]*\s*/?>").expect("valid regex"));

static BRACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{\s*[\w.$-]+\s*\}\}|[$%]?\{[\w.$-]+(?::[^{}\s]*)?\}|%\([\w.-]+\)[-#0+]*\d*(?:\.\d+)?[a-zA-Z]")
        .expect("valid regex")
});

/// printf conversions, without the space flag (`50 % des` is French, not
/// `% d`).
static PRINTF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"%(?:\d+\$)?[-#0+']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?[diouxXeEfFgGaAcspn]")
        .expect("valid regex")
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|ftp://|www\.)[^\s<>"'«»“”]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#)
        .expect("valid regex")
});

/// The host of a URL or the domain of an e-mail address, lower case.
fn host(url: &str) -> String {
    let u = url.to_lowercase();
    if let Some((_, domain)) = u.split_once('@')
        && !u.contains("://")
    {
        return domain.to_string();
    }
    let rest = u.split_once("://").map_or(u.as_str(), |(_, r)| r);
    let h = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    h.trim_start_matches("www.").to_string()
}

/// Which placeholder syntaxes a text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Printf {
    /// No printf conversions (prose).
    None,
    /// The common ones only: `%s`, `%d`, `%i`, `%u`, `%f`, `%@`, with an
    /// argument position (units of files that do not say their format).
    Common,
    /// Every conversion (a PO unit flagged `c-format` and the like).
    All,
}

/// The placeholder syntaxes of the checked text: PO flags say them; other
/// bilingual files get the common forms; prose gets braces only.
fn syntaxes(p: &Parallel<'_>) -> (Printf, bool) {
    let flags = p.flags();
    let has = |f: &str| flags.iter().any(|x| x == f);
    let printf_flag = flags
        .iter()
        .any(|f| f.ends_with("-format") && !f.starts_with("no-") && !f.contains("brace"));
    match p.pairing() {
        Pairing::Aligned => (Printf::None, true),
        Pairing::Unit if printf_flag => (Printf::All, has("python-brace-format")),
        Pairing::Unit if !flags.is_empty() && has("no-c-format") => (Printf::None, true),
        // No flags (a catalogue rebuilt from a `.mo` loses them): a source
        // with printf conversions and no brace placeholder is a printf
        // string, whose braces are text (`\U{xxxxxxxx}` for
        // `\Uxxxxxxxx`, R's notation for an escape).
        Pairing::Unit => {
            let source = p.source();
            let printf_source = PRINTF.is_match(source) && !BRACES.is_match(source);
            (Printf::Common, !printf_source)
        }
    }
}

/// Whether a tag is markup and not a placeholder in angle brackets such as
/// the `<file>` of a command's help: an HTML element name, with attributes,
/// or closing, or self-closing, or closed later in `text`, or a void
/// element that needs no closing (`<br>`, `<hr>`, `<img ...>`).
fn is_markup(tag: &str, name: &str, text: &str) -> bool {
    let bare = name
        .trim_start_matches('/')
        .trim_end_matches('/')
        .to_lowercase();
    if !crate::markup::HTML_ELEMENTS.contains(&bare.as_str()) {
        return false;
    }
    if tag.contains(char::is_whitespace) && !ATTRIBUTES.is_match(tag) {
        // `<var d'env>`: words in brackets, not attributes.
        return false;
    }
    if words_in_brackets(tag) && !text.contains(&format!("</{bare}>")) {
        // `<label name>`, `<source filter>`: a description of what goes
        // there, which translators translate, not an element with
        // attributes.
        return false;
    }
    tag.starts_with("</")
        || tag.ends_with("/>")
        || tag.contains(char::is_whitespace)
        || matches!(bare.as_str(), "br" | "hr" | "wbr")
        || text.contains(&format!("</{bare}>"))
}

/// Whether `text` holds a word in angle brackets that is no markup, a
/// metavariable of a help text (`<nothing>`, `<file>`): the translator may
/// translate it.
fn metavariable_in(text: &str) -> bool {
    TAG.find_iter(text).any(|m| {
        let inner = &m.as_str()[1..m.as_str().len() - 1];
        !inner.starts_with('/')
            && !inner.ends_with('/')
            && inner
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            && !is_markup(m.as_str(), inner, text)
    })
}

/// HTML's boolean attributes, the ones written bare (`<option selected>`).
const BOOLEAN_ATTRIBUTES: &[&str] = &[
    "allowfullscreen",
    "async",
    "autofocus",
    "autoplay",
    "checked",
    "compact",
    "controls",
    "default",
    "defer",
    "disabled",
    "download",
    "formnovalidate",
    "hidden",
    "inert",
    "ismap",
    "itemscope",
    "loop",
    "multiple",
    "muted",
    "nomodule",
    "noresize",
    "noshade",
    "novalidate",
    "nowrap",
    "open",
    "playsinline",
    "readonly",
    "required",
    "reversed",
    "selected",
];

/// Whether a tag with an element's name is words in brackets: after the
/// name, only bare lowercase words, none of them a boolean attribute
/// (`<label name>`, `<source filter>`; not `<option selected>`,
/// `<a href="…">`, `<div v-if>`).
fn words_in_brackets(tag: &str) -> bool {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let mut words = inner.split_whitespace().skip(1).peekable();
    words.peek().is_some()
        && words
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase()) && !BOOLEAN_ATTRIBUTES.contains(&w))
}

/// Codes of `text` within `span`; `evidence` is where a tag's closing tag
/// is looked for (both texts, so that a tag the source closes counts in
/// the target too).
fn codes(text: &str, span: Span, printf: Printf, braces: bool, evidence: &str) -> Vec<Code> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let mut taken: Vec<Span> = Vec::new();
    let mut push = |kind: Kind, key: String, start: usize, end: usize, out: &mut Vec<Code>| {
        let sp = Span::new(span.start + start, span.start + end);
        if taken.iter().any(|t| t.overlaps(sp)) {
            return;
        }
        taken.push(sp);
        out.push(Code {
            kind,
            key,
            shown: s[start..end].to_string(),
            span: sp,
        });
    };
    for m in URL.find_iter(s) {
        let url = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        // A scheme named alone (`links such as http://, https://`) is no
        // address: the text talks about the prefix.
        if !host(url).chars().any(char::is_alphanumeric) {
            continue;
        }
        push(
            Kind::Url,
            host(url),
            m.start(),
            m.start() + url.len(),
            &mut out,
        );
    }
    for m in TAG.find_iter(s) {
        let name: String = m
            .as_str()
            .trim_start_matches('<')
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '/' | ':' | '.' | '_' | '-'))
            .collect();
        // `<br/>` is `<br />`: the slash of a self-closing tag is no part
        // of its name.
        let name = name.trim_end_matches('/');
        if is_markup(m.as_str(), name, evidence) {
            push(Kind::Tag, name.to_lowercase(), m.start(), m.end(), &mut out);
        }
    }
    for m in BROKEN_TAG.find_iter(s) {
        // `< rien >` where the other text has `<nothing>`, which is not
        // markup: a metavariable, translated and spaced.
        if !m.as_str().contains('/') && metavariable_in(evidence) {
            continue;
        }
        let key = m
            .as_str()
            .split_whitespace()
            .collect::<String>()
            .to_lowercase();
        push(Kind::Tag, key, m.start(), m.end(), &mut out);
    }
    if braces {
        let bodies = icu_case_bodies(s);
        for m in BRACES.find_iter(s) {
            // The text of a case of an ICU message (`{n, plural, =1
            // {hint} other {hints}}`) is translated, not a placeholder.
            if bodies.contains(&m.start()) {
                continue;
            }
            let key = m.as_str().split_whitespace().collect::<String>();
            let name: String = key.chars().filter(|c| c.is_alphanumeric()).collect();
            // `{INTEGER}` in a command's help is a metavariable translators
            // translate; `{...}` is an ellipsis.
            let metavariable = name.chars().count() > 1
                && !name.chars().any(char::is_lowercase)
                && !name.chars().all(|c| c.is_ascii_digit());
            if name.is_empty() || metavariable {
                continue;
            }
            push(Kind::Placeholder, key, m.start(), m.end(), &mut out);
        }
    }
    if printf != Printf::None {
        for m in PRINTF.find_iter(s) {
            let conv = m.as_str().chars().next_back().unwrap_or('s');
            let spec = m
                .as_str()
                .find('$')
                .map_or(&m.as_str()[1..], |d| &m.as_str()[d + 1..]);
            if printf == Printf::Common
                && !(spec.len() == 1 && matches!(conv, 's' | 'd' | 'i' | 'u' | 'f'))
            {
                continue;
            }
            // Argument positions may change: `%2$s` is `%s` moved.
            let key = match m.as_str().find('$') {
                Some(d) => format!("%{}", &m.as_str()[d + 1..]),
                None => m.as_str().to_string(),
            };
            push(Kind::Placeholder, key, m.start(), m.end(), &mut out);
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// The head of an ICU message's choice: `{count, plural,`, `{VAR_SELECT,
/// select,`.
static ICU_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\s*[\w.]+\s*,\s*(?:plural|select|selectordinal)\s*,").expect("valid regex")
});

/// Where the cases of the ICU choices of `s` open their text (the `{` of
/// `other {hints}`), in `s`'s offsets: text a translator translates, which
/// may hold placeholders of its own.
fn icu_case_bodies(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if !s.contains(',') {
        return out;
    }
    let b = s.as_bytes();
    for head in ICU_HEAD.find_iter(s) {
        let mut i = head.end();
        loop {
            // A case's key (`=1`, `other`, `Users`), then its `{`.
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let key = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'{' | b'}') {
                i += 1;
            }
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i == key || i >= b.len() || b[i] != b'{' {
                break;
            }
            out.push(i);
            // Its matching `}`.
            let mut depth = 0usize;
            while i < b.len() {
                match b[i] {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
    }
    out
}

impl Rule for MarkupMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        for r in [
            &TAG,
            &BROKEN_TAG,
            &BRACES,
            &PRINTF,
            &URL,
            &ATTRIBUTES,
            &STRFTIME,
            &ICU_HEAD,
        ] {
            LazyLock::force(r);
        }
    }

    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}

    fn check_with_source(&self, _ctx: &Context<'_>, p: &Parallel<'_>, sink: &mut Sink<'_>) {
        // Tags are blanked out of the view the rules read: compare the
        // target as given (at the view's offsets).
        let text = p.target_with_markup();
        let (printf, braces) = syntaxes(p);
        for (source, target) in p.pairs() {
            // A date format (`%a %b %e %H:%M`) is not printf: translators
            // reorder and change it for their locale.
            let printf = if STRFTIME.is_match(source.slice(p.source())) {
                Printf::None
            } else {
                printf
            };
            let evidence = format!("{}\n{}", source.slice(p.source()), target.slice(text));
            let src = codes(p.source(), source, printf, braces, &evidence);
            let tgt = codes(text, target, printf, braces, &evidence);
            compare(text, target, &src, &tgt, sink);
        }
        // Inline codes of bilingual files, over the whole unit.
        let (src, tgt) = p.codes();
        if !src.is_empty() || !tgt.is_empty() {
            let mut count: HashMap<&str, isize> = HashMap::new();
            for c in src {
                *count.entry(c.key.as_str()).or_default() += 1;
            }
            for c in tgt {
                *count.entry(c.key.as_str()).or_default() -= 1;
            }
            let mut diff: Vec<(&str, isize)> = count.into_iter().filter(|(_, n)| *n != 0).collect();
            diff.sort_unstable();
            if let Some(at) = whole(text) {
                for (key, n) in diff {
                    let what = if n > 0 { "missing from" } else { "added in" };
                    sink.push(
                        at,
                        format!("Inline code `{key}` of the source is {what} the translation"),
                        Severity::Error,
                        None,
                    );
                }
            }
        }
    }
}

/// The text without surrounding white space, as a span (`None` if blank).
fn whole(text: &str) -> Option<Span> {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    (start < end).then(|| Span::new(start, end))
}

/// Reports the codes of `src` missing from `tgt` and those `tgt` adds.
fn compare(text: &str, target: Span, src: &[Code], tgt: &[Code], sink: &mut Sink<'_>) {
    let mut unmatched_tgt: Vec<bool> = vec![true; tgt.len()];
    let mut missing: Vec<&Code> = Vec::new();
    for s in src {
        let found = tgt
            .iter()
            .enumerate()
            .position(|(k, t)| unmatched_tgt[k] && t.kind == s.kind && t.key == s.key);
        match found {
            Some(k) => unmatched_tgt[k] = false,
            None => missing.push(s),
        }
    }
    // A placeholder called by name (`{limit}`, `%(name)s`, `{0}`) the
    // source uses several times and the target at least once: the program
    // fills in each use by the name, so a translation that says it fewer
    // times (a clause condensed) leaves no argument out.
    missing.retain(|m| {
        !(m.kind == Kind::Placeholder
            && is_named(&m.key)
            && tgt.iter().any(|t| t.kind == m.kind && t.key == m.key))
    });
    let mut extra: Vec<&Code> = tgt
        .iter()
        .zip(&unmatched_tgt)
        .filter(|(_, u)| **u)
        .map(|(c, _)| c)
        .collect();
    // A translation may point to its own team's address or a localised
    // page: URLs it adds are not reported, and a URL of the source counts
    // as missing only when the target has none in its place.
    let target_has_url = tgt.iter().any(|t| t.kind == Kind::Url);
    extra.retain(|e| e.kind != Kind::Url);
    // Formatting the translator added around words (`<tt>%h</tt>`), each
    // element opened then closed: typography where the source is markup
    // itself; where it has no tag, one finding says the string may not be
    // read as markup. Not when a tag of the source is missing: the added
    // one may stand for it.
    let added = if missing.iter().any(|m| m.kind == Kind::Tag) {
        Vec::new()
    } else {
        added_formatting(&extra)
    };
    if !added.is_empty() {
        let first = extra[added[0]];
        let others = added.len() - 1;
        let mut k = 0;
        extra.retain(|_| {
            k += 1;
            !added.contains(&(k - 1))
        });
        if !src.iter().any(|c| c.kind == Kind::Tag) {
            let more = if others > 0 {
                format!(" (nor {others} more formatting tags)")
            } else {
                String::new()
            };
            sink.push(
                first.span,
                format!(
                    "`{}` is not in the source{more}, which has no markup: the tags show as text unless the string is read as markup",
                    first.shown
                ),
                Severity::Warning,
                None,
            );
        }
    }
    for m in missing {
        if m.kind == Kind::Url && target_has_url {
            continue;
        }
        let severity = severity(m.kind);
        // A stray code of the same kind in the target stands for it.
        if let Some(k) = extra.iter().position(|e| e.kind == m.kind) {
            let e = extra.remove(k);
            sink.push(
                e.span,
                format!("`{}` stands where the source has `{}`", e.shown, m.shown),
                severity,
                None,
            );
            continue;
        }
        let at = trimmed(text, target);
        if let Some(at) = at {
            sink.push(
                at,
                format!(
                    "`{}` of the source is missing from the translation",
                    m.shown
                ),
                severity,
                None,
            );
        }
    }
    for e in extra {
        sink.push(
            e.span,
            format!("`{}` is not in the source", e.shown),
            severity(e.kind),
            None,
        );
    }
}

/// Whether a placeholder's key calls its argument by name or index (the
/// brace forms and `%(name)s`), not by its place among the arguments as a
/// printf conversion does.
fn is_named(key: &str) -> bool {
    key.starts_with(['{', '$']) || key.starts_with("%{") || key.starts_with("%(")
}

/// Elements that only format text (Pango, GTK and HTML labels).
const FORMATTING: &[&str] = &[
    "b", "big", "code", "em", "i", "kbd", "s", "small", "span", "strong", "sub", "sup", "tt", "u",
];

/// The indices of the tags among `extra` that open a formatting element
/// ([`FORMATTING`]) and of the tags that close it after them: pairs the
/// translation added around its words.
fn added_formatting(extra: &[&Code]) -> Vec<usize> {
    let mut open: Vec<(usize, &str)> = Vec::new();
    let mut out = Vec::new();
    for (k, c) in extra.iter().enumerate() {
        if c.kind != Kind::Tag {
            continue;
        }
        match c.key.strip_prefix('/') {
            None if FORMATTING.contains(&c.key.as_str()) => open.push((k, c.key.as_str())),
            Some(name) => {
                if let Some(at) = open.iter().rposition(|(_, n)| *n == name) {
                    let (o, _) = open.remove(at);
                    out.push(o);
                    out.push(k);
                }
            }
            None => {}
        }
    }
    out.sort_unstable();
    out
}

fn severity(kind: Kind) -> Severity {
    match kind {
        Kind::Placeholder => Severity::Error,
        Kind::Tag | Kind::Url => Severity::Warning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_bilingual, assert_clean, assert_unit_clean, run_bilingual};

    #[test]
    fn translated_placeholders_and_tags_are_reported() {
        assert_bilingual(
            &MarkupMismatch,
            "Delete {count} files from <b>{folder}</b>?",
            "Supprimer ⟦{compte}⟧ fichiers de <b>⟦{dossier}⟧</b> ?",
        );
        assert_bilingual(
            &MarkupMismatch,
            "<figure>A photo of the city.</figure>",
            "<figure>Une photo de la ville.⟦< /chiffre>⟧",
        );
        let f = run_bilingual(
            &MarkupMismatch,
            "<figure>A photo of the city.</figure>",
            "<figure>Une photo de la ville.< /chiffre>",
        );
        assert!(f[0].message.contains("</figure>"), "{}", f[0].message);
    }

    #[test]
    fn a_dropped_link_is_reported_on_the_sentence() {
        assert_bilingual(
            &MarkupMismatch,
            "Read the report at https://example.org/report.pdf today.",
            "⟦Lisez le rapport aujourd'hui.⟧",
        );
        // Another page of the same site is a localised link.
        assert_bilingual(
            &MarkupMismatch,
            "Read the report at https://example.org/en/report today.",
            "Lisez le rapport sur https://example.org/fr/rapport aujourd'hui.",
        );
    }

    #[test]
    fn a_scheme_named_alone_is_no_address() {
        assert_unit_clean(
            &MarkupMismatch,
            "Links such as http://, https:// and file:// are allowed.",
            "Les liens comme « http:// », « https:// » et « file:// » sont permis.",
        );
        assert_unit_clean(
            &MarkupMismatch,
            "Enter a web address (http://…) here.",
            "Saisir une adresse (http://...) ici.",
        );
        assert_bilingual(
            &MarkupMismatch,
            "Links such as http://example.org, are allowed.",
            "⟦Les liens comme « http:// » sont permis.⟧",
        );
    }

    #[test]
    fn a_translated_metavariable_spaced_is_no_tag() {
        assert_unit_clean(
            &MarkupMismatch,
            "Levels: <nothing> (no logging), error, warning",
            "Niveaux : < rien > (aucun journal), erreur, avertissement",
        );
        // A tag broken by a space where the source has markup is reported.
        assert_bilingual(
            &MarkupMismatch,
            "<figure>A photo of the city.</figure>",
            "<figure>Une photo de la ville.⟦< /chiffre>⟧",
        );
        assert!(
            !run_bilingual(
                &MarkupMismatch,
                "Press <b>here</b> now",
                "Appuyez < b>ici</b> maintenant"
            )
            .is_empty()
        );
    }

    #[test]
    fn formatting_the_translation_adds_is_its_typography() {
        assert_bilingual(
            &MarkupMismatch,
            "<big>Formats: server or server:port</big>",
            "<big>Formats : <tt>serveur</tt> ou <tt>serveur:port</tt></big>",
        );
        // A source without markup: one finding for the added tags.
        let found = run_bilingual(
            &MarkupMismatch,
            "Use %h for the host and %u for the user.",
            "Utilisez <tt>%h</tt> pour l'hôte et <tt>%u</tt> pour l'utilisateur.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("nor 3 more"), "{found:?}");
        // Formatting of the source renamed is still reported.
        assert_bilingual(
            &MarkupMismatch,
            "<big>Formats: <b>server</b></big>",
            "<big>Formats : ⟦<i>⟧serveur⟦</i>⟧</big>",
        );
    }

    #[test]
    fn kept_codes_pass() {
        assert_bilingual(
            &MarkupMismatch,
            "Hello {{user}}, you have {n} new <a href=\"/inbox\">messages</a>.",
            "Bonjour {{ user }}, vous avez {n} nouveaux <a href=\"/inbox\">messages</a>.",
        );
        assert_clean(&MarkupMismatch, "Supprimer {compte} fichiers.");
        // A self-closing tag written with or without its space.
        assert_bilingual(
            &MarkupMismatch,
            "Position: <tt>%s</tt><br/>Match: <tt>%s</tt>",
            "Position : <tt>%s</tt><br />Match : <tt>%s</tt>",
        );
        assert_bilingual(
            &MarkupMismatch,
            "Position: <tt>%s</tt><br/>",
            "Position : <tt>%s</tt>⟦<hr />⟧",
        );
    }

    #[test]
    fn the_cases_of_an_icu_message_are_translated_text() {
        use crate::rule::testing::unit_texts;
        assert_unit_clean(
            &MarkupMismatch,
            "{VAR_SELECT, select, view {view} other {edit}}",
            "{VAR_SELECT, select, view {voir} other {éditer}}",
        );
        assert_unit_clean(
            &MarkupMismatch,
            "{n, plural, =1 {one hint} other {{n} hints}}",
            "{n, plural, =1 {un indice} other {{n} indices}}",
        );
        // A placeholder inside a case is still one.
        assert_eq!(
            unit_texts(
                &MarkupMismatch,
                "{n, plural, =1 {one hint} other {{n} hints}}",
                "{n, plural, =1 {un indice} other {{nombre} indices}}"
            ),
            ["{nombre}"]
        );
        assert_eq!(
            icu_case_bodies("{n, plural, =1 {a} other {b {x} c}} {y}"),
            [15, 25]
        );
    }

    #[test]
    fn braces_are_text_in_a_printf_unit_without_flags() {
        use crate::rule::testing::unit_texts;
        assert_unit_clean(
            &MarkupMismatch,
            "invalid \\Uxxxxxxxx value %6x (line %d)",
            "séquence \\U{xxxxxxxx} valant %6x incorrecte (ligne %d)",
        );
        // Without printf conversions, braces are placeholders.
        assert_eq!(
            unit_texts(&MarkupMismatch, "invalid value", "valeur {x} incorrecte").len(),
            1
        );
    }

    #[test]
    fn a_named_placeholder_said_fewer_times_is_not_missing() {
        // Filled in by name: each use gets the value, none is left out.
        assert_bilingual(
            &MarkupMismatch,
            "Raising {limit} helps; a lower {limit} slows it down.",
            "Augmenter {limit} aide, le baisser ralentit.",
        );
        // Said nowhere: missing (each use of the source).
        let found = run_bilingual(
            &MarkupMismatch,
            "Raising {limit} helps; a lower {limit} slows it down.",
            "Augmenter la limite aide, la baisser ralentit.",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        // A printf conversion is taken by its place: each one counts.
        let found = crate::rule::testing::unit_texts(&MarkupMismatch, "Copy %s to %s", "Copier %s");
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn words_in_brackets_after_an_element_name_are_no_tag() {
        // A description of what goes there, translated: no code.
        for (source, target) in [
            ("<label name>", "<nom de l'étiquette>"),
            (
                "Matching the <source filter>",
                "Correspondant au <filtre source>",
            ),
        ] {
            assert!(
                codes(source, whole(source).unwrap(), Printf::All, false, source).is_empty(),
                "{source}"
            );
            assert!(
                run_bilingual(&MarkupMismatch, source, target).is_empty(),
                "{source}"
            );
        }
        // Elements with a bare boolean attribute, or closed, stay markup.
        for text in [
            "<option selected>",
            "<label name>Nom</label>",
            "<details open>",
        ] {
            assert_eq!(
                codes(text, whole(text).unwrap(), Printf::All, false, text).len(),
                if text.contains("</") { 2 } else { 1 },
                "{text}"
            );
        }
        assert_eq!(
            run_bilingual(
                &MarkupMismatch,
                "Pick <option selected>",
                "Choisir <choix sélectionné>"
            )
            .len(),
            1
        );
    }

    #[test]
    fn printf_positions_may_change_in_units() {
        let src = codes(
            "Copy %s to %d places",
            Span::new(0, 20),
            Printf::All,
            false,
            "",
        );
        let tgt = codes(
            "Copier %2$d fois %1$s",
            Span::new(0, 21),
            Printf::All,
            false,
            "",
        );
        let mut a: Vec<&str> = src.iter().map(|c| c.key.as_str()).collect();
        let mut b: Vec<&str> = tgt.iter().map(|c| c.key.as_str()).collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
        // French percent signs are not conversions.
        assert!(codes("50 % des voix", Span::new(0, 13), Printf::All, true, "").is_empty());
        // Names in angle brackets are placeholders of a help text, not tags.
        assert!(
            codes(
                "--%s needs <link> <name> <path>",
                Span::new(0, 31),
                Printf::All,
                false,
                ""
            )
            .iter()
            .all(|c| c.kind == Kind::Placeholder)
        );
    }
}
