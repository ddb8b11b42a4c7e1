use crate::declare_rule;
use crate::lang::french::{self, Class, WordClasses};
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::chars::{char_at, is_apostrophe, is_letter};
use crate::text::opens_sentence;

declare_rule! {
    /// Missing elision or contraction: `le homme`, `la école`, `de les`, `à le`, `si il`, `que il`, `il ya`.
    ///
    /// ## What it does
    /// Reports, with the French form as suggestion (error):
    /// - `le`, `la`, `de`, `que`, `je`, `me`, `te`, `se`, `ne` before a word
    ///   that starts with a vowel sound (`le homme` → `l'homme`, `de un` →
    ///   `d'un`, `que il` → `qu'il`, `je ai` → `j'ai`), `ce` before `est`
    ///   (`c'est`), `jusque` before `à`, `lorsque` and `puisque` before
    ///   `il`, `elle`, `on`, `un`; `si` before `il` and `ils` (`s'il`);
    /// - `de le`, `de les`, `à le`, `à les` before a noun or an adjective
    ///   (`grâce à les pompiers` → `grâce aux pompiers`, `de le président` →
    ///   `du président`); not before an infinitive, where `le` and `les` are
    ///   pronouns (`à le faire`, `de les voir`, `de les bien connaître`);
    /// - `il ya` → `il y a`.
    ///
    /// Whether a word starts with a vowel sound comes from the French
    /// lexicon: an aspirated `h` takes no elision (`le héros`, `la hache`),
    /// nor do `onze`, `oui`, `huit`, `yaourt`; `la une` and `le un` are
    /// nouns. Before the name of a person or a country (`que Anne`, `de
    /// Elena`, `de Italie`) the elision is a warning: some names are written
    /// without it; before other names (brands, cities, titles: `de Apple`)
    /// it is not reported.
    ///
    /// ## Why it matters
    /// Elision and contraction are compulsory in French. `le homme` or `à
    /// les pompiers` are errors no French writer makes; they come from a
    /// machine translation or a template that put words together without
    /// applying the rules.
    ///
    /// ## Example
    /// Bad: `Le homme a remercié les pompiers grâce à les dons, si il peut.`
    ///
    /// Good: `L'homme a remercié les pompiers grâce aux dons, s'il peut.`
    ///
    /// ## Not flagged
    /// Aspirated `h` and the words that refuse elision, pronouns before an
    /// infinitive, an imperative's pronoun (`prends-le avec toi`), `Le` and
    /// `La` inside names (`Le Havre`), words the lexicon does not know
    /// (foreign names, brands).
    ///
    /// ## Known false positives
    /// Spanish or Portuguese quoted in a French text (`que es`), and rare
    /// words with an aspirated `h` missing from the lexicon.
    pub struct Elision {
        id: "elision",
        category: Typography,
        severity: Error,
    }
}

/// The words of `text` (letters and inner hyphens; an apostrophe ends a
/// word), one at a time.
fn words(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start: Option<usize> = None;
        while i < bytes.len() {
            let (c, len) = char_at(text, i);
            let at = i;
            i += len;
            let inner_hyphen =
                c == '-' && start.is_some() && i < bytes.len() && is_letter(char_at(text, i).0);
            if is_letter(c) || inner_hyphen {
                start.get_or_insert(at);
            } else if let Some(s) = start {
                return Some(Span::new(s, at));
            }
        }
        start.map(|s| Span::new(s, text.len()))
    })
}

fn spaced(text: &str, a: Span, b: Span) -> bool {
    matches!(&text[a.end..b.start], " " | "\u{a0}")
}

/// The words French elides or contracts (all ASCII, at most 7 letters).
const TRIGGERS: &[&str] = &[
    "il", "si", "le", "la", "les", "de", "que", "je", "me", "te", "se", "ne", "ce", "jusque",
    "lorsque", "puisque", "quoique",
];

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'à'
            | 'â'
            | 'ä'
            | 'î'
            | 'ï'
            | 'ô'
            | 'ö'
            | 'û'
            | 'ù'
            | 'ü'
            | 'œ'
            | 'æ'
    )
}

