use crate::declare_rule;
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::RegionKind;

declare_rule! {
    /// Text damaged by a wrong character encoding: `Ã©` for `é`, `â€™` for `’`, `�`, control characters.
    ///
    /// ## What it does
    /// Finds four kinds of encoding damage:
    /// - UTF-8 bytes that were decoded as Windows-1252 (or Latin-1), or as
    ///   Windows-1250 (`DĂ©butants`, `LĂ©gumes`), and
    ///   re-encoded: `rÃ©union`, `lâ€™Ã‰tat`, `Ã  Paris`. The repaired text is
    ///   suggested: the characters are turned back into Windows-1252 bytes and
    ///   decoded as UTF-8. Only sequences that decode to a letter, a
    ///   punctuation mark, a symbol or an emoji are reported, so that ordinary
    ///   French such as `voilà »` is never taken for damage.
    /// - U+FFFD REPLACEMENT CHARACTER (`�`), left where a decoder met bytes it
    ///   could not read. The lost character cannot be known: no suggestion.
    /// - Control characters other than tab, line feed and carriage return
    ///   (C0 and C1 controls, DEL): invisible or shown as boxes. Deleting them is
    ///   suggested.
    /// - Escape sequences left as text by a program that wrote JSON or
    ///   JavaScript instead of the characters: `caf\u00e9`,
    ///   `\ud83d\ude00` (a surrogate pair, an emoji). Only escapes of a
    ///   character a French article shows (a letter, a mark, an emoji) are
    ///   reported, with the character as suggestion, and not in code.
    ///
    /// ## Why it matters
    /// A scraper or a CMS that guesses the wrong encoding turns every accented
    /// letter into two or three odd characters. Readers see it at once and
    /// the article looks broken.
    ///
    /// ## Example
    /// Bad: `La rÃ©union de lâ€™ONU`
    ///
    /// Good: `La réunion de l’ONU`
    ///
    /// ## Known false positives
    /// Text that quotes mojibake or an escape on purpose (an article about
    /// encodings, an escape outside a code block), and
    /// all-capital words in languages that use `Ã` followed by a Windows-1252
    /// continuation character (none is known in French or Portuguese capitals).
    pub struct Mojibake {
        id: "mojibake",
        category: Encoding,
        severity: Error,
    }
}

/// The Windows-1252 byte a character came from, if it can be one.
///
/// Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252;
/// decoders that pass them through produce the C1 control of the same value,
/// which is accepted too. Latin-1 (0xA0–0xFF) maps to itself.
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{80}'..='\u{ff}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// The Windows-1250 (Central European) byte a character came from, for the
/// characters that differ from Windows-1252; the others are read as
/// Windows-1252. A page decoded as Windows-1250 shows `DĂ©butants` for
/// `Débutants`: the lead byte 0xC3 of every accented letter is `Ă` there,
/// and 0xC5 (`œ` is C5 93) is `Ĺ`.
fn cp1250_byte(c: char) -> Option<u8> {
    let b = match c {
        'Ă' => 0xC3,
        'Ĺ' => 0xC5,
        'Ś' => 0x8C,
        'Ť' => 0x8D,
        'Ź' => 0x8F,
        'ś' => 0x9C,
        'ť' => 0x9D,
        'ź' => 0x9F,
        'ˇ' => 0xA1,
        '˘' => 0xA2,
        'Ł' => 0xA3,
        'Ą' => 0xA5,
        'Ş' => 0xAA,
        'Ż' => 0xAF,
        '˛' => 0xB2,
        'ł' => 0xB3,
        'ą' => 0xB9,
        'ş' => 0xBA,
        'Ľ' => 0xBC,
        '˝' => 0xBD,
        'ľ' => 0xBE,
        'ż' => 0xBF,
        _ => return cp1252_byte(c),
    };
    Some(b)
}

