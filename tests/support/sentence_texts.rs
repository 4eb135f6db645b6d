//! Test helper shared by tests/sentences.rs and tests/sentences_golden.rs.

use presslens::text::sentences::split;
use presslens::text::tokenize::tokenize;

/// Each sentence as the source text from its first to its last token.
pub fn sentences(text: &str) -> Vec<&str> {
    let toks = tokenize(text);
    split(text, &toks)
        .iter()
        .map(|s| &text[toks[s.first].start..toks[s.end - 1].end])
        .collect()
}
