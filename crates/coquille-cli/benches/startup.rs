//! Start-up of the `coquille` binary: a whole process checking 100 bytes of
//! French prose, as a CI job or an editor calls it file by file.
//!
//! `cargo bench -p coquille-cli --bench startup` times `coquille check
//! --no-config FILE` (a new process each time, the report to /dev/null) on
//! two texts of 100 bytes: plain prose, and prose with a number, a date and
//! a price, which builds the regexes of the rules that need a digit. Also
//! `coquille --version`, the floor: a process that checks nothing.

use criterion::{Criterion, criterion_group, criterion_main};
use std::process::{Command, Stdio};
use std::time::Duration;

const PROSE: &str = "Le chat dort sur le tapis. Il fait beau aujourd’hui, et nous irons au parc cet après-midi, ici !\n";
const NUMBERS: &str = "Le 5 mai 2024, le prix est passé à 12,50 € pour 3 kg : une hausse de 7 % en un an, dit Pauline.\n";

fn run(args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_coquille"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("coquille runs");
    // 0 (pass) or 1 (the gate failed): anything else is a broken run.
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "coquille {args:?}: {status}"
    );
}

fn bench(c: &mut Criterion) {
    assert_eq!((PROSE.len(), NUMBERS.len()), (100, 100));
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut group = c.benchmark_group("startup");
    group.sample_size(30);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("version", |b| b.iter(|| run(&["--version"])));
    for (name, text) in [
        ("check 100 bytes", PROSE),
        ("check 100 bytes with numbers", NUMBERS),
    ] {
        let path = dir.path().join(format!("{}.txt", name.len()));
        std::fs::write(&path, text).expect("write the text");
        let path = path.to_string_lossy().into_owned();
        group.bench_function(name, |b| b.iter(|| run(&["check", "--no-config", &path])));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