/// Characters a real UTF-8 sequence in a French article decodes to.
fn plausible(c: char) -> bool {
    matches!(c,
        '\u{a0}'..='\u{17f}'       // Latin-1 supplement, Latin extended A
        | '\u{218}'..='\u{21b}'    // Romanian ș ț
        | '\u{2010}'..='\u{2044}'  // dashes, quotes, ellipsis, narrow no-break space
        | '\u{20ac}'               // euro
        | '\u{2122}'               // trade mark
        | '\u{1f300}'..='\u{1faff}' // emoji
        | '\u{2600}'..='\u{27bf}'  // symbols and dingbats
    )
}

/// Tries to read one UTF-8 sequence, written as Windows-1252 characters, at
/// the start of `s`. Returns the decoded character and the length in bytes of
/// `s` it covers.
fn decode_one(s: &str) -> Option<(char, usize)> {
    let lead = s.chars().next()?;
    if matches!(lead, 'Ă' | 'Ĺ') {
        // Lead bytes that only Windows-1250 shows so: `DĂ©butants`.
        return decode_with(s, cp1250_byte);
    }
    decode_with(s, cp1252_byte)
}

/// [`decode_one`] with one code page's reading of the bytes.
fn decode_with(s: &str, byte: fn(char) -> Option<u8>) -> Option<(char, usize)> {
    let mut chars = s.char_indices();
    let (_, lead) = chars.next()?;
    let lead_byte = byte(lead)?;
    let need = match lead_byte {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = [lead_byte, 0, 0, 0];
    let mut end = lead.len_utf8();
    for slot in &mut bytes[1..=need] {
        let (i, c) = chars.next()?;
        let b = byte(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
        end = i + c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes[..=need]).ok()?;
    let c = decoded.chars().next()?;
    plausible(c).then_some((c, end))
}

/// `Ã` followed by a plain space: `à` whose second byte (0xA0, a no-break
/// space in Windows-1252) was turned into a space by a later clean-up.
/// Returns the bytes to replace by `à`: `Ã` alone when one space follows (it
/// stays as the word space), `Ã` and one space when two follow.
fn a_grave_with_space(text: &str, at: usize) -> Option<usize> {
    let after = text[at..].strip_prefix('Ã')?;
    let spaces = after.chars().take_while(|&c| c == ' ').count();
    if spaces == 0 || spaces > 2 {
        return None;
    }
    // Not inside an all-capital word.
    if text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_uppercase)
    {
        return None;
    }
    // A word follows, as after the preposition `à`.
    if !after[spaces..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    Some('Ã'.len_utf8() + spaces - 1)
}

/// Decodes every damaged sequence of `s`, or `None` if it has none.
fn repair_all(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut pos = 0;
    while let Some(c) = s[pos..].chars().next() {
        if let Some((d, len)) = decode_one(&s[pos..]) {
            out.push(d);
            pos += len;
            changed = true;
        } else {
            out.push(c);
            pos += c.len_utf8();
        }
    }
    changed.then_some(out)
}

/// The four hexadecimal digits of a `\uXXXX` escape at the start of `s`.
fn escape_unit(s: &str) -> Option<u16> {
    let hex = s.strip_prefix("\\u")?.get(..4)?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u16::from_str_radix(hex, 16).ok()
}

/// A run of `\uXXXX` escapes at the start of `s` read as UTF-16 (a
/// surrogate pair is one character): the decoded text and the bytes it
/// covers, when every escape decodes and each character is one a French
/// article shows ([`plausible`], or a letter). ASCII escapes (`\u0041`)
/// are code, not damage.
fn decode_escapes(s: &str) -> Option<(String, usize)> {
    let mut units = Vec::new();
    let mut end = 0;
    while let Some(u) = escape_unit(&s[end..]) {
        units.push(u);
        end += 6;
    }
    if units.is_empty() {
        return None;
    }
    let decoded = String::from_utf16(&units).ok()?;
    decoded
        .chars()
        .all(|c| !c.is_ascii() && (plausible(c) || c.is_alphabetic()))
        .then_some((decoded, end))
}

fn is_stray_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        self.escapes(ctx, sink);
        let mut pos = 0;
        while pos < text.len() {
            // Printable ASCII, tabs and line breaks start nothing reported
            // here (a damaged sequence starts with a non-ASCII character, a
            // stray control is not one of them): skipped byte by byte.
            let inert = text.as_bytes()[pos..]
                .iter()
                .take_while(|&&b| matches!(b, b' '..=b'~' | b'\t' | b'\n' | b'\r'))
                .count();
            pos += inert;
            if pos >= text.len() {
                break;
            }
            let rest = &text[pos..];
            let Some(c) = rest.chars().next() else { break };
            // A run of damaged sequences, possibly with undamaged ASCII letters
            // between them, inside one word: reported as one finding.
            if let Some((first, len)) =
                decode_one(rest).or_else(|| a_grave_with_space(text, pos).map(|l| ('à', l)))
            {
                let start = pos;
                let mut fixed = String::new();
                fixed.push(first);
                let mut end = pos + len;
                loop {
                    let tail = &text[end..];
                    if let Some((d, l)) = decode_one(tail) {
                        fixed.push(d);
                        end += l;
                        continue;
                    }
                    if let Some(l) = a_grave_with_space(text, end) {
                        fixed.push('à');
                        end += l;
                        break;
                    }
                    // Plain letters between two damaged sequences of one word.
                    let word: usize = tail
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .map(char::len_utf8)
                        .sum();
                    if word > 0
                        && (decode_one(&tail[word..]).is_some()
                            || a_grave_with_space(text, end + word).is_some())
                    {
                        fixed.push_str(&tail[..word]);
                        end += word;
                        continue;
                    }
                    break;
                }
                // Text damaged twice (`ÃƒÂ©`) decodes to damaged text again.
                for _ in 0..2 {
                    match repair_all(&fixed) {
                        Some(again) => fixed = again,
                        None => break,
                    }
                }
                let span_end = end;
                let span = Span::new(start, span_end);
                sink.report_fix(
                    span,
                    format!("UTF-8 text decoded with the wrong encoding: read `{fixed}`"),
                    fixed,
                );
                pos = span_end;
                continue;
            }
            if c == '\u{fffd}' {
                let len: usize = rest
                    .chars()
                    .take_while(|&c| c == '\u{fffd}')
                    .map(char::len_utf8)
                    .sum();
                let span = Span::new(pos, pos + len);
                sink.push(
                    span,
                    "replacement character `�`: a character was lost when the text was decoded",
                    Severity::Error,
                    None,
                );
                pos += len;
                continue;
            }
            if is_stray_control(c) {
                let len: usize = rest
                    .chars()
                    .take_while(|&c| is_stray_control(c))
                    .map(char::len_utf8)
                    .sum();
                let span = Span::new(pos, pos + len);
                sink.push(
                    span,
                    format!("invisible control character U+{:04X}", c as u32),
                    Severity::Error,
                    Some(Edit::certain(span, "")),
                );
                pos += len;
                continue;
            }
            pos += c.len_utf8();
        }
    }
}

