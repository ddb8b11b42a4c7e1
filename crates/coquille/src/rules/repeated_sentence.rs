use crate::declare_rule;
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::text::chars::is_alphanumeric;
use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

declare_rule! {
    /// The same sentence, or a near copy of it, twice in one document.
    ///
    /// ## What it does
    /// Compares the sentences of the document after folding case, punctuation
    /// and spacing. A sentence equal to an earlier one, or a near copy of it
    /// (normalised Levenshtein similarity ≥ 0.9, the same numbers in both) is
    /// reported at its second occurrence; the message gives the line of the
    /// first.
    ///
    /// Only the 50 sentences before each sentence are searched: copies left
    /// by scraping or pasting sit next to their original (a headline repeated
    /// as the caption under it, a paragraph pasted twice), while repetitions
    /// far apart are more often deliberate (a summary, a legal formula
    /// restated) or come from several documents checked as one file.
    ///
    /// Ignored: sentences of three words or fewer (`Lire la suite`, `Photo
    /// AFP`; `Le débat est clos` has four): short repeated strings are page
    /// furniture (the `boilerplate` rule) or refrains; sentences on a line of
    /// a bulleted list (`- Affaire des HLM de Paris`, `- ^ Reuters, 2006.
    /// Dernier accès à l'URL : 2006-08-07.`), where a reference or a "see
    /// also" link legitimately comes back. Near copies are only looked for in
    /// sentences of eight words or more: shorter ones 90 % alike differ by a
    /// letter or two, as parallel headings do (`Effet sur la DMO`, `Effets
    /// sur la DMO`).
    ///
    /// The work is linear in the size of the document: exact copies are found
    /// by hashing; near copies are only looked for among earlier sentences of
    /// similar length that share their first or last three words, at most a
    /// few candidates each, within a fixed budget of comparisons.
    ///
    /// ## Why it matters
    /// A scraped page repeats the headline as a photo caption; an editor
    /// pastes a paragraph twice. Readers notice and the article looks
    /// unedited.
    ///
    /// ## Example
    /// Bad: `Poutine visite la Biélorussie. […] Poutine visite la Biélorussie.`
    ///
    /// Good: the sentence once.
    ///
    /// ## Known false positives
    /// Texts made of several short documents (a file of concatenated
    /// articles or minutes), where headings and formulas repeat (`Catégories :
    /// Affaire politico-financière française`); deliberate repetition close
    /// by (anaphora, a refrain, a quotation recalled).
    /// Sentences that differ only by a number are never reported.
    pub struct RepeatedSentence {
        id: "repeated-sentence",
        category: Structure,
        severity: Warning,
    }
}

/// Sentences with at most this many words are ignored.
const MAX_IGNORED_WORDS: usize = 3;
/// How far back (in sentences) a copy is looked for. Copies left by
/// scraping and pasting are close to their original (a headline repeated as
/// the caption under it, a paragraph pasted twice); repetitions further apart
/// are more often deliberate (a summary, a legal formula restated) or come
/// from several documents checked as one.
const WINDOW: usize = 50;
/// Near copies are looked for only in sentences of at least this many words:
/// in shorter ones a 0.9 similarity is a letter or two, which is how parallel
/// headings and formulas differ (`Effet sur la densité osseuse (DMO)` and
/// `Effets sur la densité osseuse (DMO)` in two sections of a leaflet).
const MIN_NEAR_WORDS: usize = 8;
/// Minimum normalised Levenshtein similarity of a near copy.
const MIN_SIMILARITY: f64 = 0.9;
/// Near copies are looked for only in sentences up to this many characters
/// (normalised); longer ones are compared for exact equality only.
const MAX_NEAR_CHARS: usize = 1_000;
/// Earlier sentences compared with each sentence, per key.
const CANDIDATES_PER_KEY: usize = 8;
/// Budget of Levenshtein cells (product of lengths) for a whole document.
const CELL_BUDGET: usize = 100_000_000;

/// Sentences read between two clean-ups of what is older than [`WINDOW`].
const FORGET_EVERY: usize = 1024;

