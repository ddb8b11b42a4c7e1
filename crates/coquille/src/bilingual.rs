//! Checking translations against their source: a French document with its
//! English original ([`check_with_source`]), or every unit of a bilingual
//! file ([`check_bitext`]). Every rule runs: the monolingual ones on each
//! target, the bilingual ones (category `translation`) against its source,
//! except in a unit whose source is a message key rather than English
//! ([`Unit::source_is_key`]: `post.too_short_content`, `0d999f2`), where
//! only the monolingual ones run.

use crate::bitext::{Bitext, FileSpan, Segment, Unit};
use crate::checker::{Checker, Limits};
use crate::document::{Document, Format};
use crate::glossary::KeptTerms;
use crate::lang::french;
use crate::lang::lexicon::{Lang, extensions, zipf};
use crate::parallel::{DEFAULT_RATIO, Parallel, quoted_or_code};
use crate::report::{DocumentReport, FindingReport, ScoreReport, Stats, UnitRef, Verdict};
use crate::rule::{Category, Finding, RuleMeta, Severity};
use crate::score::Score;
use crate::span::{LineIndex, Span};

/// Checks `doc`, the translation of `source` (English, in
/// `source_format`), and builds its report; findings of bilingual rules
/// carry the bytes of the source they are about.
pub fn check_with_source(
    checker: &Checker,
    doc: &Document<'_>,
    source: &str,
    source_format: Format,
    path: Option<&str>,
) -> DocumentReport {
    let findings = checker.findings_with_source(doc, source, source_format);
    DocumentReport::from_findings(path, doc, findings, checker.gate())
}

/// A finding in a unit of a bilingual file.
#[derive(Debug, Clone)]
pub struct UnitFinding {
    /// Index of the unit in [`Bitext::units`].
    pub unit: usize,
    /// The finding, its span in the unit's target text (and its `source`,
    /// if any, in the unit's source text).
    pub finding: Finding,
    /// The finding's bytes in the file.
    pub file: FileSpan,
    /// Its source bytes in the file, if any.
    pub source_file: Option<FileSpan>,
    /// The same two for each finding folded into it
    /// ([`Finding::folded`]), in that order.
    pub folded_files: Vec<(FileSpan, Option<FileSpan>)>,
}

/// Characters of target per character of source over the translated units
/// of `bitext` whose source is text (not a message key:
/// [`Unit::source_is_key`]), drawn towards [`DEFAULT_RATIO`] when there is
/// little text.
pub fn file_ratio(bitext: &Bitext) -> f64 {
    let (mut s, mut t) = (0usize, 0usize);
    for u in bitext.units.iter().filter(|u| !u.source_is_key()) {
        if let Some(target) = u.target.as_ref().filter(|t| !t.text.trim().is_empty()) {
            s += non_space(&u.source.text);
            t += non_space(&target.text);
        }
    }
    const WEIGHT: f64 = 1000.0;
    ((t as f64 + DEFAULT_RATIO * WEIGHT) / (s as f64 + WEIGHT)).clamp(0.5, 2.5)
}

fn non_space(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// A finding of a monolingual rule on code the unit inherited from its
/// source: its text is code or a quoted term in the target
/// ([`quoted_or_code`]: `%s..%s`, `« cd .. »`, `<file>`) and stands as it is
/// in the source. A program's strings carry such code on purpose; it is not
/// the translation's defect.
fn inherited_code(f: &Finding, target: &str, source: &str) -> bool {
    f.category != Category::Translation
        && quoted_or_code(target, f.span)
        && source.contains(f.span.slice(target).trim())
}

/// A finding of a monolingual rule on something the unit's source has in
/// the same shape, where English and French write alike, so that it is the
/// program's and not the translation's: a run of punctuation that the source
/// has too, white space and `…` for `...` aside (`!!!`, `[,...]` written
/// `[,…]`, `Label?:` written `Label ? :`); a glued token the source has as it
/// is (`ftp:acct`, `client:port`, `returnMode`), or whose words the
/// translator put in the source's syntax (`serveur,canal` for
/// `server,channel`, `OCTET:BIT` for `BYTE:BIT`: [`same_syntax`]); a
/// sentence that opens on a stray mark where the source opens one on the
/// same mark (`, hiding %c`: a piece the program joins to another). Rules
/// about French typography (spaces before `:`) are concerned only by a mark
/// inside a token the source has as it is (`s:x,y`, `w+:xxx`: code; a label
/// `Version:` is not code, English never has French spaces).
fn shown_by_source(f: &Finding, target: &str, source: &str) -> bool {
    let text = f.span.slice(target);
    match f.rule {
        "duplicate-punctuation" => {
            let squeeze = |s: &str| -> String {
                s.chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .replace('…', "...")
            };
            let run = squeeze(text);
            // Dots as a leader (`Dialing prefix #1....`), filled to the
            // French's length.
            let leader = run.len() > 3 && run.chars().all(|c| c == '.') && source.contains("..");
            !run.is_empty() && (leader || squeeze(source).contains(&run))
        }
        "missing-space-after-punctuation" | "glued-words" => {
            let token = token_around(target, f.span);
            !token.trim().is_empty()
                && (source.contains(token)
                    || same_syntax(token, target, source)
                    || (f.rule == "glued-words"
                        && (recased_word_of(token, source)
                            || (camel_case(token) && source.split_whitespace().any(camel_case)))))
        }
        "elision" => {
            // A one-letter name the source has as a word of its own (`de
            // y` for `y values`): a variable, no French word to elide
            // before (`a` and `I` aside, English words).
            let next = text.rsplit([' ', '\u{a0}']).next().unwrap_or("");
            let mut letters = next.chars();
            letters
                .next()
                .is_some_and(|c| c.is_alphabetic() && !matches!(c, 'a' | 'A' | 'I'))
                && letters.next().is_none()
                && source
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == next)
        }
        "space-before-punctuation" => {
            // A name that opens on a dot (R's `.Internal`, `.GlobalEnv`),
            // written after a space as the source writes it.
            text.trim_start().starts_with('.') && {
                let name: &str = {
                    let rest = &target[f.span.end - 1..];
                    let end = rest[1..]
                        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                        .map_or(rest.len(), |i| i + 1);
                    &rest[..end]
                };
                name.len() > 1
                    && source.match_indices(name).any(|(i, _)| {
                        source[..i]
                            .chars()
                            .next_back()
                            .is_none_or(char::is_whitespace)
                    })
            }
        }
        "french-spacing" => text.chars().next().is_some_and(|mark| {
            // A mark English writes too (not a guillemet), inside the
            // token: a character on each side.
            let inside = target[..f.span.start]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace())
                && target[f.span.start + mark.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_whitespace());
            let token = token_around(target, f.span);
            (matches!(mark, ':' | ';' | '?' | '!')
                && inside
                && token.contains(mark)
                && source.contains(token))
                || (mark == ':' && field_name_before(target, f.span.start, source))
        }),
        "sentence-fragment" => text.chars().next().is_some_and(|mark| {
            let mut prev = None;
            let mut chars = source.chars().peekable();
            while let Some(c) = chars.next() {
                if c == mark
                    && prev.is_none_or(char::is_whitespace)
                    && chars.peek().is_some_and(|n| n.is_whitespace())
                {
                    return true;
                }
                prev = Some(c);
            }
            false
        }),
        _ => false,
    }
}

/// Whether `token` is a word of `source` written in other capitals, a
/// program's identifier (`pushBack` for `pushback`): one run of letters.
/// Whether `token` holds a word written in camel case, a lower-case letter
/// then a capital (`sendText`, `exécuterCommande`): the shape of a
/// program's identifier. Where the source names identifiers so, a target's
/// camel-case word is the translator's rendering of one (`envoyerTexte`
/// for `sendText`), not two words run together.
fn camel_case(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0].is_lowercase() && w[1].is_uppercase())
}

/// Whether the last mark of the run at `span` stands alone as a word
/// (white space or the text's edge on each side) where the source has the
/// same mark alone: the character is named (`Numpad .` → `Pavé num. .`),
/// not punctuation doubled.
fn mark_named_alone(target: &str, span: Span, source: &str) -> bool {
    let text = span.slice(target).trim_end();
    let Some(mark) = text.chars().next_back() else {
        return false;
    };
    let alone = |s: &str, i: usize| {
        s[..i].chars().next_back().is_some_and(char::is_whitespace)
            && s[i + mark.len_utf8()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
    };
    mark.is_ascii_punctuation()
        && alone(target, span.start + text.len() - mark.len_utf8())
        && source.match_indices(mark).any(|(i, _)| alone(source, i))
}

/// `text` up to its first tab: a menu label without its accelerator.
fn before_tab(text: &str) -> &str {
    text.split('\t').next().unwrap_or(text)
}

fn recased_word_of(token: &str, source: &str) -> bool {
    token.chars().count() > 1
        && token.chars().all(char::is_alphabetic)
        && source
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w != token && w.to_lowercase() == token.to_lowercase())
}

/// Whether the colon at `colon` in `target` ends a field name that the
/// source has as it is, colon included: a capitalised name of letters,
/// digits and hyphens, not all capitals, that is no French word or is far
/// more common in English ([`clearly_english`]), cited after a word of its
/// line (a mail header: `le champ To:`, `l'en-tête Message-ID:`), or a
/// directive written with `%%` (`%%Format:`). The program reads or writes
/// that name; a French space before its colon would break it. A label kept
/// from the source but French (`Version:`, `Date:`), an acronym (`LUKS:`),
/// a printf conversion (`%s:`) or a name opening its message (`Mutt:`,
/// `indent:`) are still French typography.
fn field_name_before(target: &str, colon: usize, source: &str) -> bool {
    let before = &target[..colon];
    let start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '«' | '"' | '\''))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let name = &before[start..];
    let word = name.strip_prefix("%%").unwrap_or(name);
    let directive = word.len() < name.len();
    // Cited inside the text, after a word of its line: a label, an
    // acronym or a program's name opens its message (`Mutt:`, `LUKS:`).
    let line_start = before[..start].rfind('\n').map_or(0, |i| i + 1);
    let cited = before[line_start..start].chars().any(char::is_alphabetic);
    let header = cited
        && word.chars().any(char::is_lowercase)
        && (!french::is_french(word) || clearly_english(word));
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().all(|c| c.is_alphanumeric() || c == '-')
        && (directive || header)
        && source.match_indices(name).any(|(i, _)| {
            source[i + name.len()..].starts_with(':')
                && !source[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        })
}

/// Whether `word` is far more common in English than in French (by a Zipf
/// point or more): `To`, which the French lexicon holds as the symbol of
/// the terabyte.
fn clearly_english(word: &str) -> bool {
    let lower = word.to_lowercase();
    let fr = zipf(Lang::Fr, &lower).unwrap_or(0.0);
    zipf(Lang::En, &lower).is_some_and(|en| en >= fr + 1.0)
}

/// A `space-before-punctuation` finding whose mark follows an inline code
/// of the unit (an XLIFF `<x/>` the program fills in: `le <x
/// id="INTERPOLATION"/>.`, `membre de <x id="START_TAG_LINKS"/><x
/// id="CLOSE_TAG_LINKS"/>,`): the rules read the text without its codes,
/// but the code stands for words between the space and the mark. A code
/// that only closes an element (`CLOSE_TAG_SPAN`, `/g#1`) stands for no
/// word: the space before it is still one.
fn code_before_mark(f: &Finding, target: &Segment) -> bool {
    f.rule == "space-before-punctuation"
        && target.codes.iter().any(|c| {
            // Right before the mark (`.` or `,`, one byte), after the space.
            c.at + 1 == f.span.end
                && c.at > f.span.start
                && !c.key.starts_with('/')
                && !c.key.contains("CLOSE_")
        })
}

