use crate::declare_rule;
use crate::lang;
use crate::lang::teams::Team;
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::chars::is_apostrophe;
use crate::text::patterns::Patterns;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

declare_rule! {
    /// Names of North American sports teams translated word for word: `les Pélicans`, `le Tonnerre`, `les Chefs de Kansas City`.
    ///
    /// ## What it does
    /// Looks for the French word-for-word renderings of NBA, NFL, MLB and
    /// NHL team nicknames (`data/sports-teams-en-fr.txt`: `Pélicans` for
    /// the Pelicans, `Tonnerre` for the Thunder, `Chefs` for the Chiefs) and
    /// reports one when the text shows it stands for the team:
    /// - **error**: the rendering, capitalised, with the team's city next
    ///   to it (`les Rois de Sacramento`, `Oklahoma City Tonnerre`), in a
    ///   paragraph that does not also give the team's real name;
    /// - **warning**: the same with the real name in the paragraph (a
    ///   writer may vary on it on purpose); the rendering after an article
    ///   (`les Pélicans`, `du Tonnerre`) in a text that names another team
    ///   of the same league by its real name (`le Thunder`), names this
    ///   team by its real name elsewhere, or has given the rendering with
    ///   its city before; a capitalised rendering alone (`Tonnerre :`) in a
    ///   text that uses the real name; the rendering in lower case after
    ///   an article (`la mascotte des chefs`) with the city or the real
    ///   name in the text.
    ///
    /// Where the text renames two teams or more, each capitalised
    /// (`les Pélicans`, `Tonnerre :`), every capitalised rendering is an
    /// **error**: a writer varying on a name on purpose does it for one
    /// team; a machine translates every nickname it meets.
    ///
    /// A rendering inside quotation marks (a gloss, `« Guerriers de l'État
    /// doré »`, or a pun) is left alone.
    ///
    /// The team's real name is suggested (`les Pélicans` → `les Pelicans`).
    ///
    /// ## Why it matters
    /// French-language media keep these teams' names as they are (`les
    /// Pelicans de La Nouvelle-Orléans`, `les Chiefs de Kansas City`). A
    /// translated name reads as a blunder, and often as a different thing
    /// (`les chefs`, `les Rois`): the reader sees a machine translation.
    ///
    /// ## Example
    /// Bad: `Les Pélicans ont réduit l'écart face au Thunder.`
    ///
    /// Good: `Les Pelicans ont réduit l'écart face au Thunder.`
    ///
    /// ## Not flagged
    /// The same words with nothing tying them to a team of that league
    /// (`les Aigles de Carthage`, `les chefs cuisiniers`, `la chaleur à
    /// Miami`), nicknames that are French words already (`les Lions`, `les
    /// Saints`, `les Canadiens`), code and URLs.
    ///
    /// ## Known false positives
    /// A writer who translates a team's name on purpose, unquoted, to vary
    /// on it (`face aux Frelons`, a warning when the real name is in the
    /// text; `sous la tunique des taureaux`), and a French club with one
    /// of these names in a text that also names an American team of that
    /// sport.
    pub struct TranslatedTeamName {
        id: "translated-team-name",
        category: Language,
        severity: Error,
    }
}

struct Teams {
    teams: &'static [Team],
    /// For each pattern of `renderings`, the teams it renders (`Faucons`:
    /// the Hawks and the Falcons).
    rendering_teams: Vec<Vec<usize>>,
    /// The renderings, as written (`Pélicans`) and with a lower-case first
    /// letter (`pélicans`); their automaton is a DFA, since every byte of
    /// a long text goes through it.
    renderings: Patterns,
    /// The real nicknames, case-sensitive, pattern `i` for team `i`: built
    /// on the first text with a rendering.
    nicknames: OnceLock<AhoCorasick>,
}

/// `word` with a lower-case first letter.
fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

static TEAMS: LazyLock<Teams> = LazyLock::new(|| {
    let teams = lang::teams::all();
    let mut patterns: Vec<String> = Vec::new();
    let mut rendering_teams: Vec<Vec<usize>> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, team) in teams.iter().enumerate() {
        for rendering in &team.renderings {
            for pattern in [rendering.to_string(), lower_first(rendering)] {
                match seen.get(&pattern) {
                    Some(&p) => rendering_teams[p].push(index),
                    None => {
                        seen.insert(pattern.clone(), patterns.len());
                        patterns.push(pattern);
                        rendering_teams.push(vec![index]);
                    }
                }
            }
        }
    }
    Teams {
        teams,
        rendering_teams,
        renderings: Patterns::new(patterns, AhoCorasickKind::DFA, false, AUTOMATON_FROM),
        nicknames: OnceLock::new(),
    }
});

