//! A smoke fuzzer for the whole checker: random documents built from pieces
//! that trigger the rules (HTML tags, Markdown, quotes, numbers and units,
//! English and French words, multi-byte characters, line breaks), read as
//! text, HTML or Markdown, run through `Document` and every rule. Reports any panic with the input that caused
//! it, and checks that every finding's span is sound.
//!
//! ```text
//! cargo run --release --example fuzz_check -- [SECONDS] [SEED]
//! ```
//!
//! Exit status 1 when an input panics or gives an unsound span; the input is
//! written to `bench-output/fuzz-failure.txt`.

use coquille::document::Format;
use coquille::{Checker, Document};
use std::time::{Duration, Instant};

const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\u{a0}",
    "\u{202f}",
    "\t",
    "le ",
    "la ",
    "de ",
    "Le ",
    "Il ",
    "ministre",
    "Pologne",
    "é",
    "€",
    "95 degrés",
    " degrés C",
    "°",
    "trimestre",
    "12 planches",
    "21-0",
    "\\u00e9",
    "\\ud83d\\udc47",
    "𝄞",
    "œ",
    "À",
    "İ",
    "ﬁ",
    "ç",
    ".",
    ". .",
    "..",
    "…",
    "!",
    "?",
    ";",
    " ;",
    ":",
    " :",
    ",",
    " ,",
    "«",
    "»",
    "« ",
    " »",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    "</",
    "< /",
    "<p>",
    "</p>",
    "<a href=\"",
    "http://",
    "https://x.fr/a_b",
    "www.",
    "@",
    "&",
    "&nbsp;",
    "&amp;",
    "&#160;",
    "1",
    "12",
    "1 000",
    "3,5",
    "3.5",
    "1er",
    "XIXe",
    " miles",
    " km",
    " pieds",
    "%",
    "$",
    "£",
    "-",
    " - ",
    "–",
    "—",
    "•",
    "*",
    "^",
    "the ",
    "The ",
    "of ",
    "and ",
    "is ",
    "Must Read",
    "Exit mobile version",
    "Read more",
    "Tout voir",
    "abonnésTout",
    "A lire",
    "Etat",
    "M.",
    "Mme",
    "etc.",
    "J.-C.",
    "U.S.A.",
    "Yahoo!",
    "(en) ",
    "consulté le ",
    "October 4, 2001",
    "Ã©",
    "â€™",
    "ðŸ",
    "\u{fffd}",
    "\u{0}",
    "\u{85}",
    "\r\n",
    "Mais",
    "Selon",
    "a dit",
    "a-t-il",
    "[1]",
    "¹",
    "ISBN",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<code>",
    "</code>",
    "<br>",
    "<br/>",
    "<h2 class=\"x\">",
    "</h2>",
    "<li>",
    "<a href='x'>",
    "</a>",
    "```",
    "`",
    "---\n",
    "    ",
    "# ",
    "> ",
    "[lien](http://x)",
    "<p",
    "=\"",
    "/>",
    // english-possessive, translated-media-name, unclosed «.
    "enfant ' s",
    " ’ s",
    "'s",
    "barricadéed",
    "selon le magazine Personnes",
    "« ",
    // Sixth unseen set: exchange and ticker, `--` dashes and options, an
    // open list, a cook's pounds, English title case.
    "(NYSE:SNAP)",
    "É:É",
    " -- ",
    "--",
    "--OU--",
    "[--uid id]",
    "--%s",
    ", ...",
    ",…",
    "1 lb de beurre, 1 c. à thé",
    "8 oz",
    "Maîtriser les Techniques d'Analyse pour des Décisions d'Investissement Rentables",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn document(rng: &mut Rng) -> String {
    let mut s = String::new();
    let pieces = 1 + rng.below(400);
    for _ in 0..pieces {
        let p = PIECES[rng.below(PIECES.len())];
        // Sometimes a long run of one piece, to reach the bounded windows.
        let times = if rng.below(40) == 0 {
            1 + rng.below(300)
        } else {
            1
        };
        for _ in 0..times {
            s.push_str(p);
        }
    }
    s
}

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let seed: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(0xc0c0_11e5);
    let checker = Checker::default();
    let mut rng = Rng(seed | 1);
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut bytes) = (0u64, 0usize);
    while Instant::now() < deadline {
        let text = document(&mut rng);
        let format = [Format::Text, Format::Html, Format::Markdown][rng.below(3)];
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let doc = Document::with_format(&text, format);
            checker.findings(&doc)
        }));
        let problem = match result {
            Err(e) => Some(format!(
                "panic: {}",
                e.downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| e.downcast_ref::<&str>().copied())
                    .unwrap_or("?")
            )),
            Ok(findings) => findings
                .iter()
                .find(|f| {
                    f.span.start > f.span.end
                        || f.span.end > text.len()
                        || !text.is_char_boundary(f.span.start)
                        || !text.is_char_boundary(f.span.end)
                })
                .map(|f| format!("unsound span {:?} from {}", f.span, f.rule)),
        };
        if let Some(p) = problem {
            eprintln!(
                "{p} after {runs} documents, read as {format:?}; input in bench-output/fuzz-failure.txt"
            );
            let _ = std::fs::create_dir_all("bench-output");
            let _ = std::fs::write("bench-output/fuzz-failure.txt", &text);
            std::process::exit(1);
        }
        runs += 1;
        bytes += text.len();
    }
    println!(
        "{runs} documents ({:.1} MB) checked in {seconds} s, no panic, every span sound",
        bytes as f64 / 1e6
    );
}
