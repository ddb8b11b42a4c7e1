//! One finding per defect: which rule wins when several report the same
//! bytes ([`PRECEDENCE`]), and the folding the checker applies
//! ([`crate::checker::Checker::findings`]) and the [score](crate::score)
//! counts by.

use crate::rule::Finding;

/// Which rule wins when several report the same defect, most specific
/// first. A finding B is folded into a finding A (B's rule goes to A's
/// `related` and B itself to A's `folded`: the defect is counted and listed
/// once, B's span and message kept with it) when A's rule comes before B's here, A is
/// at least as severe as B (so folding never changes a verdict), and
/// - B lies inside A: the smaller finding is a facet of the larger defect
///   (the English words of a boilerplate line, a capital without its accent
///   in `A lire aussi |`, a `;` that `french-spacing` reads inside the broken
///   entity `&amp;nbsp;`), or
/// - A and B both report punctuation marks ([`PUNCTUATION_RULES`]) and share
///   a byte: `guerre. , déclarant` is one stray comma, which
///   `duplicate-punctuation` (`. ,`), `space-before-punctuation` (` ,`) and
///   `sentence-fragment` (`, déclarant`) all see.
///
/// The order: broken markup and encoding damage first (every other rule
/// misreads those bytes), then leaked furniture (a whole line that must go),
/// then punctuation from the narrowest rule to the widest, then word-level
/// rules, and last the rules whose spans are whole phrases, quotations or
/// sentences, which hold other defects rather than being them: an English
/// quotation or a repeated sentence does not absorb a doubled full stop in
/// it. Every rule must be listed (a test checks it).
///
/// The bilingual rules (which run only with a source) take their places in
/// that order: `omission` first, because it points at one character (the
/// end of the sentence after which a sentence is missing) that a wider
/// finding must not swallow, and it absorbs only a finding of that very
/// character; `markup-mismatch` with the markup rules; `name-translated`
/// with the word-level rules, before `translated-team-name`, which finds
/// the same defect without the source; `number-mismatch` after the monolingual
/// number rules (a source-informed error over the same number still wins,
/// since folding needs the absorbing finding at least as severe);
/// `untranslated-copy` just before `untranslated-english`, whose English
/// words in a sentence copied from the source are the same defect; and the
/// whole-sentence `addition` (after `repeated-sentence`: a sentence machine
/// translation repeated is better named so) and `length-ratio` last.
pub const PRECEDENCE: &[&str] = &[
    "omission",
    "broken-markup",
    "leaked-shortcode",
    "markdown-residue",
    "mojibake",
    "markup-mismatch",
    "boilerplate",
    "duplicate-punctuation",
    "space-before-punctuation",
    "stray-full-stop",
    "sentence-fragment",
    "missing-space-after-punctuation",
    "french-spacing",
    "repeated-word",
    "degree-comparative",
    "glued-words",
    "english-possessive",
    "elision",
    "capital-accent",
    "accent-apostrophe",
    "name-translated",
    "translated-team-name",
    "translated-media-name",
    "sports-calque",
    "title-case",
    "english-date",
    "twelve-hour-clock",
    "us-time-zone",
    "currency-position",
    "us-place-format",
    "english-number-format",
    "english-age",
    "imperial-units",
    "fahrenheit-decade",
    "number-mismatch",
    "untranslated-copy",
    "untranslated-english",
    "truncated-text",
    "english-quotes",
    "missing-sentence-boundary",
    "repeated-sentence",
    "addition",
    "length-ratio",
];

/// Rules whose findings are punctuation marks: two of them that share a
/// byte see the same marks (see [`PRECEDENCE`]).
pub const PUNCTUATION_RULES: &[&str] = &[
    "duplicate-punctuation",
    "space-before-punctuation",
    "sentence-fragment",
    "french-spacing",
];

fn rank(rule: &str) -> usize {
    PRECEDENCE
        .iter()
        .position(|r| *r == rule)
        .unwrap_or(PRECEDENCE.len())
}

/// Whether `b` is the same defect as `a`, reported less specifically.
fn absorbs(a: &Finding, b: &Finding) -> bool {
    a.severity >= b.severity && covers(a, b)
}

