//! Throughput of the whole checker: every default rule, with the document
//! split into blocks and sentences and the report built, as `coquille check`
//! and the server run it, on one thread.
//!
//! `cargo bench -p coquille --bench checker` measures:
//! - `mt`: the 50 real machine-translated pages of `eval/mt/` (88 kB), each
//!   checked as its own document, as a gate sees them;
//! - `newswire`: `../shared/eval/sequoia-fulldocs.running.txt` (327 kB of
//!   careful French, one document; another file with
//!   `COQUILLE_CHECKER_BENCH_FILE`);
//! - `html`: the HTML fixtures (`tests/fixtures/html/`, a WordPress and a
//!   CKEditor article) and the sample article wrapped in paragraphs;
//! - `sample`: the sample article `data/samples/allinfo-poutine-bielorussie.txt`
//!   (4 kB, full of defects).
//!
//! A missing corpus fails the bench with its path. Criterion reports MiB/s;
//! the pool has one thread, so the numbers are per thread.

use coquille::{Checker, Document, Format, rules};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const SAMPLE: &str = include_str!("../../../data/samples/allinfo-poutine-bielorussie.txt");

/// The files of `dir` whose names end with `ext`, sorted, read.
fn files(dir: &Path, ext: &str) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("checker bench: cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "checker bench: no {ext} in {}",
        dir.display()
    );
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

fn bench(c: &mut Criterion) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("one-thread pool");
    let checker = Checker::default();
    for rule in rules::ALL {
        rule.warm_up();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let newswire_path = std::env::var("COQUILLE_CHECKER_BENCH_FILE").unwrap_or_else(|_| {
        root.join("../shared/eval/sequoia-fulldocs.running.txt")
            .to_string_lossy()
            .into_owned()
    });
    let newswire = std::fs::read_to_string(&newswire_path)
        .unwrap_or_else(|e| panic!("checker bench: cannot read {newswire_path}: {e}"));
    let mut html = files(&root.join("crates/coquille/tests/fixtures/html"), ".html");
    html.push(format!(
        "<html><body>\n{}</body></html>\n",
        SAMPLE
            .split("\n\n")
            .map(|p| format!("<p>{}</p>\n", html_escape::encode_text(p)))
            .collect::<String>()
    ));
    let inputs: Vec<(&str, Vec<String>, Format)> = vec![
        ("mt", files(&root.join("eval/mt"), ".txt"), Format::Text),
        ("newswire", vec![newswire], Format::Text),
        ("html", html, Format::Html),
        ("sample", vec![SAMPLE.to_string()], Format::Text),
    ];
    let mut group = c.benchmark_group("checker");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    for (name, texts, format) in &inputs {
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                pool.install(|| {
                    texts
                        .iter()
                        .map(|t| {
                            let doc = Document::with_format(black_box(t), *format);
                            checker.check(&doc, None).findings.len()
                        })
                        .sum::<usize>()
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