/// The separator of a unit text that is a list a program reads: `;` or
/// `,`, every one glued to the next item (English and French both space
/// after them in prose), the items short (`words` words at most): the keywords of a `.desktop` file (`file
/// manager;explorer;finder;`), the names a calculator accepts for a unit
/// (`centimeter,centimeters,cm,cms`).
fn list_separator(text: &str, words: usize) -> Option<char> {
    let text = text.trim();
    [';', ','].into_iter().find(|&sep| {
        // What follows each separator: the text's end, or the next item.
        let mut after = text
            .match_indices(sep)
            .map(|(i, _)| text[i + 1..].chars().next());
        let mut joins = false;
        let glued = after.all(|next| match next {
            None => true,
            Some(c) => {
                joins = true;
                !c.is_whitespace()
            }
        });
        joins
            && glued
            && text
                .split(sep)
                .all(|item| item.split_whitespace().count() <= words)
    })
}

/// A finding on a list the program reads ([`list_separator`]) where the
/// source is such a list too, with the same separator: the missing space
/// after the separator (`calcul;arithmétique`), the separator's French
/// spacing, and English among the items (`kilometre,km`: spellings the
/// program should accept as well) are the list's convention.
fn in_programs_list(f: &Finding, target: &str, source: &str) -> bool {
    // Three English words an item at most; French renderings run longer.
    let Some(sep) = list_separator(source, 3) else {
        return false;
    };
    if list_separator(target, 4) != Some(sep) {
        return false;
    }
    match f.rule {
        "missing-space-after-punctuation" | "glued-words" | "french-spacing" => {
            f.span.slice(target).contains(sep)
        }
        "untranslated-english" => true,
        _ => false,
    }
}

/// Whether `c` marks an access key in a program's string: a tilde
/// (`H~eader`, `Go ~back`; before a letter only, `~1` being a colour code
/// of `top`'s help whose text the reader sees) or a C0 control character
/// other than white space (slrn's `^AYes`).
fn is_key_marker(c: char) -> bool {
    c == '~' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// A finding of a monolingual rule that touches an access-key marker the
/// unit's source uses too, glued before a letter (`In~fo` for `H~eader`,
/// `^AOui` for `^AYes`): the marker is the program's, it cuts the word for
/// the rules (`In`, `our` read as English) or reads as a stray byte
/// (mojibake), and the reader never sees it.
fn access_key(f: &Finding, target: &str, source: &str) -> bool {
    if f.category == Category::Translation {
        return false;
    }
    let markers: Vec<char> = source
        .chars()
        .zip(source.chars().skip(1))
        .filter(|&(m, next)| {
            is_key_marker(m) && next.is_alphanumeric() && (m != '~' || next.is_alphabetic())
        })
        .map(|(m, _)| m)
        .collect();
    if markers.is_empty() {
        return false;
    }
    let text = f.span.slice(target);
    let before = target[..f.span.start].chars().next_back();
    let after = target[f.span.end..].chars().next();
    [before, after]
        .into_iter()
        .flatten()
        .chain(text.chars())
        .any(|c| markers.contains(&c))
}

/// The white-space-delimited token of `text` around `span`, brackets and
/// quotes around it and sentence punctuation after it left out (they are
/// the sentence's: `(pget:default-n)` → `pget:default-n`).
fn token_around(text: &str, span: Span) -> &str {
    let start = text[..span.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let end = text[span.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| span.end + i);
    bare_token(&text[start..end])
}

fn bare_token(token: &str) -> &str {
    token
        .trim_start_matches(['(', '[', '{', '«', '"', '\'', '“'])
        .trim_end_matches([
            ')', ']', '}', '»', '"', '\'', '”', '.', ',', ';', ':', '!', '?',
        ])
}

/// The syntax of a token: each run of letters and digits by its kind
/// (`9` digits, `a` letters, with digits or not), the marks between them as
/// they are. `serveur,canal` and `server,channel` are both `a,a`;
/// `OCTET:BIT` and `BYTE:BIT` both `a:a`; an access key before its word,
/// `D)Télécharger` for `D)ownload`, `a)a` (the case of a translated word
/// is the translator's).
fn syntax(token: &str) -> String {
    let mut out = String::new();
    // Whether a run is open, and whether it has a letter.
    let (mut open, mut letter) = (false, false);
    for c in token.chars() {
        if c.is_alphanumeric() {
            open = true;
            letter |= c.is_alphabetic();
        } else {
            if open {
                out.push(if letter { 'a' } else { '9' });
                (open, letter) = (false, false);
            }
            out.push(c);
        }
    }
    if open {
        out.push(if letter { 'a' } else { '9' });
    }
    out
}

/// Whether `token` (of `target`) is words written in a syntax of the
/// source: metasyntax translated word for word (`serveur,canal,pseudo` for
/// `server,channel,nick`, `nom:valeur` for `name:value`, `(Fichier)Nœud`
/// for `(File)Node`). The token must join two runs of letters or digits by
/// marks, and the target may not have more tokens of that syntax than the
/// source: a comma glued between two words of the French, where the source
/// has no such token, or has fewer, is still the translation's.
fn same_syntax(token: &str, target: &str, source: &str) -> bool {
    let shape = syntax(token);
    let runs = shape.chars().filter(char::is_ascii_alphanumeric).count();
    if runs < 2 {
        return false;
    }
    let count = |text: &str| {
        text.split_whitespace()
            .filter(|t| syntax(bare_token(t)) == shape)
            .count()
    };
    // The source may glue its tokens with slashes where the French spaces
    // them out (`A)lways/P)rompt/neV)er` for `A)Toujours P)Demander
    // V)Jamais`): each piece of a slashed token counts as one.
    let pieces = |text: &str| {
        text.split_whitespace()
            .filter(|t| t.contains('/'))
            .flat_map(|t| t.split('/'))
            .filter(|t| syntax(bare_token(t)) == shape)
            .count()
    };
    let in_source = count(source) + pieces(source);
    in_source > 0 && count(target) <= in_source
}

/// A finding of a monolingual rule on the layout or the conventions of a
/// program's strings that the unit's source shows too:
/// - `repeated-word` and `untranslated-english` reading across the columns
///   of a table (a tab, a line break or a run of spaces inside the finding,
///   where the source is laid out so too: `fichier    fichier`, an option
///   and its description; `trigger        hook`, the last word of a
///   description and the next option), and a word repeated where the
///   source repeats one as often (`whois pseudo pseudo` for `whois nick
///   nick`);
/// - `untranslated-english` on one word that is a common French word and
///   not a word of the source (`si plusieurs correspondent` for `if several
///   match`): English left in a unit comes from its source;
/// - `stray-full-stop` on a full stop before a lower-case word where the
///   source has as many (`détectée. fichier=%s` for `detected. file=%s`),
///   or after a word cut short ([`clipped_before`]: `carac.`, `param.`), an
///   abbreviation made to fit a program's columns, and
///   `duplicate-punctuation` on such a full stop followed by a comma, a
///   semicolon or a colon (`impr.;`, `compr.,`);
/// - `english-quotes` errors (quotes paired wrongly) in a target whose
///   straight double quotes pair up in order and quote a lone mark (`"!"`,
///   `";"`: the mark talked about) or code the source quotes as well
///   (`".conf"`, `"*,!plain"`), which the rule takes for a closing quote;
///   or whose straight double quotes are as many as the source's, an odd
///   number (a quote the program closes in another piece).
fn programs_convention(f: &Finding, target: &str, source: &str) -> bool {
    let text = f.span.slice(target);
    match f.rule {
        "repeated-word" => {
            (across_columns(text) && laid_out(source)) || {
                let in_source = repeats(source);
                in_source > 0 && repeats(target) <= in_source
            }
        }
        "broken-markup" => {
            // An entity the source writes too: the program's markup
            // language escapes (Pango's `&lt;user&gt;`, `Excel&#8482;`).
            text.starts_with('&') && text.ends_with(';') && source.contains(text)
        }
        "untranslated-english" => {
            (across_columns(text) && laid_out(source))
                || french_not_from_source(text, source)
                || command_of_synopsis(text, target, f.span.start, source)
                || identifier(text)
                || mostly_rare_in_english(text)
                || (f.severity != Severity::Info
                    && (none_of_the_sources_english(text, target, f.span.start, source)
                        || recased_copy(target, source)
                        || name_with_gloss(target, source)))
        }
        "truncated-text" => {
            // A label that opens a dialog ends on its ellipsis in the
            // source as well (`Sort by...` → `Trier par...`, `Save As...`
            // → `Enregistrer sous...`): the cut is the source's. So is a
            // source that stops on a word no English clause ends on, then an
            // ellipsis (`Restore '%s' to ...` → `Restaurer '%s' vers…`:
            // the program fills in the rest).
            // A menu label's accelerator after a tab (`Save As...\tCtrl+S`)
            // is no part of the label.
            let (target_label, source_label) = (before_tab(target), before_tab(source));
            f.span.end <= target_label.len()
                && f.span.end >= target_label.trim_end().len()
                && (ends_on_glued_ellipsis(source_label) || cut_after_function_word(source_label))
        }
        "duplicate-punctuation" => {
            // An abbreviation's full stop, then the sentence's mark
            // (`impr.;`, `compr.,`, `verr. :`); a mark the source names
            // alone (`Pavé num. .` for `Numpad .`).
            (text
                .strip_prefix('.')
                .is_some_and(|rest| matches!(rest.trim_start(), "," | ";" | ":"))
                && clipped_before(target, f.span.start))
                || mark_named_alone(target, f.span, source)
        }
        "stray-full-stop" => {
            text.starts_with('.')
                && ({
                    let in_source = stops_before_lower_case(source);
                    in_source > 0 && stops_before_lower_case(target) <= in_source
                } || clipped_before(target, f.span.start)
                    || (!sentence_break_inside(source) && cut_word_before(target, f.span.start)))
        }
        "markup-mismatch" => {
            text.starts_with('{')
                && synopsis_line(target, f.span.start)
                && source.lines().any(|l| synopsis_line(l, 0))
        }
        "english-quotes" => {
            f.severity == Severity::Error
                && (quotes_misread(target, source) || quotes_as_source(target, source))
        }
        _ => false,
    }
}

/// Whether the line of `text` holding `pos` is a command's synopsis: it
/// opens on `Usage:` (`Usage :`, `usage:`, French `Utilisation :`,
/// `Syntaxe :`). Its brackets and braces are metasyntax for the reader
/// (`{file} ...`: one file or more), which translators translate, not
/// placeholders the program fills.
fn synopsis_line(text: &str, pos: usize) -> bool {
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].trim_start();
    ["usage", "utilisation", "syntaxe"].iter().any(|label| {
        line.get(..label.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(label))
            && line[label.len()..]
                .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
                .starts_with(':')
    })
}

/// A tab, a line break or two spaces inside `text`.
fn across_columns(text: &str) -> bool {
    text.contains(['\t', '\n']) || text.contains("  ")
}

/// Whether `source` is laid out in lines or columns: a tab, a line break,
/// or two spaces between two characters.
fn laid_out(source: &str) -> bool {
    source.contains(['\t', '\n']) || source.trim().contains("  ")
}

/// Whether `text` is one word, common in French (Zipf 3 or more) and at
/// least as common as in English (`to` and `the` are in French web text
/// too), that `source` does not have (case aside).
fn french_not_from_source(text: &str, source: &str) -> bool {
    let word = text.trim();
    let lower = word.to_lowercase();
    let english = zipf(Lang::En, &lower).unwrap_or(0.0);
    let common = |form: &str| zipf(Lang::Fr, form).is_some_and(|z| z >= 3.0 && z >= english);
    !word.is_empty()
        && word.chars().all(char::is_alphabetic)
        && (common(&lower) || accented_forms(&lower).iter().any(|f| common(f)))
        && !source
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.to_lowercase() == word.to_lowercase())
}

