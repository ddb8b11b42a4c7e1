//! A document: the input text, its format, its paragraph blocks and sentences.

use crate::span::{LineIndex, Span};
use crate::split;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The format of the input.
///
/// HTML and Markdown are checked as plain text for now: offsets always point
/// into the input exactly as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    #[default]
    Text,
    /// HTML (checked as text for now).
    Html,
    /// Markdown (checked as text for now).
    Markdown,
}

/// One sentence of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Its bytes in the input, without surrounding white space.
    pub span: Span,
    /// Index of the block (paragraph) it belongs to.
    pub block: usize,
}

/// A text prepared for checking.
///
/// Hard-wrapped paragraphs (a file or an e-mail filled at 72 columns) are
/// recognised per block, and the line breaks the wrapping put in are read as
/// spaces: [`Document::flowed`] gives the text as the rules see it.
#[derive(Debug)]
pub struct Document<'a> {
    text: &'a str,
    /// `text` with soft line breaks turned into spaces (same length), when
    /// some block is hard-wrapped.
    flowed: Option<String>,
    format: Format,
    blocks: Vec<Span>,
    sentences: Vec<Sentence>,
    lines: OnceLock<LineIndex>,
}

impl<'a> Document<'a> {
    /// Prepares plain `text` for checking.
    pub fn new(text: &'a str) -> Self {
        Self::with_format(text, Format::Text)
    }

    /// Prepares `text` in `format` for checking.
    pub fn with_format(text: &'a str, format: Format) -> Self {
        let blocks = split_blocks(text);
        let mut sentences = Vec::new();
        let mut flowed: Option<String> = None;
        for (i, block) in blocks.iter().enumerate() {
            let block_text = block.slice(text);
            let unwrapped = split::unwrap_lines(block_text);
            let spans = split::split_lines(unwrapped.as_deref().unwrap_or(block_text));
            if let Some(u) = unwrapped {
                // Same length: replace the block's bytes in a copy of the text.
                let f = flowed.get_or_insert_with(|| text.to_string());
                f.replace_range(block.start..block.end, &u);
            }
            for s in spans {
                sentences.push(Sentence {
                    span: s.shift(block.start),
                    block: i,
                });
            }
        }
        Document {
            text,
            flowed,
            format,
            blocks,
            sentences,
            lines: OnceLock::new(),
        }
    }

    /// The whole input.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The text as the rules read it: the input, except that the line breaks
    /// of hard-wrapped paragraphs are spaces. Same length and char boundaries
    /// as [`Document::text`], so every offset holds for both. `None` when
    /// nothing is wrapped.
    pub fn flowed_text(&self) -> Option<&str> {
        self.flowed.as_deref()
    }

    /// This document as the rules read it: over [`Document::flowed_text`]
    /// when some paragraph is hard-wrapped (same blocks and sentences), else
    /// `None`.
    pub fn flowed(&self) -> Option<Document<'_>> {
        self.flowed.as_deref().map(|f| Document {
            text: f,
            flowed: None,
            format: self.format,
            blocks: self.blocks.clone(),
            sentences: self.sentences.clone(),
            lines: OnceLock::new(),
        })
    }

    /// The input's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Paragraph blocks: runs of non-blank lines, trimmed.
    pub fn blocks(&self) -> &[Span] {
        &self.blocks
    }

    /// Sentences in input order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The text of a span of this document.
    pub fn slice(&self, span: Span) -> &'a str {
        span.slice(self.text)
    }

    /// Line index of the input, built on first use.
    pub fn line_index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text))
    }
}

/// Splits `text` into blocks separated by blank lines (lines of white space
/// only). Each block is trimmed of surrounding white space.
pub fn split_blocks(text: &str) -> Vec<Span> {
    let mut blocks = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut block_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content_start = pos + (line.len() - line.trim_start().len());
        let trimmed_len = line.trim_end().len();
        if line.trim().is_empty() {
            if let Some(s) = block_start.take() {
                blocks.push(Span::new(s, block_end));
            }
        } else {
            if block_start.is_none() {
                block_start = Some(content_start);
            }
            block_end = pos + trimmed_len;
        }
        pos += line.len();
    }
    if let Some(s) = block_start {
        blocks.push(Span::new(s, block_end));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_wrapped_blocks_are_read_flowed() {
        let wrapped = "Titre\n\nLe ministre de l'Économie a reçu mardi les dirigeants des grandes\r\nbanques françaises, dont le directeur général de la Société générale\nFrédéric Oudéa. Il leur a demandé de soutenir les entreprises.";
        let doc = Document::new(wrapped);
        let flowed = doc.flowed_text().expect("the second block is wrapped");
        assert_eq!(flowed.len(), wrapped.len());
        assert_eq!(
            flowed,
            wrapped
                .replace("grandes\r\n", "grandes  ")
                .replace("générale\n", "générale ")
        );
        let view = doc.flowed().unwrap();
        assert_eq!(view.text(), flowed);
        assert_eq!(view.sentences(), doc.sentences());
        assert_eq!(doc.sentences().len(), 3);
        // One paragraph a line, or headlines: nothing to flow.
        let lines = "Poutine menace la Pologne\nLa Biélorussie accueille Wagner\nLe Kremlin dément";
        assert!(Document::new(lines).flowed_text().is_none());
        assert!(Document::new("Une phrase.").flowed().is_none());
    }

    #[test]
    fn blocks_are_separated_by_blank_lines() {
        let text = "  Titre\n\nUn paragraphe\nsur deux lignes.  \n \t\nFin.";
        let blocks: Vec<&str> = split_blocks(text).iter().map(|b| b.slice(text)).collect();
        assert_eq!(
            blocks,
            vec!["Titre", "Un paragraphe\nsur deux lignes.", "Fin."]
        );
    }

    #[test]
    fn empty_and_blank_inputs_have_no_block() {
        assert!(split_blocks("").is_empty());
        assert!(split_blocks(" \n\t\n").is_empty());
        assert!(Document::new("\n\n").sentences().is_empty());
    }

    #[test]
    fn sentences_point_into_the_input() {
        let text = "Titre\n\nPremière phrase. Deuxième phrase.";
        let doc = Document::new(text);
        let s: Vec<&str> = doc.sentences().iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(s, vec!["Titre", "Première phrase.", "Deuxième phrase."]);
        assert_eq!(doc.sentences()[2].block, 1);
    }
}
