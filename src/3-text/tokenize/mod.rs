//! Tokens with byte offsets into the original text and shape features.
//!
//! # How text becomes tokens
//!
//! 1. **Separators.** Whitespace (Unicode `White_Space`, so also no-break spaces, `\r\n` and
//!    tabs) plus the invisible U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER and U+FEFF BOM
//!    separate chunks and belong to no token ([`is_separator`]). Every other character is
//!    inside exactly one token.
//! 2. **UAX #29 atoms.** Each chunk is cut into Unicode word segments (UAX #29, through
//!    `unicode-segmentation`; ASCII chunks through an equivalent hand-written scanner that a
//!    property test compares with the crate). This keeps letters with their combining marks,
//!    emoji sequences and flags whole, and keeps `1,000.5`, `U.S`, `Serbia's` together.
//! 3. **News rules** merge and split the atoms (CoNLL-2003 / Penn Treebank conventions):
//!    - Hyphenated words and codes stay whole: `S-400`, `MiG-29`, `Bosnia-Herzegovina`,
//!      `F-16s`, `COVID-19`, `20-30`, `1996-08-22`, and also `Serbian-Russian` and
//!      `pro-Russian` (CoNLL keeps them whole too). An en dash between two words or numbers
//!      counts as a hyphen (`Russian–Serbian`, `1996–97`). The parts stay recoverable:
//!      [`Token::parts`] yields `Serbian` and `Russian` with their own offsets and shapes, and
//!      such tokens carry [`Shape::HAS_HYPHEN`].
//!    - A period between two words or numbers stays inside (`21.JAN.99`, `example.com`), except
//!      where a sentence's space is missing (`Council.In this` → `Council . In`); a final
//!      period stays on initialisms (`U.S.`, `a.m.`, `J.R.R.`), single capital initials
//!      (`J.`), the abbreviations of [`lexicon`] (`Oct.`, `Gen.`, `Inc.`, `Calif.`; `No.` only
//!      before a number), and on list numbers (`1.`, `12.`) that start a line, or that come
//!      before a capitalised word on the same line after a number, `)`, `:` or a capitalised
//!      word other than a month, or after any word when the same line has the neighbouring
//!      item number standing alone within 400 bytes (`… 13.26 seconds 2. Tony Jarrett ( Britain
//!      ) 13.35 3. Florian …`: `3.` follows), so "on February 17. Serbia", "in 2. The" and
//!      "rose to 12. Police" keep a separate period. Otherwise it is its own token. Whether it ends a sentence is the sentence
//!      splitter's decision.
//!    - Clitics are split as in CoNLL: `Serbia 's`, `Serbia ’s`, `do n't`, `ca n't`,
//!      `they 'll`, and the backtick/acute forms seen in scraped text (`Shoygu `s`). Names
//!      such as `O'Brien` and `d'affaires` stay whole.
//!    - Numbers: `1,000.5`, `.500`, `+44`, `-0.5`, `10:30`, `8:22:00`, `1/2`, `1990s`, `29th`
//!      and `1.2bn` are one token each; `$1.2bn` is `$ 1.2bn` and `3.5%` is `3.5 %` (as in
//!      CoNLL); currency prefixes `C$`, `US$`, `HK$` are one token.
//!    - URLs (`http://…`, `www.…`), e-mail addresses, `@handles` and `#hashtags` are one
//!      token each, without trailing sentence punctuation.
//!    - A footnote marker glued to the text before it (`said.[1]`) is one token, not a number.
//!    - Runs of the same punctuation are one token: `...`, `--`, `!!`, `?!`, `**`; quotes,
//!      brackets and em dashes are single tokens.
//! 4. **Shape** ([`Shape::of`]) is computed once per token, by an ASCII fast path that gives
//!    the same flags. `Shape::of` keeps its meaning (the tagger hashes its bits as features);
//!    coarser classes (abbreviation, clitic, quote, URL, list number, …) come from
//!    [`Token::kind`] / [`TokenKind::of`], derived from the text on demand.
//!
//! Unpaired UTF-16 surrogates from JavaScript arrive as U+FFFD (see [`crate::input`]); it is
//! an ordinary symbol here and becomes a one-character token of its own.

mod atoms;
pub mod lexicon;

