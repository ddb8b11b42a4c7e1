//! Checking translations against their source: a French document with its
//! English original ([`check_with_source`]), or every unit of a bilingual
//! file ([`check_bitext`]). Every rule runs: the monolingual ones on each
//! target, the bilingual ones (category `translation`) against its source,
//! except in a unit whose source is a message key rather than English
//! ([`Unit::source_is_key`]: `post.too_short_content`, `0d999f2`), where
//! only the monolingual ones run.

use crate::bitext::{Bitext, FileSpan, Segment, Unit};
use crate::checker::{Checker, Limits};
use crate::document::{Document, Format};
use crate::glossary::KeptTerms;
use crate::parallel::{DEFAULT_RATIO, Parallel, quoted_or_code};
use crate::report::{DocumentReport, FindingReport, ScoreReport, Stats, UnitRef, Verdict};
use crate::rule::{Category, Finding, RuleMeta};
use crate::score::Score;
use crate::span::{LineIndex, Span};

/// Checks `doc`, the translation of `source` (English, in
/// `source_format`), and builds its report; findings of bilingual rules
/// carry the bytes of the source they are about.
pub fn check_with_source(
    checker: &Checker,
    doc: &Document<'_>,
    source: &str,
    source_format: Format,
    path: Option<&str>,
) -> DocumentReport {
    let findings = checker.findings_with_source(doc, source, source_format);
    DocumentReport::from_findings(path, doc, findings, checker.gate())
}

/// A finding in a unit of a bilingual file.
#[derive(Debug, Clone)]
pub struct UnitFinding {
    /// Index of the unit in [`Bitext::units`].
    pub unit: usize,
    /// The finding, its span in the unit's target text (and its `source`,
    /// if any, in the unit's source text).
    pub finding: Finding,
    /// The finding's bytes in the file.
    pub file: FileSpan,
    /// Its source bytes in the file, if any.
    pub source_file: Option<FileSpan>,
}

/// Characters of target per character of source over the translated units
/// of `bitext` whose source is text (not a message key:
/// [`Unit::source_is_key`]), drawn towards [`DEFAULT_RATIO`] when there is
/// little text.
pub fn file_ratio(bitext: &Bitext) -> f64 {
    let (mut s, mut t) = (0usize, 0usize);
    for u in bitext.units.iter().filter(|u| !u.source_is_key()) {
        if let Some(target) = u.target.as_ref().filter(|t| !t.text.trim().is_empty()) {
            s += non_space(&u.source.text);
            t += non_space(&target.text);
        }
    }
    const WEIGHT: f64 = 1000.0;
    ((t as f64 + DEFAULT_RATIO * WEIGHT) / (s as f64 + WEIGHT)).clamp(0.5, 2.5)
}

