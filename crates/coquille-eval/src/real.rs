//! The real-text corpora of `eval/` (see `eval/README.md`): documents with
//! their hand annotations, read strictly — a malformed file is an error, never
//! a silently smaller corpus.

use std::path::Path;

/// One annotated defect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `must` or `minor`.
    pub level: String,
    /// The defect class (`english`, `markup`, ...).
    pub defect: String,
    /// UTF-8 byte offsets into the document, end exclusive.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The annotated text, unescaped.
    pub text: String,
    /// Free text.
    pub note: String,
}

/// One document of a corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Its id (file name without `.txt`).
    pub id: String,
    /// Its domain or genre, from the index.
    pub domain: String,
    /// Its text.
    pub text: String,
    /// Its annotations.
    pub rows: Vec<Row>,
}

/// A corpus folder with an `index.tsv`.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Documents in index order.
    pub documents: Vec<Doc>,
}

/// Whether the byte range `start..end` overlaps the row.
pub fn overlaps(start: usize, end: usize, row: &Row) -> bool {
    start < row.end && row.start < end
}

/// `\t`, `\n` and `\\` as written in the TSV files.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.clone().next() {
                Some('t') => {
                    out.push('\t');
                    chars.next();
                }
                Some('n') => {
                    out.push('\n');
                    chars.next();
                }
                Some('\\') => {
                    out.push('\\');
                    chars.next();
                }
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn tsv(path: &Path, columns: &[&str]) -> Result<Vec<Vec<String>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    if header != columns {
        return Err(format!(
            "{}: header must be {}",
            path.display(),
            columns.join("<TAB>")
        ));
    }
    let mut rows = Vec::new();
    for (n, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let cells: Vec<String> = line.split('\t').map(str::to_string).collect();
        if cells.len() != columns.len() {
            return Err(format!(
                "{}:{}: {} columns, expected {}",
                path.display(),
                n + 2,
                cells.len(),
                columns.len()
            ));
        }
        rows.push(cells);
    }
    Ok(rows)
}

impl Corpus {
    /// Reads `dir/index.tsv` and every document it lists.
    pub fn load(dir: &Path) -> Result<Corpus, String> {
        let index = tsv(
            &dir.join("index.tsv"),
            &[
                "id",
                "url",
                "site",
                "domain",
                "published",
                "retrieved",
                "licence",
            ],
        )?;
        let mut documents = Vec::new();
        for cells in index {
            let id = cells[0].clone();
            let txt = dir.join(format!("{id}.txt"));
            let text =
                std::fs::read_to_string(&txt).map_err(|e| format!("{}: {e}", txt.display()))?;
            let ann = dir.join(format!("{id}.ann.tsv"));
            let mut rows = Vec::new();
            for c in tsv(&ann, &["level", "defect", "start", "end", "text", "note"])? {
                let num = |s: &str| {
                    s.parse::<usize>()
                        .map_err(|_| format!("{}: offset {s:?} is not a number", ann.display()))
                };
                let row = Row {
                    level: c[0].clone(),
                    defect: c[1].clone(),
                    start: num(&c[2])?,
                    end: num(&c[3])?,
                    text: unescape(&c[4]),
                    note: c[5].clone(),
                };
                if text.get(row.start..row.end) != Some(row.text.as_str()) {
                    return Err(format!(
                        "{}: row {}-{} {:?} does not match the text",
                        ann.display(),
                        row.start,
                        row.end,
                        row.text
                    ));
                }
                rows.push(row);
            }
            documents.push(Doc {
                id,
                domain: cells[3].clone(),
                text,
                rows,
            });
        }
        if documents.is_empty() {
            return Err(format!("{}: no document", dir.display()));
        }
        Ok(Corpus { documents })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_read_back() {
        assert_eq!(unescape(r"a\tb\nc\\d\x"), "a\tb\nc\\d\\x");
    }

    #[test]
    fn overlap_is_half_open() {
        let row = Row {
            level: "must".into(),
            defect: "english".into(),
            start: 10,
            end: 20,
            text: String::new(),
            note: String::new(),
        };
        assert!(overlaps(19, 25, &row));
        assert!(!overlaps(20, 25, &row));
        assert!(!overlaps(0, 10, &row));
    }

    #[test]
    fn the_corpora_of_the_repository_load() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval");
        let clean = Corpus::load(&root.join("clean-web")).unwrap();
        assert!(clean.documents.len() >= 60);
        let mt = Corpus::load(&root.join("mt")).unwrap();
        assert!(mt.documents.len() >= 40);
    }
}
