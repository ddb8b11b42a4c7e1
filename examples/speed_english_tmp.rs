use coquille::document::split_blocks;
use coquille::lang::english::{self, Evidence};
fn main() {
    let text = std::fs::read_to_string("../shared/eval/sequoia-fulldocs.running.txt").unwrap();
    english::warm_up();
    let blocks = split_blocks(&text);
    for (name, ev) in [("all", Evidence::default()), ("nolingua", Evidence { lingua: false, ..Evidence::default() })] {
        let t = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..20 { for b in &blocks { n += english::english_spans_with(b.slice(&text), &ev, &[]).len(); } }
        let s = t.elapsed().as_secs_f64() / 20.0;
        println!("{name}: {:.1} ms {:.2} MB/s {n}", s * 1e3, text.len() as f64 / s / 1e6);
    }
}