fn non_space(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// A finding of a monolingual rule on code the unit inherited from its
/// source: its text is code or a quoted term in the target
/// ([`quoted_or_code`]: `%s..%s`, `« cd .. »`, `<file>`) and stands as it is
/// in the source. A program's strings carry such code on purpose; it is not
/// the translation's defect.
fn inherited_code(f: &Finding, target: &str, source: &str) -> bool {
    f.category != Category::Translation
        && quoted_or_code(target, f.span)
        && source.contains(f.span.slice(target).trim())
}

/// A finding of a monolingual rule on something the unit's source has in
/// the same shape, where English and French write alike, so that it is the
/// program's and not the translation's: a run of punctuation that the source
/// has too, white space and `…` for `...` aside (`!!!`, `[,...]` written
/// `[,…]`, `Label?:` written `Label ? :`); a glued token the source has as it
/// is (`ftp:acct`, `client:port`, `returnMode`); a sentence that opens on a
/// stray mark where the source opens one on the same mark (`, hiding %c`: a
/// piece the program joins to another). Rules about French typography
/// (spaces before `:`) are not concerned: English never has those spaces.
fn shown_by_source(f: &Finding, target: &str, source: &str) -> bool {
    let text = f.span.slice(target);
    match f.rule {
        "duplicate-punctuation" => {
            let squeeze = |s: &str| -> String {
                s.chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .replace('…', "...")
            };
            let run = squeeze(text);
            !run.is_empty() && squeeze(source).contains(&run)
        }
        "missing-space-after-punctuation" | "glued-words" => {
            let start = target[..f.span.start]
                .rfind(char::is_whitespace)
                .map_or(0, |i| {
                    i + target[i..].chars().next().map_or(1, char::len_utf8)
                });
            let end = target[f.span.end..]
                .find(char::is_whitespace)
                .map_or(target.len(), |i| f.span.end + i);
            // Brackets and sentence punctuation around a token are the
            // sentence's: `(pget:default-n)`.
            let token = target[start..end]
                .trim_start_matches(['(', '[', '{', '«', '"', '\''])
                .trim_end_matches([')', ']', '}', '»', '"', '\'', '.', ',', ';', ':', '!', '?']);
            !token.trim().is_empty() && source.contains(token)
        }
        "sentence-fragment" => text.chars().next().is_some_and(|mark| {
            let mut prev = None;
            let mut chars = source.chars().peekable();
            while let Some(c) = chars.next() {
                if c == mark
                    && prev.is_none_or(char::is_whitespace)
                    && chars.peek().is_some_and(|n| n.is_whitespace())
                {
                    return true;
                }
                prev = Some(c);
            }
            false
        }),
        _ => false,
    }
}

/// A finding of `boilerplate` that covers the whole unit: the unit is a
/// program's own label (`Search for:`, `Subscribe`), translated where it
/// belongs, not web-page furniture left in an article.
fn whole_label(f: &Finding, target: &str) -> bool {
    f.rule == "boilerplate" && f.span.slice(target).trim() == target.trim()
}

/// Runs every rule on each translated unit of `bitext` (units without
/// target text are skipped). A unit whose source is a message key, not
/// English ([`Unit::source_is_key`]: `post.too_short_content`, `0d999f2`),
/// is checked without its source: the bilingual rules (`omission`,
/// `addition`, `number-mismatch`, `markup-mismatch`, `name-translated`,
/// `untranslated-copy`, `length-ratio`) would compare the French with the
/// key, and `untranslated-english` has no English to draw on; the
/// monolingual rules check its target as usual. Every other unit is
/// checked with the evidence of the whole file: its length ratio
/// ([`file_ratio`]) and the terms its translators keep from the source
/// ([`kept_terms`]). Findings of monolingual rules on code the unit
/// inherited from its source (`inherited_code`), on punctuation the source
/// shows in the same shape (`shown_by_source`), and `boilerplate` on a unit
/// that is a label of its own (`whole_label`) are left out. Findings come
/// in unit order, each unit's sorted by position.
pub fn unit_findings(checker: &Checker, bitext: &Bitext) -> Vec<UnitFinding> {
    let ratio = file_ratio(bitext);
    let kept_terms = kept_terms(bitext);
    let mut out = Vec::new();
    for (k, unit) in bitext.units.iter().enumerate() {
        let Some(target) = unit.target.as_ref() else {
            continue;
        };
        if target.text.trim().is_empty() {
            continue;
        }
        let doc = Document::with_format(&target.text, target.format());
        for f in unit_check(checker, unit, target, &doc, ratio, &kept_terms) {
            if inherited_code(&f, &target.text, &unit.source.text)
                || shown_by_source(&f, &target.text, &unit.source.text)
                || whole_label(&f, &target.text)
            {
                continue;
            }
            let file = target.file_span(f.span);
            let source_file = f.source.map(|s| unit.source.file_span(s));
            out.push(UnitFinding {
                unit: k,
                finding: f,
                file,
                source_file,
            });
        }
    }
    out
}

/// The terms the translators of `bitext` keep from its sources
/// ([`KeptTerms`]), over its translated units whose source is text (not a
/// message key).
pub fn kept_terms(bitext: &Bitext) -> KeptTerms<'_> {
    KeptTerms::new(
        bitext
            .units
            .iter()
            .filter(|u| !u.source_is_key())
            .filter_map(|u| {
                let t = u.target.as_ref().filter(|t| !t.text.trim().is_empty())?;
                Some((u.source.text.as_str(), t.text.as_str()))
            })
            .collect(),
    )
}

