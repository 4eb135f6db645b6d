//! The rules' own lexer: words, numbers and single punctuation characters with byte offsets.
//!
//! A number is a run of ASCII digits with internal `,` or `.` between digits ("1,500.25");
//! a word is a run of letters (with internal apostrophes: "doesn't"); anything else that is
//! not whitespace is one punctuation token. "29th" is a number then a word with no gap.

use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
}

/// One token of the rules' lexer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'t> {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub text: &'t str,
}

impl<'t> Tok<'t> {
    /// Whether this token is the word `w`, ignoring case.
    pub fn is(&self, w: &str) -> bool {
        self.kind == TokKind::Word && self.text.eq_ignore_ascii_case(w)
    }

    /// Whether this token is the punctuation character `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.text.starts_with(c)
    }

    /// The word lower-cased (ASCII), for table look-ups; the token's own text, not a copy,
    /// when it has no capital letter (most words: the rules look words up at every token).
    pub fn lower(&self) -> Lower<'t> {
        Lower(if self.text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(self.text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(self.text)
        })
    }

    /// Whether it starts with a capital letter.
    pub fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// A token's text lower-cased (ASCII): see [`Tok::lower`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lower<'t>(Cow<'t, str>);

impl Lower<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Lower<'_>> for &str {
    fn eq(&self, other: &Lower<'_>) -> bool {
        *self == other.as_str()
    }
}

/// Whether `b` directly follows `a` with no gap.
pub fn adjacent(a: &Tok, b: &Tok) -> bool {
    a.end == b.start
}

/// Splits `text` into tokens.
pub fn lex(text: &str) -> Vec<Tok<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let (kind, end) = if c.is_ascii_digit() {
            let mut end = i + 1;
            while end < bytes.len() {
                let b = bytes[end];
                if b.is_ascii_digit() {
                    end += 1;
                } else if (b == b',' || b == b'.')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
                {
                    end += 2;
                } else {
                    break;
                }
            }
            (TokKind::Number, end)
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            let mut rest = text[end..].chars().peekable();
            while let Some(&d) = rest.peek() {
                let apostrophe = matches!(d, '\'' | '\u{2019}')
                    && text[end + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                if d.is_alphabetic() || apostrophe {
                    end += d.len_utf8();
                    rest.next();
                } else {
                    break;
                }
            }
            (TokKind::Word, end)
        } else {
            (TokKind::Punct, i + c.len_utf8())
        };
        while it.peek().is_some_and(|&(j, _)| j < end) {
            it.next();
        }
        out.push(Tok {
            start: i,
            end,
            kind,
            text: &text[i..end],
        });
    }
    out
}

/// Whether `toks[i]` begins a word of its own: nothing glued before it, or only punctuation
/// other than the `joiners` ("-" joins "X-S-400"; "/" joins "F/A-18").
pub fn starts_word(toks: &[Tok], i: usize, joiners: &[char]) -> bool {
    i == 0
        || !adjacent(&toks[i - 1], &toks[i])
        || toks[i - 1].kind == TokKind::Punct && !joiners.iter().any(|&c| toks[i - 1].is_punct(c))
}

/// Whether a match ending before `toks[end]` ends a word: nothing glued after it, or glued
/// punctuation that is not a joiner going on into another token ("S-400-based").
pub fn ends_word(toks: &[Tok], end: usize, joiners: &[char]) -> bool {
    match toks.get(end) {
        None => true,
        Some(t) => {
            !adjacent(&toks[end - 1], t)
                || t.kind == TokKind::Punct
                    && !(joiners.iter().any(|&c| t.is_punct(c))
                        && toks.get(end + 1).is_some_and(|n| adjacent(t, n)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_words_and_punctuation() {
        let t = lex("$1,500.25 on Oct. 15, the 29th—Vučić's S-400.");
        let got: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            got,
            [
                "$",
                "1,500.25",
                "on",
                "Oct",
                ".",
                "15",
                ",",
                "the",
                "29",
                "th",
                "—",
                "Vučić's",
                "S",
                "-",
                "400",
                "."
            ]
        );
        assert!(adjacent(&t[8], &t[9]), "29th: number then word with no gap");
    }

    #[test]
    fn lower_copies_only_words_with_capitals() {
        let t = lex("october Oct. VUČIĆ");
        assert!(
            matches!(t[0].lower().0, Cow::Borrowed("october")),
            "a lower-case word must be looked up as it is, not copied"
        );
        assert_eq!(t[1].lower(), "oct");
        assert_eq!(t[3].lower(), "vuČiĆ", "ASCII lower-casing only, as before");
    }
}