/// The spellings of the lower-case `word` with French accents on its
/// vowels and cedillas on its `c` (`repertoire` → `répertoire`, …), for a
/// French word written without its accents, as older catalogues often
/// are. Empty when the word has accents already, or so many candidate
/// letters that the spellings would pass 1,024.
fn accented_forms(word: &str) -> Vec<String> {
    fn options(c: char) -> &'static [char] {
        match c {
            'a' => &['a', 'à', 'â'],
            'c' => &['c', 'ç'],
            'e' => &['e', 'é', 'è', 'ê', 'ë'],
            'i' => &['i', 'î', 'ï'],
            'o' => &['o', 'ô'],
            'u' => &['u', 'ù', 'û'],
            _ => &[],
        }
    }
    if !word.is_ascii() {
        return Vec::new();
    }
    let total = word
        .chars()
        .map(|c| options(c).len().max(1))
        .try_fold(1usize, |n, k| n.checked_mul(k).filter(|&m| m <= 1024));
    if total.is_none() {
        return Vec::new();
    }
    let mut forms = vec![String::new()];
    for c in word.chars() {
        let opts = options(c);
        if opts.is_empty() {
            forms.iter_mut().for_each(|f| f.push(c));
        } else {
            forms = forms
                .iter()
                .flat_map(|f| {
                    opts.iter().map(move |&o| {
                        let mut g = f.clone();
                        g.push(o);
                        g
                    })
                })
                .collect();
        }
    }
    forms.retain(|f| f != word);
    forms
}

/// Whether the finding at `start` of `target` begins with the command
/// word of a synopsis that the source opens with too: a word, then an
/// argument in angle brackets or square brackets (`ban &lt;user&gt;`,
/// `join <channel>`, `kick [nick]`). The command is typed as it is.
fn command_of_synopsis(text: &str, target: &str, start: usize, source: &str) -> bool {
    let command = |s: &str| -> Option<String> {
        let s = s.trim_start().trim_start_matches('/');
        let word: String = s.chars().take_while(|c| c.is_alphanumeric()).collect();
        let rest = s[word.len()..].trim_start();
        (!word.is_empty() && (rest.starts_with("&lt;") || rest.starts_with(['<', '['])))
            .then_some(word)
    };
    let Some(word) = command(source) else {
        return false;
    };
    target[..start].trim().trim_start_matches('/').is_empty()
        && command(target).as_deref() == Some(word.as_str())
        && text.trim_start_matches('/').starts_with(word.as_str())
}

/// Whether `text` is one token naming something in a program: a key's
/// identifier (words joined by `.` or `_`: `alt.flame`,
/// `navigator.language`, [`crate::bitext::identifier`]), a path of
/// `::`, or a call (`fork()`).
fn identifier(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && !t.contains(char::is_whitespace)
        && (t.ends_with("()") || t.contains("::") || crate::bitext::identifier(t))
}

/// Whether half the words of `text` or more are rare in English (Zipf
/// under 3, or absent): trade terms a translator keeps (`bracketing`,
/// `nibbles`, `spool local`, `AI servo`). What a translator leaves of an
/// English source untranslated is mostly its common words (`Interval
/// Mode`, `Enable double feed`); a rare one left over (`Popup flash`) is
/// missed.
fn mostly_rare_in_english(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let rare = words
        .iter()
        .filter(|w| zipf(Lang::En, w).is_none_or(|z| z < 3.0))
        .count();
    !words.is_empty() && rare * 2 >= words.len()
}

/// The alphabetic words of `text`, each with its start and whether it is
/// a name as `text` writes it: a capital, then at least one lower-case letter
/// (`Thumb`, `From`), not the first word of a sentence (something other
/// than `.`, `!`, `?`, `:` or a line break before it on its line).
fn words_and_names(text: &str) -> Vec<(usize, String, bool)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                let capital = word.chars().next().is_some_and(char::is_uppercase)
                    && word.chars().any(char::is_lowercase);
                let opens = text[..s]
                    .trim_end_matches([' ', '\t', '"', '\''])
                    .chars()
                    .next_back()
                    .is_none_or(|p| matches!(p, '.' | '!' | '?' | ':' | '\n' | '\r'));
                out.push((s, word.to_lowercase(), capital && !opens));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether `text`, at `start` of `target`, holds no English of the
/// unit's `source`: each of its words is either no word of the source
/// ([`of_the_source`]: the translator's own word, a loanword or a
/// symbol, `fichiers de dump` for `core files`, `To` for `TB`), or a
/// name, capitalised inside its sentence in the source and in the target
/// (`routines Thumb` for `Thumb Procedure Call`). English a unit leaves
/// untranslated comes from its source; what the translator wrote in its
/// place, in French syntax, is a choice of words, not English left over.
/// Still reported: words of the source that are no names (`Mode interval`
/// for `Interval Mode`, `le dump` for `the dumping`, `Time out` for
/// `Timeout`), and a single word one letter away from a common French
/// word (`dams` for `dans`, `is` for `si`, `function` for `fonction`:
/// a typing error, [`near_common_french`]).
fn none_of_the_sources_english(text: &str, target: &str, start: usize, source: &str) -> bool {
    let in_source = words_and_names(source);
    let end = start + text.len();
    let words: Vec<(usize, String, bool)> = words_and_names(target)
        .into_iter()
        .filter(|(at, _, _)| (start..end).contains(at))
        .collect();
    let glued: String = words.iter().map(|(_, w, _)| w.as_str()).collect();
    let typing_error = words.len() == 1 && near_common_french(&words[0].1);
    let from_source = in_source.iter().any(|(_, s, _)| *s == glued);
    !words.is_empty()
        && !from_source
        && !typing_error
        && words.iter().all(|(_, w, name)| {
            let found: Vec<bool> = in_source
                .iter()
                .filter(|(_, s, _)| of_the_source(w, s))
                .map(|(_, _, n)| *n)
                .collect();
            found.is_empty() || (*name && found.iter().all(|n| *n))
        })
}

/// Whether the lower-case `word` of a target is the lower-case `word` of
/// its source, or a form of it: the same but for a plural `s`, or the
/// same stem, a common start of four letters or more that misses at most
/// two letters of the shorter (`dump`, `dumping`; `libraries`, `library`).
fn of_the_source(word: &str, in_source: &str) -> bool {
    let common = word
        .chars()
        .zip(in_source.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let shorter = word.chars().count().min(in_source.chars().count());
    word == in_source
        || word.strip_suffix('s') == Some(in_source)
        || in_source.strip_suffix('s') == Some(word)
        || (common >= 4 && common + 2 >= shorter)
}

/// Whether the lower-case `word` is one typing error (a letter changed,
/// two swapped, a letter after the first left out or added) away from a
/// common French word (Zipf 4 or more): `dams` for `dans`, `is` for `si`,
/// `cue` for `que`, `less` for `les`. The first letter is kept: the
/// frequency list holds acronyms (`ump`) that `dump` would otherwise meet.
fn near_common_french(word: &str) -> bool {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûù";
    let chars: Vec<char> = word.chars().collect();
    let common = |cand: &[char]| {
        let form: String = cand.iter().collect();
        form != word && zipf(Lang::Fr, &form).is_some_and(|z| z >= 4.0)
    };
    let n = chars.len();
    (1..n).any(|i| {
        let mut c = chars.clone();
        c.remove(i);
        common(&c)
    }) || (0..n.saturating_sub(1)).any(|i| {
        let mut c = chars.clone();
        c.swap(i, i + 1);
        common(&c)
    }) || (0..n).any(|i| {
        LETTERS.chars().any(|l| {
            let mut c = chars.clone();
            c[i] = l;
            common(&c)
        })
    }) || (1..=n).any(|i| {
        LETTERS.chars().any(|l| {
            let mut c = chars.clone();
            c.insert(i, l);
            common(&c)
        })
    })
}

/// Whether `target` is `source` written with French capitals: the same
/// letters, the first kept, and only capitals of the source's later words
/// made lower case (`Rock and roll` for `Rock and Roll`, `Costa rica` for
/// `Costa Rica`). The translator went over the name and kept it.
fn recased_copy(target: &str, source: &str) -> bool {
    let (t, s) = (target.trim(), source.trim());
    t != s
        && t.chars().count() == s.chars().count()
        && t.chars().next() == s.chars().next()
        && t.chars()
            .zip(s.chars())
            .all(|(a, b)| a == b || (b.is_uppercase() && b.to_lowercase().eq(std::iter::once(a))))
}

/// Whether `target` is `source`, a name (every word capitalised:
/// `Fourteen`, `Aunt Mary`), kept as it is and followed by a gloss in
/// brackets (`Fourteen (14)`): the translator saw the name, kept it on
/// purpose and explained it. A sentence kept with a gloss (`Remove the
/// file (supprimer)`) is still English left over.
fn name_with_gloss(target: &str, source: &str) -> bool {
    let (t, s) = (target.trim(), source.trim());
    let name = !s.is_empty()
        && s.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
        });
    name && t.strip_prefix(s).is_some_and(|rest| {
        let gloss = rest.trim_start();
        gloss.len() < rest.len()
            && gloss.starts_with('(')
            && gloss.ends_with(')')
            && gloss.matches('(').count() == 1
    })
}

/// Whether `source` ends on an ellipsis (`...`, `…`) glued to a word: a
/// menu item or button that opens a dialog (`Sort by...`, `&About...`).
fn ends_on_glued_ellipsis(source: &str) -> bool {
    let s = source.trim_end();
    let rest = s
        .strip_suffix("...")
        .or_else(|| s.strip_suffix('…'))
        .unwrap_or(s);
    rest.len() < s.len() && rest.chars().next_back().is_some_and(char::is_alphanumeric)
}

/// Whether `source` ends on an ellipsis (`...`, `…`, spaced or not) right
/// after an English word that never ends a clause: a preposition, an
/// article or a conjunction (`Restore '%s' to ...`, `Move the ...`). The
/// source itself is cut there. A verb or a noun before a spaced ellipsis
/// (`Wait ...`, `Loading ...`) is a pause, not a cut.
fn cut_after_function_word(source: &str) -> bool {
    const NEVER_LAST: &[&str] = &[
        "to", "by", "with", "from", "as", "into", "onto", "of", "for", "in", "on", "at", "the",
        "a", "an", "and", "or", "than",
    ];
    let s = source.trim_end();
    let Some(rest) = s.strip_suffix("...").or_else(|| s.strip_suffix('…')) else {
        return false;
    };
    let rest = rest.trim_end_matches([' ', '\u{a0}']);
    let word: String = rest
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    NEVER_LAST.contains(&word.to_lowercase().as_str())
}

/// How many words of `text` follow the same word (case aside).
fn repeats(text: &str) -> usize {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    words
        .windows(2)
        .filter(|w| !w[0].is_empty() && w[0] == w[1])
        .count()
}

/// How many full stops of `text` stand after a letter or digit and before
/// a lower-case word on the same line.
fn stops_before_lower_case(text: &str) -> usize {
    text.match_indices('.')
        .filter(|&(i, _)| {
            text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && {
                    let rest = &text[i + 1..];
                    let after = rest.trim_start_matches(' ');
                    after.len() < rest.len() && after.chars().next().is_some_and(char::is_lowercase)
                }
        })
        .count()
}