use atoms::{ascii_atoms, missing_space, split_missing_spaces, unicode_atoms, Atom};
use lexicon::{abbrev_class, clitic_suffix, is_apostrophe, AbbrevClass};

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

    /// The hyphen-separated parts of a hyphenated token (`Serbian-Russian` → `Serbian`,
    /// `Russian`; `S-400` → `S`, `400`), each with its own offsets and shape. Hyphens are
    /// `-`, U+2010, U+2011 and the en dash U+2013. A token without an inner hyphen yields
    /// itself once.
    pub fn parts<'t>(&self, text: &'t str) -> impl Iterator<Item = Token> + 't {
        let base = self.start;
        let s = self.text(text);
        let whole = *self;
        let has_inner = s
            .char_indices()
            .any(|(i, c)| is_hyphen(c) && i > 0 && i + c.len_utf8() < s.len());
        let mut pieces = Vec::new();
        if has_inner {
            let mut from = 0;
            for (i, c) in s.char_indices() {
                if is_hyphen(c) {
                    if i > from {
                        pieces.push((from, i));
                    }
                    from = i + c.len_utf8();
                }
            }
            if from < s.len() {
                pieces.push((from, s.len()));
            }
        }
        let single = (!has_inner).then_some(whole);
        single
            .into_iter()
            .chain(pieces.into_iter().map(move |(a, b)| Token {
                start: base + a,
                end: base + b,
                shape: Shape::of(&s[a..b]),
            }))
    }

    /// What kind of token this is (derived from its text; cheap).
    pub fn kind(&self, text: &str) -> TokenKind {
        TokenKind::of(self.text(text))
    }
}

/// Hyphen characters that join words inside a token.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// Characters that separate tokens and belong to none: Unicode `White_Space` plus zero width
/// space, word joiner and byte order mark.
pub fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Characters that end a line: LF, CR, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The lines of `text`, each with its line break ([`is_line_break`]; CR LF is one break), so
/// that the pieces join to `text`. Copy with CR-only line ends (old Mac, some CMS exports)
/// splits into lines as LF copy does.
pub fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = match rest.char_indices().find(|&(_, c)| is_line_break(c)) {
            Some((i, '\r')) if rest[i + 1..].starts_with('\n') => i + 2,
            Some((i, c)) => i + c.len_utf8(),
            None => rest.len(),
        };
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// Quotation marks (straight, curly, guillemets, low-9, backtick).
pub fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{2039}'
            | '\u{203A}'
    )
}

/// Coarse token classes, derived from the token text by [`TokenKind::of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (and digits) not starting with a digit: `Serbia`, `MiG-29`, `O'Brien`.
    Word,
    /// Starts with a digit or a signed digit: `1,000.5`, `29th`, `+44`, `10:30`, `20-30`.
    Number,
    /// A word with its period: `U.S.`, `Gen.`, `J.`.
    Abbreviation,
    /// A list number with its period at the start of an item: `1.`, `12.`.
    ListMarker,
    /// A split-off clitic: `'s`, `’s`, `n't`, `'ll`, `` `s ``.
    Clitic,
    /// Quotation marks: `"`, `“`, `”`, `‘`, `’`, `'`, `«`, `»`, ` `` `.
    Quote,
    /// Dashes and hyphens standing alone: `-`, `--`, `–`, `—`.
    Dash,
    /// `...`, `..`, `…`.
    Ellipsis,
    /// `.`, `!`, `?` and runs of `!`/`?`.
    Terminal,
    /// `http://…`, `www.…`.
    Url,
    /// `name@example.com`.
    Email,
    /// `@handle`.
    Handle,
    /// `#hashtag`.
    Hashtag,
    /// Any other punctuation or symbol: `,`, `(`, `$`, `%`, emoji.
    Punct,
}

