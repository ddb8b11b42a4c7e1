//! Table-driven tests: each case is an input block and the sentences
//! expected from it.

use super::split;

fn sentences(text: &str) -> Vec<&str> {
    split(text).iter().map(|s| s.slice(text)).collect()
}

fn check(cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (input, expected) in cases {
        let got = sentences(input);
        if got != *expected {
            failures.push(format!(
                "input: {input:?}\n  expected: {expected:?}\n  got:      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The five French "golden rules" shared by pySBD, pragmatic_segmenter and
/// sentencex (wikimedia/sentencex `tests/fr.txt`, MIT).
#[test]
fn golden_rules() {
    check(&[
        (
            "Après avoir été l'un des acteurs du projet génome humain, le Genoscope met aujourd'hui le cap vers la génomique environnementale. L'exploitation des données de séquences, prolongée par l'identification expérimentale des fonctions biologiques, notamment dans le domaine de la biocatalyse, ouvrent des perspectives de développements en biotechnologie industrielle.",
            &[
                "Après avoir été l'un des acteurs du projet génome humain, le Genoscope met aujourd'hui le cap vers la génomique environnementale.",
                "L'exploitation des données de séquences, prolongée par l'identification expérimentale des fonctions biologiques, notamment dans le domaine de la biocatalyse, ouvrent des perspectives de développements en biotechnologie industrielle.",
            ],
        ),
        (
            "\"Airbus livrera comme prévu 30 appareils 380 cette année avec en ligne de mire l'objectif d'équilibre financier du programme en 2015\", a-t-il ajouté.",
            &[
                "\"Airbus livrera comme prévu 30 appareils 380 cette année avec en ligne de mire l'objectif d'équilibre financier du programme en 2015\", a-t-il ajouté.",
            ],
        ),
        (
            "À 11 heures ce matin, la direction ne décomptait que douze grévistes en tout sur la France : ce sont ceux du site de Saran (Loiret), dont l’effectif est de 809 salariés, dont la moitié d’intérimaires. Elle assure que ce mouvement « n’aura aucun impact sur les livraisons ».",
            &[
                "À 11 heures ce matin, la direction ne décomptait que douze grévistes en tout sur la France : ce sont ceux du site de Saran (Loiret), dont l’effectif est de 809 salariés, dont la moitié d’intérimaires.",
                "Elle assure que ce mouvement « n’aura aucun impact sur les livraisons ».",
            ],
        ),
        (
            "Ce modèle permet d’afficher le texte « LL.AA.II.RR. » pour l’abréviation de « Leurs Altesses impériales et royales » avec son infobulle.",
            &[
                "Ce modèle permet d’afficher le texte « LL.AA.II.RR. » pour l’abréviation de « Leurs Altesses impériales et royales » avec son infobulle.",
            ],
        ),
        (
            "Les derniers ouvrages de Intercept Ltd. sont ici.",
            &["Les derniers ouvrages de Intercept Ltd. sont ici."],
        ),
    ]);
}

#[test]
fn abbreviations() {
    check(&[
        (
            "M. Dupont est arrivé. Il a parlé.",
            &["M. Dupont est arrivé.", "Il a parlé."],
        ),
        (
            "Mme Martin et le Dr Petit sont là.",
            &["Mme Martin et le Dr Petit sont là."],
        ),
        (
            "Mgr. Lustiger a parlé. MM. Durand et Leroy aussi.",
            &["Mgr. Lustiger a parlé.", "MM. Durand et Leroy aussi."],
        ),
        (
            "Voir p. 12 et suiv. pour le détail.",
            &["Voir p. 12 et suiv. pour le détail."],
        ),
        (
            "Il faut des pommes, des poires, etc. Le reste viendra.",
            &["Il faut des pommes, des poires, etc.", "Le reste viendra."],
        ),
        (
            "Des pommes, des poires, etc. pour le dessert.",
            &["Des pommes, des poires, etc. pour le dessert."],
        ),
        (
            "Voir l'art. 5 du code. L'art. Le beau.",
            &["Voir l'art. 5 du code.", "L'art.", "Le beau."],
        ),
        (
            "Il aime l'art. Elle préfère la musique.",
            &["Il aime l'art.", "Elle préfère la musique."],
        ),
        (
            "Cf. Le Monde du 3 mai. Puis la suite.",
            &["Cf. Le Monde du 3 mai.", "Puis la suite."],
        ),
        (
            "Le n° 5 arrive, c.-à-d. Le dernier.",
            &["Le n° 5 arrive, c.-à-d. Le dernier."],
        ),
        (
            "César est mort en 44 av. J.-C. Son fils adoptif lui succède.",
            &[
                "César est mort en 44 av. J.-C.",
                "Son fils adoptif lui succède.",
            ],
        ),
        (
            "La date est 52 av. J.-C. à Alésia.",
            &["La date est 52 av. J.-C. à Alésia."],
        ),
        (
            "Il vécut vers 3300 avant J-C. Ötzi est plus ancien.",
            &["Il vécut vers 3300 avant J-C.", "Ötzi est plus ancien."],
        ),
        (
            "Les fonds allaient à J.-C. Marchianni ou à sa secrétaire.",
            &["Les fonds allaient à J.-C. Marchianni ou à sa secrétaire."],
        ),
        (
            "Les derniers ouvrages de Intercept Ltd. sont ici.",
            &["Les derniers ouvrages de Intercept Ltd. sont ici."],
        ),
        (
            "Études Internationales, Vol. XVII, No. 3, pp. 571-597.",
            &["Études Internationales, Vol. XVII, No. 3, pp. 571-597."],
        ),
        (
            "Le mot abrégé tél. 03 81 00 00 00 suffit.",
            &["Le mot abrégé tél. 03 81 00 00 00 suffit."],
        ),
    ]);
}

#[test]
fn initials_and_acronyms() {
    check(&[
        (
            "Andrew E. Kramer a écrit l'article. Il est à Moscou.",
            &["Andrew E. Kramer a écrit l'article.", "Il est à Moscou."],
        ),
        (
            "J. R. R. Tolkien est né en 1892.",
            &["J. R. R. Tolkien est né en 1892."],
        ),
        (
            "Jean-P. Sartre et J.-P. Sartre sont le même homme.",
            &["Jean-P. Sartre et J.-P. Sartre sont le même homme."],
        ),
        (
            "Il manque de vitamine C. Elle aussi.",
            &["Il manque de vitamine C.", "Elle aussi."],
        ),
        (
            "Ils sont allés aux U.S.A. Leur voyage a duré un mois.",
            &["Ils sont allés aux U.S.A.", "Leur voyage a duré un mois."],
        ),
        (
            "Le sigle S.N.C.F. Paris désigne la gare.",
            &["Le sigle S.N.C.F. Paris désigne la gare."],
        ),
    ]);
}

#[test]
fn numbers_times_and_ordinals() {
    check(&[
        (
            "Le taux est de 3,5 %. Il était de 3.5 hier.",
            &["Le taux est de 3,5 %.", "Il était de 3.5 hier."],
        ),
        (
            "Rendez-vous à 12.30 devant la gare.",
            &["Rendez-vous à 12.30 devant la gare."],
        ),
        (
            "Il a gagné 1.000.000 d'euros. Bravo.",
            &["Il a gagné 1.000.000 d'euros.", "Bravo."],
        ),
        (
            "Le 1er mai est férié. Le XIXe s. fut celui du charbon.",
            &["Le 1er mai est férié.", "Le XIXe s. fut celui du charbon."],
        ),
        (
            "Il est arrivé en 2015. 30 personnes l'attendaient.",
            &["Il est arrivé en 2015.", "30 personnes l'attendaient."],
        ),
        (
            "La version 2.0.1 corrige le bogue.",
            &["La version 2.0.1 corrige le bogue."],
        ),
    ]);
}

#[test]
fn ellipses() {
    check(&[
        (
            "Il hésita... Puis il partit.",
            &["Il hésita...", "Puis il partit."],
        ),
        (
            "Il hésita… Puis il partit.",
            &["Il hésita…", "Puis il partit."],
        ),
        (
            "Il hésita… puis il partit.",
            &["Il hésita… puis il partit."],
        ),
        (
            "Il a dit « je viens […] Demain » hier.",
            &["Il a dit « je viens […] Demain » hier."],
        ),
        (
            "Le prix, à savoir... 30 F, était juste.",
            &["Le prix, à savoir... 30 F, était juste."],
        ),
    ]);
}

#[test]
fn quotations() {
    check(&[
        (
            "« Viens ! » a-t-il dit. Elle est venue.",
            &["« Viens ! » a-t-il dit.", "Elle est venue."],
        ),
        (
            "« Viens ! » Elle est venue.",
            &["« Viens ! »", "Elle est venue."],
        ),
        (
            "Il a dit : « Je pars. » Puis il est parti.",
            &["Il a dit : « Je pars. »", "Puis il est parti."],
        ),
        (
            "Il a dit : « Je pars ». Puis il est parti.",
            &["Il a dit : « Je pars ».", "Puis il est parti."],
        ),
        (
            "« Je dois féliciter Andy. Devenir numéro un est quelque chose », a constaté Federer. Il a ri.",
            &[
                "« Je dois féliciter Andy. Devenir numéro un est quelque chose », a constaté Federer.",
                "Il a ri.",
            ],
        ),
        (
            "« Je pars. Tu restes. » Il est parti.",
            &["« Je pars.", "Tu restes. »", "Il est parti."],
        ),
        (
            "« Pourquoi ? » demanda-t-il.",
            &["« Pourquoi ? » demanda-t-il."],
        ),
        (
            "“Viens !” a-t-il dit. “Non.” Elle refusa.",
            &["“Viens !” a-t-il dit.", "“Non.”", "Elle refusa."],
        ),
        (
            "\"Viens.\" Elle est venue.",
            &["\"Viens.\"", "Elle est venue."],
        ),
        (
            "Il arriva. « Bonjour », dit-il.",
            &["Il arriva.", "« Bonjour », dit-il."],
        ),
        (
            "Il arriva. \"Bonjour\", dit-il.",
            &["Il arriva.", "\"Bonjour\", dit-il."],
        ),
        (
            "Fin de l'histoire. \" Le comédien salue.",
            &["Fin de l'histoire. \"", "Le comédien salue."],
        ),
    ]);
}

#[test]
fn dialogue_dashes_and_lists() {
    check(&[
        (
            "— Tu viens ? — Non, je reste.",
            &["— Tu viens ?", "— Non, je reste."],
        ),
        (
            "— Tu viens ? — demanda-t-il.",
            &["— Tu viens ? — demanda-t-il."],
        ),
        (
            "Ne prenez pas ce médicament. - si vous êtes enceinte. - si vous allaitez.",
            &[
                "Ne prenez pas ce médicament.",
                "- si vous êtes enceinte.",
                "- si vous allaitez.",
            ],
        ),
        (
            "Ingrédients :\n- des pommes ;\n- des poires.",
            &["Ingrédients :", "- des pommes ;", "- des poires."],
        ),
        (
            "1. Introduction\n2. Méthode",
            &["1. Introduction", "2. Méthode"],
        ),
        (
            "Voici le plan :\n1. Les faits\n2. Le procès",
            &["Voici le plan :\n1. Les faits", "2. Le procès"],
        ),
        (
            "• premier point\n• second point",
            &["• premier point", "• second point"],
        ),
        // A colon opening an inline list: each item is a sentence, as after
        // a line break.
        (
            "Avant le traitement, dites à votre médecin : - si vous êtes enceinte. - si vous allaitez.",
            &[
                "Avant le traitement, dites à votre médecin :",
                "- si vous êtes enceinte.",
                "- si vous allaitez.",
            ],
        ),
        (
            "Verdict du 11 janvier : – Bernard Martin : trois ans de prison.",
            &[
                "Verdict du 11 janvier :",
                "– Bernard Martin : trois ans de prison.",
            ],
        ),
        // Not before an em dash (dialogue), nor a colon in a time or a
        // hyphen glued to a word.
        (
            "Il demanda : — Tu viens ? Elle partit à 12:30 : -5 degrés dehors.",
            &[
                "Il demanda : — Tu viens ?",
                "Elle partit à 12:30 : -5 degrés dehors.",
            ],
        ),
        // A new item on a list line, after a closing bracket or quote.
        (
            "- L'entretien de Paul Martin au Figaro (2002) - Audition de M. Martin par la mission",
            &[
                "- L'entretien de Paul Martin au Figaro (2002)",
                "- Audition de M. Martin par la mission",
            ],
        ),
        (
            "- Selon lui, 80 % allaient au \"comité central\" - Ex-directeur chez Thomson, il a témoigné.",
            &[
                "- Selon lui, 80 % allaient au \"comité central\"",
                "- Ex-directeur chez Thomson, il a témoigné.",
            ],
        ),
        // Not outside a list line, and not after a word: a dash inside a
        // title.
        (
            "Il cite un rapport (2002) - Audition comprise - sans le lire.",
            &["Il cite un rapport (2002) - Audition comprise - sans le lire."],
        ),
        (
            "- Nouvelle Terre - L'avènement de la conscience",
            &["- Nouvelle Terre - L'avènement de la conscience"],
        ),
    ]);
}

/// Names whose exclamation mark belongs to the name.
#[test]
fn names_with_an_exclamation_mark() {
    check(&[
        (
            "Un article de Thomas Lifson pour Yahoo! News, en 2006.",
            &["Un article de Thomas Lifson pour Yahoo! News, en 2006."],
        ),
        (
            "Il a gagné à Jeopardy! Le lendemain, il est reparti.",
            &["Il a gagné à Jeopardy!", "Le lendemain, il est reparti."],
        ),
        (
            "Il a crié Yahou! Personne n'a répondu.",
            &["Il a crié Yahou!", "Personne n'a répondu."],
        ),
    ]);
}

#[test]
fn parentheses_and_brackets() {
    check(&[
        (
            "Il est venu (voir p. 5). Elle aussi.",
            &["Il est venu (voir p. 5).", "Elle aussi."],
        ),
        (
            "Il est venu. (Elle aussi.) Puis ils sont partis.",
            &["Il est venu.", "(Elle aussi.)", "Puis ils sont partis."],
        ),
        (
            "Patients âgés (65 ans) Aucun ajustement n'est nécessaire.",
            &[
                "Patients âgés (65 ans)",
                "Aucun ajustement n'est nécessaire.",
            ],
        ),
        (
            "Effet sur la densité osseuse (DMO) L'étude a montré un gain.",
            &[
                "Effet sur la densité osseuse (DMO)",
                "L'étude a montré un gain.",
            ],
        ),
        (
            "Il a voté. (EN) J'ai voté pour.",
            &["Il a voté.", "(EN) J'ai voté pour."],
        ),
        (
            "Merci. (La séance est levée à 12h30) Monsieur le Président, un mot.",
            &[
                "Merci.",
                "(La séance est levée à 12h30)",
                "Monsieur le Président, un mot.",
            ],
        ),
        (
            "- (fr) Une analyse du scandale",
            &["- (fr) Une analyse du scandale"],
        ),
        // After a short heading, any capitalised word followed by a
        // lower-case one starts the sentence.
        (
            "Patients âgés (65 ans et plus) Aclasta peut être administré.",
            &[
                "Patients âgés (65 ans et plus)",
                "Aclasta peut être administré.",
            ],
        ),
        // Not after a longer clause, where the bracket is inside the
        // sentence.
        (
            "Le groupe parlementaire européen des socialistes et démocrates (S&D) Barroso a critiqué.",
            &[
                "Le groupe parlementaire européen des socialistes et démocrates (S&D) Barroso a critiqué.",
            ],
        ),
        (
            "Il lit le quotidien (national) Le Monde chaque jour.",
            &["Il lit le quotidien (national) Le Monde chaque jour."],
        ),
        (
            "Saran (Loiret) est une commune. Elle compte 16 000 habitants.",
            &[
                "Saran (Loiret) est une commune.",
                "Elle compte 16 000 habitants.",
            ],
        ),
    ]);
}

#[test]
fn urls_and_emails() {
    check(&[
        (
            "Voir www.exemple.fr pour plus. Écrire à jean.dupont@exemple.fr demain.",
            &[
                "Voir www.exemple.fr pour plus.",
                "Écrire à jean.dupont@exemple.fr demain.",
            ],
        ),
        (
            "Le site https://www.exemple.fr/Page.Html est fermé.",
            &["Le site https://www.exemple.fr/Page.Html est fermé."],
        ),
        (
            "Le site est lemonde.fr. Il est gratuit.",
            &["Le site est lemonde.fr.", "Il est gratuit."],
        ),
        (
            "Consultez https://exemple.fr/a?b=1. Merci.",
            &["Consultez https://exemple.fr/a?b=1.", "Merci."],
        ),
    ]);
}

#[test]
fn glued_sentences() {
    check(&[
        (
            "C'est la fin.Le début commence.",
            &["C'est la fin.", "Le début commence."],
        ),
        (
            "Il est parti!Elle est restée.",
            &["Il est parti!", "Elle est restée."],
        ),
        ("M.Dupont est là.", &["M.Dupont est là."]),
        (
            "Selon l'AFP.Le ministre a démissionné.",
            &["Selon l'AFP.", "Le ministre a démissionné."],
        ),
        (
            "Le fichier config.Le est là.",
            &["Le fichier config.", "Le est là."],
        ),
        (
            "Voir le site www.exemple.Le nom.",
            &["Voir le site www.exemple.Le nom."],
        ),
        (
            "Le site exemple.fr est clair.",
            &["Le site exemple.fr est clair."],
        ),
        (
            "Voir www.Exemple.Fr aujourd'hui.",
            &["Voir www.Exemple.Fr aujourd'hui."],
        ),
        (
            "Le fichier Rapport.Docx est joint.",
            &["Le fichier Rapport.Docx est joint."],
        ),
        (
            "Il vit à Paris.Le maire est venu.",
            &["Il vit à Paris.", "Le maire est venu."],
        ),
    ]);
}

#[test]
fn headlines_and_lines_without_punctuation() {
    check(&[
        (
            "Poutine en Biélorussie\nLe président russe est arrivé.",
            &["Poutine en Biélorussie", "Le président russe est arrivé."],
        ),
        (
            "Photo AFP\nLe président russe.",
            &["Photo AFP", "Le président russe."],
        ),
        (
            "Le président russe est arrivé\nhier à Minsk.",
            &["Le président russe est arrivé\nhier à Minsk."],
        ),
        (
            "Il a visité,\nPuis il est parti.",
            &["Il a visité,\nPuis il est parti."],
        ),
        (
            "Première phrase.\nDeuxième phrase.",
            &["Première phrase.", "Deuxième phrase."],
        ),
        ("Titre seul", &["Titre seul"]),
        (
            "Titre\r\nLe texte suit.\r\nFin",
            &["Titre", "Le texte suit.", "Fin"],
        ),
    ]);
}

/// Hard-wrapped paragraphs (a file filled at 72 columns): the wrapper's
/// line breaks are spaces; real line breaks stay.
#[test]
fn hard_wrapped_text() {
    check(&[
        (
            "Le ministre de l'Économie a reçu mardi les dirigeants des grandes\nbanques françaises, dont le directeur général de la Société générale\nFrédéric Oudéa. Il leur a demandé de soutenir les entreprises en\n1970. La réunion a duré trois heures.",
            &[
                "Le ministre de l'Économie a reçu mardi les dirigeants des grandes\nbanques françaises, dont le directeur général de la Société générale\nFrédéric Oudéa.",
                "Il leur a demandé de soutenir les entreprises en\n1970.",
                "La réunion a duré trois heures.",
            ],
        ),
        // A short line ends a paragraph inside the block; a list item
        // starts on its own line.
        (
            "Pour ceux qui suivent la transition des réseaux sociaux sur le\nCapitole, cela va être un peu différent\nSources\n- Le Monde, 13 septembre 2006, article consacré au procès en appel\n- Libération",
            &[
                "Pour ceux qui suivent la transition des réseaux sociaux sur le\nCapitole, cela va être un peu différent",
                "Sources",
                "- Le Monde, 13 septembre 2006, article consacré au procès en appel",
                "- Libération",
            ],
        ),
    ]);
}

/// Lines that only look wrapped stay apart: headlines, a comment thread,
/// two-line blocks (too little evidence).
#[test]
fn unwrapped_lines_stay_apart() {
    check(&[
        (
            "Poutine menace la Pologne de représailles militaires\nLa Biélorussie accueille des mercenaires russes\nLe Kremlin dément toute escalade dans la région frontalière",
            &[
                "Poutine menace la Pologne de représailles militaires",
                "La Biélorussie accueille des mercenaires russes",
                "Le Kremlin dément toute escalade dans la région frontalière",
            ],
        ),
        (
            "Jean-Pierre 59 · il y a 2 heures\nEnfin une bonne décision !\nRépondre · Signaler",
            &[
                "Jean-Pierre 59 · il y a 2 heures",
                "Enfin une bonne décision !",
                "Répondre · Signaler",
            ],
        ),
        (
            "Emmanuel Macron reçoit les patrons du CAC 40 à l'Élysée mardi soir\nLe président a promis une baisse des impôts.",
            &[
                "Emmanuel Macron reçoit les patrons du CAC 40 à l'Élysée mardi soir",
                "Le président a promis une baisse des impôts.",
            ],
        ),
        // But a line that ends with an article or a preposition goes on.
        (
            "Des forts ont été construits dans les régions de\nNouvelle-France. Le journal Le\nMonde en parle.",
            &[
                "Des forts ont été construits dans les régions de\nNouvelle-France.",
                "Le journal Le\nMonde en parle.",
            ],
        ),
    ]);
}

#[test]
fn news_text() {
    check(&[
        (
            "Louis XIV. Il régna longtemps. Henri IV. Le bon roi.",
            &[
                "Louis XIV.",
                "Il régna longtemps.",
                "Henri IV.",
                "Le bon roi.",
            ],
        ),
        (
            "La guerre (1939-1945). Elle fut longue.",
            &["La guerre (1939-1945).", "Elle fut longue."],
        ),
        (
            "Il est arrivé à 18 h. Le dîner était prêt.",
            &["Il est arrivé à 18 h.", "Le dîner était prêt."],
        ),
        (
            "Voir l'art. L. 123-4 du code du travail.",
            &["Voir l'art. L. 123-4 du code du travail."],
        ),
        (
            "Les É.-U. Le président a parlé.",
            &["Les É.-U.", "Le président a parlé."],
        ),
        (
            "Lire https://www.lemonde.fr/politique/. Le reste suit.",
            &["Lire https://www.lemonde.fr/politique/.", "Le reste suit."],
        ),
        (
            "Écrivez à contact@exemple.fr. Nous répondrons.",
            &["Écrivez à contact@exemple.fr.", "Nous répondrons."],
        ),
        (
            "Trois points : 1. la santé ; 2. l'emploi.",
            &["Trois points : 1. la santé ; 2. l'emploi."],
        ),
        (
            "« Viens\u{a0}! »\u{a0}a-t-il dit.",
            &["« Viens\u{a0}! »\u{a0}a-t-il dit."],
        ),
        (
            "“Tu viens ?” demanda-t-il. Non.",
            &["“Tu viens ?” demanda-t-il.", "Non."],
        ),
        (
            "— Bonjour, dit-il. — Bonjour.",
            &["— Bonjour, dit-il.", "— Bonjour."],
        ),
        (
            "Pourquoi ? Parce que. Qui ? Lui.",
            &["Pourquoi ?", "Parce que.", "Qui ?", "Lui."],
        ),
        (
            "Il a vu l'ONU. La décision est tombée.",
            &["Il a vu l'ONU.", "La décision est tombée."],
        ),
    ]);
}

#[test]
fn lower_case_a_for_capital_a_grave() {
    check(&[
        (
            "Il est revenu en 1980. à son retour, il a travaillé.",
            &["Il est revenu en 1980.", "à son retour, il a travaillé."],
        ),
        (
            "Des pommes, etc. à volonté.",
            &["Des pommes, etc. à volonté."],
        ),
    ]);
}

#[test]
fn odd_inputs_never_panic() {
    let inputs = [
        "",
        " ",
        ".",
        "...",
        "…",
        "!?",
        "\n",
        "\n\n.",
        "a.",
        ".a",
        "é.",
        ".É",
        "«",
        "»",
        "« ! »",
        "M.",
        "1.",
        "\u{a0}.\u{a0}»",
        "…É",
        "a…",
        ". - ",
        ".\"",
        " \" ",
        "(...)",
        "[…] É",
        "x.🎄",
        "🎄.🎄 É",
        "\r\n.\r\n",
        "a\u{202f}!\u{202f}» B",
    ];
    for input in inputs {
        for s in split(input) {
            assert!(s.start <= s.end && s.end <= input.len());
            let _ = s.slice(input);
        }
    }
}

#[test]
fn spans_are_trimmed_ordered_and_cover_all_text() {
    let text = "  « Viens ! » a-t-il dit.  Elle est venue…\nTitre\n- un point ; - deux.  ";
    let spans = split(text);
    let mut last = 0;
    for s in &spans {
        assert!(s.start >= last);
        let t = s.slice(text);
        assert_eq!(t, t.trim());
        assert!(!t.is_empty());
        last = s.end;
    }
    let rebuilt: String = spans.iter().map(|s| s.slice(text)).collect();
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(rebuilt.replace(char::is_whitespace, ""), squeezed);
}

#[test]
fn long_runs_without_spaces_are_handled() {
    let text =
        "a.B".repeat(20_000) + &"x.".repeat(20_000) + &".".repeat(10_000) + "\n".repeat(3).as_str();
    let spans = split(&text);
    assert!(!spans.is_empty());
    let brackets = "Il (".to_string() + &")".repeat(50_000) + " Le point.";
    assert!(!split(&brackets).is_empty());
    let blank = "x".to_string() + &" \n".repeat(50_000) + "Y.";
    assert_eq!(split(&blank).len(), 2);
    // Blanks before a list line's items, and colons before items.
    let items = " ".repeat(50_000) + "- a" + &" (b) - C".repeat(20_000);
    assert_eq!(split(&items).len(), 1);
    let items = "- a".to_string() + &" (b) - C".repeat(20_000);
    assert_eq!(split(&items).len(), 20_001);
    let colons = "Voici :".repeat(20_000) + &" - a :".repeat(20_000);
    assert_eq!(split(&colons).len(), 20_001);
}

/// Pseudo-random strings over the characters the splitter looks at: it must
/// never panic and always return ordered, trimmed, non-empty spans.
#[test]
fn random_inputs_never_panic() {
    const ALPHABET: &[char] = &[
        '.', '!', '?', '…', '»', '«', '"', '“', '”', '(', ')', '[', ']', '-', '—', ' ', '\n',
        '\u{a0}', '\u{202f}', 'a', 'à', 'L', 'e', 'M', 'J', 'C', 'É', '1', '/', '@', ',', ';', ':',
        '\'', '’', '🎄', 'I', 'V',
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200_000 {
        let len = (next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        let mut last = 0;
        for s in split(&text) {
            assert!(
                s.start >= last && s.start < s.end && s.end <= text.len(),
                "{text:?}"
            );
            let t = s.slice(&text);
            assert_eq!(t, t.trim(), "{text:?}");
            last = s.end;
        }
    }
}