/// Whether the word before `dot` in `text` is a French word cut short: three
/// lower-case letters or more (the first may be a capital: `Échap.`) that begin a French word at least three
/// letters longer, more frequent (by half a Zipf point, and 3 at least) than
/// the cut word itself, if that is a word at all (`carac` → `caractère`, `param` → `paramètres`, `adr` →
/// `adresse`, `périph` → `périphérique`). A whole word (`fichier`, `port`)
/// has no such longer word.
fn clipped_before(text: &str, dot: usize) -> bool {
    clipped_word(text, dot, true)
}

/// Whether the word before `dot` in `text` begins a French word at least
/// three letters longer (Zipf 3 or more), whatever its own frequency, but
/// is no grammatical word (Zipf under 6: not `les`, `des`): `auto.` for
/// `automatique`, `info.` for `information`, words in their own right.
/// Only where the source has no sentence break inside
/// ([`sentence_break_inside`]), so that the full stop cannot be the
/// source's sentence end.
fn cut_word_before(text: &str, dot: usize) -> bool {
    clipped_word(text, dot, false)
}

/// Whether `text` has a sentence end followed by another sentence: `.`,
/// `!` or `?` after a letter, then white space and a letter.
fn sentence_break_inside(text: &str) -> bool {
    // A letter, the mark, one or two white-space characters, a letter.
    text.char_indices().any(|(i, mark)| {
        matches!(mark, '.' | '!' | '?')
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && {
                let rest = &text[i + 1..];
                let gap = rest
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .take(3)
                    .count();
                (1..=2).contains(&gap) && rest.chars().nth(gap).is_some_and(char::is_alphabetic)
            }
    })
}

fn clipped_word(text: &str, dot: usize, rarer_than_extension: bool) -> bool {
    let before = &text[..dot];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(dot, |(i, _)| i);
    let written = &before[start..];
    let letters = written.chars().count();
    // Lower case, or capitalised as a label's first word (`Échap.`, `Info.`).
    let mut chars = written.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_uppercase());
    if letters < 3 || !first_ok || !chars.all(char::is_lowercase) {
        return false;
    }
    let word = written.to_lowercase();
    let word = word.as_str();
    let own = zipf(Lang::Fr, word).unwrap_or(0.0);
    let least = if rarer_than_extension {
        (own + 0.5).max(3.0)
    } else if own < 6.0 {
        3.0
    } else {
        return false;
    };
    extensions(Lang::Fr, word)
        .any(|(longer, z)| longer.chars().count() >= letters + 3 && z >= least)
}

/// Whether `target` has as many straight double quotes as `source`, an odd
/// number: the quote left open is the source's, a piece the program joins
/// to another (`relatifs à "` for `relevant to "`).
fn quotes_as_source(target: &str, source: &str) -> bool {
    let n = target.matches('"').count();
    n % 2 == 1 && n == source.matches('"').count()
}

/// Whether straight double quotes of `target` that an English-quotes rule
/// may pair wrongly are the program's: they pair up in order, and at least
/// one pair quotes something that opens on a mark, each such pair being
/// either a lone mark (`"!"`, `";"`, `"\;"`: the mark talked about) or code
/// that `source` quotes as well (`".conf"`, `"-d"`, `"*,!plain"`).
fn quotes_misread(target: &str, source: &str) -> bool {
    let marks: Vec<usize> = target.match_indices('"').map(|(i, _)| i).collect();
    if marks.is_empty() || marks.len() % 2 == 1 {
        return false;
    }
    let mut misread = 0;
    for pair in marks.chunks(2) {
        let inner = &target[pair[0] + 1..pair[1]];
        if !inner
            .chars()
            .next()
            .is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace())
        {
            continue;
        }
        misread += 1;
        let lone = inner.chars().count() <= 2
            && inner
                .chars()
                .all(|c| !c.is_alphanumeric() && !c.is_whitespace());
        let quoted_in_source = [('"', '"'), ('\'', '\''), ('“', '”')]
            .iter()
            .any(|(o, c)| source.contains(&format!("{o}{inner}{c}")));
        if !lone && !quoted_in_source {
            return false;
        }
    }
    misread > 0
}

/// A finding of `boilerplate` that covers the whole unit, its access-key
/// marker aside (`_Copier le lien`, `&Rechercher`): the unit is a
/// program's own label (`Search for:`, `Subscribe`, `_Copy Link`),
/// translated where it belongs, not web-page furniture left in an article.
fn whole_label(f: &Finding, target: &str) -> bool {
    // A label's ellipsis (`En savoir plus...`, a button that opens more)
    // is the label's own.
    let label = |t: &str| without_access_keys(t.trim().trim_end_matches(['.', '…']).trim_end());
    f.rule == "boilerplate" && label(f.span.slice(target)) == label(target)
}

/// `text` without the access-key markers of a GUI label: a `_` or an `&`
/// before a letter or a digit (`_Copier`, `Enregi&strer`).
fn without_access_keys(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '_' | '&') && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Runs every rule on each translated unit of `bitext` (units without
/// target text are skipped). A unit whose source is a message key, not
/// English ([`Unit::source_is_key`]: `post.too_short_content`, `0d999f2`),
/// is checked without its source: the bilingual rules (`omission`,
/// `addition`, `number-mismatch`, `markup-mismatch`, `name-translated`,
/// `untranslated-copy`, `length-ratio`) would compare the French with the
/// key, and `untranslated-english` has no English to draw on; the
/// monolingual rules check its target as usual. Every other unit is
/// checked with the evidence of the whole file: its length ratio
/// ([`file_ratio`]) and the terms its translators keep from the source
/// ([`kept_terms`]). Findings of monolingual rules on code the unit
/// inherited from its source (`inherited_code`), on punctuation the source
/// shows in the same shape (`shown_by_source`), on a program's layout and
/// conventions the source shows too (`programs_convention`: table columns,
/// abbreviations, quoted marks), and `boilerplate` on a unit that is a
/// label of its own (`whole_label`) are left out. Findings come
/// in unit order, each unit's sorted by position.
pub fn unit_findings(checker: &Checker, bitext: &Bitext) -> Vec<UnitFinding> {
    let ratio = file_ratio(bitext);
    let kept_terms = kept_terms(bitext);
    let mut out = Vec::new();
    for (k, unit) in bitext.units.iter().enumerate() {
        let Some(target) = unit.target.as_ref() else {
            continue;
        };
        if target.text.trim().is_empty() {
            continue;
        }
        let doc = Document::with_format(&target.text, target.format());
        for f in unit_check(checker, unit, target, &doc, ratio, &kept_terms) {
            if inherited_code(&f, &target.text, &unit.source.text)
                || access_key(&f, &target.text, &unit.source.text)
                || in_programs_list(&f, &target.text, &unit.source.text)
                || shown_by_source(&f, &target.text, &unit.source.text)
                || whole_label(&f, &target.text)
                || programs_convention(&f, &target.text, &unit.source.text)
                || code_before_mark(&f, target)
            {
                continue;
            }
            let file = target.file_span(f.span);
            let source_file = f.source.map(|s| unit.source.file_span(s));
            let folded_files = f
                .folded
                .iter()
                .map(|g| {
                    let source = g.source.map(|s| unit.source.file_span(s));
                    (target.file_span(g.span), source)
                })
                .collect();
            out.push(UnitFinding {
                unit: k,
                finding: f,
                file,
                source_file,
                folded_files,
            });
        }
    }
    out
}

/// The terms the translators of `bitext` keep from its sources
/// ([`KeptTerms`]), over its translated units whose source is text (not a
/// message key).
pub fn kept_terms(bitext: &Bitext) -> KeptTerms<'_> {
    KeptTerms::new(
        bitext
            .units
            .iter()
            .filter(|u| !u.source_is_key())
            .filter_map(|u| {
                let t = u.target.as_ref().filter(|t| !t.text.trim().is_empty())?;
                Some((u.source.text.as_str(), t.text.as_str()))
            })
            .collect(),
    )
}

/// The findings of every rule on `doc`, the target `target` of `unit`:
/// against the unit's source, with the evidence of the whole file
/// (`kept_terms`); when that source is a message key, of the monolingual
/// rules only, on a unit without source ([`Parallel::unit_without_source`]).
fn unit_check<'b>(
    checker: &Checker,
    unit: &'b Unit,
    target: &Segment,
    doc: &Document<'_>,
    ratio: f64,
    kept_terms: &'b KeptTerms<'b>,
) -> Vec<Finding> {
    if unit.source_is_key() {
        let monolingual = |m: &RuleMeta| m.category != Category::Translation;
        let limits = Limits {
            only: Some(&monolingual),
            ..Limits::default()
        };
        let parallel = |d: &Document<'_>| Parallel::unit_without_source(d, target.codes.clone());
        // Without a flag or a deadline nothing stops the check.
        return checker
            .findings_parallel_within(doc, &parallel, &limits)
            .map_or_else(|_| Vec::new(), |f| f.findings);
    }
    let parallel = |d: &Document<'_>| {
        Parallel::unit(
            &unit.source.text,
            unit.source.format(),
            d,
            ratio,
            unit.source.codes.clone(),
            target.codes.clone(),
        )
        .with_flags(unit.flags.clone())
        .with_kept_terms(kept_terms)
    };
    checker.findings_parallel(doc, &parallel)
}

/// Checks every translated unit of `bitext`, read from `file`, and builds
/// the report of the file: each finding's `start`, `end`, `line`, `column`
/// and `text` are those of the file, and `unit` gives the unit's id and the
/// finding's bytes in its target text.
pub fn check_bitext(
    checker: &Checker,
    file: &str,
    bitext: &Bitext,
    path: Option<&str>,
) -> DocumentReport {
    let found = unit_findings(checker, bitext);
    let index = LineIndex::new(file);
    let (mut sentences, mut words) = (0, 0);
    for u in &bitext.units {
        if let Some(t) = u.target.as_ref().filter(|t| !t.text.trim().is_empty()) {
            let doc = Document::with_format(&t.text, t.format());
            sentences += doc.sentences().len();
            words += crate::score::words(&doc);
        }
    }
    let mut findings: Vec<(Finding, FindingReport)> = found
        .into_iter()
        .filter(|u| u.file.span.end <= file.len())
        .map(|u| {
            let unit = &bitext.units[u.unit];
            let mut report = unit_report(file, &index, unit, &u.finding, u.file, u.source_file);
            report.folded = u
                .finding
                .folded
                .iter()
                .zip(&u.folded_files)
                .filter(|(_, (at, _))| at.span.end <= file.len())
                .map(|(g, (at, source))| unit_report(file, &index, unit, g, *at, *source))
                .collect();
            let f = u.finding;
            (f, report)
        })
        .collect();
    findings.sort_by(|a, b| (a.1.start, a.1.end, a.1.rule).cmp(&(b.1.start, b.1.end, b.1.rule)));
    findings.dedup_by(|a, b| a.1 == b.1);
    // The score counts the words of every translated unit, and the
    // findings at their bytes in the file (so that two findings of one
    // defect are seen as one).
    let in_file: Vec<Finding> = findings
        .iter()
        .map(|(f, r)| Finding {
            span: Span::new(r.start, r.end),
            ..f.clone()
        })
        .collect();
    let gate = checker.gate();
    let fail_on_score = gate.fail_on_score.filter(|l| l.is_finite());
    let score = Score::of(&in_file, words);
    let verdict = Verdict::judge(&in_file, &score, gate);
    let findings: Vec<FindingReport> = findings.into_iter().map(|(_, r)| r).collect();
    DocumentReport {
        path: path.map(str::to_string),
        verdict,
        stats: Stats {
            bytes: file.len(),
            sentences,
            findings: findings.len(),
        },
        score: ScoreReport {
            score,
            fail_on_score,
            fails: score.exceeds(fail_on_score),
        },
        findings,
        fail_on: gate.fail_on,
        omitted: 0,
        truncated: false,
    }
}

