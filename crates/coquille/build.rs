//! Compiles the French lexicon (`data/lexicon-fr.tsv`, 474k inflected forms)
//! into an `fst::Map` at build time, so that a run of `coquille` parses
//! nothing: the map is included as bytes and searched in place.
//!
//! Each value is the bit set of the form's word classes, in the order of
//! `CLASSES` (the same order as `lang::french::Class`). A class letter the
//! build does not know fails the build.

use std::io::Write;
use std::path::PathBuf;

/// Class letters of `data/lexicon-fr.tsv`, bit 0 first.
const CLASSES: &str = "NAVYQWDROCGPFSMJBTUXhe";

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let source = manifest.join("../../data/lexicon-fr.tsv");
    println!("cargo:rerun-if-changed={}", source.display());
    println!("cargo:rerun-if-changed=build.rs");
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
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("lexicon-fr.fst");
    std::fs::File::create(&out)
        .and_then(|mut f| f.write_all(&bytes))
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
