//! Step 1 of tokenization: UAX #29 word segments ("atoms") of one whitespace-free chunk.
//!
//! Non-ASCII chunks go through `unicode-segmentation`'s word bounds. ASCII chunks (nearly
//! all of English news) go through [`ascii_atoms`], a direct implementation of the same
//! UAX #29 rules restricted to ASCII; a property test checks that the two agree on every
//! ASCII string.

use unicode_segmentation::UnicodeSegmentation;

/// One UAX #29 word segment: a byte range of the text plus what the news rules need to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Atom {
    pub start: usize,
    pub end: usize,
    /// Contains at least one letter or digit.
    pub word: bool,
    /// First character is a digit.
    pub digit_start: bool,
    /// Last character is a digit.
    pub digit_end: bool,
    /// The character when the atom is exactly one character, else `'\0'`.
    pub ch: char,
}

// UAX #29 Word_Break values of the ASCII characters that matter.
const OTHER: u8 = 0;
const ALETTER: u8 = 1;
const NUMERIC: u8 = 2;
const EXTEND_NUM_LET: u8 = 3; // _
const MID_LETTER: u8 = 4; // :
const MID_NUM: u8 = 5; // , ;
const MID_NUM_LET: u8 = 6; // .
const SINGLE_QUOTE: u8 = 7; // '

const fn class_table() -> [u8; 128] {
    let mut t = [OTHER; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphabetic() {
            ALETTER
        } else if b.is_ascii_digit() {
            NUMERIC
        } else {
            match b {
                b'_' => EXTEND_NUM_LET,
                b':' => MID_LETTER,
                b',' | b';' => MID_NUM,
                b'.' => MID_NUM_LET,
                b'\'' => SINGLE_QUOTE,
                _ => OTHER,
            }
        };
        i += 1;
    }
    t
}

static CLASS: [u8; 128] = class_table();

#[inline]
fn class(b: u8) -> u8 {
    CLASS[(b & 0x7f) as usize]
}

/// Appends the UAX #29 word segments of `s[start..end]`, which must be ASCII without whitespace.
pub(crate) fn ascii_atoms(s: &[u8], start: usize, end: usize, out: &mut Vec<Atom>) {
    let mut i = start;
    while i < end {
        let c = class(s[i]);
        if matches!(c, ALETTER | NUMERIC | EXTEND_NUM_LET) {
            let mut j = i + 1;
            // `prev` is the class of s[j - 1], always ALetter, Numeric or ExtendNumLet here.
            let mut prev = c;
            let mut has_alnum = c != EXTEND_NUM_LET;
            while j < end {
                let d = class(s[j]);
                if matches!(d, ALETTER | NUMERIC | EXTEND_NUM_LET) {
                    // WB5, WB8, WB9, WB10, WB13a, WB13b.
                    has_alnum |= d != EXTEND_NUM_LET;
                    prev = d;
                    j += 1;
                    continue;
                }
                if j + 1 < end && matches!(d, MID_LETTER | MID_NUM | MID_NUM_LET | SINGLE_QUOTE) {
                    let next = class(s[j + 1]);
                    // WB6/WB7: AHLetter (MidLetter | MidNumLetQ) AHLetter.
                    let letters = prev == ALETTER && next == ALETTER && d != MID_NUM;
                    // WB11/WB12: Numeric (MidNum | MidNumLetQ) Numeric.
                    let numbers = prev == NUMERIC && next == NUMERIC && d != MID_LETTER;
                    if letters || numbers {
                        prev = next;
                        j += 2;
                        continue;
                    }
                }
                break;
            }
            out.push(Atom {
                start: i,
                end: j,
                word: has_alnum,
                digit_start: s[i].is_ascii_digit(),
                digit_end: s[j - 1].is_ascii_digit(),
                ch: if j == i + 1 { s[i] as char } else { '\0' },
            });
            i = j;
        } else {
            out.push(Atom {
                start: i,
                end: i + 1,
                word: false,
                digit_start: false,
                digit_end: false,
                ch: s[i] as char,
            });
            i += 1;
        }
    }
}