/// Text from which the renderings' automaton pays for its building (a
/// DFA costs about 8 M instructions): a shorter text, when the checker has
/// not been given that much text either, is searched pattern by pattern.
const AUTOMATON_FROM: usize = 16 * 1024;

impl Teams {
    /// The real nicknames' automaton.
    fn nicknames(&self) -> &AhoCorasick {
        self.nicknames.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(self.teams.iter().map(|t| t.nickname))
                .expect("team nicknames build an automaton")
        })
    }
}

/// Whether `span` of `text` stands alone as a word or words.
fn is_whole_word(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
        && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
}

/// Whether the word before `start` is an article or a contracted article
/// (`les`, `des`, `aux`, `le`, `la`, `du`, `au`, `l'`).
fn after_article(text: &str, start: usize) -> bool {
    let before = &text[..start];
    if let Some(c) = before.chars().next_back()
        && is_apostrophe(c)
    {
        let word = &before[..before.len() - c.len_utf8()];
        return word.ends_with(['l', 'L'])
            && !word[..word.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
    }
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == before.len() {
        return false;
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    matches!(
        trimmed[word_start..].to_lowercase().as_str(),
        "les" | "des" | "aux" | "le" | "la" | "du" | "au"
    )
}

/// Whether one of `cities` stands right after `span` (`de Sacramento`,
/// `d'Oklahoma City`) or right before it (`Oklahoma City Tonnerre`).
fn city_next_to(text: &str, span: Span, cities: &[&str]) -> bool {
    let after = &text[span.end..];
    let after = after
        .strip_prefix([' ', '\u{a0}'])
        .and_then(|a| {
            a.strip_prefix("de ")
                .or_else(|| a.strip_prefix("de\u{a0}"))
                .or_else(|| {
                    let rest = a.strip_prefix('d')?;
                    let c = rest.chars().next()?;
                    is_apostrophe(c).then(|| &rest[c.len_utf8()..])
                })
        })
        .unwrap_or("");
    // `de la Nouvelle-Orléans`: the article of a city that has one is
    // written in lower case after `de` (the list also has the city without
    // its article).
    let after_article = after
        .strip_prefix("la ")
        .or_else(|| after.strip_prefix("La "))
        .unwrap_or(after);
    let before = text[..span.start].trim_end_matches([' ', '\u{a0}']);
    let starts_with_city = |s: &str, city: &str| {
        s.strip_prefix(city)
            .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
    };
    cities.iter().any(|city| {
        let followed = starts_with_city(after, city) || starts_with_city(after_article, city);
        let preceded = before.ends_with(city)
            && !before[..before.len() - city.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        followed || preceded
    })
}

/// Whether `span` lies inside a quotation that opens on its line: a gloss
/// (`(en anglais : Golden State Warriors, « Guerriers de l'État doré »)`)
/// or a pun, quoted on purpose.
fn inside_quotes(text: &str, span: Span) -> bool {
    let lo = text.floor_char_boundary(span.start.saturating_sub(300));
    let line = &text[lo..span.start];
    let line = line.rsplit('\n').next().unwrap_or(line);
    let (mut french, mut curly, mut straight) = (0i32, 0i32, 0i32);
    for c in line.chars() {
        match c {
            '«' => french += 1,
            '»' => french -= 1,
            '“' => curly += 1,
            '”' => curly -= 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    french > 0 || curly > 0 || straight % 2 == 1
}

impl Rule for TranslatedTeamName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let teams = &*TEAMS;
        let mut hits = Vec::new();
        let seen = ctx.scratch.map_or(text.len(), |s| s.checked_bytes());
        for (start, end, pattern) in teams.renderings.find(text, seen) {
            let span = Span::new(start, end);
            if is_whole_word(text, span) {
                hits.push((span, &teams.rendering_teams[pattern]));
            }
        }
        if hits.is_empty() {
            return;
        }
        // The facts about each hit, then the teams a capitalised rendering
        // with its city (`les Pélicans de La Nouvelle-Orléans`) confirms:
        // the text's other uses of that rendering are the team too.
        struct Hit<'c> {
            span: Span,
            candidates: &'c [usize],
            capital: bool,
            article: bool,
            city: Vec<bool>,
        }
        let hits: Vec<Hit<'_>> = hits
            .into_iter()
            .map(|(span, candidates)| Hit {
                span,
                candidates,
                capital: text[span.start..].starts_with(char::is_uppercase),
                article: after_article(text, span.start),
                city: candidates
                    .iter()
                    .map(|&i| city_next_to(text, span, &teams.teams[i].cities))
                    .collect(),
            })
            // Every verdict below needs a capital, an article before or a
            // city after: the other hits are dropped first (the quote test
            // reads up to 300 bytes back), and before the text is searched
            // for the real nicknames.
            .filter(|h| h.capital || h.article || h.city.iter().any(|&c| c))
            .filter(|h| {
                !ctx.doc.regions().covers(
                    &[RegionKind::Code, RegionKind::Url, RegionKind::Tag],
                    h.span.start,
                ) && !inside_quotes(text, h.span)
            })
            .collect();
        if hits.is_empty() {
            return;
        }
        // Where the text uses each team's real nickname (searched only for
        // a text with a candidate left).
        let mut named_at: Vec<Vec<usize>> = vec![Vec::new(); teams.teams.len()];
        for m in teams.nicknames().find_iter(text) {
            if is_whole_word(text, Span::new(m.start(), m.end())) {
                named_at[m.pattern().as_usize()].push(m.start());
            }
        }
        let named = |i: usize| !named_at[i].is_empty();
        let league_named =
            |league: &str, except: usize| {
                teams.teams.iter().enumerate().any(|(i, t)| {
                    i != except && named(i) && t.league == league && !t.is_french_word()
                })
            };
        let blocks = ctx.doc.blocks();
        let block_of = |pos: usize| {
            let k = blocks.partition_point(|b| b.end <= pos);
            blocks.get(k).filter(|b| b.start <= pos).copied()
        };
        let mut confirmed = vec![false; teams.teams.len()];
        for hit in &hits {
            for (k, &i) in hit.candidates.iter().enumerate() {
                confirmed[i] |= hit.capital && hit.city[k];
            }
        }
        let mut verdicts: Vec<(Span, usize, Severity, bool)> = Vec::new();
        for hit in hits {
            let span = hit.span;
            // A rendering shared by two teams (`Géants`): the one the text
            // gives the most evidence for.
            let mut verdict: Option<(usize, Severity)> = None;
            for (k, &i) in hit.candidates.iter().enumerate() {
                let team = &teams.teams[i];
                let (capital, article, city) = (hit.capital, hit.article, hit.city[k]);
                // The real name in the same paragraph: a writer may vary
                // on it on purpose (`les Bulls de Chicago… les Taureaux de
                // Chicago`), a warning at most.
                let real_name_near = block_of(span.start)
                    .is_some_and(|b| named_at[i].iter().any(|&p| b.start <= p && p < b.end));
                let severity = if capital && city && !real_name_near {
                    Some(Severity::Error)
                } else if (city && (capital || article))
                    || (capital
                        && article
                        && (named(i) || confirmed[i] || league_named(team.league, i)))
                    || (capital && named(i))
                    || (article && (named(i) || confirmed[i]))
                {
                    Some(Severity::Warning)
                } else {
                    None
                };
                if let Some(s) = severity
                    && verdict.is_none_or(|(_, v)| s > v)
                {
                    verdict = Some((i, s));
                }
            }
            if let Some((i, severity)) = verdict {
                verdicts.push((span, i, severity, hit.capital));
            }
        }
        // Two teams or more renamed, each capitalised: the text translated
        // every nickname it met, as a machine does; a writer varying on a
        // name on purpose does it for one team.
        let mut renamed: Vec<usize> = verdicts.iter().filter(|v| v.3).map(|v| v.1).collect();
        renamed.sort_unstable();
        renamed.dedup();
        let machine = renamed.len() >= 2;
        for (span, i, severity, capital) in verdicts {
            let rendering = &text[span.start..span.end];
            let severity = if machine && capital {
                Severity::Error
            } else {
                severity
            };
            let team = &teams.teams[i];
            let severity = sink.default_severity().regraded(Severity::Error, severity);
            sink.push(
                span,
                format!(
                    "team name translated: `{rendering}` is the nickname `{}` (the {} team {} {}), which French keeps as it is",
                    team.nickname,
                    team.league.to_uppercase(),
                    team.cities[0],
                    team.nickname,
                ),
                severity,
                Some(Edit::possible(span, team.nickname)),
            );
        }
    }

    fn warm_up(&self) {
        TEAMS.renderings.warm_up();
        TEAMS.nicknames();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{apply_suggestions, assert_clean, assert_marked, run};

    #[test]
    fn flags_translated_team_names() {
        assert_marked(
            &TranslatedTeamName,
            "Les ⟦Pélicans⟧ ont réduit l'écart face au Thunder. ⟦Tonnerre⟧ : Gilgeous-Alexander 30 points.",
        );
        assert_marked(&TranslatedTeamName, "Victoire des ⟦Rois⟧ de Sacramento.");
        assert_marked(
            &TranslatedTeamName,
            "les ⟦Pélicans⟧ de la Nouvelle-Orléans ont battu les Rockets de Houston",
        );
        assert_marked(
            &TranslatedTeamName,
            "La mascotte des ⟦chefs⟧ a parlé ; les Chiefs ont gagné.",
        );
        assert_marked(
            &TranslatedTeamName,
            "Les ⟦Chaussettes rouges⟧ de Boston battent les Yankees.",
        );
    }

    #[test]
    fn grades_by_evidence() {
        let severities = |text: &str| -> Vec<Severity> {
            run(&TranslatedTeamName, text)
                .iter()
                .map(|f| f.severity)
                .collect()
        };
        // Another team of the league named for real; the real name elsewhere.
        assert_eq!(
            severities("Les Pélicans mènent. Le Thunder revient. Les Pélicans gagnent."),
            [Severity::Warning, Severity::Warning]
        );
        // Two teams renamed, each capitalised: a machine translated them.
        assert_eq!(
            severities("Les Pélicans mènent. Le Thunder revient. Tonnerre : 117."),
            [Severity::Error, Severity::Error]
        );
        // A lower-case rendering stays a warning.
        assert_eq!(
            severities(
                "Les Pélicans mènent face au Thunder. Tonnerre : 117. La mascotte des chefs, les Chiefs."
            ),
            [Severity::Error, Severity::Error, Severity::Warning]
        );
        // The city beside it: an error, unless the paragraph also gives the
        // real name (a writer's variation).
        assert_eq!(
            severities("Victoire des Rois de Sacramento.\n\nLes Kings jouent demain."),
            [Severity::Error]
        );
        assert_eq!(
            severities("Les Bulls de Chicago gagnent ; les Taureaux de Chicago, quoi."),
            [Severity::Warning]
        );
        // A rendering confirmed by its city makes its later uses the team.
        assert_eq!(
            severities("Les Pélicans de la Nouvelle-Orléans gagnent.\n\nLes Pélicans jouent bien."),
            [Severity::Error, Severity::Warning]
        );
    }

    #[test]
    fn leaves_other_uses_alone() {
        for text in [
            "Les Aigles de Carthage affrontent les Lions indomptables.",
            "Les chefs cuisiniers de Kansas City ; la chaleur à Miami.",
            "Les Pélicans nichent au bord du lac.",
            "Les Lions et les Saints ont joué ; les Rois mages arrivent.",
            "Le Tonnerre de Brest ; https://x.fr/Pélicans-Thunder",
            "Les Géants du web ; les Aigles ont gagné contre les Lions.",
            "Les Warriors de Golden State (en anglais « Guerriers de Golden State ») gagnent.",
        ] {
            assert_clean(&TranslatedTeamName, text);
        }
    }

    #[test]
    fn short_and_long_texts_find_the_same() {
        let text = "Les Pélicans et les pélicans ; Loups des bois, Loups ; Chaussettes rouges. ";
        let short = TEAMS.renderings.find(text, text.len());
        let long = TEAMS.renderings.find(text, AUTOMATON_FROM);
        assert_eq!(short, long);
        assert_eq!(short.len(), 4);
    }

    #[test]
    fn suggests_the_real_name() {
        assert_eq!(
            apply_suggestions(&TranslatedTeamName, "Les Rois de Sacramento gagnent."),
            "Les Kings de Sacramento gagnent."
        );
    }
}
