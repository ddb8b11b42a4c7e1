//! Prints the untranslated-English detector's token scores and spans for
//! each argument: `cargo run --release --example explain_english -- "texte"`.
fn main() {
    for text in std::env::args().skip(1) {
        print!("{}", coquille::lang::english::explain(&text));
        for s in coquille::lang::english_spans(&text) {
            println!(
                "SPAN {:?} words={} whole={}",
                s.span.slice(&text),
                s.words,
                s.whole_sentence
            );
        }
    }
}