/// The findings of every rule on `doc`, the target `target` of `unit`:
/// against the unit's source, with the evidence of the whole file
/// (`kept_terms`); when that source is a message key, of the monolingual
/// rules only, on a unit without source ([`Parallel::unit_without_source`]).
fn unit_check<'b>(
    checker: &Checker,
    unit: &'b Unit,
    target: &Segment,
    doc: &Document<'_>,
    ratio: f64,
    kept_terms: &'b KeptTerms<'b>,
) -> Vec<Finding> {
    if unit.source_is_key() {
        let monolingual = |m: &RuleMeta| m.category != Category::Translation;
        let limits = Limits {
            only: Some(&monolingual),
            ..Limits::default()
        };
        let parallel = |d: &Document<'_>| Parallel::unit_without_source(d, target.codes.clone());
        // Without a flag or a deadline nothing stops the check.
        return checker
            .findings_parallel_within(doc, &parallel, &limits)
            .map_or_else(|_| Vec::new(), |f| f.findings);
    }
    let parallel = |d: &Document<'_>| {
        Parallel::unit(
            &unit.source.text,
            unit.source.format(),
            d,
            ratio,
            unit.source.codes.clone(),
            target.codes.clone(),
        )
        .with_flags(unit.flags.clone())
        .with_kept_terms(kept_terms)
    };
    checker.findings_parallel(doc, &parallel)
}

/// Checks every translated unit of `bitext`, read from `file`, and builds
/// the report of the file: each finding's `start`, `end`, `line`, `column`
/// and `text` are those of the file, and `unit` gives the unit's id and the
/// finding's bytes in its target text.
pub fn check_bitext(
    checker: &Checker,
    file: &str,
    bitext: &Bitext,
    path: Option<&str>,
) -> DocumentReport {
    let found = unit_findings(checker, bitext);
    let index = LineIndex::new(file);
    let (mut sentences, mut words) = (0, 0);
    for u in &bitext.units {
        if let Some(t) = u.target.as_ref().filter(|t| !t.text.trim().is_empty()) {
            let doc = Document::with_format(&t.text, t.format());
            sentences += doc.sentences().len();
            words += crate::score::words(&doc);
        }
    }
    let mut findings: Vec<(Finding, FindingReport)> = found
        .into_iter()
        .filter(|u| u.file.span.end <= file.len())
        .map(|u| {
            let unit = &bitext.units[u.unit];
            let span = u.file.span;
            let (line, column) = index.line_col(file, span.start);
            let f = u.finding;
            // A suggestion is offered only when the edit is the finding and
            // maps exactly: the replacement is then file text.
            let offered = f
                .suggestion
                .as_ref()
                .filter(|e| e.span == f.span && u.file.exact);
            let report = FindingReport {
                rule: f.rule,
                category: f.category,
                severity: f.severity,
                start: span.start,
                end: span.end,
                line,
                column,
                text: file.get(span.start..span.end).unwrap_or("").to_string(),
                message: f.message.clone(),
                suggestion: offered.map(|e| e.replacement.clone()),
                suggestion_certain: offered.map(|e| e.certain),
                related: f.related.clone(),
                source: u.source_file.map(|s| [s.span.start, s.span.end]),
                unit: Some(UnitRef {
                    id: unit.id.clone(),
                    start: f.span.start,
                    end: f.span.end,
                    exact: u.file.exact,
                }),
            };
            (f, report)
        })
        .collect();
    findings.sort_by(|a, b| (a.1.start, a.1.end, a.1.rule).cmp(&(b.1.start, b.1.end, b.1.rule)));
    findings.dedup_by(|a, b| a.1 == b.1);
    // The score counts the words of every translated unit, and the
    // findings at their bytes in the file (so that two findings of one
    // defect are seen as one).
    let in_file: Vec<Finding> = findings
        .iter()
        .map(|(f, r)| Finding {
            span: Span::new(r.start, r.end),
            ..f.clone()
        })
        .collect();
    let gate = checker.gate();
    let fail_on_score = gate.fail_on_score.filter(|l| l.is_finite());
    let score = Score::of(&in_file, words);
    let verdict = Verdict::judge(&in_file, &score, gate);
    let findings: Vec<FindingReport> = findings.into_iter().map(|(_, r)| r).collect();
    DocumentReport {
        path: path.map(str::to_string),
        verdict,
        stats: Stats {
            bytes: file.len(),
            sentences,
            findings: findings.len(),
        },
        score: ScoreReport {
            score,
            fail_on_score,
            fails: score.exceeds(fail_on_score),
        },
        findings,
        fail_on: gate.fail_on,
        omitted: 0,
        truncated: false,
    }
}

