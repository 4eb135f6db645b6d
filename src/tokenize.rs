//! Stage 2: tokens with byte offsets into the original text and shape features.
//!
//! (First version: UAX #29 word boundaries without whitespace. The news-specific rules of
//! issue #3 replace it.)

use unicode_segmentation::UnicodeSegmentation;

/// One token: a byte range of the original text plus features computed once here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Casing and character-class features of the token text.
    pub shape: Shape,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Casing and character-class features of a word, as bit flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Shape(pub u16);

impl Shape {
    pub const INIT_UPPER: u16 = 1 << 0;
    pub const ALL_UPPER: u16 = 1 << 1;
    pub const ALL_LOWER: u16 = 1 << 2;
    pub const HAS_DIGIT: u16 = 1 << 3;
    pub const ALL_DIGIT: u16 = 1 << 4;
    pub const HAS_HYPHEN: u16 = 1 << 5;
    pub const HAS_PERIOD: u16 = 1 << 6;
    pub const PUNCT: u16 = 1 << 7;
    pub const HAS_ALPHA: u16 = 1 << 8;
    pub const MIXED_CASE: u16 = 1 << 9;
    pub const HAS_APOSTROPHE: u16 = 1 << 10;

    /// Computes the flags of a word.
    pub fn of(word: &str) -> Shape {
        let (mut upper, mut lower, mut digit, mut alpha, mut other) = (0usize, 0, 0, 0, 0);
        let mut f = 0u16;
        for c in word.chars() {
            if c.is_alphabetic() {
                alpha += 1;
                if c.is_uppercase() {
                    upper += 1;
                } else if c.is_lowercase() {
                    lower += 1;
                }
            } else if c.is_numeric() {
                digit += 1;
            } else {
                other += 1;
                match c {
                    '-' | '\u{2010}' | '\u{2011}' => f |= Self::HAS_HYPHEN,
                    '.' => f |= Self::HAS_PERIOD,
                    '\'' | '\u{2019}' => f |= Self::HAS_APOSTROPHE,
                    _ => {}
                }
            }
        }
        if word.chars().next().is_some_and(char::is_uppercase) {
            f |= Self::INIT_UPPER;
        }
        if upper > 0 && lower == 0 {
            f |= Self::ALL_UPPER;
        }
        if lower > 0 && upper == 0 {
            f |= Self::ALL_LOWER;
        }
        if upper > 1 && lower > 0 {
            f |= Self::MIXED_CASE;
        }
        if digit > 0 {
            f |= Self::HAS_DIGIT;
            if alpha == 0 && other == 0 {
                f |= Self::ALL_DIGIT;
            }
        }
        if alpha > 0 {
            f |= Self::HAS_ALPHA;
        }
        if alpha == 0 && digit == 0 {
            f |= Self::PUNCT;
        }
        Shape(f)
    }

    /// Whether all of `flags` are set.
    pub fn has(self, flags: u16) -> bool {
        self.0 & flags == flags
    }
}

/// Splits `text` into tokens, in order, never overlapping, skipping whitespace.
pub fn tokenize(text: &str) -> Vec<Token> {
    text.split_word_bound_indices()
        .filter(|(_, w)| !w.chars().all(char::is_whitespace))
        .map(|(start, w)| Token {
            start,
            end: start + w.len(),
            shape: Shape::of(w),
        })
        .collect()
}