/// Whether `word` (with its lexicon classes) starts with a vowel sound that
/// takes elision.
fn takes_elision(word: &str, classes: WordClasses) -> bool {
    if classes.has(Class::NoElision) {
        return false;
    }
    let Some(first) = word.chars().next() else {
        return false;
    };
    match first.to_lowercase().next().unwrap_or(first) {
        'h' => classes.has(Class::Elision),
        // `y` is a vowel only as the pronoun: `j'y vais`.
        'y' => word == "y",
        c => is_vowel(c),
    }
}

const CONTENT: &[Class] = &[
    Class::Noun,
    Class::Adjective,
    Class::Verb,
    Class::Infinitive,
    Class::Participle,
    Class::Number,
    Class::Adverb,
];

/// The trigger as written is lower case, or capitalised at the start of a
/// sentence.
fn usable_case(text: &str, word: Span) -> bool {
    let w = word.slice(text);
    let mut chars = w.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    if chars.any(char::is_uppercase) {
        return false;
    }
    !first_upper || opens_sentence(text, word.start)
}

/// `l'`, `d'`... keeping the capital of `trigger`.
fn elided(trigger: &str, apostrophe: char) -> String {
    let cut: String = match trigger.to_lowercase().as_str() {
        "jusque" | "lorsque" | "puisque" | "quoique" | "que" => {
            trigger[..trigger.len() - 1].to_string()
        }
        _ => trigger.chars().take(1).collect(),
    };
    format!("{cut}{apostrophe}")
}

impl Rule for Elision {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let apostrophe = if text.contains('’') { '’' } else { '\'' };
        // A window of four words: the one before (a preposition before
        // `le`), the trigger, the next word and the one after it (an
        // infinitive after an adverb).
        let mut all = words(text);
        let mut window: [Option<Span>; 4] = [None, all.next(), all.next(), all.next()];
        while let Some(w) = window[1] {
            if let Some(x) = window[2]
                && spaced(text, w, x)
            {
                self.check_pair(
                    ctx,
                    [window[0], Some(w), Some(x), window[3]],
                    apostrophe,
                    sink,
                );
            }
            window = [window[1], window[2], window[3], all.next()];
        }
    }
}

/// The word after a trigger, and whether no capitalised word follows it
/// (a capitalised word alone is no part of a name of several words).
struct Next<'a> {
    word: &'a str,
    lone: bool,
}