impl TokenKind {
    /// Classifies a token text.
    pub fn of(t: &str) -> TokenKind {
        if t.bytes().all(|b| b.is_ascii_alphabetic()) && !t.is_empty() {
            return TokenKind::Word;
        }
        let mut chars = t.chars();
        let Some(first) = chars.next() else {
            return TokenKind::Punct;
        };
        let second = chars.next();
        if first == '[' && t.ends_with(']') {
            return TokenKind::Punct; // a footnote marker: "[1]"
        }
        let alnum = t.chars().any(char::is_alphanumeric);
        if alnum {
            if (first == '@' || first == '#') && second.is_some_and(char::is_alphanumeric) {
                return if first == '@' {
                    TokenKind::Handle
                } else {
                    TokenKind::Hashtag
                };
            }
            if crate::vocab::find::contains(t, "://")
                || t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."))
            {
                return TokenKind::Url;
            }
            if t.contains('@') && first.is_alphanumeric() {
                return TokenKind::Email;
            }
            if is_clitic(t) {
                return TokenKind::Clitic;
            }
            if let Some(w) = t.strip_suffix('.') {
                if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) {
                    return TokenKind::ListMarker;
                }
                if !w.ends_with('.') || w.contains(char::is_alphabetic) {
                    return TokenKind::Abbreviation;
                }
            }
            let signed = matches!(first, '+' | '-' | '\u{2212}' | '.' | '\u{00B1}')
                && second.is_some_and(|c| c.is_numeric());
            if first.is_numeric() || signed {
                return TokenKind::Number;
            }
            return TokenKind::Word;
        }
        if t.chars().all(is_quote) {
            TokenKind::Quote
        } else if t
            .chars()
            .all(|c| is_hyphen(c) || matches!(c, '\u{2012}' | '\u{2014}' | '\u{2015}'))
        {
            TokenKind::Dash
        } else if t == "\u{2026}" || (t.len() >= 2 && t.bytes().all(|b| b == b'.')) {
            TokenKind::Ellipsis
        } else if t == "." || t.bytes().all(|b| b == b'!' || b == b'?') {
            TokenKind::Terminal
        } else {
            TokenKind::Punct
        }
    }
}

/// Whether `t` is exactly a clitic: `'s`, `'S`, `’s`, `'m`, `'d`, `'re`, `'ve`, `'ll`,
/// `n't`, `n’t`, `` `s ``.
pub fn is_clitic(t: &str) -> bool {
    let mut cs = t.chars();
    match cs.next() {
        Some(a) if is_apostrophe(a) => {
            let rest = cs.as_str();
            ["s", "m", "d", "re", "ve", "ll"]
                .iter()
                .any(|c| rest.eq_ignore_ascii_case(c))
        }
        Some('n' | 'N') => {
            let (Some(a), Some(t2), None) = (cs.next(), cs.next(), cs.next()) else {
                return false;
            };
            is_apostrophe(a) && matches!(t2, 't' | 'T')
        }
        _ => false,
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
        if word.is_ascii() {
            return Self::of_ascii(word.as_bytes());
        }
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
        Self::finish(f, upper, lower, digit, alpha, other)
    }

    /// [`Shape::of`] for ASCII text (the same flags, without decoding characters).
    fn of_ascii(word: &[u8]) -> Shape {
        let mut acc = 0u8;
        let mut ups = 0u32;
        for &b in word {
            let c = BYTE_BITS[b as usize];
            acc |= c;
            ups += u32::from(c & B_UPPER);
        }
        Self::from_bits(acc, ups, word.first().copied().unwrap_or(0))
    }

    /// The flags of an ASCII word from the OR of its [`BYTE_BITS`], its number of capitals and
    /// its first byte (the same result as [`Shape::of`]).
    #[inline]
    fn from_bits(acc: u8, ups: u32, first: u8) -> Shape {
        let mut f = 0u16;
        if acc & B_HYPHEN != 0 {
            f |= Self::HAS_HYPHEN;
        }
        if acc & B_PERIOD != 0 {
            f |= Self::HAS_PERIOD;
        }
        if acc & B_APOS != 0 {
            f |= Self::HAS_APOSTROPHE;
        }
        if first.is_ascii_uppercase() {
            f |= Self::INIT_UPPER;
        }
        let (upper, lower) = (acc & B_UPPER != 0, acc & B_LOWER != 0);
        let (digit, other) = (acc & B_DIGIT != 0, acc & B_OTHER != 0);
        Self::finish(
            f,
            ups as usize,
            usize::from(lower),
            usize::from(digit),
            usize::from(upper || lower),
            usize::from(other),
        )
    }

    #[inline]
    fn finish(
        mut f: u16,
        upper: usize,
        lower: usize,
        digit: usize,
        alpha: usize,
        other: usize,
    ) -> Shape {
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

// Per-byte class bits for the ASCII paths: shape features and separators.
const B_UPPER: u8 = 1;
const B_LOWER: u8 = 2;
const B_DIGIT: u8 = 4;
const B_OTHER: u8 = 8;
const B_HYPHEN: u8 = 16;
const B_PERIOD: u8 = 32;
const B_APOS: u8 = 64;
/// ASCII whitespace; also set, with every other bit, on bytes >= 0x80 (handled separately).
const B_SPACE: u8 = 128;

const fn byte_bits() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b >= 0x80 {
            0xFF
        } else if b.is_ascii_uppercase() {
            B_UPPER
        } else if b.is_ascii_lowercase() {
            B_LOWER
        } else if b.is_ascii_digit() {
            B_DIGIT
        } else if matches!(b, b'\t'..=b'\r' | b' ') {
            B_SPACE
        } else {
            B_OTHER
                | match b {
                    b'-' => B_HYPHEN,
                    b'.' => B_PERIOD,
                    b'\'' => B_APOS,
                    _ => 0,
                }
        };
        i += 1;
    }
    t
}

