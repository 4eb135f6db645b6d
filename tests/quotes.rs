//! Quotes and their speakers (issue #6), one test per attribution pattern and per non-quote
//! rule, on small texts written for these tests. Mentions are given; every other stage runs.

mod common6;

use common6::{analyze_with, quotes};
use presslens::Label::{self, ORG, PER};

const NAMES: &[(&str, Label)] = &[
    ("Ana Kovač", PER),
    ("Kovač", PER),
    ("Marko Petrović", PER),
    ("Petrović", PER),
    ("Reuters", ORG),
    ("Port Authority", ORG),
];

/// The quotes of `text` after a first paragraph that introduces both people by full name.
fn speakers(text: &str) -> Vec<(String, Option<String>)> {
    let text = format!("Ana Kovač and Marko Petrović met on Monday.\n{text}");
    quotes(&analyze_with(&[(&text, NAMES)]), 0)
}

fn check(text: &str, want: &[(&str, Option<&str>)]) {
    let got = speakers(text);
    let got_short: Vec<(String, Option<String>)> = got
        .iter()
        .map(|(t, s)| (t.chars().take(12).collect(), s.clone()))
        .collect();
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(t, s)| (t.chars().take(12).collect(), s.map(str::to_string)))
        .collect();
    assert_eq!(
        got_short, want,
        "quotes (first 12 chars, speaker) of {text:?}; fix src/5-entities/quotes.rs"
    );
}

#[test]
fn name_then_verb_and_verb_then_name() {
    check(
        "“The port will reopen on Friday,” Ana Kovač said. “We expect delays,” said Marko Petrović.",
        &[
            ("The port will", Some("Ana Kovač")),
            ("We expect del", Some("Marko Petrović")),
        ],
    );
}

#[test]
fn verb_before_the_quote_with_that_and_short_forms() {
    check(
        "Kovač told reporters that “nothing has been decided yet.” Petrović added: “We will see.”",
        &[
            ("nothing has b", Some("Ana Kovač")),
            ("We will see.", Some("Marko Petrović")),
        ],
    );
}

#[test]
fn according_to_and_a_colon_after_a_name() {
    check(
        "Ana Kovač arrived. Work will stop, “at least until the storm passes,” according to Reuters.\nMarko Petrović: “I was not informed.”",
        &[
            ("at least unti", Some("Reuters")),
            ("I was not inf", Some("Marko Petrović")),
        ],
    );
}

#[test]
fn a_speech_verb_beats_according_to() {
    check(
        "The Port Authority said “a review has started” on Monday, according to Reuters.",
        &[("a review has ", Some("Port Authority"))],
    );
}

#[test]
fn interrupted_and_multi_sentence_quotes_keep_their_speaker() {
    check(
        "“The port is safe,” Kovač said, “because the walls were rebuilt. Nobody was hurt.”",
        &[
            ("The port is s", Some("Ana Kovač")),
            ("because the w", Some("Ana Kovač")),
        ],
    );
}

#[test]
fn a_continuation_paragraph_and_a_pronoun_take_the_previous_speaker() {
    check(
        "Marko Petrović visited the harbour. “It is worse than we thought,” he said.\n“The cranes are gone. The sheds are gone.”",
        &[
            ("It is worse t", Some("Marko Petrović")),
            ("The cranes ar", Some("Marko Petrović")),
        ],
    );
}

#[test]
fn a_possessive_office_speaks_for_its_owner() {
    check(
        "Kovač’s office stated that “the budget is approved.”",
        &[("the budget is", Some("Ana Kovač"))],
    );
}

#[test]
fn partial_quote_in_an_attributed_sentence_is_a_quote() {
    check(
        "Trade is on an “upward trend”, the Port Authority said on Monday.",
        &[("upward trend", Some("Port Authority"))],
    );
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    check(
        "The so-called “upward trend” ended in May. The ship “Aurora” and the film “Top Gun” were in port.",
        &[],
    );
}

#[test]
fn unattributed_full_quotes_have_a_null_speaker() {
    check(
        "“Ships will not wait forever,” read a banner at the gate.",
        &[("Ships will no", None)],
    );
}

