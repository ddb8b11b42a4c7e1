use crate::declare_rule;
use crate::lang::dictionary::{french_key, translations};
use crate::lang::lexicon::{Lang, zipf};
use crate::parallel::{Parallel, Word, words_in};
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// A name of the source whose words were translated instead of kept.
    ///
    /// ## What it does
    /// Needs the source (not run on a unit of a bilingual file whose source
    /// is a message key such as `post.too_short_content` or `0d999f2`: it has
    /// no English to compare with). Looks, in each aligned sentence pair, at
    /// the capitalised names of the source in two shapes where translating a
    /// word is always wrong:
    /// - a team: a place kept in the target followed by a plural nickname
    ///   (`Sacramento Kings`, `Golden State Warriors`): reported when the
    ///   nickname is missing from the target and one of its French
    ///   translations (`rois`, `guerriers`) stands within three words of the
    ///   place (nouns of institutions and places, such as `States`,
    ///   `Islands`, `Awards`, are not nicknames);
    /// - a person: a first name kept in the target followed by a surname
    ///   that is also an English word (`Tim Cook`, `Bill Gates`): reported
    ///   when the surname is missing and its capitalised French translation
    ///   follows the first name (`Tim Cuisinier`, `Bill Portes`).
    ///
    /// Only names inside a sentence (at least three lower-case words, not
    /// all of them function words) are looked at: in a label in Title Case
    /// every word is capitalised (`Add Nodes from a Folder of Markdown
    /// Files`), and the words of a name are separated by one space (two
    /// columns of a key table, `Ctrl-C      Copy selection`, are no name). A
    /// word counts as kept only if the target writes it with its capital
    /// too: `le menu Préférences` for `Open Menu Preferences` makes `menu` a
    /// common noun, and the phrase an interface's label.
    /// Translations come from `data/dictionary-en-fr.tsv` (French
    /// Wiktionary). Names whose words French translates by custom (`White
    /// House` → `Maison-Blanche`, `Supreme Court` → `Cour suprême`) have no
    /// kept part or no plural nickname and are not looked at.
    ///
    /// ## Why it matters
    /// `les rois de Sacramento` or `Tim Cuisinier` tell a French reader
    /// nothing, or something wrong, and make the whole page look machine
    /// translated.
    ///
    /// ## Example
    /// Source: `The Sacramento Kings beat the Golden State Warriors on
    /// Friday.`
    ///
    /// Bad: `Les rois de Sacramento ont battu les guerriers de Golden State
    /// vendredi.`
    ///
    /// Good: `Les Kings de Sacramento ont battu les Warriors de Golden State
    /// vendredi.`
    ///
    /// ## Known false positives
    /// A team whose French name is customary (`les Canadiens de Montréal`
    /// keeps its French name in English too, and is not reported; an
    /// English club known in French by a translated nickname would be).
    pub struct NameTranslated {
        id: "name-translated",
        category: Translation,
        severity: Warning,
    }
}

/// Words of a name that French keeps nor translates: institutions,
/// descriptions and places (`New`, `North`, `United`), which a team or
/// person name does not end with.
const NOT_NICKNAMES: &[&str] = &[
    "states",
    "nations",
    "islands",
    "mountains",
    "falls",
    "springs",
    "heights",
    "hills",
    "gardens",
    "parks",
    "lakes",
    "rivers",
    "games",
    "olympics",
    "awards",
    "affairs",
    "news",
    "times",
    "studios",
    "records",
    "airlines",
    "airways",
    "sciences",
    "arts",
    "services",
    "forces",
    "relations",
    "resources",
    "works",
    "industries",
    "systems",
    "networks",
    "communications",
    "technologies",
    "holdings",
    "brothers",
    "sisters",
    "sons",
    "friends",
    "partners",
    "associates",
    "apartments",
    "rights",
    "streets",
    "series",
    "days",
    "wars",
];

/// English function words (`data/function-words.txt`, class `en`).
static EN_FUNCTION: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| crate::data::FUNCTION_WORDS.class("en").collect());

/// Whether `word` is an English function word; the articles `a` and `an`
/// too, which the list leaves out as French words (`il a`, `un an`).
fn function_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    matches!(lower.as_str(), "a" | "an") || EN_FUNCTION.contains(lower.as_str())
}

impl Rule for NameTranslated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        crate::lang::dictionary::warm_up();
        LazyLock::force(&EN_FUNCTION);
    }

    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}

    fn check_with_source(&self, ctx: &Context<'_>, p: &Parallel<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        for (source, target) in p.pairs() {
            let src = words_in(p.source(), source);
            // In a label in Title Case (`Web Browsers`, `Halant Forms`) every
            // word is capitalised: only names inside a sentence count.
            // So is a label whose only lower-case words are function
            // words (`Add Nodes from a Folder of Markdown Files`).
            let lower: Vec<&Word<'_>> = src
                .iter()
                .filter(|w| w.text.chars().next().is_some_and(char::is_lowercase))
                .collect();
            if lower.len() < 3 || lower.iter().all(|w| function_word(w.text)) {
                continue;
            }
            let tgt = words_in(text, target);
            for name in names(p.source(), &src) {
                // A name alone on its line is a heading in Title Case
                // (`<b>Gramps Tools</b><br/>Gramps comes with…`), not a
                // name inside the sentence after it.
                let (start, end) = (name[0].span.start, name[name.len() - 1].span.end);
                if alone_on_line(p.source(), start, end) {
                    continue;
                }
                check_name(p.source(), text, &name, &tgt, sink);
            }
        }
    }
}

