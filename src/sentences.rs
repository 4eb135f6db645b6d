//! Stage 3: sentence boundaries over the tokens.
//!
//! (First version: a sentence ends at a line break or after `.`, `!` or `?` followed by an
//! upper-case word. Issue #3 replaces it with the news-aware splitter.)

use crate::tokenize::{Shape, Token};

/// A sentence as a range of token indices, `first..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub end: usize,
}

/// Groups `tokens` of `text` into sentences covering every token, in order.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    for i in 0..tokens.len() {
        let last = i + 1 == tokens.len();
        let boundary = last || {
            let next = &tokens[i + 1];
            let gap = &text[tokens[i].end..next.start];
            let t = tokens[i].text(text);
            gap.contains('\n')
                || (matches!(t, "." | "!" | "?") && next.shape.has(Shape::INIT_UPPER))
        };
        if boundary {
            out.push(Sentence { first, end: i + 1 });
            first = i + 1;
        }
    }
    out
}
