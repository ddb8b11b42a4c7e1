//! gettext PO catalogues.
//!
//! An entry is a block of lines: comments (`#.` extracted, `#:`
//! references, `#,` flags such as `fuzzy` and `c-format`, `#|` previous
//! strings, `#~` obsolete entries, which are skipped), then `msgctxt`,
//! `msgid`, `msgid_plural` and `msgstr` or `msgstr[n]`, each followed by
//! one or more C strings on their own lines (`"abc"` then `"def"` is
//! `abcdef`). Strings are C-escaped (`\n`, `\t`, `\"`, `\\`, octal and hex
//! escapes): the text of an escape maps to the escape's bytes in the file,
//! the rest byte for byte. The header entry (empty `msgid`) is not a unit.

use super::{Bitext, BitextError, BitextFormat, Segment, Unit};
use crate::span::Span;

/// Which string a line of an entry continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Ctxt,
    Id,
    IdPlural,
    Str(usize),
}

#[derive(Default)]
struct Entry {
    ctxt: Option<Segment>,
    id: Option<Segment>,
    id_plural: Option<Segment>,
    strs: Vec<(usize, Segment)>,
    flags: Vec<String>,
    obsolete: bool,
}

/// Reads a PO file.
pub fn parse_po(file: &str) -> Result<Bitext, BitextError> {
    let mut out = Bitext {
        format: BitextFormat::Po,
        version: None,
        source_lang: None,
        target_lang: None,
        units: Vec::new(),
    };
    let mut entry = Entry::default();
    let mut field: Option<Field> = None;
    let mut pos = 0;
    let err = |offset: usize, message: String| BitextError {
        format: BitextFormat::Po,
        offset,
        message,
    };
    for raw_line in file.split_inclusive('\n') {
        let line_start = pos;
        pos += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() {
            finish(&mut entry, &mut out);
            field = None;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('#') {
            if field.is_some() && entry.id.is_some() && !entry.strs.is_empty() {
                // A comment after the strings starts the next entry.
                finish(&mut entry, &mut out);
                field = None;
            }
            if let Some(flags) = rest.strip_prefix(',') {
                entry.flags.extend(
                    flags
                        .split(',')
                        .map(|f| f.trim().to_string())
                        .filter(|f| !f.is_empty()),
                );
            } else if rest.starts_with('~') {
                entry.obsolete = true;
            }
            continue;
        }
        let str_start = line_start + indent;
        if trimmed.starts_with('"') {
            let Some(f) = field else {
                return Err(err(
                    str_start,
                    "a string outside any msgid or msgstr".into(),
                ));
            };
            let seg = target_of(&mut entry, f);
            read_string(file, str_start, line_start + line.len(), seg)
                .map_err(|(o, m)| err(o, m))?;
            continue;
        }
        let (keyword, rest) =
            trimmed.split_at(trimmed.find([' ', '\t', '"']).unwrap_or(trimmed.len()));
        let f = match keyword {
            "msgctxt" => Field::Ctxt,
            "msgid" => Field::Id,
            "msgid_plural" => Field::IdPlural,
            "msgstr" => Field::Str(0),
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                let n = k["msgstr[".len()..k.len() - 1]
                    .parse()
                    .map_err(|_| err(str_start, format!("bad plural index in `{k}`")))?;
                Field::Str(n)
            }
            _ => {
                return Err(err(
                    str_start,
                    format!(
                        "unexpected `{}`",
                        keyword.chars().take(40).collect::<String>()
                    ),
                ));
            }
        };
        if matches!(f, Field::Ctxt | Field::Id)
            && (entry.id.is_some() || f == Field::Ctxt && entry.ctxt.is_some())
            && !entry.strs.is_empty()
        {
            // A new entry without a blank line before it.
            finish(&mut entry, &mut out);
        }
        field = Some(f);
        let seg = target_of(&mut entry, f);
        let after = rest.trim_start();
        let from = line_start + line.len() - after.len();
        if !after.is_empty() {
            read_string(file, from, line_start + line.len(), seg).map_err(|(o, m)| err(o, m))?;
        }
    }
    finish(&mut entry, &mut out);
    Ok(out)
}

