//! Typography rules against third-party test suites.
//!
//! 1. Grammalecte's typography tests (`grammalecte-fr-typography-tests.dev.tsv`): the
//!    sections and rules that Coquille's rules cover (table [`MAP`]) are scored: recall
//!    on `incorrect` rows (a finding of a mapped rule overlapping a gold span, offsets in
//!    characters) and false alarms on `correct` rows (any finding of a mapped rule).
//!    When `grammalecte-cli` is installed, Grammalecte itself is run on the same rows
//!    (`grammalecte-cli -f FILE -j`, any grammar error counts) and put in the same table.
//! 2. LanguageTool's French whitespace tests (`lt-fr-whitespace-tests.tsv`) against
//!    `french-spacing`.
//! 3. Translate Toolkit's French checks (`translate-toolkit-fr-checks.tsv`).
//!
//! Rules not registered yet (`coquille::rules::by_id`) are skipped and said so.
//!
//! ```text
//! cargo run --release --example eval_typography -- [EVAL_DIR]
//! ```
//! `EVAL_DIR` defaults to `../shared/eval`.

use coquille::rule::{Context, Finding, RuleOptions, Sink};
use coquille::rules::{FrenchSpacingOptions, by_id};
use coquille::{Document, Format};
use std::collections::BTreeMap;
use std::process::Command;

/// Which rows of a Grammalecte (section, rule) pair are scored.
#[derive(Clone, Copy, PartialEq)]
enum Rows {
    /// Both `incorrect` (recall) and `correct` (false alarms).
    All,
    /// Only the `correct` rows: the section's errors are outside Coquille's scope but
    /// its correct sentences are traps for our rules (times, URLs, entities).
    CorrectOnly,
}

/// The four typography rules of this issue, all checked on trap rows.
const TYPO: &[&str] = &[
    "english-quotes",
    "french-spacing",
    "capital-accent",
    "space-before-punctuation",
];

/// Grammalecte section, Grammalecte rule (`*` = every rule of the section), the
/// Coquille rules that cover it, which rows are scored.
const MAP: &[(&str, &str, &[&str], Rows)] = &[
    (
        "A / À: accentuation la préposition en début de phrase",
        "*",
        &["capital-accent"],
        Rows::All,
    ),
    (
        "Accentuation des majuscules",
        "*",
        &["capital-accent"],
        Rows::All,
    ),
    (
        "Guillemets typographiques",
        "*",
        &["english-quotes"],
        Rows::All,
    ),
    (
        "Cohérence des guillemets",
        "*",
        &["english-quotes"],
        Rows::All,
    ),
    (
        "Espaces & tabulations",
        "typo_guillemets_fin",
        &["english-quotes"],
        Rows::All,
    ),
    (
        "Espaces & tabulations",
        "typo_guillemets_ouvrants_inverses3",
        &["english-quotes", "french-spacing"],
        Rows::All,
    ),
    (
        "Espaces & tabulations",
        "typo_virgule_collée_à_mot_suivant",
        &["space-before-punctuation"],
        Rows::All,
    ),
    (
        "Espaces & tabulations",
        "typo_point_collé_à_mot_suivant",
        &["space-before-punctuation"],
        Rows::All,
    ),
    (
        "Espaces & tabulations",
        "typo_points_suspension_après_espace",
        &["space-before-punctuation", "duplicate-punctuation"],
        Rows::All,
    ),
    (
        "Espaces insécables",
        "nbsp_après_double_ponctuation",
        &["french-spacing"],
        Rows::All,
    ),
    (
        "Ponctuations redondantes",
        "*",
        &["duplicate-punctuation"],
        Rows::All,
    ),
    (
        "Points",
        "typo_points_superflus",
        &["duplicate-punctuation"],
        Rows::All,
    ),
    (
        "Points",
        "typo_et_cetera",
        &["duplicate-punctuation"],
        Rows::All,
    ),
    (
        "Virgules",
        "virg_virgule_après_point",
        &["duplicate-punctuation"],
        Rows::All,
    ),
    (
        "Points",
        "typo_point_après_titre",
        &["stray-full-stop"],
        Rows::All,
    ),
    (
        "Points",
        "typo_point_après_numéro",
        &["stray-full-stop"],
        Rows::All,
    ),
    (
        "Espaces manquants",
        "*",
        &["missing-space-after-punctuation"],
        Rows::All,
    ),
    ("Doublons", "*", &["repeated-word"], Rows::All),
    (
        "Grands nombres",
        "num_grand_nombre_avec_points",
        &["english-number-format"],
        Rows::All,
    ),
    (
        "Processeur: efface les ponctuations gênantes (URL, sigles, abréviations, IP, heures, etc.)",
        "p_chiffres_m",
        TYPO,
        Rows::CorrectOnly,
    ),
    (
        "Processeur: Dernier nettoyage avant coupure du paragraphe en phrases",
        "p_fin_dialogue",
        &["french-spacing", "space-before-punctuation"],
        Rows::CorrectOnly,
    ),
    (
        "Processeur: balises HTML, LaTeX, Markdown",
        "p_html_pseudo_balise2",
        &["french-spacing", "broken-markup"],
        Rows::CorrectOnly,
    ),
];