/// The span of `file` a [`FindingReport`] of [`check_bitext`] covers.
pub fn report_span(f: &FindingReport) -> Span {
    Span::new(f.start, f.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bitext::parse_po;
    use crate::rule::Severity;

    #[test]
    fn findings_against_a_source_point_into_the_input_after_an_entity() {
        // The rules read the HTML with `&amp;` decoded (a shorter text); the
        // bilingual rules' offsets are led back to the input like the others'.
        let checker = Checker::new(crate::Settings::default()).unwrap();
        let target = "<p>Tom &amp; Jerry sont partis en train hier matin. 56 dollars ont été payés pour le voyage.</p>";
        let source = "<p>Tom &amp; Jerry left by train yesterday morning. 55 dollars were paid for the journey.</p>";
        let doc = Document::with_format(target, Format::Html);
        let found = checker.findings_with_source(&doc, source, Format::Html);
        let f = found
            .iter()
            .find(|f| f.rule == "number-mismatch")
            .expect("the changed number is reported");
        assert_eq!(f.span.slice(target), "56");
        assert_eq!(f.source.map(|s| s.slice(source)), Some("55"));
    }

    #[test]
    fn tags_the_target_keeps_are_not_missing() {
        // The rules read HTML with its tags blanked out; markup-mismatch
        // compares the target's tags as given (before, every tag of such a
        // unit was "missing from the translation").
        let po = "msgid \"<b>Remove</b> %s\"\nmsgstr \"<b>Supprimer</b> %s\"\n\n\
                  msgid \"Keep %s at version <big>%s</big> (%s)\"\nmsgstr \"Conserver %s à la version <big>%s</big> (%s)\"\n\n\
                  msgid \"<b>Available Upgrades:</b>\"\nmsgstr \"<b>Mises à jour disponibles :</b>\"\n";
        assert_eq!(po_findings(po), []);
        // A tag the target drops or renames is still found, also after an
        // entity the view decodes (a shorter text).
        let po = "msgid \"Tom &amp; Jerry: <b>Remove</b> %s\"\nmsgstr \"Tom &amp; Jerry : <b>Supprimer %s\"\n\n\
                  msgid \"<b>Install</b> %s\"\nmsgstr \"<b>Installer</i> %s\"\n";
        let found: Vec<(String, String)> = po_findings(po)
            .into_iter()
            .filter(|(_, rule, _)| *rule == "markup-mismatch")
            .map(|(id, _, text)| (id, text))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "Tom &amp; Jerry: <b>Remove</b> %s".to_string(),
                    "Tom &amp; Jerry : <b>Supprimer %s".to_string()
                ),
                ("<b>Install</b> %s".to_string(), "</i>".to_string())
            ],
        );
    }

    #[test]
    fn punctuation_the_source_shows_alike_is_the_programs() {
        let rules = |po: &str| -> Vec<(&'static str, String)> {
            po_findings(po)
                .into_iter()
                .filter(|(_, rule, _)| {
                    matches!(
                        *rule,
                        "duplicate-punctuation"
                            | "missing-space-after-punctuation"
                            | "sentence-fragment"
                            | "boilerplate"
                    )
                })
                .map(|(_, rule, text)| (rule, text))
                .collect()
        };
        // As in the source: a run of marks (`...` written `…`, a French
        // space added), settings and pairs glued by `:`, pieces the
        // program joins, a label of its own.
        let po = "msgid \"ok.. connected\"\nmsgstr \"ok.. connecté\"\n\n\
                  msgid \"-m { <keyword> [,...] | ALL }\"\nmsgstr \"-m { <motclef> [,…] | ALL }\"\n\n\
                  msgid \"%s: Cannot verify TGT! Possible attack!: %s\"\nmsgstr \"%s : vérification impossible ! Attaque possible ! : %s\"\n\n\
                  msgid \"Account is required, set ftp:acct variable\"\nmsgstr \"Un compte est nécessaire, définissez la variable ftp:acct\"\n\n\
                  msgid \"write to given addr (client:port)\"\nmsgstr \"écrire à l'adresse donnée (client:port)\"\n\n\
                  msgid \", cannot be accessed from midrule action at $%d\"\nmsgstr \", n'est pas accessible depuis une action de milieu de règle à %d\"\n\n\
                  msgid \"Search for: \"\nmsgstr \"Rechercher : \"\n";
        assert_eq!(rules(po), []);
        // The translation's own: marks, glued words and a stray mark the
        // source does not have.
        let po = "msgid \"ok, connected\"\nmsgstr \"ok,, connecté\"\n\n\
                  msgid \"Account is required, set the variable\"\nmsgstr \"Un compte est nécessaire,définissez la variable\"\n\n\
                  msgid \"cannot be accessed from midrule action at $%d\"\nmsgstr \", n'est pas accessible depuis une action de milieu de règle à %d\"\n";
        let found = rules(po);
        assert_eq!(
            found.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
            [
                "duplicate-punctuation",
                "missing-space-after-punctuation",
                "sentence-fragment"
            ],
            "{found:?}"
        );
    }

    /// The rules' findings in each unit of `po`, as (unit id, rule, text).
    fn po_findings(po: &str) -> Vec<(String, &'static str, String)> {
        let bitext = parse_po(po).unwrap();
        unit_findings(&Checker::default(), &bitext)
            .into_iter()
            .map(|u| {
                let unit = &bitext.units[u.unit];
                let target = &unit.target.as_ref().unwrap().text;
                let text = u.finding.span.slice(target).to_string();
                (unit.id.clone(), u.finding.rule, text)
            })
            .collect()
    }

    #[test]
    fn units_whose_source_is_a_key_are_not_compared_with_it() {
        // A dotted key and a hash: the French has placeholders and numbers
        // the key has not, and is far longer.
        let po = "msgid \"comment.too_short\"\nmsgstr \"Le commentaire est trop court ({{limit}} caractères minimum).\"\n\n\
                  msgid \"0d999f2\"\nmsgstr \"Vous devez sélectionner au moins {{limit}} choix parmi les 12 options.\"\n";
        let bitext = parse_po(po).unwrap();
        assert!(bitext.units.iter().all(Unit::source_is_key));
        assert_eq!(po_findings(po), []);
        // The same targets against English text are compared: the
        // placeholder the source lacks is found.
        let po = "msgid \"The comment is too short.\"\nmsgstr \"Le commentaire est trop court ({{limit}} caractères minimum).\"\n";
        let found = po_findings(po);
        assert!(
            found
                .iter()
                .any(|(_, rule, text)| *rule == "markup-mismatch" && text == "{{limit}}"),
            "{found:?}"
        );
    }

    #[test]
    fn one_word_english_sources_are_still_compared() {
        // `Save`, `Email`, `Settings` are English text, whether the target
        // is one word or several: a placeholder the target adds is found.
        let po = "msgid \"Save\"\nmsgstr \"Enregistrer {name}\"\n\n\
                  msgid \"Email\"\nmsgstr \"E-mail {name}\"\n\n\
                  msgid \"Settings\"\nmsgstr \"Paramètres du compte {name}\"\n";
        let bitext = parse_po(po).unwrap();
        assert!(!bitext.units.iter().any(Unit::source_is_key));
        let mut ids: Vec<String> = po_findings(po)
            .into_iter()
            .filter(|(_, rule, text)| *rule == "markup-mismatch" && text == "{name}")
            .map(|(id, _, _)| id)
            .collect();
        ids.sort();
        assert_eq!(ids, ["Email", "Save", "Settings"]);
        // And a one-word translation of a one-word source is no finding.
        let po = "msgid \"Save\"\nmsgstr \"Enregistrer\"\n\nmsgid \"Email\"\nmsgstr \"E-mail\"\n";
        assert_eq!(po_findings(po), []);
    }

    #[test]
    fn a_unit_whose_source_is_a_key_still_gets_monolingual_findings() {
        // The doubled full stop is the target's own defect; the placeholder
        // names (`{{height}}`, English words) are a program's code, kept as
        // in any unit.
        let po = "msgid \"image.too_high\"\nmsgstr \"L'image est trop haute ({{height}} px)..\"\n";
        let found = po_findings(po);
        assert_eq!(
            found,
            [(
                "image.too_high".to_string(),
                "duplicate-punctuation",
                "..".to_string()
            )]
        );
    }

    #[test]
    fn the_file_ratio_leaves_out_units_whose_source_is_a_key() {
        // The key is 7 characters, its translation 40: counted, it would
        // draw the ratio up for the units with English sources.
        let with_key = "msgid \"Save the file\"\nmsgstr \"Enregistrer le fichier\"\n\n\
                        msgid \"0d999f2\"\nmsgstr \"Vous devez sélectionner au moins un choix.\"\n";
        let without = "msgid \"Save the file\"\nmsgstr \"Enregistrer le fichier\"\n";
        let ratio = |po: &str| file_ratio(&parse_po(po).unwrap());
        assert_eq!(ratio(with_key), ratio(without));
    }

    /// The findings of `untranslated-english` and `untranslated-copy` in
    /// each unit of `po`, as (unit id, rule, severity, text), a rule folded
    /// into another's finding (its `related`) included with that finding's
    /// severity.
    fn english_findings(po: &str) -> Vec<(String, &'static str, Severity, String)> {
        let bitext = parse_po(po).unwrap();
        unit_findings(&Checker::default(), &bitext)
            .into_iter()
            .flat_map(|u| {
                let unit = &bitext.units[u.unit];
                let target = &unit.target.as_ref().unwrap().text;
                let text = u.finding.span.slice(target).to_string();
                let f = u.finding;
                std::iter::once(f.rule)
                    .chain(f.related)
                    .filter(|rule| rule.starts_with("untranslated-"))
                    .map(|rule| (unit.id.clone(), rule, f.severity, text.clone()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// A catalogue whose translators keep `background writer` in three units,
    /// and `extra` more units.
    fn writer_catalogue(extra: &str) -> String {
        format!(
            "msgid \"The background writer is not running\"\nmsgstr \"Le background writer ne fonctionne pas\"\n\n\
             msgid \"Could not reach the background writer in time\"\nmsgstr \"Impossible de joindre le background writer à temps\"\n\n\
             msgid \"Restart the background writer now\"\nmsgstr \"Redémarrer le background writer maintenant\"\n\n{extra}"
        )
    }

    #[test]
    fn a_term_the_catalogue_keeps_is_info_and_leftovers_are_still_found() {
        // A unit left in English, and a unit whose second half is: still a
        // copy of its source, and English words left over, whatever term
        // the catalogue keeps.
        let po = writer_catalogue(
            "msgid \"The disk is full and the server will stop now\"\n\
             msgstr \"The disk is full and the server will stop now\"\n\n\
             msgid \"The background writer stopped because the disk is full.\"\n\
             msgstr \"Le background writer s'est arrêté because the disk is full.\"\n",
        );
        let found = english_findings(&po);
        let kept: Vec<_> = found
            .iter()
            .filter(|(_, rule, _, text)| {
                *rule == "untranslated-english" && text == "background writer"
            })
            .collect();
        assert_eq!(kept.len(), 4, "{found:?}");
        assert!(kept.iter().all(|f| f.2 == Severity::Info), "{found:?}");
        let left = "The disk is full and the server will stop now";
        assert!(
            found.iter().any(|(id, rule, sev, _)| id == left
                && *rule == "untranslated-copy"
                && *sev == Severity::Error),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(_, rule, sev, text)| *rule == "untranslated-english"
                    && *sev >= Severity::Warning
                    && text == "because the disk is full"),
            "{found:?}"
        );
    }

    #[test]
    fn a_term_the_catalogue_mostly_translates_is_still_reported() {
        // Kept in three units, translated in four: where it stays, it is
        // left over.
        let translated = "msgid \"background writer\"\nmsgstr \"processus d’écriture\"\n\n\
                          msgid \"Stop the background writer\"\nmsgstr \"Arrêter le processus d’écriture\"\n\n\
                          msgid \"The background writer failed\"\nmsgstr \"Le processus d’écriture a échoué\"\n\n\
                          msgid \"The background writer is ready\"\nmsgstr \"Le processus d’écriture est prêt\"\n";
        let found = english_findings(&writer_catalogue(translated));
        let kept: Vec<_> = found
            .iter()
            .filter(|(_, rule, _, text)| {
                *rule == "untranslated-english" && text == "background writer"
            })
            .collect();
        assert_eq!(kept.len(), 3, "{found:?}");
        assert!(kept.iter().all(|f| f.2 == Severity::Warning), "{found:?}");
        // And a term kept in one unit only has no catalogue behind it.
        let one = "msgid \"The background writer is not running\"\nmsgstr \"Le background writer ne fonctionne pas\"\n";
        let found = english_findings(one);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, Severity::Warning);
    }

    #[test]
    fn source_words_set_in_french_order_are_no_english_phrase() {
        // `slot permanent` for `permanent slot`: the source's words, each
        // kept on its own (a single word copied from the source), in
        // French order; the same words in English order are reported.
        let po = "msgid \"no permanent slot is configured\"\nmsgstr \"aucun slot permanent n'est configuré\"\n";
        assert_eq!(english_findings(po), []);
        let po = "msgid \"no permanent slot is configured\"\nmsgstr \"aucun permanent slot n'est configuré\"\n";
        let found = english_findings(po);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].3, "permanent slot");
        // Unless one of the words is English the file translates as a
        // rule: there it is left over, whatever the order.
        let po = "msgid \"invalid group\"\nmsgstr \"groupe invalide\"\n\n\
                  msgid \"group not found\"\nmsgstr \"groupe introuvable\"\n\n\
                  msgid \"no such group\"\nmsgstr \"aucun groupe de ce nom\"\n\n\
                  msgid \"Thread group id\"\nmsgstr \"ID group thread\"\n";
        let found = english_findings(po);
        assert!(
            found
                .iter()
                .any(|(id, rule, _, text)| id == "Thread group id"
                    && *rule == "untranslated-english"
                    && text.contains("group")),
            "{found:?}"
        );
    }

    #[test]
    fn findings_in_po_units_point_into_the_file() {
        let po = "msgid \"Save the file\"\nmsgstr \"Enregistrer le fichier..\"\n\nmsgid \"Open\"\nmsgstr \"\"\n";
        let bitext = parse_po(po).unwrap();
        let checker = Checker::default();
        let report = check_bitext(&checker, po, &bitext, Some("fr.po"));
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "duplicate-punctuation")
            .expect("the doubled full stop is found");
        assert_eq!(&po[f.start..f.end], f.text);
        assert_eq!(f.text, "..");
        let unit = f.unit.as_ref().unwrap();
        assert_eq!(unit.id, "Save the file");
        assert_eq!(&"Enregistrer le fichier.."[unit.start..unit.end], "..");
        assert_eq!(f.line, 2);
    }
}