/// The report of `f`, a finding in the target text of `unit`, at `at` in
/// `file` (its source at `source`).
fn unit_report(
    file: &str,
    index: &LineIndex,
    unit: &crate::bitext::Unit,
    f: &Finding,
    at: FileSpan,
    source: Option<FileSpan>,
) -> FindingReport {
    let span = at.span;
    let (line, column) = index.line_col(file, span.start);
    // A suggestion is offered only when the edit is the finding and
    // maps exactly: the replacement is then file text.
    let offered = f
        .suggestion
        .as_ref()
        .filter(|e| e.span == f.span && at.exact);
    FindingReport {
        rule: f.rule,
        category: f.category,
        severity: f.severity,
        start: span.start,
        end: span.end,
        line,
        column,
        text: file.get(span.start..span.end).unwrap_or("").to_string(),
        message: f.message.clone(),
        suggestion: offered.map(|e| e.replacement.clone()),
        suggestion_certain: offered.map(|e| e.certain),
        related: f.related.clone(),
        folded: Vec::new(),
        folded_into: None,
        source: source.map(|s| [s.span.start, s.span.end]),
        unit: Some(UnitRef {
            id: unit.id.clone(),
            start: f.span.start,
            end: f.span.end,
            exact: at.exact,
        }),
    }
}