struct Row {
    section: String,
    rule: String,
    option: String,
    correct: bool,
    text: String,
    /// Gold spans, in characters.
    spans: Vec<(usize, usize)>,
}

fn read_tsv(path: &str) -> Vec<Vec<String>> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("eval_typography: cannot read {path}: {e}");
        std::process::exit(2);
    });
    data.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn parse_spans(s: &str) -> Vec<(usize, usize)> {
    s.split(';')
        .filter_map(|p| {
            let (a, b) = p.split_once('-')?;
            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
        })
        .collect()
}

/// Runs the registered rules among `ids` on `text`.
fn run(ids: &[&str], text: &str, strict: bool) -> Vec<Finding> {
    run_as(ids, text, strict, Format::Text)
}

/// Runs the registered rules among `ids` on `text` read as `format`.
fn run_as(ids: &[&str], text: &str, strict: bool, format: Format) -> Vec<Finding> {
    let doc = Document::with_format(text, format);
    let options = RuleOptions::default().with("french-spacing", FrenchSpacingOptions { strict });
    let mut out = Vec::new();
    for id in ids {
        let Some(rule) = by_id(id) else { continue };
        let ctx = Context {
            doc: &doc,
            options: &options,
            scratch: None,
        };
        let mut sink = Sink::new(rule.meta());
        rule.check(&ctx, &mut sink);
        out.extend(sink.into_findings());
    }
    out
}

/// A finding's span in characters.
fn char_span(text: &str, f: &Finding) -> (usize, usize) {
    let s = text[..f.span.start].chars().count();
    let e = s + text[f.span.start..f.span.end].chars().count();
    (s, e)
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    // Empty gold spans count when the finding touches them.
    a.0 < b.1.max(b.0 + 1) && b.0 < a.1
}