impl Mojibake {
    /// Escape sequences left as text: `caf\u00e9`, `\ud83d\ude00`.
    fn escapes(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let mut search = 0;
        while let Some(rel) = memchr::memmem::find(&text.as_bytes()[search..], b"\\u") {
            let at = search + rel;
            let Some((fixed, len)) = decode_escapes(&text[at..]) else {
                search = at + 2;
                continue;
            };
            search = at + len;
            if ctx
                .doc
                .regions()
                .covers(&[RegionKind::Code, RegionKind::Url], at)
            {
                continue;
            }
            let span = Span::new(at, at + len);
            sink.report_fix(
                span,
                format!("escape sequence left as text: read `{fixed}`"),
                fixed,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_fixed, assert_marked, run};

    #[test]
    fn flags_utf8_read_as_cp1252() {
        assert_marked(&Mojibake, "La r⟦Ã©⟧union de l⟦â€™⟧ONU.");
        assert_marked(&Mojibake, "Il va ⟦Ã⟧ Paris, voil⟦Ã⟧ ⟦Ã ⟧ Lyon.");
        assert_marked(&Mojibake, "Il va ⟦Ã\u{a0}⟧Paris.");
        assert_marked(&Mojibake, "⟦Ã‰⟧tat et ⟦Ã©tÃ©⟧.");
        assert_marked(&Mojibake, "Bravo ⟦ðŸŽ‰⟧ !");
        assert_marked(&Mojibake, "⟦Â«⟧ inattendu ⟦Â»⟧");
    }

    #[test]
    fn flags_utf8_read_as_cp1250() {
        assert_marked(&Mojibake, "D⟦Ă©⟧butants, L⟦Ă©⟧gumes, ⟦Ă¨⟧re, c⟦Ĺ“⟧ur.");
        let f = run(&Mojibake, "LĂ©gumes");
        assert_eq!(
            f[0].message,
            "UTF-8 text decoded with the wrong encoding: read `é`"
        );
        // Romanian and Polish letters in names are not damage.
        assert_clean(&Mojibake, "Ăsta, Łódź, Ştefan, Bălan, Ĺubica.");
    }

    #[test]
    fn suggests_the_repaired_text() {
        let f = run(&Mojibake, "La rÃ©union de lâ€™ONU, Ã  Paris, Ã©tÃ© ðŸŽ‰.");
        let fixes: Vec<&str> = f
            .iter()
            .map(|f| f.suggestion.as_ref().unwrap().replacement.as_str())
            .collect();
        assert_eq!(fixes, vec!["é", "’", "à", "été", "🎉"]);
        assert_fixed(
            &Mojibake,
            "La rÃ©union de lâ€™ONU\u{0}, Ã  Paris.",
            "La réunion de l’ONU, à Paris.",
        );
        let f = run(&Mojibake, "la rÃƒÂ©union");
        assert_eq!(f[0].span.slice("la rÃƒÂ©union"), "ÃƒÂ©");
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, "é");
    }

    #[test]
    fn flags_replacement_and_control_characters() {
        assert_marked(&Mojibake, "Le pr⟦\u{fffd}\u{fffd}⟧sident");
        assert_marked(&Mojibake, "Fin⟦\u{0}\u{1}⟧ de ligne⟦\u{85}⟧ et⟦\u{7f}⟧");
        let f = run(&Mojibake, "a\u{b}b");
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, "");
    }