/// The span of `file` a [`FindingReport`] of [`check_bitext`] covers.
pub fn report_span(f: &FindingReport) -> Span {
    Span::new(f.start, f.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bitext::parse_po;

    #[test]
    fn findings_against_a_source_point_into_the_input_after_an_entity() {
        // The rules read the HTML with `&amp;` decoded (a shorter text); the
        // bilingual rules' offsets are led back to the input like the others'.
        let checker = Checker::new(crate::Settings::default()).unwrap();
        let target = "<p>Tom &amp; Jerry sont partis en train hier matin. 56 dollars ont été payés pour le voyage.</p>";
        let source = "<p>Tom &amp; Jerry left by train yesterday morning. 55 dollars were paid for the journey.</p>";
        let doc = Document::with_format(target, Format::Html);
        let found = checker.findings_with_source(&doc, source, Format::Html);
        let f = found
            .iter()
            .find(|f| f.rule == "number-mismatch")
            .expect("the changed number is reported");
        assert_eq!(f.span.slice(target), "56");
        assert_eq!(f.source.map(|s| s.slice(source)), Some("55"));
    }

    #[test]
    fn tags_the_target_keeps_are_not_missing() {
        // The rules read HTML with its tags blanked out; markup-mismatch
        // compares the target's tags as given (before, every tag of such a
        // unit was "missing from the translation").
        let po = "msgid \"<b>Remove</b> %s\"\nmsgstr \"<b>Supprimer</b> %s\"\n\n\
                  msgid \"Keep %s at version <big>%s</big> (%s)\"\nmsgstr \"Conserver %s à la version <big>%s</big> (%s)\"\n\n\
                  msgid \"<b>Available Upgrades:</b>\"\nmsgstr \"<b>Mises à jour disponibles :</b>\"\n";
        assert_eq!(po_findings(po), []);
        // A tag the target drops or renames is still found, also after an
        // entity the view decodes (a shorter text).
        let po = "msgid \"Tom &amp; Jerry: <b>Remove</b> %s\"\nmsgstr \"Tom &amp; Jerry : <b>Supprimer %s\"\n\n\
                  msgid \"<b>Install</b> %s\"\nmsgstr \"<b>Installer</i> %s\"\n";
        let found: Vec<(String, String)> = po_findings(po)
            .into_iter()
            .filter(|(_, rule, _)| *rule == "markup-mismatch")
            .map(|(id, _, text)| (id, text))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "Tom &amp; Jerry: <b>Remove</b> %s".to_string(),
                    "Tom &amp; Jerry : <b>Supprimer %s".to_string()
                ),
                ("<b>Install</b> %s".to_string(), "</i>".to_string())
            ],
        );
    }

    #[test]
    fn punctuation_the_source_shows_alike_is_the_programs() {
        let rules = |po: &str| -> Vec<(&'static str, String)> {
            po_findings(po)
                .into_iter()
                .filter(|(_, rule, _)| {
                    matches!(
                        *rule,
                        "duplicate-punctuation"
                            | "missing-space-after-punctuation"
                            | "sentence-fragment"
                            | "boilerplate"
                    )
                })
                .map(|(_, rule, text)| (rule, text))
                .collect()
        };
        // As in the source: a run of marks (`...` written `…`, a French
        // space added), settings and pairs glued by `:`, pieces the
        // program joins, a label of its own.
        let po = "msgid \"ok.. connected\"\nmsgstr \"ok.. connecté\"\n\n\
                  msgid \"-m { <keyword> [,...] | ALL }\"\nmsgstr \"-m { <motclef> [,…] | ALL }\"\n\n\
                  msgid \"%s: Cannot verify TGT! Possible attack!: %s\"\nmsgstr \"%s : vérification impossible ! Attaque possible ! : %s\"\n\n\
                  msgid \"Account is required, set ftp:acct variable\"\nmsgstr \"Un compte est nécessaire, définissez la variable ftp:acct\"\n\n\
                  msgid \"write to given addr (client:port)\"\nmsgstr \"écrire à l'adresse donnée (client:port)\"\n\n\
                  msgid \", cannot be accessed from midrule action at $%d\"\nmsgstr \", n'est pas accessible depuis une action de milieu de règle à %d\"\n\n\
                  msgid \"Search for: \"\nmsgstr \"Rechercher : \"\n\n\
                  msgid \" C - Dialing prefix #1....\"\nmsgstr \" C - 1er préfixe d'appel......\"\n";
        assert_eq!(rules(po), []);
        // The translation's own: marks, glued words and a stray mark the
        // source does not have.
        let po = "msgid \"ok, connected\"\nmsgstr \"ok,, connecté\"\n\n\
                  msgid \"Account is required, set the variable\"\nmsgstr \"Un compte est nécessaire,définissez la variable\"\n\n\
                  msgid \"cannot be accessed from midrule action at $%d\"\nmsgstr \", n'est pas accessible depuis une action de milieu de règle à %d\"\n\n\
                  msgid \" C - Dialing prefix #1:\"\nmsgstr \" C - 1er préfixe d'appel......\"\n";
        let found = rules(po);
        assert_eq!(
            found.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
            [
                "duplicate-punctuation",
                "missing-space-after-punctuation",
                "sentence-fragment",
                "duplicate-punctuation"
            ],
            "{found:?}"
        );
    }

    /// Every rule's findings on each unit of `po` before the unit filters
    /// (`shown_by_source`, `programs_convention`…), as (rule, text): what
    /// the filters have to leave out.
    fn unfiltered(po: &str) -> Vec<(&'static str, String)> {
        let bitext = parse_po(po).unwrap();
        let (checker, ratio, kept) = (Checker::default(), file_ratio(&bitext), kept_terms(&bitext));
        let mut out = Vec::new();
        for unit in &bitext.units {
            let target = unit.target.as_ref().unwrap();
            let doc = Document::with_format(&target.text, target.format());
            for f in unit_check(&checker, unit, target, &doc, ratio, &kept) {
                out.push((f.rule, f.span.slice(&target.text).to_string()));
            }
        }
        out
    }

    /// The findings of `rule` on `po`, filtered (as `unit_findings` gives
    /// them) and unfiltered, as texts.
    fn of_rule(po: &str, rule: &str) -> (Vec<String>, Vec<String>) {
        let filtered = po_findings(po)
            .into_iter()
            .filter(|(_, r, _)| *r == rule)
            .map(|(_, _, t)| t)
            .collect();
        let raw = unfiltered(po)
            .into_iter()
            .filter(|(r, _)| *r == rule)
            .map(|(_, t)| t)
            .collect();
        (filtered, raw)
    }

    /// `rule` reports something in the units of `po` before the unit
    /// filters ([`unfiltered`]), and nothing once they are applied.
    fn assert_left_to_the_source(po: &str, rule: &str) {
        let (found, raw) = of_rule(po, rule);
        assert!(!raw.is_empty(), "the rule no longer sees {po}");
        assert_eq!(found, Vec::<String>::new(), "{po}");
    }

    #[test]
    fn metasyntax_translated_word_for_word_keeps_the_source_syntax() {
        let rule = "missing-space-after-punctuation";
        // Words of the source's syntax translated one by one.
        for po in [
            "msgid \"server,channel (channel is optional)\"\nmsgstr \"serveur,canal (le canal est optionnel)\"\n",
            // (`BYTE:BIT` in capitals is an identifier the rule leaves
            // itself, like `NYSE:SNAP`; in lower case it is the units' work.)
            "msgid \"Set bit at byte:bit in CMOS.\"\nmsgstr \"Activer le bit à octet:bit du CMOS.\"\n",
            "msgid \"format is \\\"name:value\\\"\"\nmsgstr \"le format est \\\"nom:valeur\\\"\"\n",
            // Access keys the source glues with slashes, spaced out.
            "msgid \"Save it? Y)es/N)o/neV)er\"\nmsgstr \"L'enregistrer ? O)Oui N)Non J)Jamais\"\n",
        ] {
            assert_left_to_the_source(po, rule);
        }
        // A comma glued in the French where the source has no such token,
        // and one token more of the syntax than the source has.
        let po = "msgid \"if needed, set the variable\"\nmsgstr \"si nécessaire,définissez la variable\"\n\n\
                  msgid \"server,channel or a nick\"\nmsgstr \"serveur,canal ou un nécessaire,pseudo\"\n";
        let (found, _) = of_rule(po, rule);
        assert!(found.iter().any(|t| t.contains("définissez")), "{found:?}");
        assert!(found.iter().any(|t| t.contains("pseudo")), "{found:?}");
        assert_eq!(syntax("serveur,canal"), syntax("server,channel"));
        assert_eq!(syntax("OCTET:BIT"), "a:a");
        assert_eq!(syntax("D)Télécharger"), syntax("D)ownload"));
        assert_ne!(syntax("1,5"), syntax("a,b"));
        assert_eq!(syntax("%?O?Ouvrir"), syntax("%?O?Open"));
    }

    #[test]
    fn a_colon_inside_code_the_source_has_is_no_french_spacing_matter() {
        let rule = "french-spacing";
        let po = "msgid \"  s:x,y    sort by fields x,y\"\nmsgstr \"  s:x,y    trier par les champs x,y\"\n";
        assert_left_to_the_source(po, rule);
        // A label kept as it is (the mark ends the token) and a colon
        // inside a token the source does not have are still French
        // spacing.
        let po = "msgid \"Version: %s\"\nmsgstr \"Version: %s\"\n\n\
                  msgid \"(OK):download done\"\nmsgstr \"(OK):téléchargement terminé\"\n\n\
                  msgid \"always (\\\"always\\\")\"\nmsgstr \"toujours («always»)\"\n";
        let (found, raw) = of_rule(po, rule);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found, raw);
        // Field names the program reads, kept with their colon: a mail
        // header, a directive, a URL scheme.
        for po in [
            "msgid \"Reply to whom? To: %s\"\nmsgstr \"Répondre à qui ? To: %s\"\n",
            "msgid \"Add to the Cc: field\"\nmsgstr \"Ajouter au champ Cc:\"\n",
            "msgid \"Edit the Message-ID: header\"\nmsgstr \"Modifier l'en-tête Message-ID: \"\n",
            "msgid \"%s:%d: %%Format: no name\"\nmsgstr \"%s:%d: %%Format: pas de nom\"\n",
        ] {
            assert_left_to_the_source(po, rule);
        }
        // A French word kept with its colon, a printf conversion and a
        // program's name before its message are French typography; a field
        // name the source does not have is the translation's.
        let po = "msgid \"Date: %s\"\nmsgstr \"Date: %s\"\n\n\
                  msgid \"%s: bad number\"\nmsgstr \"%s: mauvais nombre\"\n\n\
                  msgid \"indent: out of memory\"\nmsgstr \"indent: mémoire épuisée\"\n\n\
                  msgid \"Mutt: Compose\"\nmsgstr \"Mutt: Composition\"\n\n\
                  msgid \"header LUKS: %s\"\nmsgstr \"en-tête LUKS: %s\"\n\n\
                  msgid \"Send it\"\nmsgstr \"Envoyer To: maintenant\"\n";
        let (found, _) = of_rule(po, rule);
        assert_eq!(found.len(), 6, "{found:?}");
    }

    #[test]
    fn access_keys_of_the_source_are_the_programs() {
        // A tilde and slrn's control character before the key's letter.
        let po = "msgid \"H~eader info\"\nmsgstr \"In~fo en-têtes\"\n";
        assert_left_to_the_source(po, "untranslated-english");
        let po = "msgid \"Post? \u{1}Yes, \u{1}No\"\nmsgstr \"Publier ? \u{1}Oui, \u{1}Non\"\n";
        assert_left_to_the_source(po, "mojibake");
        // A control character the source does not have is still reported,
        // and so is a defect next to no marker.
        let po = "msgid \"Post? Yes, No\"\nmsgstr \"Publier ? \u{1}Oui, Non\"\n";
        assert_eq!(of_rule(po, "mojibake").0.len(), 1);
        let po = "msgid \"~Open the file\"\nmsgstr \"~Ouvrir le le fichier\"\n";
        assert_eq!(of_rule(po, "repeated-word").0, ["le le"]);
    }

    #[test]
    fn identifiers_and_words_rare_in_english_are_no_english_left_over() {
        assert!(identifier("alt.flame"));
        assert!(identifier("navigator.language"));
        assert!(identifier("fork()"));
        assert!(!identifier("make install"));
        assert!(!identifier("e.g. this"));
        assert!(mostly_rare_in_english("spool local"));
        assert!(!mostly_rare_in_english("Enable double feed error due"));
        assert!(!mostly_rare_in_english("Mode interval"));
    }

    #[test]
    fn words_the_translator_chose_are_no_english_left_over() {
        let rule = "untranslated-english";
        for po in [
            // A loanword the source does not have, in French syntax.
            "msgid \"Maximum size of core files created\"\nmsgstr \"Taille maximale des fichiers de dump créés\"\n",
            "msgid \"Wait for the background process\"\nmsgstr \"Attendre le processus worker\"\n",
            // A title-cased name written with French capitals.
            "msgid \"Rock and Roll\"\nmsgstr \"Rock and roll\"\n",
        ] {
            assert_left_to_the_source(po, rule);
        }
        // A name the source capitalises inside its sentence, after a
        // French word: one word of the source among the translator's
        // French, which the rule itself leaves (see
        // `one_word_of_the_source_among_the_translators_french_is_no_english_phrase`).
        let po = "msgid \"Follow the Thumb Procedure Call Standard\"\nmsgstr \"Suivre le standard des routines Thumb\"\n";
        assert_eq!(of_rule(po, rule).0, Vec::<String>::new());
        // English of the source that is no name stays reported: copied
        // as it is, set in French order, another form of a source's word,
        // the source's word split; and a typing error.
        let po = "msgid \"Number of blocks is the number tested at a time\"\nmsgstr \"Number of blocks est le nombre vérifié à la fois\"\n\n\
                  msgid \"Interval Mode\"\nmsgstr \"Mode interval\"\n\n\
                  msgid \"Control the dumping to a file\"\nmsgstr \"Contrôler le dump dans un fichier\"\n\n\
                  msgid \"Timeout\"\nmsgstr \"Time out\"\n\n\
                  msgid \"invalid value in the field\"\nmsgstr \"valeur invalide dams le champ\"\n";
        let (found, _) = of_rule(po, rule);
        assert_eq!(
            found,
            ["Number of blocks", "interval", "dump", "Time out", "dams"]
        );
        assert!(near_common_french("is"));
        assert!(!near_common_french("worker"));
        assert!(recased_copy("Costa rica", "Costa Rica"));
        assert!(!recased_copy("costa Rica", "Costa Rica"));
        assert!(!recased_copy("Costa Rica", "Costa Rica"));
        assert!(!recased_copy("COSTA RICA", "Costa Rica"));
    }

    #[test]
    fn an_ellipsis_the_source_ends_on_is_no_cut_text() {
        let rule = "truncated-text";
        for po in [
            "msgid \"Sort register by...\"\nmsgstr \"Trier le registre par...\"\n",
            "msgid \"&Save as...\"\nmsgstr \"Enregi&strer sous…\"\n",
        ] {
            assert_left_to_the_source(po, rule);
        }
        // The source ends on a whole sentence: the French is cut.
        let po = "msgid \"Sort the register by date.\"\nmsgstr \"Trier le registre par...\"\n";
        assert_eq!(of_rule(po, rule).0.len(), 1);
        assert!(ends_on_glued_ellipsis("Filter %s by..."));
        assert!(!ends_on_glued_ellipsis("Wait ..."));
        assert!(!ends_on_glued_ellipsis("Done."));
        // A source cut after a preposition, the ellipsis spaced: the rest
        // is the program's.
        let po = "msgid \"Restore '%s' to ...\"\nmsgstr \"Restaurer '%s' vers…\"\n";
        assert_left_to_the_source(po, rule);
        assert!(cut_after_function_word("Copy the file to ..."));
        assert!(!cut_after_function_word("Wait ..."));
        assert!(!cut_after_function_word("Move to the top."));
        // A source that pauses after a whole clause: a French cut on a
        // preposition is still the translation's.
        let po = "msgid \"Restore '%s' now ...\"\nmsgstr \"Restaurer '%s' vers…\"\n";
        assert_eq!(of_rule(po, rule).0.len(), 1);
    }

    #[test]
    fn a_menu_labels_accelerator_after_a_tab_is_no_part_of_it() {
        let rule = "truncated-text";
        let po =
            "msgid \"Export As...\\tCtrl+E\"\nmsgstr \"Exporter le document sous…\\tCtrl+E\"\n";
        assert_left_to_the_source(po, rule);
        // A source label that is a whole sentence: the French is cut.
        let po = "msgid \"Export the document.\\tCtrl+E\"\nmsgstr \"Exporter le document sous…\\tCtrl+E\"\n";
        assert_eq!(of_rule(po, rule).0.len(), 1);
    }

    #[test]
    fn a_mark_the_source_names_alone_is_no_doubled_punctuation() {
        let rule = "duplicate-punctuation";
        let po = "msgid \"Keypad .\"\nmsgstr \"Clavier num. .\"\n";
        assert_left_to_the_source(po, rule);
        // The source does not name the mark: the full stop is doubled.
        let po = "msgid \"Keypad off\"\nmsgstr \"Clavier num. .\"\n";
        assert_eq!(of_rule(po, rule).0.len(), 1);
    }

    #[test]
    fn identifiers_the_source_writes_in_camel_case_may_be_translated_so() {
        let rule = "glued-words";
        let po = "msgid \"The methods getName and setValue were called.\"\nmsgstr \"Les méthodes obtenirNom et définirValeur ont été appelées.\"\n";
        assert_left_to_the_source(po, rule);
        // No identifier in the source: two words run together.
        let po = "msgid \"The file was saved.\"\nmsgstr \"Le fichier a été enregistréDans le dossier.\"\n";
        assert_eq!(of_rule(po, rule).0.len(), 1);
    }

    #[test]
    fn commands_and_escaped_markup_of_the_source_are_the_programs() {
        let po = "msgid \"ban &lt;user&gt; [reason]:  Ban a user from the room.\"\nmsgstr \"ban &lt;utilisateur&gt; [raison] : Bannir un utilisateur du salon.\"\n";
        assert_left_to_the_source(po, "broken-markup");
        assert!(command_of_synopsis(
            "ban &lt",
            "ban &lt;utilisateur&gt;",
            0,
            "ban &lt;user&gt; [reason]"
        ));
        assert!(!command_of_synopsis(
            "ban the",
            "ban the user",
            0,
            "Ban a user from the room."
        ));
    }

    #[test]
    fn lists_a_program_reads_keep_their_convention() {
        let po = "msgid \"file manager;explorer;finder;\"\nmsgstr \"gestionnaire de fichiers;explorateur;navigateur;\"\n";
        assert_left_to_the_source(po, "missing-space-after-punctuation");
        let po = "msgid \"kilometer,kilometers,km,kms\"\nmsgstr \"kilomètre,kilomètres,kilometre,kilometres,km,kms\"\n";
        assert_left_to_the_source(po, "missing-space-after-punctuation");
        // A sentence whose source is no list keeps the rule.
        let po = "msgid \"If needed, set it, then quit.\"\nmsgstr \"Si nécessaire,définissez-la,puis quittez.\"\n";
        assert!(!of_rule(po, "missing-space-after-punctuation").0.is_empty());
        assert_eq!(list_separator("a;b;c;", 3), Some(';'));
        assert_eq!(list_separator("year,years", 3), Some(','));
        assert_eq!(list_separator("a, b, c", 3), None);
        assert_eq!(list_separator("invalid combination;", 3), None);
    }

    #[test]
    fn braces_of_a_synopsis_are_metasyntax() {
        let rule = "markup-mismatch";
        let po = "msgid \"Usage: tool add [-P patch] {file} ...\\n\"\nmsgstr \"Usage : tool add [-P correctif] {fichier} ...\\n\"\n";
        assert_left_to_the_source(po, rule);
        // A placeholder of a sentence, or of a synopsis the source does
        // not have, is the program's to fill.
        let po = "msgid \"Found {count} files\"\nmsgstr \"{nombre} fichiers trouvés\"\n\n\
                  msgid \"Add {file} to the list\"\nmsgstr \"Usage : {fichier}\"\n";
        let (found, _) = of_rule(po, rule);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(synopsis_line("a\n  usage : x", 5));
        assert!(!synopsis_line("Usages of {file}", 0));
    }

    #[test]
    fn table_columns_are_not_one_phrase() {
        let po = "msgid \"  --info FILE    file to analyse\"\nmsgstr \"  --info fichier    fichier à analyser\"\n\n\
                  msgid \"whois nick nick\"\nmsgstr \"whois pseudo pseudo\"\n";
        let (found, raw) = of_rule(po, "repeated-word");
        assert_eq!(raw.len(), 2, "{raw:?}");
        assert_eq!(found, Vec::<String>::new());
        // A word repeated in prose, the source repeating none.
        let po = "msgid \"Open the file\"\nmsgstr \"Ouvrir le le fichier\"\n";
        assert_eq!(of_rule(po, "repeated-word").0, ["le le"]);
        // English read across a table's gap (the last word of a
        // description, then the next option: weechat's help texts), as the
        // rule reports it.
        let target = "      nom : nom du trigger\n     hook : signal";
        let start = target.find("trigger").unwrap();
        let f = Finding {
            rule: "untranslated-english",
            category: Category::Language,
            severity: Severity::Error,
            span: Span::new(start, target.rfind("hook").unwrap() + 4),
            message: String::new(),
            suggestion: None,
            related: Vec::new(),
            folded: Vec::new(),
            source: None,
        };
        assert_eq!(f.span.slice(target), "trigger\n     hook");
        let laid = "     name: name of trigger\n     hook: signal";
        assert!(programs_convention(&f, target, laid));
        // The same span in a unit whose source is one line of prose.
        assert!(!programs_convention(
            &f,
            target,
            "name of trigger hook: signal"
        ));
        assert!(across_columns("trigger\n      hook") && !across_columns("trigger hook"));
        assert!(laid_out("a\tb") && !laid_out("one sentence. "));
    }

    #[test]
    fn abbreviations_and_the_sources_full_stops_are_not_stray() {
        let rule = "stray-full-stop";
        for po in [
            "msgid \"Loading %d-char %dx%d font\"\nmsgstr \"Chargement de %d carac. de la police %dx%d\"\n",
            "msgid \"error closing html refs config file %s\"\nmsgstr \"erreur de fermeture du fichier de param. des réf. html %s\"\n",
            "msgid \"Checksum error detected. file=%s\"\nmsgstr \"Erreur d'intégrité détectée. fichier=%s\"\n",
        ] {
            assert_left_to_the_source(po, rule);
        }
        // A whole word before the full stop, and a full stop the source
        // does not have.
        let po = "msgid \"The car hit a truck\"\nmsgstr \"La voiture a percuté une voiture. camion\"\n\n\
                  msgid \"Checksum error detected, file=%s\"\nmsgstr \"Erreur d'intégrité détectée. fichier=%s\"\n";
        assert_eq!(of_rule(po, rule).0.len(), 2);
        // An abbreviation's full stop before the sentence's mark.
        let po = "msgid \"%s=print; %s=quit\"\nmsgstr \"%s=impr.; %s=quitter\"\n";
        assert_left_to_the_source(po, "duplicate-punctuation");
        let po = "msgid \"Done; quit\"\nmsgstr \"Terminé.; quitter\"\n";
        assert_eq!(of_rule(po, "duplicate-punctuation").0.len(), 1);
        let dot = |t: &str| t.find('.').unwrap();
        assert!(clipped_before("de %d carac. de", dot("de %d carac. de")));
        assert!(clipped_before("le périph. de", dot("le périph. de")));
        assert!(!clipped_before("le fichier. de", dot("le fichier. de")));
        // A word in its own right used cut short, where the source has no
        // sentence break; not a grammatical word, nor where the source
        // has a sentence break.
        let po =
            "msgid \"Autosubscribing groups...\"\nmsgstr \"Abonnement auto. aux groupes...\"\n";
        assert_left_to_the_source(po, rule);
        let po = "msgid \"Done. Now the groups\"\nmsgstr \"Abonnement auto. aux groupes\"\n\n\
                  msgid \"All the groups\"\nmsgstr \"Tous les. groupes\"\n";
        assert_eq!(of_rule(po, rule).0.len(), 2);
        assert!(!sentence_break_inside("Autosubscribing groups... "));
        assert!(sentence_break_inside("Done.  Now"));
        // A capitalised label's first word cut short; not a capitalised
        // whole word, nor capitals.
        assert!(clipped_before("Échap. pour", dot("Échap. pour")));
        assert!(!clipped_before("à Paris. ensuite", dot("à Paris. ensuite")));
        assert!(!clipped_before("CARAC. de", dot("CARAC. de")));
        assert!(!clipped_before(
            "une voiture. camion",
            dot("une voiture. camion")
        ));
    }

    #[test]
    fn quoted_marks_do_not_throw_the_quotes_off() {
        // English-quotes errors after and before the unit filters.
        let errors = |po: &str| -> (usize, usize) {
            let bitext = parse_po(po).unwrap();
            let is_error =
                |f: &Finding| f.rule == "english-quotes" && f.severity == Severity::Error;
            let after = unit_findings(&Checker::default(), &bitext)
                .iter()
                .filter(|u| is_error(&u.finding))
                .count();
            let (checker, ratio, kept) =
                (Checker::default(), file_ratio(&bitext), kept_terms(&bitext));
            let before = bitext
                .units
                .iter()
                .flat_map(|unit| {
                    let target = unit.target.as_ref().unwrap();
                    let doc = Document::with_format(&target.text, target.format());
                    unit_check(&checker, unit, target, &doc, ratio, &kept)
                })
                .filter(is_error)
                .count();
            (after, before)
        };
        // A lone mark quoted, and code the source quotes too.
        let po = "msgid \"a name beginning with \\\"!\\\" is excluded (example: \\\"*,!plain\\\")\"\n\
                  msgstr \"un nom commençant par \\\"!\\\" est exclu (exemple : \\\"*,!plain\\\")\"\n";
        let (after, before) = errors(po);
        assert!(before > 0);
        assert_eq!(after, 0);
        // A quote left open, and quoted code the source does not quote.
        let po = "msgid \"use foo here\"\nmsgstr \"utiliser \\\"foo ici\"\n\n\
                  msgid \"without the extension conf\"\nmsgstr \"sans \\\"!\\\" ni l'extension \\\".conf\\\"\"\n";
        let (after, before) = errors(po);
        assert!(before >= 2, "{before}");
        assert_eq!(after, before);
        // A quote the program closes in another piece, left open in the
        // source as in the French.
        let po = "msgid \"items relevant to \\\"\"\nmsgstr \"éléments relatifs à \\\"\"\n";
        let (after, before) = errors(po);
        assert!(before > 0);
        assert_eq!(after, 0);
        assert!(quotes_as_source("à \"", "to \""));
        assert!(!quotes_as_source("à \"", "to"));
        assert!(quotes_misread(
            "par \"!\" (\"*,!plain\")",
            "by \"*,!plain\""
        ));
        assert!(!quotes_misread("par \"!\" (\"*,!plain\")", "by *,!plain"));
        assert!(!quotes_misread("par \"!\" et \"", "by \"!\""));
    }

    #[test]
    fn a_french_word_the_source_does_not_have_is_not_english_left_over() {
        let rule = "untranslated-english";
        let po = "msgid \"Select a structure if several match.\"\nmsgstr \"Sélectionner une structure si plusieurs correspondent.\"\n";
        assert_left_to_the_source(po, rule);
        // The same word in the source: left over.
        let po = "msgid \"Incomplete range specified. %s\"\nmsgstr \"Rangée spécifiée incomplete. %s\"\n";
        assert_eq!(of_rule(po, rule).0, ["incomplete"]);
        assert!(french_not_from_source("correspondent", "if several match"));
        assert!(!french_not_from_source("correspondent", "a correspondent"));
        assert!(!french_not_from_source("xqzwv", "nothing"));
        assert!(!french_not_from_source("to", "TB"));
        // A French word written without its accents, as in older
        // catalogues; an English word the source has is still English.
        assert!(french_not_from_source("repertoire", "directory"));
        assert!(french_not_from_source("cree", "created"));
        assert!(!french_not_from_source("repertoire", "the repertoire"));
        assert!(!french_not_from_source("directory", "base"));
    }

    /// The rules' findings in each unit of `po`, as (unit id, rule, text).
    fn po_findings(po: &str) -> Vec<(String, &'static str, String)> {
        let bitext = parse_po(po).unwrap();
        unit_findings(&Checker::default(), &bitext)
            .into_iter()
            .map(|u| {
                let unit = &bitext.units[u.unit];
                let target = &unit.target.as_ref().unwrap().text;
                let text = u.finding.span.slice(target).to_string();
                (unit.id.clone(), u.finding.rule, text)
            })
            .collect()
    }

    #[test]
    fn units_whose_source_is_a_key_are_not_compared_with_it() {
        // A dotted key and a hash: the French has placeholders and numbers
        // the key has not, and is far longer.
        let po = "msgid \"comment.too_short\"\nmsgstr \"Le commentaire est trop court ({{limit}} caractères minimum).\"\n\n\
                  msgid \"0d999f2\"\nmsgstr \"Vous devez sélectionner au moins {{limit}} choix parmi les 12 options.\"\n";
        let bitext = parse_po(po).unwrap();
        assert!(bitext.units.iter().all(Unit::source_is_key));
        assert_eq!(po_findings(po), []);
        // The same targets against English text are compared: the
        // placeholder the source lacks is found.
        let po = "msgid \"The comment is too short.\"\nmsgstr \"Le commentaire est trop court ({{limit}} caractères minimum).\"\n";
        let found = po_findings(po);
        assert!(
            found
                .iter()
                .any(|(_, rule, text)| *rule == "markup-mismatch" && text == "{{limit}}"),
            "{found:?}"
        );
    }

    #[test]
    fn names_of_the_source_are_no_french_words() {
        let rules = |po: &str| -> Vec<(&'static str, String)> {
            po_findings(po)
                .into_iter()
                .filter(|(_, rule, _)| {
                    matches!(
                        *rule,
                        "elision" | "space-before-punctuation" | "glued-words"
                    )
                })
                .map(|(_, rule, text)| (rule, text))
                .collect()
        };
        // A variable, a name that opens on a dot, an identifier in other
        // capitals, as the source has them.
        let po = "msgid \"first and last y values differ\"\nmsgstr \"les valeurs de y diffèrent\"\n\n\
                  msgid \"invalid .Internal() argument\"\nmsgstr \"argument .Internal() incorrect\"\n\n\
                  msgid \"could not allocate space for pushback\"\nmsgstr \"impossible d'allouer de l'espace pour pushBack\"\n";
        assert_eq!(rules(po), []);
        // The same in units whose source does not have them.
        let po = "msgid \"first and last values differ\"\nmsgstr \"les valeurs de y diffèrent\"\n\n\
                  msgid \"invalid argument\"\nmsgstr \"argument .Internal() incorrect\"\n\n\
                  msgid \"could not push back\"\nmsgstr \"impossible de faire pushBack\"\n";
        let found = rules(po);
        assert_eq!(
            found.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
            ["elision", "space-before-punctuation", "glued-words"],
            "{found:?}"
        );
    }

    #[test]
    fn an_inline_code_before_the_mark_stands_for_words() {
        let xliff = |target: &str| {
            // The source has the target's code.
            let id = if target.contains("CLOSE_") {
                "CLOSE_TAG_SPAN"
            } else {
                "INTERPOLATION"
            };
            format!(
                "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"x\"><body>\
                 <trans-unit id=\"1\"><source>Submitted on <x id=\"{id}\"/>.</source><target>{target}</target></trans-unit>\
                 </body></file></xliff>"
            )
        };
        let spaces = |target: &str| -> usize {
            let bitext = crate::bitext::parse_xliff(&xliff(target)).unwrap();
            unit_findings(&Checker::default(), &bitext)
                .iter()
                .filter(|f| f.finding.rule == "space-before-punctuation")
                .count()
        };
        // The value stands between the space and the full stop.
        assert_eq!(spaces("Soumis le <x id=\"INTERPOLATION\"/>."), 0);
        // A space after the value, or before a code that only closes.
        assert_eq!(spaces("Soumis le <x id=\"INTERPOLATION\"/> ."), 1);
        assert_eq!(spaces("Soumis le <x id=\"CLOSE_TAG_SPAN\"/>."), 1);
    }

    #[test]
    fn kde_translator_credits_are_not_compared_with_their_source() {
        let po = "msgctxt \"NAME OF TRANSLATORS\"\nmsgid \"Your names\"\nmsgstr \"Jeanne Martin, Paul Durand, Anne Petit\"\n\n\
                  msgctxt \"EMAIL OF TRANSLATORS\"\nmsgid \"Your emails\"\nmsgstr \"jeanne@exemple.fr, paul@exemple.org, anne@exemple.net\"\n";
        let bitext = parse_po(po).unwrap();
        assert!(bitext.units.iter().all(Unit::source_is_key));
        assert_eq!(po_findings(po), []);
        // Without the context, the same text is compared with its source.
        let po = "msgid \"Your names\"\nmsgstr \"Jeanne Martin, Paul Durand, Anne Petit\"\n";
        assert!(!parse_po(po).unwrap().units.iter().any(Unit::source_is_key));
    }

    #[test]
    fn one_word_english_sources_are_still_compared() {
        // `Save`, `Email`, `Settings` are English text, whether the target
        // is one word or several: a placeholder the target adds is found.
        let po = "msgid \"Save\"\nmsgstr \"Enregistrer {name}\"\n\n\
                  msgid \"Email\"\nmsgstr \"E-mail {name}\"\n\n\
                  msgid \"Settings\"\nmsgstr \"Paramètres du compte {name}\"\n";
        let bitext = parse_po(po).unwrap();
        assert!(!bitext.units.iter().any(Unit::source_is_key));
        let mut ids: Vec<String> = po_findings(po)
            .into_iter()
            .filter(|(_, rule, text)| *rule == "markup-mismatch" && text == "{name}")
            .map(|(id, _, _)| id)
            .collect();
        ids.sort();
        assert_eq!(ids, ["Email", "Save", "Settings"]);
        // And a one-word translation of a one-word source is no finding.
        let po = "msgid \"Save\"\nmsgstr \"Enregistrer\"\n\nmsgid \"Email\"\nmsgstr \"E-mail\"\n";
        assert_eq!(po_findings(po), []);
    }

    #[test]
    fn a_unit_whose_source_is_a_key_still_gets_monolingual_findings() {
        // The doubled full stop is the target's own defect; the placeholder
        // names (`{{height}}`, English words) are a program's code, kept as
        // in any unit.
        let po = "msgid \"image.too_high\"\nmsgstr \"L'image est trop haute ({{height}} px)..\"\n";
        let found = po_findings(po);
        assert_eq!(
            found,
            [(
                "image.too_high".to_string(),
                "duplicate-punctuation",
                "..".to_string()
            )]
        );
    }

    #[test]
    fn the_file_ratio_leaves_out_units_whose_source_is_a_key() {
        // The key is 7 characters, its translation 40: counted, it would
        // draw the ratio up for the units with English sources.
        let with_key = "msgid \"Save the file\"\nmsgstr \"Enregistrer le fichier\"\n\n\
                        msgid \"0d999f2\"\nmsgstr \"Vous devez sélectionner au moins un choix.\"\n";
        let without = "msgid \"Save the file\"\nmsgstr \"Enregistrer le fichier\"\n";
        let ratio = |po: &str| file_ratio(&parse_po(po).unwrap());
        assert_eq!(ratio(with_key), ratio(without));
    }

    /// The findings of `untranslated-english` and `untranslated-copy` in
    /// each unit of `po`, as (unit id, rule, severity, text), a rule folded
    /// into another's finding (its `related`) included with that finding's
    /// severity.
    fn english_findings(po: &str) -> Vec<(String, &'static str, Severity, String)> {
        let bitext = parse_po(po).unwrap();
        unit_findings(&Checker::default(), &bitext)
            .into_iter()
            .flat_map(|u| {
                let unit = &bitext.units[u.unit];
                let target = &unit.target.as_ref().unwrap().text;
                let text = u.finding.span.slice(target).to_string();
                let f = u.finding;
                std::iter::once(f.rule)
                    .chain(f.related)
                    .filter(|rule| rule.starts_with("untranslated-"))
                    .map(|rule| (unit.id.clone(), rule, f.severity, text.clone()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// A catalogue whose translators keep `background writer` in three units,
    /// and `extra` more units.
    fn writer_catalogue(extra: &str) -> String {
        format!(
            "msgid \"The background writer is not running\"\nmsgstr \"Le background writer ne fonctionne pas\"\n\n\
             msgid \"Could not reach the background writer in time\"\nmsgstr \"Impossible de joindre le background writer à temps\"\n\n\
             msgid \"Restart the background writer now\"\nmsgstr \"Redémarrer le background writer maintenant\"\n\n{extra}"
        )
    }

    #[test]
    fn a_term_the_catalogue_keeps_is_info_and_leftovers_are_still_found() {
        // A unit left in English, and a unit whose second half is: still a
        // copy of its source, and English words left over, whatever term
        // the catalogue keeps.
        let po = writer_catalogue(
            "msgid \"The disk is full and the server will stop now\"\n\
             msgstr \"The disk is full and the server will stop now\"\n\n\
             msgid \"The background writer stopped because the disk is full.\"\n\
             msgstr \"Le background writer s'est arrêté because the disk is full.\"\n",
        );
        let found = english_findings(&po);
        let kept: Vec<_> = found
            .iter()
            .filter(|(_, rule, _, text)| {
                *rule == "untranslated-english" && text == "background writer"
            })
            .collect();
        assert_eq!(kept.len(), 4, "{found:?}");
        assert!(kept.iter().all(|f| f.2 == Severity::Info), "{found:?}");
        let left = "The disk is full and the server will stop now";
        assert!(
            found.iter().any(|(id, rule, sev, _)| id == left
                && *rule == "untranslated-copy"
                && *sev == Severity::Error),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(_, rule, sev, text)| *rule == "untranslated-english"
                    && *sev >= Severity::Warning
                    && text == "because the disk is full"),
            "{found:?}"
        );
    }

    #[test]
    fn a_term_the_catalogue_mostly_translates_is_still_reported() {
        // Kept in three units, translated in four: where it stays, it is
        // left over.
        let translated = "msgid \"background writer\"\nmsgstr \"processus d’écriture\"\n\n\
                          msgid \"Stop the background writer\"\nmsgstr \"Arrêter le processus d’écriture\"\n\n\
                          msgid \"The background writer failed\"\nmsgstr \"Le processus d’écriture a échoué\"\n\n\
                          msgid \"The background writer is ready\"\nmsgstr \"Le processus d’écriture est prêt\"\n";
        let found = english_findings(&writer_catalogue(translated));
        let kept: Vec<_> = found
            .iter()
            .filter(|(_, rule, _, text)| {
                *rule == "untranslated-english" && text == "background writer"
            })
            .collect();
        assert_eq!(kept.len(), 3, "{found:?}");
        assert!(kept.iter().all(|f| f.2 == Severity::Warning), "{found:?}");
        // And a term kept in one unit only has no catalogue behind it.
        let one = "msgid \"The background writer is not running\"\nmsgstr \"Le background writer ne fonctionne pas\"\n";
        let found = english_findings(one);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, Severity::Warning);
    }

    #[test]
    fn source_words_set_in_french_order_are_no_english_phrase() {
        // `slot permanent` for `permanent slot`: the source's words, each
        // kept on its own (a single word copied from the source), in
        // French order; the same words in English order are reported.
        let po = "msgid \"no permanent slot is configured\"\nmsgstr \"aucun slot permanent n'est configuré\"\n";
        assert_eq!(english_findings(po), []);
        let po = "msgid \"no permanent slot is configured\"\nmsgstr \"aucun permanent slot n'est configuré\"\n";
        let found = english_findings(po);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].3, "permanent slot");
        // Unless one of the words is English the file translates as a
        // rule: there it is left over, whatever the order.
        let po = "msgid \"invalid group\"\nmsgstr \"groupe invalide\"\n\n\
                  msgid \"group not found\"\nmsgstr \"groupe introuvable\"\n\n\
                  msgid \"no such group\"\nmsgstr \"aucun groupe de ce nom\"\n\n\
                  msgid \"Thread group id\"\nmsgstr \"ID group thread\"\n";
        let found = english_findings(po);
        assert!(
            found
                .iter()
                .any(|(id, rule, _, text)| id == "Thread group id"
                    && *rule == "untranslated-english"
                    && text.contains("group")),
            "{found:?}"
        );
    }

    #[test]
    fn one_word_of_the_source_among_the_translators_french_is_no_english_phrase() {
        // `manifest` kept from the source, `distant` the translator's own
        // French for `Remote`: a single word kept, as units keep them.
        let po = "msgid \"Fatal Error: Remote manifest does not match local one.\"\nmsgstr \"Erreur fatale : le fichier manifest distant ne correspond pas à celui en local.\"\n";
        assert_eq!(of_rule(po, "untranslated-english").1, Vec::<String>::new());

        // Two words of the source left together: English left over.
        let po = "msgid \"Fatal Error: Remote manifest does not match local one.\"\nmsgstr \"Erreur fatale : le remote manifest ne correspond pas à celui en local.\"\n";
        let (found, _) = of_rule(po, "untranslated-english");
        assert_eq!(found, ["remote manifest"]);
    }

    #[test]
    fn a_name_kept_with_a_gloss_is_the_translators_choice() {
        // A game's name kept, its meaning added in brackets.
        let po = "msgid \"Fourteen\"\nmsgstr \"Fourteen (14)\"\n";
        assert_left_to_the_source(po, "untranslated-english");
        assert!(name_with_gloss("Aunt Mary (tante Marie)", "Aunt Mary"));
        // A sentence kept with a gloss is still English left over.
        assert!(!name_with_gloss(
            "Remove the file (supprimer)",
            "Remove the file"
        ));
        assert!(!name_with_gloss("Fourteen cartes (14)", "Fourteen"));
    }

    #[test]
    fn the_sources_markup_is_no_length_to_translate() {
        let rule = "length-ratio";
        let po = "msgid \"<span weight=\\\"bold\\\" size=\\\"larger\\\">Installable Options</span>\"\nmsgstr \"<span weight=\\\"bold\\\" size=\\\"larger\\\">Options installables</span>\"\n";
        assert_eq!(of_rule(po, rule).1, Vec::<String>::new());
        // A translation that lost most of its text is still reported.
        let po = "msgid \"<b>The council approved the budget on Tuesday after a long and heated debate about school funding.</b>\"\nmsgstr \"<b>Le conseil a voté.</b>\"\n";
        assert_eq!(of_rule(po, rule).1.len(), 1);
    }

    #[test]
    fn a_label_with_its_access_key_is_the_programs() {
        // The rule itself leaves a label standing for its source's words
        // (`boilerplate::stands_for_source`); `whole_label` one whose
        // source says it otherwise.
        let po = "msgid \"_Copy Link\"\nmsgstr \"_Copier le lien\"\n";
        assert_eq!(of_rule(po, "boilerplate").0, Vec::<String>::new());
        let po = "msgid \"_Share URL\"\nmsgstr \"_Copier le lien\"\n";
        assert_left_to_the_source(po, "boilerplate");
        assert_eq!(
            without_access_keys("Enregi&strer _sous"),
            "Enregistrer sous"
        );
        assert_eq!(without_access_keys("R&D _ x"), "RD _ x");
    }

    #[test]
    fn a_label_with_its_ellipsis_is_the_programs() {
        // A button's label ending on an ellipsis is still the whole label.
        let po = "msgid \"Continue …\"\nmsgstr \"En savoir plus...\"\n";
        assert_left_to_the_source(po, "boilerplate");
        // The same words on a line after a sentence of the unit are still
        // reported.
        let po =
            "msgid \"The report is ready.\"\nmsgstr \"Le rapport est prêt.\\nEn savoir plus...\"\n";
        assert_eq!(of_rule(po, "boilerplate").0.len(), 1);
    }

    #[test]
    fn findings_in_po_units_point_into_the_file() {
        let po = "msgid \"Save the file\"\nmsgstr \"Enregistrer le fichier..\"\n\nmsgid \"Open\"\nmsgstr \"\"\n";
        let bitext = parse_po(po).unwrap();
        let checker = Checker::default();
        let report = check_bitext(&checker, po, &bitext, Some("fr.po"));
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "duplicate-punctuation")
            .expect("the doubled full stop is found");
        assert_eq!(&po[f.start..f.end], f.text);
        assert_eq!(f.text, "..");
        let unit = f.unit.as_ref().unwrap();
        assert_eq!(unit.id, "Save the file");
        assert_eq!(&"Enregistrer le fichier.."[unit.start..unit.end], "..");
        assert_eq!(f.line, 2);
    }
}
