//! The English splitter ([`super::split_english`]): input → expected
//! sentences.

use super::split_english;

#[track_caller]
fn check(text: &str, expected: &[&str]) {
    let got: Vec<&str> = split_english(text).iter().map(|s| s.slice(text)).collect();
    assert_eq!(got, expected, "in {text:?}");
}

#[test]
fn english_sentences_split_at_final_marks() {
    check("It rained. We stayed in.", &["It rained.", "We stayed in."]);
    check("Why? Nobody knows!", &["Why?", "Nobody knows!"]);
    check(
        "He waited... Then he left.",
        &["He waited...", "Then he left."],
    );
}

#[test]
fn titles_and_company_suffixes_do_not_end_sentences() {
    check(
        "Mr. Smith met Dr. Jones at St. Mary's. They talked.",
        &["Mr. Smith met Dr. Jones at St. Mary's.", "They talked."],
    );
    check(
        "Acme Inc. Chairman John Doe resigned. Shares fell.",
        &["Acme Inc. Chairman John Doe resigned.", "Shares fell."],
    );
    check(
        "Sen. Elizabeth Warren spoke. Gov. Jerry Brown did not.",
        &["Sen. Elizabeth Warren spoke.", "Gov. Jerry Brown did not."],
    );
}

#[test]
fn an_abbreviation_before_a_sentence_opener_ends_the_sentence() {
    check(
        "The firm moved to Washington, D.C. The staff followed.",
        &["The firm moved to Washington, D.C.", "The staff followed."],
    );
    check(
        "They met at 5 p.m. The talks lasted an hour.",
        &["They met at 5 p.m.", "The talks lasted an hour."],
    );
    check(
        "It was founded in Sacramento, Calif. It grew fast.",
        &["It was founded in Sacramento, Calif.", "It grew fast."],
    );
}

#[test]
fn initials_dates_numbers_and_references_stay_inside() {
    check(
        "George W. Bush was born on Jul. 6, 1946 in New Haven.",
        &["George W. Bush was born on Jul. 6, 1946 in New Haven."],
    );
    check(
        "The U.S. economy grew 3.5 percent, see Fig. 2 and No. 5.",
        &["The U.S. economy grew 3.5 percent, see Fig. 2 and No. 5."],
    );
    check(
        "Fruit, e.g. Apples, is healthy. Eat it.",
        &["Fruit, e.g. Apples, is healthy.", "Eat it."],
    );
    check(
        "Visit www.example.com. It is free.",
        &["Visit www.example.com.", "It is free."],
    );
}

#[test]
fn quotations_and_speech_tags() {
    check(
        "\"Stop!\" he shouted. She did.",
        &["\"Stop!\" he shouted.", "She did."],
    );
    check(
        "“We will win.” The crowd roared.",
        &["“We will win.”", "The crowd roared."],
    );
    check(
        "He said “no.” Then he left (quickly.) The end.",
        &["He said “no.”", "Then he left (quickly.)", "The end."],
    );
}

#[test]
fn headlines_and_lists_are_sentences_of_their_own() {
    check(
        "Storm hits coast\nThousands lost power on Tuesday.",
        &["Storm hits coast", "Thousands lost power on Tuesday."],
    );
    check(
        "The report covers the\nwhole year.",
        &["The report covers the\nwhole year."],
    );
}
