//! Speed of the bilingual checks: sentence alignment of about 1 MB of
//! parallel text (each side), and checking an XLIFF file of 1,000 units with
//! every rule.
//!
//! `cargo bench -p coquille --bench bilingual` reads the human translations of
//! `../shared/eval/ud-fr-pud.en-fr.tsv` (or the file named by
//! `COQUILLE_PUD_TSV`): the documents' sentences joined into running texts,
//! repeated to reach 1 MB of English, for alignment; the 1,000 sentence pairs
//! as XLIFF 1.2 units for checking. Fails with a message when the file is
//! absent.

use coquille::align::{Side, align};
use coquille::bilingual::check_bitext;
use coquille::bitext::parse_xliff;
use coquille::{Checker, Format};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;

fn pairs() -> Vec<(String, String, String)> {
    let path = std::env::var("COQUILLE_PUD_TSV").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/eval/ud-fr-pud.en-fr.tsv"
        )
        .to_string()
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("bilingual bench: cannot read {path} (set COQUILLE_PUD_TSV): {e}")
    });
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() == 4).then(|| (c[1].to_string(), c[2].to_string(), c[3].to_string()))
        })
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn bench(c: &mut Criterion) {
    let pairs = pairs();
    // Running texts, one paragraph per document, repeated to 1 MB of English.
    let (mut en, mut fr) = (String::new(), String::new());
    while en.len() < 1 << 20 {
        let mut doc = None;
        for (d, e, f) in &pairs {
            if doc.as_ref() != Some(d) {
                en.push_str("\n\n");
                fr.push_str("\n\n");
                doc = Some(d.clone());
            } else {
                en.push(' ');
                fr.push(' ');
            }
            en.push_str(e);
            fr.push_str(f);
        }
    }
    let source = Side::english(&en, Format::Text);
    let target = Side::french(&fr, Format::Text);
    let mut group = c.benchmark_group("align");
    group.throughput(Throughput::Bytes((en.len() + fr.len()) as u64));
    group.sample_size(10);
    group.bench_function(
        format!("{} + {} bytes, split and aligned", en.len(), fr.len()),
        |b| {
            b.iter(|| {
                let s = Side::english(black_box(&en), Format::Text);
                let t = Side::french(black_box(&fr), Format::Text);
                align(&s, &t).links.len()
            })
        },
    );
    group.bench_function("aligned only (sentences given)", |b| {
        b.iter(|| align(black_box(&source), black_box(&target)).links.len())
    });
    group.finish();

    // An XLIFF 1.2 file of the 1,000 pairs.
    let mut xliff = String::from(
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"pud\"><body>\n",
    );
    for (k, (_, e, f)) in pairs.iter().enumerate() {
        let _ = writeln!(
            xliff,
            "<trans-unit id=\"{k}\"><source>{}</source><target>{}</target></trans-unit>",
            escape(e),
            escape(f)
        );
    }
    xliff.push_str("</body></file></xliff>\n");
    let checker = Checker::default();
    for rule in checker.rules() {
        rule.warm_up();
    }
    let mut group = c.benchmark_group("xliff");
    group.throughput(Throughput::Bytes(xliff.len() as u64));
    group.sample_size(10);
    group.bench_function(
        format!(
            "{} units, {} bytes, parsed and checked",
            pairs.len(),
            xliff.len()
        ),
        |b| {
            b.iter(|| {
                let bitext = parse_xliff(black_box(&xliff)).expect("valid XLIFF");
                check_bitext(&checker, &xliff, &bitext, None).findings.len()
            })
        },
    );
    group.bench_function("parsed only", |b| {
        b.iter(|| {
            parse_xliff(black_box(&xliff))
                .expect("valid XLIFF")
                .units
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
