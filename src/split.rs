//! French sentence splitter.
//!
//! First version: ends a sentence at `.`, `!`, `?` or `…` followed by white
//! space and an upper-case letter, and at the end of a line that has no final
//! punctuation. To be replaced by the full splitter.

use crate::span::Span;

/// Splits one block of text into sentences, returned as trimmed byte spans of
/// `text`.
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let end = pos + c.len_utf8();
        let boundary = match c {
            '.' | '!' | '?' | '…' => {
                let mut j = i + 1;
                while j < chars.len()
                    && matches!(chars[j].1, '.' | '!' | '?' | '…' | '»' | '"' | ')')
                {
                    j += 1;
                }
                let spaced = j < chars.len() && chars[j].1.is_whitespace();
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next_upper =
                    k < chars.len() && (chars[k].1.is_uppercase() || chars[k].1 == '«');
                if spaced && next_upper {
                    let e = if j < chars.len() {
                        chars[j].0
                    } else {
                        text.len()
                    };
                    i = j;
                    Some(e)
                } else {
                    None
                }
            }
            '\n' => Some(end),
            _ => None,
        };
        if let Some(e) = boundary {
            push_trimmed(text, start, e, &mut out);
            start = e;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}
