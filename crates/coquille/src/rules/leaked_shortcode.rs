use crate::declare_rule;
use crate::rule::{Context, Edit, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::references::line_around;

declare_rule! {
    /// CMS shortcodes left in the text: `[ad_1]`, `[caption id="attachment_12" align="alignleft"]`, `[/embed]`.
    ///
    /// ## What it does
    /// Reports a square-bracketed token shaped like a WordPress-style
    /// shortcode that the site's template should have replaced before the
    /// page went out:
    /// - a closing shortcode, `[/name]` (`[/caption]`, `[/embed]`);
    /// - a shortcode with attributes, `[name key="value" …]`
    ///   (`[caption id="attachment_5" width="300"]`,
    ///   `[gallery ids="1,2,3"]`), whatever its name, since machine
    ///   translation may translate the name (`[légende id="…"]`);
    /// - a bare shortcode whose name is an identifier with an underscore and
    ///   a number or a prefix of three letters at most (`[ad_1]`,
    ///   `[vc_row]`, `[et_pb_text]`), the shape advertising and page-builder
    ///   plug-ins give their placeholders.
    ///
    /// The suggestion deletes the shortcode (and one space after it); the
    /// content it wrapped stays, so a person checks the result.
    ///
    /// ## Why it matters
    /// Sites that republish articles automatically (often machine
    /// translated) copy the source's shortcodes as text. The reader sees
    /// `[ad_1]` at the top of the article: the page was never looked at.
    ///
    /// ## Example
    /// Bad: `[ad_1]\nLe maire a annoncé sa démission.`
    ///
    /// Good: `Le maire a annoncé sa démission.`
    ///
    /// ## Not flagged
    /// Editorial brackets (`[...]`, `[sic]`, `[Rires]`, `[lui]`, `[MAJ]`),
    /// footnote calls (`[1]`, `[a]`), Markdown links (`[ad_1](url)`),
    /// comparisons (`[p < 0,05]`), a command's arguments (`[fichier_de_sortie]`,
    /// and any bracket of a synopsis line: `Usage : %s [-b taille]`),
    /// anything in code or a URL.
    ///
    /// ## Known false positives
    /// An article about shortcodes that shows one outside code formatting.
    pub struct LeakedShortcode {
        id: "leaked-shortcode",
        category: Markup,
        severity: Error,
    }
}

/// The longest shortcode looked at, in bytes.
const MAX_LEN: usize = 300;

/// An ASCII identifier character of a shortcode name.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Whether `attrs` (the text after a shortcode's name, without the closing
/// bracket) holds at least one `key=value` attribute: a key of letters,
/// digits, `_` or `-` glued to `=`, itself glued to a value.
fn has_attribute(attrs: &str) -> bool {
    attrs.match_indices('=').any(|(eq, _)| {
        let key_len: usize = attrs[..eq]
            .chars()
            .rev()
            .take_while(|&c| c.is_alphanumeric() || c == '_' || c == '-')
            .map(char::len_utf8)
            .sum();
        let before_key = attrs[..eq - key_len].chars().next_back();
        let value = attrs[eq + 1..].chars().next();
        key_len > 0
            && before_key.is_some_and(char::is_whitespace)
            && value.is_some_and(|c| !c.is_whitespace() && c != '=')
    })
}

/// The shortcode's kind when `inner` (between `[` and `]`) is one; `rest`
/// is the text after its `]`, where a bare `[name]` finds its `[/name]`.
fn shortcode_kind(inner: &str, rest: &str) -> Option<&'static str> {
    if let Some(name) = inner.strip_prefix('/') {
        return (!name.is_empty()
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(is_name_char)
            && name.chars().all(|c| !c.is_ascii_uppercase()))
        .then_some("closing shortcode");
    }
    let name_len: usize = inner
        .chars()
        .take_while(|&c| c.is_alphanumeric() || c == '_' || c == '-')
        .map(char::len_utf8)
        .sum();
    if name_len == 0 || !inner.starts_with(char::is_alphabetic) {
        return None;
    }
    let (name, attrs) = inner.split_at(name_len);
    if attrs.is_empty() {
        let identifier =
            name.chars().all(is_name_char) && name.chars().all(|c| !c.is_ascii_uppercase());
        // `[ad_1]`, `[vc_row]`, `[et_pb_text]`: a number or a short
        // prefix, as plug-ins name their placeholders; a command's argument
        // (`[fichier_de_sortie]`, `[port_local]`) is words joined.
        let plugin_shaped = name.bytes().any(|b| b.is_ascii_digit())
            || name.split('_').next().is_some_and(|head| head.len() <= 3);
        if identifier && name.contains('_') && !name.ends_with('_') && plugin_shaped {
            return Some("shortcode");
        }
        // `[embed]…[/embed]`: an opening shortcode with its closing one.
        let closed = identifier
            && rest.match_indices("[/").any(|(i, _)| {
                rest[i + 2..]
                    .strip_prefix(name)
                    .is_some_and(|r| r.starts_with(']'))
            });
        return closed.then_some("shortcode");
    }
    (attrs.starts_with(char::is_whitespace) && has_attribute(attrs))
        .then_some("shortcode with attributes")
}