static BYTE_BITS: [u8; 256] = byte_bits();

/// ASCII bytes that are `White_Space`: TAB, LF, VT, FF, CR, SPACE.
#[inline]
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Splits `text` into tokens, in order, never overlapping, skipping separators (see the
/// module documentation for the rules).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut t = Tokenizer {
        text,
        bytes: text.as_bytes(),
        atoms: Vec::with_capacity(32),
        out: Vec::with_capacity(text.len() / 5 + 1),
    };
    t.run();
    t.out
}

struct Tokenizer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    atoms: Vec<Atom>,
    out: Vec<Token>,
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

impl Tokenizer<'_> {
    fn run(&mut self) {
        let (text, b) = (self.text, self.bytes);
        let n = b.len();
        let mut i = 0;
        let mut line_start = true;
        while i < n {
            let c = b[i];
            if c < 0x80 {
                if ascii_space(c) {
                    line_start |= c != b' ' && c != b'\t';
                    i += 1;
                    continue;
                }
            } else {
                let ch = char_at(text, i);
                if is_separator(ch) {
                    line_start |= is_line_break(ch);
                    i += ch.len_utf8();
                    continue;
                }
            }
            // A chunk: everything up to the next separator. Shape bits are gathered on the
            // way for the common case of a plain ASCII word.
            let start = i;
            let mut ascii = true;
            let mut acc = 0u8;
            let mut ups = 0u32;
            let mut acc_before_last = 0u8;
            while i < n {
                let c = BYTE_BITS[b[i] as usize];
                if c & B_SPACE == 0 {
                    acc_before_last = acc;
                    acc |= c;
                    ups += u32::from(c & B_UPPER);
                    i += 1;
                } else if b[i] < 0x80 {
                    break;
                } else {
                    let ch = char_at(text, i);
                    if is_separator(ch) {
                        break;
                    }
                    ascii = false;
                    i += ch.len_utf8();
                }
            }
            let letters = |a: u8| a & !(B_UPPER | B_LOWER) == 0;
            if ascii && letters(acc) {
                // Fast path: a plain ASCII word.
                self.out.push(Token {
                    start,
                    end: i,
                    shape: Shape::from_bits(acc, ups, b[start]),
                });
            } else if ascii
                && i - start >= 2
                && letters(acc_before_last)
                && matches!(b[i - 1], b',' | b';' | b':' | b')' | b'?' | b'!')
            {
                // Fast path: a plain ASCII word and a comma (or the like).
                self.out.push(Token {
                    start,
                    end: i - 1,
                    shape: Shape::from_bits(acc_before_last, ups, b[start]),
                });
                self.push(i - 1, i);
            } else {
                self.chunk(start, i, ascii, line_start);
            }
            line_start = false;
        }
    }

    fn push(&mut self, start: usize, end: usize) {
        let shape = Shape::of(&self.text[start..end]);
        self.out.push(Token { start, end, shape });
    }

    /// First character after `end` that is not a separator, on the same line.
    fn next_char_after(&self, end: usize) -> Option<char> {
        self.text[end..]
            .chars()
            .find(|&c| !is_separator(c) || is_line_break(c))
            .filter(|&c| !is_line_break(c))
    }

    /// Whether the token before a mid-line `12.` makes it a list number: a number, `)` or `:`
    /// (an item after an item), or a capitalised word that is not a month ("seconds 2." and
    /// "February 17." end sentences instead).
    fn list_context(&self) -> bool {
        let Some(prev) = self.out.last() else {
            return false;
        };
        let t = prev.text(self.text);
        let s = prev.shape;
        if s.has(Shape::HAS_DIGIT) && !s.has(Shape::HAS_ALPHA) || t == ")" || t == ":" {
            return true;
        }
        s.has(Shape::INIT_UPPER | Shape::HAS_ALPHA) && !lexicon::is_month_name(t)
    }

    fn chunk(&mut self, start: usize, end: usize, ascii: bool, line_start: bool) {
        let mut atoms = std::mem::take(&mut self.atoms);
        atoms.clear();
        if ascii {
            ascii_atoms(self.bytes, start, end, &mut atoms);
        } else {
            unicode_atoms(self.text, start, end, &mut atoms);
        }
        if self.bytes[start..end].contains(&b'.') {
            split_missing_spaces(self.text, &mut atoms);
        }
        // URLs and e-mail addresses are only looked for in chunks with "@", "://" or "www.".
        let chunk = &self.bytes[start..end];
        let mut web = false;
        for (k, &c) in chunk.iter().enumerate() {
            web |= match c {
                b'@' => true,
                b':' => chunk[k + 1..].starts_with(b"//"),
                b'.' => k >= 3 && chunk[k - 3..k].eq_ignore_ascii_case(b"www"),
                _ => false,
            };
        }
        let a = &atoms[..];
        let n = a.len();
        let mut k = 0;
        while k < n {
            k = self.token_at(a, k, start, end, line_start, web);
        }
        self.atoms = atoms;
    }

    /// Emits the token starting at atom `k` (ending at least at byte `end`, rounded up to an
    /// atom boundary) and returns the index of the next atom.
    fn emit_to(&mut self, a: &[Atom], k: usize, end: usize) -> usize {
        let mut kk = k + 1;
        while kk < a.len() && a[kk].start < end {
            kk += 1;
        }
        self.push(a[k].start, a[kk - 1].end);
        kk
    }

    fn token_at(
        &mut self,
        a: &[Atom],
        k: usize,
        chunk_start: usize,
        chunk_end: usize,
        line_start: bool,
        web: bool,
    ) -> usize {
        let n = a.len();
        let at = a[k];
        let after_non_word = k == 0 || !a[k - 1].word;
        let next = a.get(k + 1);

        if web && at.word && after_non_word {
            if let Some(e) = self.url_end(at.start, chunk_end) {
                return self.emit_to(a, k, e);
            }
            if let Some(e) = self.email_end(at.start, chunk_end) {
                return self.emit_to(a, k, e);
            }
        }

        // Where a word-like token begins: at a word atom, or at a sign / leading decimal
        // point / @ / # directly before one.
        let mut j = k;
        if !at.word {
            let next_word = next.is_some_and(|x| x.word);
            let next_digit = next.is_some_and(|x| x.word && x.digit_start);
            match at.ch {
                '+' | '-' | '\u{2212}' | '\u{00B1}' | '.' if next_digit && after_non_word => {
                    j = k + 1;
                }
                // A clitic already standing alone: "Germany 's", "we 're".
                c if is_apostrophe(c)
                    && next_word
                    && a.get(k + 2).is_none_or(|z| !z.word)
                    && is_clitic(&self.text[at.start..a[k + 1].end]) =>
                {
                    return self.emit_to(a, k, a[k + 1].end);
                }
                // A footnote marker glued to the text before it: "said.[1]", "forces[12]".
                '[' if k > 0
                    && next_digit
                    && a[k + 1].end - a[k + 1].start <= 3
                    && self.bytes[a[k + 1].start..a[k + 1].end]
                        .iter()
                        .all(u8::is_ascii_digit)
                    && a.get(k + 2).is_some_and(|z| z.ch == ']') =>
                {
                    return self.emit_to(a, k, a[k + 2].end);
                }
                '@' | '#' if next_word && after_non_word => {
                    // @handle, #hashtag: the sign and one word segment.
                    return self.emit_to(a, k, a[k + 1].end);
                }
                c if is_run_char(c) => {
                    let mut e = k;
                    while e + 1 < n && same_run(c, a[e + 1].ch) {
                        e += 1;
                    }
                    self.push(at.start, a[e].end);
                    return e + 1;
                }
                _ => {
                    self.push(at.start, at.end);
                    return k + 1;
                }
            }
        }

        // Currency prefix: C$, US$, HK$.
        if j == k && a.get(k + 1).is_some_and(|x| x.ch == '$') {
            let w = &self.bytes[at.start..at.end];
            if w.len() <= 3 && w.iter().all(u8::is_ascii_uppercase) {
                self.push(at.start, a[k + 1].end);
                return k + 2;
            }
        }

        let tok_start = a[k].start;
        loop {
            // Joins across hyphens, inner periods, time/score colons, fractions, ampersands.
            while let (Some(x), Some(y)) = (a.get(j + 1), a.get(j + 2)) {
                if !y.word {
                    break;
                }
                let join = match x.ch {
                    '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' => true,
                    // "Council.In this": a missing space after a sentence's period.
                    '.' => {
                        !missing_space(&self.text[a[j].start..a[j].end], &self.text[y.start..y.end])
                    }
                    ':' => a[j].digit_end && y.digit_start,
                    '/' => a[j].digit_end && a[j].digit_start && y.digit_start,
                    '&' => {
                        self.bytes[a[j].start].is_ascii_uppercase()
                            && self.bytes[y.start].is_ascii_uppercase()
                    }
                    _ => false,
                };
                if !join {
                    break;
                }
                j += 2;
            }
            // A final period that belongs to the word.
            let period = a.get(j + 1).is_some_and(|x| x.ch == '.')
                && a.get(j + 2).is_none_or(|x| x.ch != '.');
            if period && a[j].word {
                let word = &self.text[tok_start..a[j].end];
                let last = j + 2 == n;
                if self.keeps_period(
                    word,
                    tok_start == chunk_start && last,
                    line_start,
                    chunk_end,
                ) {
                    j += 1;
                    // "U.S.-led": go on joining after the period.
                    if a.get(j + 1).is_some_and(|x| is_hyphen(x.ch))
                        && a.get(j + 2).is_some_and(|y| y.word)
                    {
                        j += 2;
                        continue;
                    }
                }
            }
            break;
        }
        let mut end = a[j].end;

        if a[j].word {
            // Clitics inside the last segment: Serbia's, don't, Serbia’s.
            if a[j].ch == '\0' {
                let word = &self.text[tok_start..end];
                if let Some(len) = clitic_suffix(word) {
                    if len < word.len() {
                        self.push(tok_start, end - len);
                        self.push(end - len, end);
                        return j + 1;
                    }
                }
            }
            // Backtick or acute accent as apostrophe: Shoygu`s.
            if let (Some(x), Some(y)) = (a.get(j + 1), a.get(j + 2)) {
                if matches!(x.ch, '`' | '\u{00B4}')
                    && matches!(y.ch, 's' | 'S')
                    && a.get(j + 3).is_none_or(|z| !z.word)
                {
                    self.push(tok_start, end);
                    self.push(x.start, y.end);
                    return j + 3;
                }
            }
            // A hyphen ending the chunk stays on its word ("pre-", "6-"); so does a plus after
            // capitals (credit ratings "AA+") and an equals sign after a rank ("10=", tied).
            let w = &self.bytes[a[j].start..a[j].end];
            let joins_last = match a.get(j + 1).map(|x| x.ch) {
                Some('-') => true,
                Some('+') => w.iter().all(u8::is_ascii_uppercase),
                Some('=') => w.iter().all(u8::is_ascii_digit) && tok_start == a[j].start,
                _ => false,
            };
            if j + 2 == n && joins_last {
                end = a[j + 1].end;
                j += 1;
            }
        }
        self.push(tok_start, end);
        j + 1
    }

    /// Whether a period after `word` belongs to it.
    fn keeps_period(
        &self,
        word: &str,
        whole_chunk: bool,
        line_start: bool,
        chunk_end: usize,
    ) -> bool {
        let bytes = word.as_bytes();
        // List numbers: "1." alone at the start of a line or before a capitalised word.
        if whole_chunk && (1..=2).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_digit) {
            return line_start
                || (self
                    .next_char_after(chunk_end)
                    .is_some_and(char::is_uppercase)
                    && (self.list_context()
                        || numbered_neighbour(self.text, chunk_end - bytes.len() - 1, chunk_end)));
        }
        // After a hyphen only the last part counts: "Iraq-U.N.", "then-U.S.".
        let word = match word.char_indices().rev().find(|&(_, c)| is_hyphen(c)) {
            Some((h, c)) if h + c.len_utf8() < word.len() => &word[h + c.len_utf8()..],
            _ => word,
        };
        let mut chars = word.chars();
        let first = chars.next().unwrap_or('\0');
        // A reference before its number, even of one letter: "p. 55".
        if abbrev_class(word) == Some(AbbrevClass::BeforeNumber) {
            return self
                .next_char_after(chunk_end)
                .is_some_and(|c| c.is_ascii_digit());
        }
        // Single capital initial: "J." (any script).
        if chars.next().is_none() {
            return first.is_uppercase();
        }
        // Initialisms: U.S, a.m, J.R.R, Ph.D (letters in groups of at most three).
        if word.contains('.')
            && word.split('.').all(|seg| {
                !seg.is_empty() && seg.chars().count() <= 3 && seg.chars().all(char::is_alphabetic)
            })
        {
            return true;
        }
        match abbrev_class(word) {
            Some(AbbrevClass::BeforeNumber) => self
                .next_char_after(chunk_end)
                .is_some_and(|c| c.is_ascii_digit()),
            Some(_) => true,
            None => false,
        }
    }

    /// End of a URL starting at `start`, without trailing punctuation.
    fn url_end(&self, start: usize, chunk_end: usize) -> Option<usize> {
        let s = &self.text[start..chunk_end];
        let prefixed = ["http://", "https://", "ftp://", "www."].iter().any(|p| {
            s.len() > p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        });
        if !prefixed {
            return None;
        }
        Some(start + trim_trailing_punct(s).len())
    }

    /// End of an e-mail address starting at `start`.
    fn email_end(&self, start: usize, chunk_end: usize) -> Option<usize> {
        let s = &self.bytes[start..chunk_end];
        let local = s
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
            .count();
        if local == 0 || s.get(local) != Some(&b'@') {
            return None;
        }
        let dom = &s[local + 1..];
        let mut len = dom
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            .count();
        while len > 0 && matches!(dom[len - 1], b'.' | b'-') {
            len -= 1;
        }
        let domain = &dom[..len];
        if domain.first().is_some_and(u8::is_ascii_alphanumeric) && domain.contains(&b'.') {
            Some(start + local + 1 + len)
        } else {
            None
        }
    }
}

