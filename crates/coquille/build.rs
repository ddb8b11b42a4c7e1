//! Compiles the large tables of `data/` at build time, so that a run of
//! `coquille` parses nothing:
//!
//! - the French lexicon (`data/lexicon-fr.tsv`, 474k inflected forms) into
//!   an `fst::Map`, included as bytes and searched in place. Each value is
//!   the bit set of the form's word classes, in the order of `CLASSES` (the
//!   same order as `lang::french::Class`). A class letter the build does not
//!   know fails the build.
//! - the word frequencies (`data/wordfreq-en.tsv`, `data/wordfreq-fr.tsv`,
//!   about 55k words each) into perfect-hash tables (`phf_generator`),
//!   included as Rust source (`wordfreq.rs`) and one string of words each.
//!   A malformed line fails the build; a word listed twice keeps its last
//!   value.

use std::io::Write;
use std::path::PathBuf;

/// Class letters of `data/lexicon-fr.tsv`, bit 0 first.
const CLASSES: &str = "NAVYQWDROCGPFSMJBTUXhe";

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=build.rs");
    lexicon(&manifest, &out);
    let mut code = String::new();
    for (name, file) in [("EN", "wordfreq-en.tsv"), ("FR", "wordfreq-fr.tsv")] {
        code.push_str(&wordfreq(&manifest, &out, name, file));
    }
    let path = out.join("wordfreq.rs");
    std::fs::write(&path, code).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// `static {name}: Table` from `data/{file}` (a header line, then
/// `word<TAB>zipf` lines; `#` comments and blank lines skipped): a perfect
/// hash (`phf_generator`) over the words, the words laid end to end in one
/// string in the order of their slots (`{file}.words`, included), their ends
/// and their Zipf values in arrays. No pointer per word: the loader has no
/// relocation to apply, so a run starts without touching the table.
fn wordfreq(manifest: &std::path::Path, out: &std::path::Path, name: &str, file: &str) -> String {
    let source = manifest.join("../../data").join(file);
    println!("cargo:rerun-if-changed={}", source.display());
    let text =
        std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    // Sorted, so that the generated tables are the same at every build; a
    // word listed twice keeps its last value.
    let mut entries: std::collections::BTreeMap<&str, f32> = Default::default();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, zipf) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("data/{file}:{}: expected `word<TAB>zipf`", i + 1));
        let zipf: f32 = zipf
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("data/{file}:{}: bad Zipf value {zipf:?}", i + 1));
        entries.insert(word, zipf);
    }
    let words: Vec<&str> = entries.keys().copied().collect();
    let state = phf_generator::generate_hash(&words);
    let mut blob = String::new();
    let mut ends = String::new();
    let mut zipfs = String::new();
    for &k in &state.map {
        blob.push_str(words[k]);
        ends.push_str(&format!("{},", blob.len()));
        // Written with all its digits: the literal is the same `f32`.
        zipfs.push_str(&format!("{:?}_f32,", entries[words[k]]));
    }
    let words_file = out.join(format!("{file}.words"));
    std::fs::write(&words_file, &blob).unwrap_or_else(|e| panic!("{}: {e}", words_file.display()));
    let disps: String = state
        .disps
        .iter()
        .map(|(a, b)| format!("({a},{b}),"))
        .collect();
    format!(
        "/// Zipf frequencies of `data/{file}`, built by `build.rs`.\n\
         #[allow(clippy::approx_constant)]\n\
         static {name}: Table = Table {{ key: {key}, disps: &[{disps}], \
         words: include_str!(concat!(env!(\"OUT_DIR\"), \"/{file}.words\")), \
         ends: &[{ends}], zipf: &[{zipfs}] }};\n",
        key = state.key,
    )
}

/// `lexicon-fr.fst`: the French lexicon as an `fst::Map`.
fn lexicon(manifest: &std::path::Path, out: &std::path::Path) {
    let source = manifest.join("../../data/lexicon-fr.tsv");
    println!("cargo:rerun-if-changed={}", source.display());
    let text =
        std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let mut entries: Vec<(&str, u64)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (form, classes) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("data/lexicon-fr.tsv:{}: expected form<TAB>classes", n + 1));
        let mut bits = 0u64;
        for letter in classes.split(' ') {
            let i = CLASSES
                .find(letter)
                .filter(|_| letter.chars().count() == 1)
                .unwrap_or_else(|| {
                    panic!("data/lexicon-fr.tsv:{}: unknown class {letter:?}", n + 1)
                });
            bits |= 1 << i;
        }
        entries.push((form, bits));
    }
    entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    entries.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 |= b.1;
            true
        } else {
            false
        }
    });
    let mut builder = fst::MapBuilder::memory();
    for (form, bits) in &entries {
        builder.insert(form, *bits).expect("sorted, unique keys");
    }
    let bytes = builder.into_inner().expect("fst built in memory");
    let out = out.join("lexicon-fr.fst");
    std::fs::File::create(&out)
        .and_then(|mut f| f.write_all(&bytes))
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
