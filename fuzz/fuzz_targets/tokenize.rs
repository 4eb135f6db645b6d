//! Fuzzes the tokenizer and the sentence splitter with arbitrary UTF-8 (invalid UTF-8 is
//! replaced with U+FFFD, as text from JavaScript with unpaired surrogates would be) and checks
//! the same invariants as the property tests: tokens in order, non-overlapping, on char
//! boundaries, covering every non-separator character; sentences covering every token.
#![no_main]

use libfuzzer_sys::fuzz_target;
use presslens::text::sentences;
use presslens::text::tokenize::{is_separator, tokenize, Shape};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let tokens = tokenize(text);
    let mut prev = 0;
    for t in &tokens {
        assert!(
            t.start >= prev && t.start < t.end && t.end <= text.len(),
            "{t:?} out of order"
        );
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert!(
            text[prev..t.start].chars().all(is_separator),
            "non-separator text between tokens before {t:?}"
        );
        assert!(
            !t.text(text).chars().any(is_separator),
            "{t:?} contains a separator"
        );
        assert_eq!(t.shape, Shape::of(t.text(text)));
        prev = t.end;
    }
    assert!(text[prev..].chars().all(is_separator));
    let sents = sentences::split(text, &tokens);
    let mut next = 0;
    for s in &sents {
        assert_eq!(s.first, next, "sentences must be contiguous");
        assert!(s.end > s.first);
        next = s.end;
    }
    assert_eq!(next, tokens.len(), "sentences must cover every token");
});