/// The segment a field's strings go to, created on first use.
fn target_of(entry: &mut Entry, f: Field) -> &mut Segment {
    match f {
        Field::Ctxt => entry.ctxt.get_or_insert_with(Segment::default),
        Field::Id => entry.id.get_or_insert_with(Segment::default),
        Field::IdPlural => entry.id_plural.get_or_insert_with(Segment::default),
        Field::Str(n) => {
            let k = match entry.strs.iter().position(|(m, _)| *m == n) {
                Some(k) => k,
                None => {
                    entry.strs.push((n, Segment::default()));
                    entry.strs.len() - 1
                }
            };
            &mut entry.strs[k].1
        }
    }
}

/// Reads the C string `"..."` that starts at byte `from` of `file` (the
/// line ends at `line_end`) into `seg`.
fn read_string(
    file: &str,
    from: usize,
    line_end: usize,
    seg: &mut Segment,
) -> Result<(), (usize, String)> {
    let line = &file[from..line_end];
    let Some(body) = line.strip_prefix('"') else {
        return Err((from, "expected a string in double quotes".into()));
    };
    let base = from + 1;
    let mut run_start = 0; // start (in body) of the current verbatim run
    let mut chars = body.char_indices().peekable();
    while let Some((p, c)) = chars.next() {
        match c {
            '"' => {
                seg.push_exact(&body[run_start..p], base + run_start);
                let tail = body[p + 1..].trim();
                if !tail.is_empty() && !tail.starts_with('#') {
                    return Err((base + p + 1, "text after the closing quote".into()));
                }
                return Ok(());
            }
            '\\' => {
                seg.push_exact(&body[run_start..p], base + run_start);
                let Some((_, e)) = chars.next() else {
                    return Err((base + p, "a backslash at the end of the line".into()));
                };
                let mut end = p + 1 + e.len_utf8();
                let decoded: String = match e {
                    'n' => "\n".into(),
                    't' => "\t".into(),
                    'r' => "\r".into(),
                    'a' => "\u{7}".into(),
                    'b' => "\u{8}".into(),
                    'f' => "\u{c}".into(),
                    'v' => "\u{b}".into(),
                    '0'..='7' => {
                        let mut v = e.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            match chars.peek() {
                                Some(&(q, d)) if d.is_digit(8) => {
                                    v = v * 8 + d.to_digit(8).unwrap_or(0);
                                    end = q + 1;
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                        char::from_u32(v).map(String::from).unwrap_or_default()
                    }
                    'x' => {
                        let mut v = 0u32;
                        let mut n = 0;
                        while let Some(&(q, d)) = chars.peek() {
                            let Some(h) = d.to_digit(16) else { break };
                            v = v.saturating_mul(16).saturating_add(h);
                            end = q + 1;
                            n += 1;
                            chars.next();
                        }
                        if n == 0 {
                            return Err((base + p, "`\\x` without hex digits".into()));
                        }
                        char::from_u32(v).map(String::from).unwrap_or_default()
                    }
                    other => other.to_string(),
                };
                seg.push_decoded(&decoded, Span::new(base + p, base + end));
                run_start = end;
            }
            _ => {}
        }
    }
    Err((from, "a string without its closing quote".into()))
}

/// Turns the entry read so far into units and starts a new one.
fn finish(entry: &mut Entry, out: &mut Bitext) {
    let e = std::mem::take(entry);
    let Some(id) = e.id else { return };
    if e.obsolete {
        return;
    }
    if id.text.is_empty() && e.ctxt.is_none() {
        // The header: read the language.
        if let Some((_, header)) = e.strs.first() {
            for line in header.text.lines() {
                if let Some(l) = line.strip_prefix("Language:") {
                    let l = l.trim();
                    if !l.is_empty() {
                        out.target_lang = Some(l.to_string());
                    }
                }
            }
        }
        return;
    }
    let key = match &e.ctxt {
        Some(c) => format!("{}|{}", c.text, id.text),
        None => id.text.clone(),
    };
    let fuzzy = e.flags.iter().any(|f| f == "fuzzy");
    let plural = e.id_plural.is_some();
    let mut strs = e.strs;
    strs.sort_by_key(|(n, _)| *n);
    if strs.is_empty() {
        out.units.push(Unit {
            id: key,
            source: id,
            target: None,
            fuzzy,
            flags: e.flags,
        });
        return;
    }
    for (n, target) in strs {
        let source = if n > 0 {
            e.id_plural.clone().unwrap_or_else(|| id.clone())
        } else {
            id.clone()
        };
        out.units.push(Unit {
            id: if plural {
                format!("{key}[{n}]")
            } else {
                key.clone()
            },
            source,
            target: Some(target),
            fuzzy,
            flags: e.flags.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PO: &str = r#"# French translation.
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\n"
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: src/main.c:12
#, c-format
msgid "Cannot open \"%s\": %s\n"
msgstr "Impossible d'ouvrir « %s » : %s\n"

msgctxt "menu"
msgid "File"
msgstr "Fichier"

#, fuzzy
msgid ""
"Usage: demo [OPTION]...\n"
"Print files.\n"
msgstr ""
"Utilisation : demo [OPTION]...\n"
"Affiche des fichiers.\n"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d fichier"
msgstr[1] "%d fichiers"

msgid "Untranslated"
msgstr ""

#~ msgid "Old"
#~ msgstr "Vieux"
"#;

    #[test]
    fn entries_become_units_with_ids_flags_and_plurals() {
        let b = parse_po(PO).unwrap();
        assert_eq!(b.target_lang.as_deref(), Some("fr"));
        let ids: Vec<&str> = b.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "Cannot open \"%s\": %s\n",
                "menu|File",
                "Usage: demo [OPTION]...\nPrint files.\n",
                "%d file[0]",
                "%d file[1]",
                "Untranslated"
            ]
        );
        let u = &b.units[0];
        assert_eq!(u.flags, ["c-format"]);
        assert_eq!(
            u.target.as_ref().unwrap().text,
            "Impossible d'ouvrir « %s » : %s\n"
        );
        assert!(b.units[2].fuzzy);
        assert_eq!(
            b.units[2].target.as_ref().unwrap().text,
            "Utilisation : demo [OPTION]...\nAffiche des fichiers.\n"
        );
        assert_eq!(b.units[4].source.text, "%d files");
        assert_eq!(b.units[4].target.as_ref().unwrap().text, "%d fichiers");
        assert_eq!(b.units[5].target.as_ref().unwrap().text, "");
    }

    #[test]
    fn text_offsets_map_to_the_file_across_lines_and_escapes() {
        let b = parse_po(PO).unwrap();
        for u in &b.units {
            let t = u.target.as_ref().unwrap();
            for (p, c) in t.text.char_indices() {
                let f = t.file_span(Span::new(p, p + c.len_utf8()));
                let got = &PO[f.span.start..f.span.end];
                // A whole character maps to itself, or to its escape.
                assert!(f.exact, "{:?} at {p}", t.text);
                assert!(
                    got == c.to_string() || got.starts_with('\\'),
                    "{:?} at {p}: {got:?}",
                    t.text
                );
            }
        }
        // A word on the second line of a multi-line string.
        let t = b.units[2].target.as_ref().unwrap();
        let p = t.text.find("Affiche").unwrap();
        let f = t.file_span(Span::new(p, p + "Affiche des fichiers".len()));
        assert!(f.exact);
        assert_eq!(&PO[f.span.start..f.span.end], "Affiche des fichiers");
        // A span over the escaped newline between two lines is widened to
        // cover the escape and the line break in the file.
        let p = t.text.find("...\n").unwrap();
        let f = t.file_span(Span::new(p, p + 5));
        assert_eq!(&PO[f.span.start..f.span.end], "...\\n\"\n\"A");
    }

    #[test]
    fn escapes_decode() {
        let b = parse_po("msgid \"a\"\nmsgstr \"\\t\\\\ \\101\\x42 \\\"q\\\"\"\n").unwrap();
        assert_eq!(b.units[0].target.as_ref().unwrap().text, "\t\\ AB \"q\"");
    }

    #[test]
    fn malformed_catalogues_are_errors_with_offsets() {
        for bad in [
            "msgid \"a\nmsgstr \"b\"\n",
            "msgid \"a\"\nfoo \"b\"\n",
            "\"orphan\"\n",
            "msgid \"a\\",
        ] {
            let e = parse_po(bad).unwrap_err();
            assert!(e.offset <= bad.len(), "{e}");
        }
    }
}