/// Whether `text[start..end]` fills a line of its own: only tags stand
/// between it and the text's start or a line break (`\n`, `<br>`) before,
/// and between it and a line break or the text's end after.
fn alone_on_line(text: &str, start: usize, end: usize) -> bool {
    let line_break = |tag: &str| tag.to_ascii_lowercase().starts_with("<br");
    let mut before = &text[..start];
    loop {
        let t = before.trim_end_matches([' ', '\t']);
        if t.is_empty() || t.ends_with('\n') {
            break;
        }
        match t.rfind('<').filter(|_| t.ends_with('>')) {
            Some(i) if line_break(&t[i..]) => break,
            Some(i) => before = &t[..i],
            None => return false,
        }
    }
    let mut after = &text[end..];
    loop {
        let t = after.trim_start_matches([' ', '\t']);
        if t.is_empty() || t.starts_with(['\n', '\r']) {
            return true;
        }
        match t.find('>').filter(|_| t.starts_with('<')) {
            Some(_) if line_break(t) => return true,
            Some(i) => after = &t[i + 1..],
            None => return false,
        }
    }
}

/// Runs of capitalised words (two or more) of the source.
fn names<'t>(text: &str, words: &[Word<'t>]) -> Vec<Vec<Word<'t>>> {
    let mut out = Vec::new();
    let mut run: Vec<Word<'t>> = Vec::new();
    for w in words {
        let cap = w.text.chars().next().is_some_and(char::is_uppercase)
            && w.text.chars().skip(1).any(char::is_lowercase);
        // Words of a name are separated by one space ("Messages/Prompts"
        // is two labels, and `Ctrl-C      Copy` two columns of a table).
        let spaced = run
            .last()
            .is_none_or(|l: &Word<'t>| &text[l.span.end..w.span.start] == " ");
        if cap && !spaced {
            if run.len() >= 2 {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
        }
        if cap {
            run.push(*w);
        } else {
            if run.len() >= 2 {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    if run.len() >= 2 {
        out.push(run);
    }
    out
}

/// Whether `word` is a word of the target (case-insensitive).
fn in_target(tgt: &[Word<'_>], word: &str) -> bool {
    let lower = word.to_lowercase();
    tgt.iter().any(|t| t.text.to_lowercase() == lower)
}

/// Whether `word` (capitalised in the source) is a word of the target
/// written with its capital there too (case aside otherwise).
fn kept_as_name(tgt: &[Word<'_>], word: &str) -> bool {
    let lower = word.to_lowercase();
    tgt.iter().any(|t| {
        t.text.chars().next().is_some_and(char::is_uppercase) && t.text.to_lowercase() == lower
    })
}

/// Whether `word` is an ordinary English word (so a translator might
/// translate it), not a name such as `Sacramento`.
fn common_english(word: &str) -> bool {
    zipf(Lang::En, &word.to_lowercase()).is_some_and(|z| z >= 3.0)
}

/// French translations of `word` other than the word itself.
fn french_of(word: &str) -> Vec<&'static str> {
    let lower = word.to_lowercase();
    translations(word)
        .iter()
        .copied()
        .filter(|t| *t != lower && t.chars().count() >= 3)
        .collect()
}

fn check_name(source: &str, text: &str, name: &[Word<'_>], tgt: &[Word<'_>], sink: &mut Sink<'_>) {
    let shown = Span::new(name[0].span.start, name[name.len() - 1].span.end);
    let full = shown.slice(source);
    let last = name[name.len() - 1];
    // Kept as a name: written with its capital in the target too. A word
    // the target writes in lower case (`le menu Préférences` for `Open Menu
    // Preferences`, `feuilles de style` for `Style Sheets`) is a common
    // noun there, and the phrase an interface's label, not a name.
    let kept: Vec<&Word<'_>> = name[..name.len() - 1]
        .iter()
        .filter(|w| kept_as_name(tgt, w.text))
        .collect();
    if kept.is_empty() || in_target(tgt, last.text) {
        return;
    }
    let fr = french_of(last.text);
    if fr.is_empty() || !common_english(last.text) {
        return;
    }
    let keys: Vec<u64> = fr.iter().filter_map(|t| french_key(t)).collect();
    let matches_translation = |w: &Word<'_>| french_key(w.text).is_some_and(|k| keys.contains(&k));
    let lower_last = last.text.to_lowercase();
    // Team: place kept, plural nickname translated near it.
    let plural = lower_last.ends_with('s') && !lower_last.ends_with("ss");
    if plural && !NOT_NICKNAMES.contains(&lower_last.as_str()) {
        for k in kept.iter() {
            let Some(pos) = tgt.iter().position(|t| t.text.eq_ignore_ascii_case(k.text)) else {
                continue;
            };
            let lo = pos.saturating_sub(3);
            let hi = (pos + 4).min(tgt.len());
            if let Some(t) = tgt[lo..hi].iter().find(|t| matches_translation(t)) {
                sink.report_with_source(
                    t.span,
                    last.span,
                    sink.default_severity(),
                    format!(
                        "`{}` of the name “{full}” is translated as “{}”: a team's name stays as in the source",
                        last.text,
                        t.span.slice(text)
                    ),
                );
                return;
            }
        }
    }
    // Person: first name kept, surname translated right after it.
    if name.len() == 2 {
        let first = name[0].text;
        for (k, t) in tgt.iter().enumerate() {
            if t.text != first {
                continue;
            }
            let Some(next) = tgt.get(k + 1) else { continue };
            if next.text.chars().next().is_some_and(char::is_uppercase)
                && matches_translation(next)
                && !text[t.span.end..next.span.start].contains(|c: char| !c.is_whitespace())
            {
                sink.report_with_source(
                    next.span,
                    last.span,
                    sink.default_severity(),
                    format!(
                        "`{}` of the name “{full}” is translated as “{}”: a person's name stays as in the source",
                        last.text,
                        next.span.slice(text)
                    ),
                );
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_bilingual, assert_clean};

    #[test]
    fn translated_nicknames_and_surnames_are_reported() {
        assert_bilingual(
            &NameTranslated,
            "The Sacramento Kings beat the Golden State Warriors on Friday.",
            "Les ⟦rois⟧ de Sacramento ont battu les ⟦guerriers⟧ de Golden State vendredi.",
        );
        assert_bilingual(
            &NameTranslated,
            "Apple chief executive Tim Cook met Bill Gates.",
            "Le directeur général d'Apple, Tim ⟦Cuisinier⟧, a rencontré Bill ⟦Portes⟧.",
        );
    }

    #[test]
    fn a_name_alone_on_its_line_is_a_heading() {
        // A heading in Title Case before the sentence: not looked at.
        assert_bilingual(
            &NameTranslated,
            "<b>Sacramento Kings</b><br/>The team beat the Golden State Warriors on Friday.",
            "<b>Les rois de Sacramento</b><br/>L'équipe a battu les Warriors de Golden State vendredi.",
        );
        // The same name inside the sentence, in bold, is still reported.
        assert_bilingual(
            &NameTranslated,
            "The <b>Sacramento Kings</b> beat the Golden State Warriors on Friday.",
            "Les <b>⟦rois⟧ de Sacramento</b> ont battu les Warriors de Golden State vendredi.",
        );
    }

    #[test]
    fn kept_names_and_customary_translations_pass() {
        for (en, fr) in [
            (
                "The Sacramento Kings beat the Golden State Warriors.",
                "Les Kings de Sacramento ont battu les Warriors de Golden State.",
            ),
            (
                "The White House and the Supreme Court of Canada replied.",
                "La Maison-Blanche et la Cour suprême du Canada ont répondu.",
            ),
            (
                "The Los Angeles Police Department and the United Nations agreed.",
                "Le département de police de Los Angeles et les Nations unies étaient d'accord.",
            ),
            (
                "Tim Cook spoke at the University of North Carolina.",
                "Tim Cook a parlé à l'Université de la Caroline du Nord.",
            ),
        ] {
            assert_bilingual(&NameTranslated, en, fr);
        }
        assert_clean(&NameTranslated, "Les rois de Sacramento.");
        // A word of the phrase that the target writes in lower case is a
        // common noun there: the phrase is a label (a menu, a setting),
        // translated as such.
        for (en, fr) in [
            (
                "Could not create the file, open Menu Preferences and select a directory.",
                "Impossible de créer le fichier, ouvrez le menu Préférences et choisissez un répertoire.",
            ),
            (
                "The report uses the Style Sheets you chose in the dialog.",
                "Le rapport utilise les feuilles de style choisies dans la boîte de dialogue.",
            ),
        ] {
            assert_bilingual(&NameTranslated, en, fr);
        }
        // A label in Title Case, its only lower-case words function words;
        // two columns of a key table.
        for (en, fr) in [
            (
                "Add Nodes from a Folder of Markdown Files to the Current Tree",
                "Ajouter les nœuds d'un dossier de fichiers Markdown à l'arbre actuel",
            ),
            (
                "  Ctrl-K            Paste the clipboard where it was copied from",
                "  Ctrl-K         Coller le presse-papiers à l'endroit d'où il vient",
            ),
        ] {
            assert_bilingual(&NameTranslated, en, fr);
        }
        // The same with the kept word capitalised: still a name.
        assert_bilingual(
            &NameTranslated,
            "The Sacramento Kings beat the Golden State Warriors on Friday.",
            "Les ⟦rois⟧ de Sacramento ont battu les Warriors de Golden State vendredi.",
        );
    }
}