/// Whether the item number `N.` at `start..end` (digits and a period) has a neighbour in a
/// numbered list on the same line: `N+1.` within the next 400 bytes or `N-1.` within the 400
/// before, each standing alone between whitespace. Results tables run on without line breaks
/// ("… 13.26 seconds 2. Tony Jarrett ( Britain ) 13.35 3. Florian …"), where the word before
/// the number alone would read "seconds 2." as a sentence end.
fn numbered_neighbour(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let Some(n) = item_number(&b[start..end]) else {
        return false;
    };
    let mut hi = (end + 400).min(b.len());
    if let Some(k) = b[end..hi].iter().position(|&c| c == b'\n' || c == b'\r') {
        hi = end + k;
    }
    let mut lo = start.saturating_sub(400);
    if let Some(k) = b[lo..start].iter().rposition(|&c| c == b'\n' || c == b'\r') {
        lo += k + 1;
    }
    let has = |window: &[u8], want: u32| {
        window
            .split(u8::is_ascii_whitespace)
            .any(|w| item_number(w) == Some(want))
    };
    has(&b[end..hi], n + 1) || (n > 1 && has(&b[lo..start], n - 1))
}

/// `12.` → 12: one or two ASCII digits and a period.
fn item_number(w: &[u8]) -> Option<u32> {
    match w {
        [d @ .., b'.'] if (1..=2).contains(&d.len()) && d.iter().all(u8::is_ascii_digit) => {
            Some(d.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0')))
        }
        _ => None,
    }
}

/// Strips closing punctuation from the end of a URL; a `)` stays when the URL opened one.
fn trim_trailing_punct(s: &str) -> &str {
    let mut s = s;
    while let Some(c) = s.chars().next_back() {
        let strip = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | ']' | '}' | '>' => true,
            ')' => s.matches('(').count() < s.matches(')').count(),
            c => is_quote(c),
        };
        if !strip {
            break;
        }
        s = &s[..s.len() - c.len_utf8()];
    }
    s
}