impl Elision {
    /// The trigger `w[1]`, followed by `w[2]` after a single space; `w[0]`
    /// and `w[3]` are the words around them.
    fn check_pair(
        &self,
        ctx: &Context<'_>,
        w: [Option<Span>; 4],
        apostrophe: char,
        sink: &mut Sink<'_>,
    ) {
        let text = ctx.text();
        let (Some(t), Some(x)) = (w[1], w[2]) else {
            return;
        };
        let trigger = t.slice(text);
        // Every trigger is ASCII, of seven letters at most, and starts with
        // one of these letters: most words are rejected on their first.
        if trigger.len() > 7
            || !matches!(
                trigger.as_bytes()[0].to_ascii_lowercase(),
                b'c' | b'd' | b'i' | b'j' | b'l' | b'm' | b'n' | b'q' | b's' | b't'
            )
        {
            return;
        }
        let Some(&lower) = TRIGGERS
            .iter()
            .find(|t| t.as_bytes().eq_ignore_ascii_case(trigger.as_bytes()))
        else {
            return;
        };
        if lower != "il" && !usable_case(text, t) {
            return;
        }
        // A word glued to something else (`l'`, `-le`, `www.le`) is not
        // the function word.
        let before = text[..t.start].chars().next_back();
        if before.is_some_and(|c| c == '-' || c == '.' || c == '_' || is_apostrophe(c)) {
            return;
        }
        let next = x.slice(text);
        let after_next = text[x.end..].chars().next();
        if after_next.is_some_and(|c| is_apostrophe(c) || c == '-' && lower == "il") {
            return;
        }
        // A word glued to `_` is part of an identifier (`que id_livre`,
        // `de user_id`): code, not a French word.
        if after_next == Some('_') {
            return;
        }
        let span = Span::new(t.start, x.end);
        match lower {
            "il" => {
                if next == "ya" && !after_next.is_some_and(char::is_alphanumeric) {
                    let fix = format!("{trigger} y a");
                    sink.report_fix(span, format!("`{trigger} ya`: write `{fix}`"), fix);
                }
            }
            "si" => {
                if matches!(next, "il" | "ils") {
                    let fix = format!("{}{apostrophe}{next}", &trigger[..1]);
                    sink.report_fix(
                        span,
                        format!("`si` is elided before `{next}`: write `{fix}`"),
                        fix,
                    );
                }
            }
            "les" => self.contraction(ctx, w, sink),
            _ => {
                if lower == "le" {
                    self.contraction(ctx, w, sink);
                }
                // A capital on a common noun that no name follows (`le
                // Ingénieur en chef`): the capital of an English title kept
                // by a machine, not a name.
                let lone = w[3].is_none_or(|a| {
                    !text[x.end..a.start].trim().is_empty()
                        || !a.slice(text).starts_with(char::is_uppercase)
                });
                let next = Next { word: next, lone };
                self.elision(trigger, lower, next, span, apostrophe, sink);
            }
        }
    }

    /// `le homme`, `de un`, `que il`, `je ai`, `c'est`.
    fn elision(
        &self,
        trigger: &str,
        lower: &str,
        next: Next<'_>,
        span: Span,
        apostrophe: char,
        sink: &mut Sink<'_>,
    ) {
        let Next { word: next, lone } = next;
        // Most words start with a consonant: no look-up for them.
        let Some(first) = next.chars().next() else {
            return;
        };
        if !(is_vowel(first) || matches!(first, 'h' | 'H') || next == "y") {
            return;
        }
        let capital = first.is_uppercase();
        if capital && !matches!(lower, "le" | "la" | "de" | "que") {
            return;
        }
        // Before a name, only people and countries: brands and titles are
        // often written without elision on purpose (`de Apple`; the
        // lexicon files brands with places).
        if capital
            && matches!(lower, "de" | "que")
            && !french::classes(next)
                .is_some_and(|c| c.any(&[Class::FirstName, Class::Surname, Class::Noun]))
        {
            return;
        }
        if next.chars().skip(1).any(char::is_uppercase) {
            return;
        }
        // Lower-case words are looked up as written; capitalised ones too
        // (`Irak`, `Anne`): their lower-case form is another word. After
        // `le` or `la`, a capitalised word the lexicon does not know as
        // written is looked up in lower case when no other capitalised
        // word follows it: a common noun there (`le Ingénieur en chef`)
        // takes the elision; `la Air Max` is a name.
        let lowered;
        let classes = match french::classes(next) {
            Some(c) => c,
            None if capital && lone && matches!(lower, "le" | "la") => {
                lowered = next.to_lowercase();
                match french::classes(&lowered) {
                    Some(c) if c.has(Class::Noun) && !names_only(c) => c,
                    _ => return,
                }
            }
            None => return,
        };
        if !takes_elision(next, classes) {
            return;
        }
        let single = next.chars().count() == 1;
        let allowed = match lower {
            "le" | "la" => {
                !single
                    && !matches!(next, "un" | "une" | "où" | "ou")
                    && classes.any(CONTENT)
                    && (!capital || classes.has(Class::Noun) && !names_only(classes))
            }
            "de" => {
                (!single || next == "y")
                    && !matches!(next, "et" | "ou" | "à")
                    && (capital
                        || classes.any(CONTENT)
                        || classes.any(&[Class::Pronoun, Class::Determiner])
                        || next == "où")
            }
            "que" => (!single || next == "a" || next == "y") && !matches!(next, "et" | "ou"),
            "je" | "me" | "te" | "se" | "ne" => {
                (!single || next == "a" || next == "y")
                    && (classes.any(&[Class::Verb, Class::Pronoun]) || next == "y")
            }
            // Not `et ce en violation de` (`ce`, then `en`).
            "ce" => matches!(next, "est" | "était" | "étaient" | "eût"),
            "jusque" => matches!(next, "à" | "au" | "aux" | "ici" | "où" | "alors" | "en"),
            _ => matches!(
                next,
                "il" | "ils" | "elle" | "elles" | "on" | "un" | "une" | "en"
            ),
        };
        if !allowed {
            return;
        }
        let fix = format!("{}{next}", elided(trigger, apostrophe));
        let severity = if capital && matches!(lower, "de" | "que") {
            Severity::Warning
        } else {
            Severity::Error
        };
        sink.push(
            span,
            format!("missing elision: write `{fix}` (`{trigger}` is elided before a vowel sound)"),
            severity,
            Some(Edit::certain(span, fix)),
        );
    }