/// Appends the UAX #29 word segments of `text[start..end]` (any Unicode, no separators).
pub(crate) fn unicode_atoms(text: &str, start: usize, end: usize, out: &mut Vec<Atom>) {
    for (off, w) in text[start..end].split_word_bound_indices() {
        let mut chars = w.chars();
        let first = chars.next().unwrap_or('\0');
        let single = chars.next().is_none();
        let last = w.chars().next_back().unwrap_or('\0');
        out.push(Atom {
            start: start + off,
            end: start + off + w.len(),
            word: w.chars().any(char::is_alphanumeric),
            digit_start: first.is_numeric(),
            digit_end: last.is_numeric(),
            ch: if single { first } else { '\0' },
        });
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ascii(s: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        ascii_atoms(s.as_bytes(), 0, s.len(), &mut v);
        v.iter().map(|a| (a.start, a.end)).collect()
    }

    fn uax29(s: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        unicode_atoms(s, 0, s.len(), &mut v);
        v.iter().map(|a| (a.start, a.end)).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The ASCII scanner is UAX #29 word segmentation, as unicode-segmentation does it.
        #[test]
        fn ascii_scanner_agrees_with_unicode_segmentation(s in "[!-~]{0,24}") {
            prop_assert_eq!(ascii(&s), uax29(&s), "segments of {:?}", s);
        }

        /// The same, on text dense in the characters the rules care about.
        #[test]
        fn ascii_scanner_agrees_on_mid_characters(s in "[aZ09_.,;:'`-]{0,16}") {
            prop_assert_eq!(ascii(&s), uax29(&s), "segments of {:?}", s);
        }
    }
}

/// Splits word atoms at a period that ends a sentence whose space is missing ("Council.In
/// this", "forces.The"): a run of two letters or more ending in a small letter before it (not
/// an abbreviation of the lexicon: "St.Petersburg" stays), a capitalised word going on in
/// small letters after it. The period becomes an atom of its own.
pub(crate) fn split_missing_spaces(text: &str, atoms: &mut Vec<Atom>) {
    let splits = |a: &Atom| -> Vec<usize> {
        let w = &text[a.start..a.end];
        let mut at = Vec::new();
        for (p, _) in w.match_indices('.') {
            let left = w[..p].rsplit('.').next().unwrap_or("");
            let right = w[p + 1..].split('.').next().unwrap_or("");
            if missing_space(left, right) {
                at.push(a.start + p);
            }
        }
        at
    };
    if !atoms.iter().any(|a| a.word && !splits(a).is_empty()) {
        return;
    }
    let mut out = Vec::with_capacity(atoms.len() + 2);
    for a in atoms.drain(..) {
        let cuts = if a.word { splits(&a) } else { Vec::new() };
        let mut from = a.start;
        for p in cuts {
            out.push(word_atom(text, from, p));
            out.push(Atom {
                start: p,
                end: p + 1,
                word: false,
                digit_start: false,
                digit_end: false,
                ch: '.',
            });
            from = p + 1;
        }
        if from == a.start {
            out.push(a);
        } else {
            out.push(word_atom(text, from, a.end));
        }
    }
    *atoms = out;
}

/// Whether a period between the words `left` and `right` ends a sentence whose space is
/// missing (see [`split_missing_spaces`]).
pub(crate) fn missing_space(left: &str, right: &str) -> bool {
    let mut rc = right.chars();
    left.chars().count() >= 2
        && left.chars().all(char::is_alphabetic)
        && left.chars().last().is_some_and(char::is_lowercase)
        && super::lexicon::abbrev_class(left).is_none()
        && rc.next().is_some_and(char::is_uppercase)
        && rc.next().is_some_and(char::is_lowercase)
        && rc.all(char::is_alphabetic)
}

fn word_atom(text: &str, start: usize, end: usize) -> Atom {
    let w = &text[start..end];
    let mut cs = w.chars();
    let first = cs.next();
    Atom {
        start,
        end,
        word: true,
        digit_start: first.is_some_and(|c| c.is_ascii_digit()),
        digit_end: w.chars().last().is_some_and(|c| c.is_ascii_digit()),
        ch: if cs.next().is_none() {
            first.unwrap_or('\0')
        } else {
            '\0'
        },
    }
}
