//! Property tests of the tokenizer and sentence splitter on arbitrary text.
//!
//! Text from JavaScript may hold unpaired surrogates; they reach Rust as U+FFFD (one UTF-16
//! code unit either way, see `presslens::input`), so the generated strings include U+FFFD
//! but are always valid Rust strings. Astral characters (two UTF-16 code units) are included
//! to check the UTF-16 offsets the output layer computes from the token byte offsets.
#![cfg(not(target_arch = "wasm32"))]

use presslens::output::Utf16Offsets;
use presslens::text::sentences;
use presslens::text::tokenize::{is_separator, tokenize, Shape};
use proptest::prelude::*;

/// Pieces of text that exercise the news rules and the Unicode edge cases.
const PIECES: &[&str] = &[
    "Serbia",
    "’s",
    "'s",
    "n't",
    "don’t",
    "S-400",
    "-",
    "–",
    "—",
    ".",
    "...",
    "…",
    ",",
    ";",
    ":",
    "\"",
    "“",
    "”",
    "‘",
    "'",
    "`",
    "´",
    "U.S.",
    "a.m.",
    "Gen.",
    "Oct.",
    "1.",
    "12.",
    "1,000.5",
    "3.5%",
    "$",
    "1.2bn",
    "20-30",
    "10:30",
    "1996-08-22",
    "http://x.org/a?b=1",
    "www.rferl.org",
    "a@b.co",
    "@user",
    "#tag",
    "+44",
    ".500",
    "C$",
    "AA+",
    "10=",
    "(",
    ")",
    "Vučić",
    "Шойгу",
    "Ελλάδα",
    "e\u{301}",
    "\u{301}",
    "\u{200B}",
    "\u{200D}",
    "\u{00A0}",
    "\u{FEFF}",
    "\u{2060}",
    "\u{2028}",
    "\r\n",
    "\n",
    "\t",
    " ",
    "  ",
    "🇷🇸",
    "👩‍👩‍👧",
    "𝔘",
    "\u{FFFD}",
    "中文",
    "١٢٣",
    "MiG-29",
    "F-16s",
    "COVID-19",
    "1990s",
    "29th",
    "The",
    "he",
    "said",
    "ZZ",
];

fn newsy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![newsy(), any::<String>(), "[ -~]{0,60}"]
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let tokens = tokenize(text);
    let u16 = Utf16Offsets::new(text);
    let mut prev = 0;
    for t in &tokens {
        prop_assert!(t.start < t.end, "empty token {:?} in {:?}", t, text);
        prop_assert!(
            t.start >= prev,
            "tokens out of order or overlapping at {:?} in {:?}",
            t,
            text
        );
        prop_assert!(t.end <= text.len());
        prop_assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "token {:?} not on char boundaries in {:?}",
            t,
            text
        );
        prop_assert!(
            text[prev..t.start].chars().all(is_separator),
            "non-separator text {:?} left outside every token in {:?}",
            &text[prev..t.start],
            text
        );
        prop_assert!(
            !t.text(text).chars().any(is_separator),
            "token {:?} contains a separator",
            t.text(text)
        );
        prop_assert_eq!(
            t.shape,
            Shape::of(t.text(text)),
            "shape of {:?}",
            t.text(text)
        );
        for b in [t.start, t.end] {
            let js = text[..b].encode_utf16().count() as u32;
            prop_assert_eq!(u16.get(b), js, "UTF-16 offset of byte {} in {:?}", b, text);
        }
        prev = t.end;
    }
    prop_assert!(
        text[prev..].chars().all(is_separator),
        "trailing text {:?} not covered",
        &text[prev..]
    );
    let sents = sentences::split(text, &tokens);
    let mut next = 0;
    for s in &sents {
        prop_assert_eq!(
            s.first,
            next,
            "sentences must follow each other without gaps"
        );
        prop_assert!(s.end > s.first, "empty sentence {:?}", s);
        next = s.end;
    }
    prop_assert_eq!(next, tokens.len(), "sentences must cover every token");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn tokens_are_ordered_disjoint_and_cover_all_visible_text(text in arbitrary_text()) {
        check(&text)?;
    }

    #[test]
    fn parts_lie_inside_their_token_and_in_order(text in newsy()) {
        for t in tokenize(&text) {
            let mut prev = t.start;
            for p in t.parts(&text) {
                prop_assert!(p.start >= prev && p.end <= t.end && p.start < p.end);
                prop_assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
                prev = p.end;
            }
        }
    }
}

#[test]
fn separators_are_whitespace_and_invisible_spaces_only() {
    for c in [
        ' ', '\t', '\n', '\r', '\u{A0}', '\u{202F}', '\u{2028}', '\u{200B}', '\u{FEFF}',
    ] {
        assert!(is_separator(c), "{c:?} should separate tokens");
    }
    for c in ['\u{200D}', '\u{200C}', '\u{AD}', '\u{FFFD}', 'a', '.'] {
        assert!(!is_separator(c), "{c:?} must stay inside tokens");
    }
}

#[test]
fn replacement_characters_from_js_are_covered_one_by_one() {
    // What `"a\uD800b \uDC00"` becomes when passed from JavaScript: U+FFFD is an ordinary
    // symbol, one token of its own, one UTF-16 unit like the surrogate it replaced.
    let text = "a\u{FFFD}b \u{FFFD}";
    let tokens = tokenize(text);
    let toks: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    assert_eq!(toks, ["a", "\u{FFFD}", "b", "\u{FFFD}"]);
    let u16 = Utf16Offsets::new(text);
    let starts: Vec<u32> = tokens.iter().map(|t| u16.get(t.start)).collect();
    assert_eq!(
        starts,
        [0, 1, 2, 4],
        "offsets index the JavaScript string unchanged"
    );
}