/// Lower-case letters and digits of `s`, every other run of characters
/// folded to one space, trimmed; appended to `out`. Returns the number of
/// words and of characters appended (an empty result counts one word, as
/// `"".split(' ')` does).
fn normalise_into(s: &str, out: &mut String) -> (usize, usize) {
    let start = out.len();
    let mut pending_space = false;
    let (mut words, mut chars) = (1, 0);
    for c in s.chars() {
        if is_alphanumeric(c) {
            if pending_space && out.len() > start {
                out.push(' ');
                words += 1;
                chars += 1;
            }
            pending_space = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
                chars += 1;
            } else {
                for l in c.to_lowercase() {
                    out.push(l);
                    chars += 1;
                }
            }
        } else {
            pending_space = true;
        }
    }
    (words, chars)
}

/// A line of a bulleted list (given from its first character): link lists
/// ("see also", related articles) and references, where the same entry
/// legitimately comes back.
fn is_list_item(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(
        chars.next(),
        Some('-' | '–' | '—' | '•' | '*' | '·' | '▪' | '►')
    ) && chars.next().is_some_and(char::is_whitespace)
}

fn hash_of<T: Hash + ?Sized>(t: &T) -> u64 {
    let mut h = DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

/// The digit runs of a normalised sentence.
fn numbers(norm: &str) -> impl Iterator<Item = &str> {
    norm.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
}

/// Whether the normalised similarity of `a` and `b` (`a_len` and `b_len`
/// characters, not both 0) may reach `min`, by a bound on their Levenshtein
/// distance from below: characters one has more of than the other (counted
/// by their lowest byte, which merges some and only lowers the bound) each
/// need an edit. Strings this rules out are never compared.
fn may_be_alike(a: &str, b: &str, a_len: usize, b_len: usize, min: f64) -> bool {
    let mut counts = [0i32; 256];
    for c in a.chars() {
        counts[(c as u32 & 0xff) as usize] += 1;
    }
    for c in b.chars() {
        counts[(c as u32 & 0xff) as usize] -= 1;
    }
    let (mut more, mut fewer) = (0usize, 0usize);
    for n in counts {
        if n > 0 {
            more += n as usize;
        } else {
            fewer += (-n) as usize;
        }
    }
    let bound = more.max(fewer);
    // As `strsim::normalized_levenshtein` computes it, with the bound for
    // the distance: never above the similarity it gives.
    1.0 - bound as f64 / a_len.max(b_len) as f64 >= min
}

/// Keys under which near copies are looked for: the first three and the last
/// three words, tagged so the two never collide. `norm` is normalised (single
/// spaces between words, none at the ends).
fn near_keys(norm: &str) -> [u64; 2] {
    let b = norm.as_bytes();
    let first = (0..b.len())
        .filter(|&i| b[i] == b' ')
        .nth(2)
        .map_or(norm, |i| &norm[..i]);
    let last = (0..b.len())
        .rev()
        .filter(|&i| b[i] == b' ')
        .nth(2)
        .map_or(norm, |i| &norm[i + 1..]);
    [hash_of(&(0u8, first)), hash_of(&(1u8, last))]
}

impl Rule for RepeatedSentence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let doc = ctx.doc;
        let sentences = doc.sentences();
        // hash of the normalised sentence -> index of its first occurrence
        let mut exact: HashMap<u64, usize> = HashMap::new();
        // near key -> indices of earlier sentences, oldest first
        let mut near: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut cells_left = CELL_BUDGET;
        let line_of = |i: usize| doc.line_index().line_of(sentences[i].span.start) + 1;
        // The normalised sentences, one after the other, and where each is
        // with its length in characters (empty for the sentences skipped):
        // each sentence is normalised once. Only the last `WINDOW` sentences
        // are ever read again: what is older is dropped as the document is
        // read (`norms` from byte `base` of all the sentences normalised,
        // `spans` from sentence `first_kept`), with the keys that point to
        // it, so that a document of a million sentences is not held twice.
        let mut norms = String::new();
        let mut base = 0;
        let mut first_kept = 0;
        let mut spans: Vec<(usize, usize, usize)> =
            Vec::with_capacity(sentences.len().min(FORGET_EVERY + WINDOW + 1));

        for (i, sentence) in sentences.iter().enumerate() {
            if i >= first_kept + FORGET_EVERY + WINDOW {
                let keep = i - WINDOW;
                let cut = spans[keep - first_kept].0;
                norms.drain(..cut - base);
                base = cut;
                spans.drain(..keep - first_kept);
                first_kept = keep;
                exact.retain(|_, first| *first >= keep);
                near.retain(|_, list| {
                    list.retain(|&j| j >= keep);
                    !list.is_empty()
                });
            }
            let text = doc.text();
            // Through the line index: a backwards scan would be quadratic on a
            // long single-line input.
            let index = doc.line_index();
            let line_start = index
                .line_span(text, index.line_of(sentence.span.start))
                .start;
            if is_list_item(text[line_start..].trim_start()) {
                let at = base + norms.len();
                spans.push((at, at, 0));
                continue;
            }
            let start = norms.len();
            let (words, len) = normalise_into(doc.slice(sentence.span), &mut norms);
            spans.push((base + start, base + norms.len(), len));
            if words <= MAX_IGNORED_WORDS {
                continue;
            }
            let norm = &norms[start..];
            let span_of = |j: usize| spans[j - first_kept];
            let norm_of = |j: usize| &norms[span_of(j).0 - base..span_of(j).1 - base];
            let h = hash_of(norm);
            match exact.get(&h) {
                Some(&first) if i - first <= WINDOW && norm_of(first) == norm => {
                    sink.report(
                        sentence.span,
                        format!(
                            "sentence repeated: it already appears on line {}",
                            line_of(first)
                        ),
                    );
                    continue;
                }
                Some(&first) if i - first <= WINDOW => {}
                _ => {
                    exact.insert(h, i);
                }
            }

            if len > MAX_NEAR_CHARS || words < MIN_NEAR_WORDS {
                continue;
            }
            let keys = near_keys(norm);
            let mut found: Option<(usize, f64)> = None;
            'keys: for key in keys {
                let Some(list) = near.get(&key) else { continue };
                for &j in list
                    .iter()
                    .rev()
                    .take(CANDIDATES_PER_KEY)
                    .take_while(|&&j| i - j <= WINDOW)
                {
                    let other = norm_of(j);
                    let other_len = span_of(j).2;
                    let (short, long) = (len.min(other_len), len.max(other_len));
                    // Similarity ≥ 0.9 needs the lengths within 10 %.
                    if (long - short) as f64 > (1.0 - MIN_SIMILARITY) * long as f64 {
                        continue;
                    }
                    let cost = len * other_len;
                    if cost > cells_left {
                        break 'keys;
                    }
                    cells_left -= cost;
                    // Sentences that differ by a number are never near
                    // copies: no need to measure how alike they are (the
                    // budget is spent all the same, so that the candidates
                    // compared do not depend on it).
                    if !numbers(norm).eq(numbers(other)) {
                        continue;
                    }
                    if !may_be_alike(norm, other, len, other_len, MIN_SIMILARITY) {
                        continue;
                    }
                    let sim = strsim::normalized_levenshtein(norm, other);
                    if sim >= MIN_SIMILARITY {
                        found = Some((j, sim));
                        break 'keys;
                    }
                }
            }
            if let Some((j, sim)) = found {
                sink.report(
                    sentence.span,
                    format!(
                        "near copy ({:.0} % alike) of the sentence on line {}",
                        sim * 100.0,
                        line_of(j)
                    ),
                );
                continue;
            }
            for key in keys {
                near.entry(key).or_default().push(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked, run};

    #[test]
    fn flags_the_second_copy_of_a_sentence() {
        assert_marked(
            &RepeatedSentence,
            "Poutine visite la Biélorussie lundi.\n\nLe président est arrivé à Minsk. \
             ⟦Poutine visite la Biélorussie lundi.⟧",
        );
    }

    #[test]
    fn names_the_line_of_the_first() {
        let f = run(
            &RepeatedSentence,
            "Titre\n\nLa visite a eu lieu lundi à Minsk.\n\nAutre chose ici.\nLa visite a eu lieu lundi à Minsk.",
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("line 3"), "{}", f[0].message);
    }

    #[test]
    fn the_bound_never_rules_out_a_near_copy() {
        let pairs = [
            (
                "le president russe est arrive a minsk",
                "le president russe est arrive a minsk",
            ),
            (
                "le président est arrivé à minsk lundi",
                "le president est arrive a minsk lundi",
            ),
            ("abcdefghij", "abcdefghik"),
            ("abcdefghij", "jihgfedcba"),
            ("ab", "ba"),
            ("été ça œuvre", "ete ca oeuvre"),
            ("", "a"),
        ];
        for (a, b) in pairs {
            let (n, m) = (a.chars().count(), b.chars().count());
            for min in [0.0, 0.5, 0.8, 0.9, 1.0] {
                if strsim::normalized_levenshtein(a, b) >= min {
                    assert!(may_be_alike(a, b, n, m, min), "{a:?} {b:?} {min}");
                }
            }
        }
        assert!(!may_be_alike("aaaaaaaaaa", "bbbbbbbbbb", 10, 10, 0.9));
    }

    #[test]
    fn flags_near_copies() {
        // Headline repeated as a caption, with a different ending and case.
        assert_marked(
            &RepeatedSentence,
            "Le président russe Vladimir Poutine est arrivé à Minsk pour des pourparlers.\n\
             Texte de l'article.\n\n\
             ⟦le président russe Vladimir Poutine est arrivé à Minsk pour les pourparlers⟧",
        );
    }

    #[test]
    fn ignores_short_sentences_and_different_numbers() {
        assert_clean(
            &RepeatedSentence,
            "Lire la suite.\nUn paragraphe ici.\nLire la suite.\nPhoto AFP\nPhoto AFP",
        );
        assert_clean(
            &RepeatedSentence,
            "Le taux de chômage atteint 7,1 % au premier trimestre.\n\
             Le taux de chômage atteint 7,3 % au premier trimestre.",
        );
        assert_clean(
            &RepeatedSentence,
            "Le président est arrivé à Minsk lundi matin.\n\
             Le Premier ministre est reparti de Kiev mardi soir.",
        );
    }

    #[test]
    fn stays_linear_on_a_long_document() {
        let mut text = String::new();
        for i in 0..5_000 {
            text.push_str(&format!("La phrase numéro {i} dit une chose nouvelle. "));
        }
        text.push_str("Fin du document avec une phrase.");
        assert!(run(&RepeatedSentence, &text).is_empty());
    }

    #[test]
    fn the_window_holds_over_a_long_document() {
        // Copies 50 sentences apart are found, 51 apart not, all along a
        // document far longer than what the rule keeps of it.
        // Each sentence its own first and last words: the near copies are
        // looked for among a few candidates, within a budget.
        let original =
            |k: usize| format!("Mot{k} de la phrase dit une chose nouvelle et utile fin{k}.");
        let mut sentences = Vec::new();
        for i in 0..4_000 {
            sentences.push(match i % 100 {
                60 => original(i - 50),
                80 => original(i - 51),
                90 => original(i - 5).replace("nouvelle", "nouvelles"),
                _ => original(i),
            });
        }
        let text = sentences.join(" ");
        let found = run(&RepeatedSentence, &text);
        let at: Vec<&str> = found.iter().map(|f| f.span.slice(&text)).collect();
        let expected: Vec<String> = (0..4_000)
            .filter(|i| i % 100 == 60 || i % 100 == 90)
            .map(|i| sentences[i].clone())
            .collect();
        assert_eq!(at, expected);
        assert!(
            found[1].message.starts_with("near copy"),
            "{}",
            found[1].message
        );
    }
}
