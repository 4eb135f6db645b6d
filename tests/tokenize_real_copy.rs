//! Tokenization of real copy (issue #17): a missing space after a sentence's period, curly
//! possessives, footnote markers.

use presslens::text::tokenize::tokenize;

fn toks(text: &str) -> Vec<&str> {
    tokenize(text).iter().map(|t| t.text(text)).collect()
}

#[test]
fn a_missing_space_after_a_period_still_splits_the_sentences() {
    assert_eq!(
        toks("the Security Council.In this"),
        ["the", "Security", "Council", ".", "In", "this"],
        "help: a period between a word and a capitalised word that goes on in lower case ends a sentence (src/3-text/tokenize/mod.rs)"
    );
    assert_eq!(
        toks("forces.The Coalition"),
        ["forces", ".", "The", "Coalition"]
    );
    // Kept whole as before: initialisms, domains, abbreviations.
    assert_eq!(toks("U.S. forces"), ["U.S.", "forces"]);
    assert_eq!(
        toks("visit example.com today"),
        ["visit", "example.com", "today"]
    );
    assert_eq!(toks("21.JAN.99"), ["21.JAN.99"]);
}

#[test]
fn curly_possessives_split_like_straight_ones() {
    assert_eq!(
        toks("the Coalition’s aircraft"),
        ["the", "Coalition", "’s", "aircraft"]
    );
    assert_eq!(
        toks("the Coalition's aircraft"),
        ["the", "Coalition", "'s", "aircraft"]
    );
    assert_eq!(toks("ISIL’s last"), ["ISIL", "’s", "last"]);
}

#[test]
fn footnote_markers_are_not_numbers() {
    let text = "as the report said.[1] The";
    let t = tokenize(text);
    let words: Vec<&str> = t.iter().map(|t| t.text(text)).collect();
    assert_eq!(
        words,
        ["as", "the", "report", "said", ".", "[1]", "The"],
        "help: a bracketed number glued to a word or period is one footnote token"
    );
    let marker = t.iter().find(|x| x.text(text) == "[1]").unwrap();
    assert_ne!(
        marker.kind(text),
        presslens::text::tokenize::TokenKind::Number
    );
    assert_eq!(
        toks("in [1990] and ( 2 )"),
        ["in", "[", "1990", "]", "and", "(", "2", ")"]
    );
}