#[test]
fn straight_and_single_curly_quotes_apostrophes_are_not_quotes() {
    check(
        "Petrović said \"the cranes are back\" and Kovač’s team said ‘the work is done’.",
        &[
            ("the cranes ar", Some("Marko Petrović")),
            ("the work is d", Some("Ana Kovač")),
        ],
    );
}

#[test]
fn quotes_in_boilerplate_are_flagged_without_speaker() {
    let text = "Ana Kovač said the port will reopen on Friday after the storm damage is repaired.\nDear readers,\nWe need “your support to keep reporting” and we thank you for it.\n";
    let r = analyze_with(&[(text, NAMES)]);
    let q = &r.documents[0].quotes;
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].boilerplate && q[0].speaker.is_none(), "{q:?}");
}

#[test]
fn quote_offsets_are_utf16_and_exclude_the_marks() {
    let text = "Kovač 🚢 said: “Ships wait.”";
    let r = analyze_with(&[(text, NAMES)]);
    let q = &r.documents[0].quotes[0];
    let units: Vec<u16> = text.encode_utf16().collect();
    let slice = String::from_utf16(&units[q.start as usize..q.end as usize]).unwrap();
    assert_eq!(slice, "Ships wait.");
    assert_eq!(
        q.text, slice,
        "text === text.slice(start, end) in JavaScript"
    );
}

/// Issue #12: ordinary copy mixes straight and curly marks, and puts multi-byte characters
/// right after the opening mark and multi-byte spaces in the attribution. Each of these
/// panicked (slicing inside a character) or returned the wrong text before.
#[test]
fn mixed_straight_and_curly_marks_keep_the_quoted_text_exact() {
    check(
        "\"€5 million is too much,” Kovač said.",
        &[("€5 million is", Some("Ana Kovač"))],
    );
    check(
        "\"—and then we left,” Kovač said.",
        &[("—and then we ", Some("Ana Kovač"))],
    );
    let got = speakers("\"Hello, world,” said Marko Petrović.");
    assert_eq!(
        got,
        [(
            "Hello, world,".to_string(),
            Some("Marko Petrović".to_string())
        )],
        "a straight opening mark closed by a curly one: the text starts after the 1-byte mark"
    );
    let got = speakers(
        "“It works,\" said Marko Petrović. Then he left the building and nobody saw him again.",
    );
    assert_eq!(
        got,
        [("It works,".to_string(), Some("Marko Petrović".to_string()))],
        "a curly opening mark closed by a straight one ends there, not at the paragraph's end"
    );
}

#[test]
fn a_straight_quotation_inside_a_curly_one_does_not_close_it() {
    let got = speakers("“He said \"no\" and walked out of the talks,” Kovač said.");
    assert_eq!(
        got,
        [(
            "He said \"no\" and walked out of".to_string(), // the first 30 characters
            Some("Ana Kovač".to_string())
        )],
        "a straight pair opened after a space inside “…” is nested; fix spans_in in src/5-entities/quotes.rs"
    );
}

#[test]
fn multi_byte_spaces_in_the_attribution_do_not_split_characters() {
    for space in ['\u{00A0}', '\u{2009}', '\u{202F}', '\u{3000}'] {
        let text = format!("\"We will win,\" Mr.{space}Petrović said.");
        let got = speakers(&text);
        assert_eq!(
            got.len(),
            1,
            "one quote in {text:?} (U+{:04X} before the subject); got {got:?}",
            space as u32
        );
        assert_eq!(got[0].0, "We will win,");
        let text = format!("\"We will win,\" the{space}minister said.");
        assert_eq!(speakers(&text).len(), 1, "one quote in {text:?}");
    }
}

#[test]
fn cr_only_line_ends_are_paragraph_breaks_for_attribution() {
    // The second quote opens its paragraph right after Petrović's quote: it continues his
    // words, which needs the CR to end the previous paragraph.
    let got = speakers(
        "Petrović said: “The port stays closed this week.”\r“Ships will wait outside the harbour.”",
    );
    assert_eq!(
        got,
        [
            (
                "The port stays closed this wee".to_string(),
                Some("Marko Petrović".to_string())
            ),
            (
                "Ships will wait outside the ha".to_string(),
                Some("Marko Petrović".to_string())
            ),
        ],
        "a CR ends a paragraph as LF does; fix src/5-entities/quotes.rs"
    );
}