/// Punctuation whose runs form one token: `...`, `--`, `!!`, `?!`, `**`, `==`, `__`, ` `` `,
/// `''`, `——`.
fn is_run_char(c: char) -> bool {
    matches!(
        c,
        '.' | '-'
            | '*'
            | '='
            | '!'
            | '?'
            | '~'
            | '_'
            | '`'
            | '\''
            | '#'
            | '+'
            | '\u{2014}'
            | '\u{2015}'
    )
}

fn same_run(c: char, d: char) -> bool {
    c == d || (matches!(c, '!' | '?') && matches!(d, '!' | '?'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_inclusive_splits_at_every_line_break_and_joins_back() {
        let text = "a\nb\r\nc\rd\u{2028}e\u{85}\r\n\rf";
        let got: Vec<&str> = super::lines_inclusive(text).collect();
        assert_eq!(
            got,
            [
                "a\n",
                "b\r\n",
                "c\r",
                "d\u{2028}",
                "e\u{85}",
                "\r\n",
                "\r",
                "f"
            ],
            "CR LF is one break; every other line break ends a line"
        );
        assert_eq!(got.concat(), text, "the pieces join back to the text");
        assert_eq!(super::lines_inclusive("").count(), 0);
    }
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn news_rules_in_brief() {
        assert_eq!(
            toks("Serbia’s S-400, don't go; U.S.-led 1,000.5 $1.2bn 3.5% 10:30."),
            [
                "Serbia", "’s", "S-400", ",", "do", "n't", "go", ";", "U.S.-led", "1,000.5", "$",
                "1.2bn", "3.5", "%", "10:30", "."
            ]
        );
    }

    #[test]
    fn item_numbers_of_a_results_line_keep_their_period() {
        let line = "Men 's mile 1. Noureddine Morceli ( Algeria ) 3 minutes 49.09 seconds 2. \
                    Venuste Niyongabo ( Burundi ) 3:51.01 3. William Tanui ( Kenya ) 3:51.40";
        let t = toks(line);
        for item in ["1.", "2.", "3."] {
            assert!(
                t.contains(&item),
                "{item} is an item number (its neighbour follows or precedes on the line): {t:?}"
            );
        }
        // The last item, with only its predecessor on the line.
        assert!(toks("seconds 7. Ato Boldon 20.12 metres 8. Jack Pierce").contains(&"8."));
        // Prose: a number ending a sentence keeps a separate period, also when another
        // number follows later on the line, unless it is the next item number.
        assert_eq!(
            toks("The toll rose to 12. Police said 14. More")[4..6],
            ["12", "."],
            "no 13. nearby: a sentence end"
        );
        assert_eq!(toks("votes 1. Then it was 1. Again")[1..3], ["1", "."]);
        // Only the same line counts.
        assert_eq!(toks("seconds 2. Tony\n3. Florian")[1..3], ["2", "."]);
    }

    #[test]
    fn parts_recover_the_words_of_a_hyphenated_token() {
        let s = "pro-Russian";
        let t = tokenize(s);
        assert_eq!(t.len(), 1, "hyphenated words stay one token");
        let parts: Vec<&str> = t[0].parts(s).map(|p| p.text(s)).collect();
        assert_eq!(parts, ["pro", "Russian"]);
        let p: Vec<Token> = tokenize("Serbia")
            .iter()
            .flat_map(|t| t.parts("Serbia"))
            .collect();
        assert_eq!(
            p.len(),
            1,
            "a token without a hyphen is its own single part"
        );
    }
}