/// Grammalecte's grammar errors per row (char spans), or `None` when it is not installed.
fn grammalecte(rows: &[&Row]) -> Option<Vec<Vec<(usize, usize)>>> {
    let dir = std::env::temp_dir().join(format!("coquille-eval-typo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join("rows.txt");
    // One row a paragraph: blank lines between rows keep them apart.
    let body: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    std::fs::write(&file, body.join("\n")).ok()?;
    let out = Command::new("grammalecte-cli")
        .arg("-f")
        .arg(&file)
        .arg("-j")
        .output()
        .ok()?;
    let _ = std::fs::remove_dir_all(&dir);
    if !out.status.success() {
        return None;
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    let mut result = vec![Vec::new(); rows.len()];
    for para in json["data"].as_array()? {
        let i = para["iParagraph"].as_u64()? as usize;
        let Some(slot) = result.get_mut(i.wrapping_sub(1)) else {
            continue;
        };
        for e in para["lGrammarErrors"].as_array()? {
            let s = e["nStart"].as_u64()? as usize;
            let t = e["nEnd"].as_u64()? as usize;
            slot.push((s, t));
        }
    }
    Some(result)
}

#[derive(Default)]
struct Score {
    incorrect: usize,
    hits: usize,
    correct: usize,
    false_alarms: usize,
    g_hits: usize,
    g_false_alarms: usize,
}

fn ratio(a: usize, b: usize) -> String {
    if b == 0 {
        "—".to_string()
    } else {
        format!("{:.2}", a as f64 / b as f64)
    }
}

fn grammalecte_tests(dir: &str) -> bool {
    let path = format!("{dir}/grammalecte-fr-typography-tests.dev.tsv");
    let rows: Vec<Row> = read_tsv(&path)
        .into_iter()
        .filter(|f| f.len() >= 8)
        .map(|f| Row {
            section: f[2].clone(),
            rule: f[3].clone(),
            option: f[4].clone(),
            correct: f[5] == "correct",
            text: f[6].clone(),
            spans: parse_spans(&f[7]),
        })
        .collect();
    let mut selected: Vec<(&Row, &[&str])> = Vec::new();
    for row in &rows {
        for (section, rule, ids, which) in MAP {
            if row.section == *section && (*rule == "*" || row.rule == *rule) {
                if *which == Rows::CorrectOnly && !row.correct {
                    continue;
                }
                selected.push((row, ids));
            }
        }
    }
    let missing: Vec<&str> = MAP
        .iter()
        .flat_map(|m| m.2.iter().copied())
        .filter(|id| by_id(id).is_none())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let g = grammalecte(&selected.iter().map(|(r, _)| *r).collect::<Vec<_>>());
    let mut table: BTreeMap<(String, String, String), Score> = BTreeMap::new();
    let mut details = Vec::new();
    for (k, (row, ids)) in selected.iter().enumerate() {
        // Grammalecte's `nbsp` option is our strict profile.
        let strict = row.option == "nbsp";
        // Rows of Grammalecte's `html` option are HTML: check them as such.
        let format = if row.option == "html" {
            Format::Html
        } else {
            Format::Text
        };
        let findings = run_as(ids, &row.text, strict, format);
        let spans: Vec<(usize, usize)> = findings.iter().map(|f| char_span(&row.text, f)).collect();
        let active: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| by_id(id).is_some())
            .collect();
        let key = (
            row.section.clone(),
            row.rule.clone(),
            if active.is_empty() {
                format!("({} not yet registered)", ids.join(", "))
            } else {
                active.join(", ")
            },
        );
        let score = table.entry(key).or_default();
        let gspans = g.as_ref().map(|g| &g[k]);
        if row.correct {
            score.correct += 1;
            if !findings.is_empty() {
                score.false_alarms += 1;
                details.push(format!("FALSE ALARM  {:?} {:?}", row.text, spans));
            }
            if gspans.is_some_and(|s| !s.is_empty()) {
                score.g_false_alarms += 1;
            }
        } else {
            score.incorrect += 1;
            let hit = spans
                .iter()
                .any(|s| row.spans.iter().any(|g| overlaps(*s, *g)));
            if hit {
                score.hits += 1;
            } else if !active.is_empty() {
                details.push(format!(
                    "MISS  {:?} gold {:?} got {:?}",
                    row.text, row.spans, spans
                ));
            }
            if gspans.is_some_and(|s| s.iter().any(|x| row.spans.iter().any(|g| overlaps(*x, *g))))
            {
                score.g_hits += 1;
            }
        }
    }
    println!("## Grammalecte typography tests ({path})\n");
    if !missing.is_empty() {
        println!(
            "Rules not registered in this build, their rows skipped: {}\n",
            missing.join(", ")
        );
    }
    let gcol = if g.is_some() {
        ""
    } else {
        " (grammalecte-cli not found)"
    };
    println!(
        "| section | Grammalecte rule | Coquille rules | incorrect | Coquille recall | Grammalecte recall{gcol} | correct | Coquille FA | Grammalecte FA |"
    );
    println!("|---|---|---|---:|---:|---:|---:|---:|---:|");
    let mut tot = Score::default();
    for ((section, rule, ids), s) in &table {
        let active = !ids.starts_with('(');
        println!(
            "| {section} | {rule} | {ids} | {} | {} | {} | {} | {} | {} |",
            s.incorrect,
            if active {
                ratio(s.hits, s.incorrect)
            } else {
                "—".into()
            },
            if g.is_some() {
                ratio(s.g_hits, s.incorrect)
            } else {
                "—".into()
            },
            s.correct,
            if active {
                s.false_alarms.to_string()
            } else {
                "—".into()
            },
            if g.is_some() {
                s.g_false_alarms.to_string()
            } else {
                "—".into()
            },
        );
        if active {
            tot.incorrect += s.incorrect;
            tot.hits += s.hits;
            tot.correct += s.correct;
            tot.false_alarms += s.false_alarms;
            tot.g_hits += s.g_hits;
            tot.g_false_alarms += s.g_false_alarms;
        }
    }
    println!(
        "| **all (registered rules)** | | | {} | {} | {} | {} | {} | {} |\n",
        tot.incorrect,
        ratio(tot.hits, tot.incorrect),
        if g.is_some() {
            ratio(tot.g_hits, tot.incorrect)
        } else {
            "—".into()
        },
        tot.correct,
        tot.false_alarms,
        if g.is_some() {
            tot.g_false_alarms.to_string()
        } else {
            "—".into()
        },
    );
    for d in &details {
        println!("- {d}");
    }
    println!();
    tot.false_alarms == 0
}

fn languagetool_tests(dir: &str) -> bool {
    let path = format!("{dir}/lt-fr-whitespace-tests.tsv");
    println!("## LanguageTool French whitespace tests ({path}) → french-spacing\n");
    let mut ok = 0;
    let mut total = 0;
    for f in read_tsv(&path) {
        if f.len() < 3 {
            continue;
        }
        let text = &f[2];
        let findings = run(&["french-spacing"], text, false);
        let notes = f.get(4).map(String::as_str).unwrap_or("");
        let want: Option<usize> = notes
            .split(';')
            .find_map(|p| p.trim().strip_prefix("n_matches=")?.parse().ok());
        let spans: Vec<(usize, usize)> = findings.iter().map(|x| char_span(text, x)).collect();
        let gold = f.get(3).map(|s| parse_spans(s)).unwrap_or_default();
        let pass = if f[1] == "correct" {
            findings.is_empty()
        } else {
            want.is_none_or(|n| n == findings.len())
                && !findings.is_empty()
                && (gold.is_empty() || spans.iter().any(|s| gold.iter().any(|g| overlaps(*s, *g))))
        };
        total += 1;
        if pass {
            ok += 1;
        }
        println!(
            "- {} {} {:?}: {} finding(s) {:?}{}",
            if pass { "PASS" } else { "FAIL" },
            f[1],
            text,
            findings.len(),
            spans,
            want.map(|n| format!(" (expected {n})")).unwrap_or_default()
        );
    }
    println!("\n{ok}/{total} as expected\n");
    ok == total
}

fn translate_toolkit_tests(dir: &str) -> bool {
    let path = format!("{dir}/translate-toolkit-fr-checks.tsv");
    println!("## Translate Toolkit French checks ({path})\n");
    let mut ok = 0;
    let mut total = 0;
    for f in read_tsv(&path) {
        if f.len() < 4 {
            continue;
        }
        let (check, expected, source, target) = (&f[0], &f[1], &f[2], &f[3]);
        let ids: &[&str] = match check.as_str() {
            "puncspacing" | "endpunc" => &["french-spacing", "space-before-punctuation"],
            "doublequoting" => &["english-quotes"],
            "xmltags" => &["broken-markup"],
            _ => &[],
        };
        // Translate Toolkit compares with the source: `« this » « this »` fails only
        // because the English has one pair. Coquille checks the French alone.
        let needs_source = check == "doublequoting"
            && expected == "fail"
            && target.contains('«')
            && target.matches('«').count() != source.matches('"').count() / 2;
        let registered: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| by_id(id).is_some())
            .collect();
        if needs_source || registered.is_empty() {
            println!(
                "- SKIP {check} {expected} {target:?}: {}",
                if needs_source {
                    "needs the English source (count of quote pairs)"
                } else {
                    "rule not registered yet"
                }
            );
            continue;
        }
        let findings = run(&registered, target, false);
        let flagged = !findings.is_empty();
        let pass = flagged == (expected == "fail");
        total += 1;
        if pass {
            ok += 1;
        }
        let rules: Vec<&str> = findings.iter().map(|x| x.rule).collect();
        println!(
            "- {} {check} {expected} {target:?}: {rules:?}",
            if pass { "PASS" } else { "FAIL" }
        );
    }
    println!("\n{ok}/{total} as expected\n");
    ok == total
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval".to_string());
    let a = grammalecte_tests(&dir);
    let b = languagetool_tests(&dir);
    let c = translate_toolkit_tests(&dir);
    if !(a && b && c) {
        std::process::exit(1);
    }
}