    #[test]
    fn flags_escapes_left_as_text() {
        assert_marked(&Mojibake, "Le caf⟦\\u00e9⟧ est servi.");
        assert_marked(&Mojibake, "Lisez la suite⟦\\ud83d\\ude00⟧ en bas.");
        let f = run(&Mojibake, "Suite\\ud83d\\ude00 ici");
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, "😀");
    }

    #[test]
    fn leaves_other_backslashes_alone() {
        // ASCII escapes, a lone surrogate, a short or invalid escape, code.
        assert_clean(
            &Mojibake,
            "Le code \\u0041 vaut A ; \\ud83d seul ; \\u12 ; \\uzzzz.",
        );
        assert_clean(&Mojibake, "s = \"caf\\u00e9\"\n");
        assert_clean(&Mojibake, "Le dossier C:\\users\\moi.");
    }

    #[test]
    fn leaves_correct_french_alone() {
        assert_clean(
            &Mojibake,
            "Voilà\u{a0}» dit-il. « Ça », « À », l’été, Œuvre, 3 €, 10 %.\tFin\r\n",
        );
        assert_clean(&Mojibake, "SÃO PAULO et João. Zoë, Noël, naïf.");
        assert_clean(&Mojibake, "Non décodable : Ã. ou ÃX ou Ã  , ou SÃ O.");
        assert_clean(&Mojibake, "Déjà… oui. Là — ici. Où ? « Voilà ! »");
        // Capitals before punctuation decode to IPA or Cyrillic: not damage.
        assert_clean(&Mojibake, "CAFÉ… L’ÉTÉ\u{a0}» ÇA\u{a0}! CÔTÉ’ ÎLE—");
    }
}