    /// `de le`, `de les`, `à le`, `à les` before a noun: `du`, `des`, `au`,
    /// `aux`. `w` holds the preposition, the article, the next word and the
    /// word after it.
    fn contraction(&self, ctx: &Context<'_>, w: [Option<Span>; 4], sink: &mut Sink<'_>) {
        let text = ctx.text();
        let [Some(prep), Some(article), Some(x), then] = w else {
            return;
        };
        if !spaced(text, prep, article) {
            return;
        }
        let p = prep.slice(text);
        let a = article.slice(text);
        let fix = match (p, a) {
            ("de" | "De", "le") => "du",
            ("de" | "De", "les") => "des",
            ("à" | "À", "le") => "au",
            ("à" | "À", "les") => "aux",
            _ => return,
        };
        if !usable_case(text, prep)
            || text[..prep.start]
                .chars()
                .next_back()
                .is_some_and(|c| c == '-' || is_apostrophe(c) || c.is_alphanumeric())
        {
            return;
        }
        let next = x.slice(text);
        if !next.chars().next().is_some_and(char::is_lowercase) {
            return;
        }
        let Some(classes) = french::classes(next) else {
            return;
        };
        // `de le homme` is `de l'homme`: the elision's business.
        if a == "le" && takes_elision(next, classes) {
            return;
        }
        // Pronouns before an infinitive: `à le faire`, `de les lui donner`.
        if classes.has(Class::Infinitive) {
            return;
        }
        // An adverb: `de le plus grand` (contraction), but `de les bien
        // connaître` (a pronoun before an infinitive).
        if classes.has(Class::Adverb) {
            let then = then.map(|w| w.slice(text));
            if then.is_none_or(|t| {
                french::classes(t).is_none_or(|c| c.any(&[Class::Infinitive, Class::Pronoun]))
            }) {
                return;
            }
        }
        // `de le lui dire`: `lui` is also a participle (of `luire`).
        if classes.has(Class::Pronoun)
            && !classes.any(&[
                Class::Noun,
                Class::Adjective,
                Class::Number,
                Class::Determiner,
            ])
        {
            return;
        }
        let nominal = classes.any(&[
            Class::Noun,
            Class::Adjective,
            Class::Number,
            Class::Participle,
            Class::Determiner,
            Class::Adverb,
        ]);
        if !nominal {
            return;
        }
        let fix = if p.starts_with(char::is_uppercase) {
            let mut c = fix.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        } else {
            fix.to_string()
        };
        let span = Span::new(prep.start, article.end);
        sink.report_fix(
            span,
            format!(
                "missing contraction: write `{fix}` for `{}`",
                span.slice(text)
            ),
            fix,
        );
    }
}