/// Whether `b` reports the defect `a` reports, less specifically (whatever
/// their severities; see [`PRECEDENCE`]).
fn covers(a: &Finding, b: &Finding) -> bool {
    rank(a.rule) < rank(b.rule)
        && (a.span.contains(b.span)
            || (a.span.overlaps(b.span)
                && PUNCTUATION_RULES.contains(&a.rule)
                && PUNCTUATION_RULES.contains(&b.rule)))
}

/// Whether two findings report one defect: the same bytes, or one covers
/// the other as [`PRECEDENCE`] says, even where folding kept both because
/// the more specific one is milder. The [document score](crate::score)
/// counts such a pair once.
pub(crate) fn same_defect(a: &Finding, b: &Finding) -> bool {
    a.span == b.span || covers(a, b) || covers(b, a)
}

/// Most earlier findings of one rule a finding is compared with, so that
/// folding stays linear on a text with a finding every few bytes.
const FOLD_LOOKBACK: usize = 64;

/// One finding per defect (see [`PRECEDENCE`]). Takes findings sorted by
/// `(start, end, rule)` and returns them so.
pub(crate) fn fold_overlaps(findings: Vec<Finding>) -> Vec<Finding> {
    if findings.len() < 2 {
        return findings;
    }
    // Rank by rank, most specific first: a finding can only be folded into
    // one of an earlier rank, all of which are settled by then.
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| (rank(findings[i].rule), i));
    let mut folded_into: Vec<Option<usize>> = vec![None; findings.len()];
    // Kept findings of settled ranks: indices sorted by start (the input
    // order), with the running maximum of their ends.
    let mut settled: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut group = 0;
    while group < order.len() {
        let r = rank(findings[order[group]].rule);
        let end = group + order[group..].partition_point(|&i| rank(findings[i].rule) == r);
        for &b in &order[group..end] {
            let fb = &findings[b];
            folded_into[b] = settled.iter().find_map(|(kept, max_end)| {
                let upto = kept.partition_point(|&a| {
                    findings[a].span.start <= fb.span.start.max(fb.span.end.saturating_sub(1))
                });
                (0..upto)
                    .rev()
                    .take(FOLD_LOOKBACK)
                    .take_while(|&j| max_end[j] > fb.span.start || fb.span.is_empty())
                    .map(|j| kept[j])
                    .find(|&a| absorbs(&findings[a], fb))
            });
        }
        let kept: Vec<usize> = {
            let mut k: Vec<usize> = order[group..end]
                .iter()
                .copied()
                .filter(|&i| folded_into[i].is_none())
                .collect();
            k.sort_unstable();
            k
        };
        let mut max_end = Vec::with_capacity(kept.len());
        let mut m = 0;
        for &i in &kept {
            m = m.max(findings[i].span.end);
            max_end.push(m);
        }
        settled.push((kept, max_end));
        group = end;
    }
    // A finding already folded once (a capped check folds as it goes) keeps
    // what it held, and hands it on when it is folded in turn. A finding is
    // only ever folded into a kept one, so one pass settles every chain.
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    let mut taken: Vec<Vec<Finding>> = slots.iter().map(|_| Vec::new()).collect();
    for (b, a) in folded_into.iter().enumerate() {
        if let Some(a) = *a
            && let Some(mut fb) = slots[b].take()
        {
            let held = std::mem::take(&mut fb.folded);
            taken[a].push(fb);
            taken[a].extend(held);
        }
    }
    slots
        .into_iter()
        .zip(taken)
        .filter_map(|(f, more)| {
            let mut f = f?;
            if !more.is_empty() {
                f.folded.extend(more);
                for g in &mut f.folded {
                    f.related.push(g.rule);
                    f.related.append(&mut g.related);
                }
                f.folded.sort_by(|x, y| {
                    (x.span.start, x.span.end, x.rule).cmp(&(y.span.start, y.span.end, y.rule))
                });
                f.related.sort_by_key(|r| rank(r));
                f.related.dedup();
            }
            Some(f)
        })
        .collect()
}