/// Whether `line` is a command's synopsis: an option in brackets (`[-b`,
/// `[--all`), or `usage` / `utilisation` with a bracketed argument.
fn is_synopsis(line: &str) -> bool {
    if line.contains("[-") {
        return true;
    }
    let lower = line.to_lowercase();
    (lower.contains("usage") || lower.contains("utilisation")) && line.contains('[')
}

impl Rule for LeakedShortcode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        for (open, _) in text.match_indices('[') {
            let after = &text[open + 1..];
            let Some(close) = after.find([']', '[', '\n']) else {
                continue;
            };
            if close > MAX_LEN || !after[close..].starts_with(']') {
                continue;
            }
            let end = open + 1 + close + 1;
            // A Markdown link or image: `[texte](url)`.
            if text[end..].starts_with('(') {
                continue;
            }
            let Some(kind) = shortcode_kind(&after[..close], &text[end..]) else {
                continue;
            };
            // A command's synopsis (`Usage : %s [-b taille] [fichier]`): its
            // brackets are optional arguments, whatever their shape.
            if is_synopsis(line_around(text, open, 300)) {
                continue;
            }
            // A URL runs to the next space, so it swallows a closing
            // shortcode glued to it (`[embed]https://x.fr/v[/embed]`).
            let kinds: &[RegionKind] = if after.starts_with('/') {
                &[RegionKind::Code]
            } else {
                &[RegionKind::Code, RegionKind::Url]
            };
            if ctx.doc.regions().covers(kinds, open) {
                continue;
            }
            // The fix takes one following space with it, so that no double
            // space or leading space is left behind.
            let mut removed = Span::new(open, end);
            if text[end..].starts_with(' ') {
                removed.end += 1;
            }
            let message = format!(
                "{kind} left in the text: `{}` is a placeholder the site's template should have replaced",
                &text[open..end]
            );
            let severity = sink.default_severity();
            sink.push(
                Span::new(open, end),
                message,
                severity,
                Some(Edit::possible(removed, String::new())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{apply_suggestions, assert_clean, assert_marked};

    #[test]
    fn flags_leaked_shortcodes() {
        assert_marked(&LeakedShortcode, "⟦[ad_1]⟧\nLe maire a démissionné.");
        assert_marked(
            &LeakedShortcode,
            "⟦[caption id=\"attachment_12\" align=\"alignleft\" width=\"300\"]⟧Le pont⟦[/caption]⟧",
        );
        assert_marked(
            &LeakedShortcode,
            "Voir ⟦[embed]⟧https://x.fr/v⟦[/embed]⟧ ici.",
        );
        assert_marked(
            &LeakedShortcode,
            "⟦[légende id=«attachment_5» aligner=«aligncenter»]⟧ Photo",
        );
        assert_marked(&LeakedShortcode, "⟦[vc_row]⟧⟦[vc_column]⟧Texte");
    }

    #[test]
    fn leaves_editorial_brackets_alone() {
        for text in [
            "Il a dit [...] qu'il viendrait [sic].",
            "[Rires] Oui, c'est [lui] qui l'a fait [1] [a].",
            "Voir [ad_1](https://exemple.fr) et [MAJ] [VIDÉO] [EN DIRECT].",
            "un effet net [p < 0,05] et [x = 2] ; [n=3 patients]",
            "Le code `[ad_1]` est remplacé ; https://x.fr/[ad_1]",
            "[Mise à jour le 3 mai] [Communiqué]",
            "Usage : %s [options] périphérique [nombre_de_blocs]",
            "noms udp/tcp : [port_local][,[hôte_distant]]",
            "Voir la commande tail [fichier_de_sortie] et [colonne_fin].",
        ] {
            assert_clean(&LeakedShortcode, text);
        }
    }

    #[test]
    fn suggestion_removes_the_shortcode() {
        assert_eq!(
            apply_suggestions(&LeakedShortcode, "[ad_1] Le maire a démissionné."),
            "Le maire a démissionné."
        );
        assert_eq!(apply_suggestions(&LeakedShortcode, "A[/caption]B"), "AB");
    }
}