fn names_only(c: WordClasses) -> bool {
    c.only_names()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_fixed, assert_marked, run};

    #[test]
    fn flags_missing_elisions() {
        assert_marked(&Elision, "⟦le homme⟧ et ⟦la école⟧, ⟦de un⟧ an");
        assert_marked(
            &Elision,
            "⟦Si il⟧ pleut, ⟦si ils⟧ viennent, je crois ⟦que il⟧ part",
        );
        assert_marked(&Elision, "⟦il ya⟧ trois ans ; ⟦Il ya⟧ eu un bruit");
        assert_marked(&Elision, "⟦je ai⟧ vu ; il ⟦ne est⟧ pas ; ⟦ce est⟧ vrai");
        assert_marked(&Elision, "⟦jusque à⟧ Paris, ⟦lorsque il⟧ part");
        let f = run(&Elision, "le homme");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn flags_missing_contractions() {
        assert_marked(
            &Elision,
            "grâce ⟦à les⟧ pompiers, ⟦de le⟧ président, ⟦à le⟧ marché",
        );
        assert_marked(&Elision, "la fin ⟦de les⟧ travaux ; ⟦de le⟧ plus grand");
        assert_marked(&Elision, "⟦De les⟧ hommes sont venus.");
    }

    #[test]
    fn suggests_the_elided_forms() {
        assert_fixed(&Elision, "le homme et si il", "l'homme et s'il");
        assert_fixed(&Elision, "grâce à les pompiers", "grâce aux pompiers");
        assert_fixed(&Elision, "Le homme de le village", "L'homme du village");
        assert_fixed(
            &Elision,
            "il ya un an, l’ami que il",
            "il y a un an, l’ami qu’il",
        );
        assert_fixed(&Elision, "De les hommes", "Des hommes");
    }

    #[test]
    fn flags_a_capitalised_common_noun_after_le_or_la() {
        // The capital of a title kept by a machine on a common noun.
        assert_marked(
            &Elision,
            "Selon lui, ⟦le Ingénieur⟧ en chef a signé le plan.",
        );
        assert_marked(&Elision, "Il a rejoint ⟦la Équipe⟧ en mai.");
        // A name of two capitalised words, a word the lexicon does not
        // know in lower case, an aspirated h.
        assert_clean(&Elision, "Il porte la Air Max et la One du jour.");
        assert_clean(
            &Elision,
            "Le Hollandais et la Hongrie ; le Oakland de jadis.",
        );
    }

    #[test]
    fn flags_names_as_warnings() {
        assert_marked(&Elision, "le portrait ⟦de Elena⟧ ; on sait ⟦que Anne⟧ part");
        let f = run(&Elision, "le portrait de Elena");
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn leaves_correct_french_alone() {
        for text in [
            "le héros, la hache, le onze, le oui, la une du journal, le huit",
            "à le faire, de les voir, de le lui dire, de les bien connaître",
            "prends-le avec toi ; donne-la à Paul",
            "si elle vient, si on veut, que onze personnes",
            "Le Havre, La Haye, Le Monde : au Havre",
            "le yaourt, le yoga, la ou les personnes, le et la",
            "les trains de et vers Paris ; de ou vers",
            "l'homme, d'un, qu'il, s'il, c'est, il y a",
            "le iPhone et de Oliveira, de Apple, de Uber",
            "Il ya-t-il ? Ilya Repine.",
        ] {
            assert_clean(&Elision, text);
        }
    }

    #[test]
    fn a_word_of_an_identifier_takes_no_elision() {
        // `id_livre` is a column's name, not a French word.
        assert_clean(&Elision, "des colonnes telles que id_livre et auteur1");
        assert_eq!(
            run(&Elision, "des colonnes telles que id et auteur1").len(),
            1
        );
    }
}
