//! Feature extraction: every token becomes a short list of hashed feature ids.
//!
//! The same code runs in training and at inference, so the two cannot drift apart. Features are
//! computed from the token texts only (not from the tokenizer's flags), so a change of
//! tokenizer cannot silently change what the model sees for the same words.
//!
//! Groups (each can be switched off for the ablation table, see [`Groups`]):
//! word identity, prefixes/suffixes, word shape, a ±2 window, position in the sentence,
//! capitalization statistics learned from the training text, document-level casing evidence
//! (label-free), gazetteer matches, word clusters learned from unlabeled text
//! (`lexicon::clusters`), and the second-stage non-local features built from a first pass over
//! the whole document (Ratinov & Roth 2009).

use super::tags;
use crate::text::tokenize::Shape;

/// Feature groups, as bits of a `u32`, stored in the model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Groups(pub u32);

impl Groups {
    pub const WORD: u32 = 1 << 0;
    pub const AFFIX: u32 = 1 << 1;
    pub const SHAPE: u32 = 1 << 2;
    pub const WINDOW: u32 = 1 << 3;
    pub const POSITION: u32 = 1 << 4;
    pub const CAPSTATS: u32 = 1 << 5;
    pub const DOCCASE: u32 = 1 << 6;
    // Bit 7 was the gazetteer experiment's features (name lists as features; see
    // model/README.md): retired, never set, and refused in a model file.
    /// Second pass with non-local features from the first pass's labels.
    pub const TWO_STAGE: u32 = 1 << 8;
    /// Context aggregation: the words around the other mentions of the same word in the
    /// document (label-free).
    pub const CONTEXT: u32 = 1 << 9;
    // Bit 10 was the capitalized-run features of an issue #17 experiment (not shipped).
    /// Gazetteer matches (issue #17's second design, see model/README.md): the kind of the
    /// place or nationality name a token is part of, with its position in the name.
    pub const GAZ: u32 = 1 << 11;
    /// Word clusters learned from unlabeled text (issue #17, `lexicon::clusters`): the cluster
    /// and coarse group of the word and of its neighbours.
    pub const CLUSTER: u32 = 1 << 12;
    /// Second stage (issue #17): for a capitalized word, the longest first-pass entity
    /// elsewhere in the document that contains the same word ("Clinton" after "Bill Clinton",
    /// "Lazio" inside "Lazio Rome"): its type, its length and whether it is longer than the
    /// entity the word is in itself, and the word's position in it.
    pub const NL_LONG: u32 = 1 << 13;
    /// Every group this build has.
    pub const ALL: u32 = ((1 << 14) - 1) & !(1 << 7) & !(1 << 10);
    /// Names for the command line (`--without doccase,two-stage`).
    pub const NAMES: [(&'static str, u32); 12] = [
        ("word", Self::WORD),
        ("affix", Self::AFFIX),
        ("shape", Self::SHAPE),
        ("window", Self::WINDOW),
        ("position", Self::POSITION),
        ("capstats", Self::CAPSTATS),
        ("doccase", Self::DOCCASE),
        ("two-stage", Self::TWO_STAGE),
        ("context", Self::CONTEXT),
        ("gaz", Self::GAZ),
        ("cluster", Self::CLUSTER),
        ("nl-long", Self::NL_LONG),
    ];

    pub fn has(self, g: u32) -> bool {
        self.0 & g != 0
    }

    /// Parses a comma-separated list of group names into bits.
    pub fn parse_list(s: &str) -> Result<u32, String> {
        let mut bits = 0;
        for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let Some((_, b)) = Self::NAMES.iter().find(|(n, _)| *n == name) else {
                let known: Vec<_> = Self::NAMES.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown feature group {name:?}; known: {}",
                    known.join(",")
                ));
            };
            bits |= b;
        }
        Ok(bits)
    }

    /// The names of the groups that are on.
    pub fn describe(self) -> String {
        let on: Vec<_> = Self::NAMES
            .iter()
            .filter(|(_, b)| self.has(*b))
            .map(|(n, _)| *n)
            .collect();
        on.join(",")
    }
}

/// Capitalization statistics learned from the training text: for a word form, how often it is
/// written lower-case versus capitalized in mid-sentence.
pub trait CapStats {
    /// The class of the normalized word with hash `norm` (0 = unknown).
    fn class(&self, norm: u64) -> u8;
}

/// A hash map keyed by values that are already hashes: no second hashing.
type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<PassHasher>>;

/// Passes a `u64` key through (keys here are outputs of [`hash_bytes`]).
#[derive(Default)]
struct PassHasher(u64);

impl std::hash::Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(K1);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

// ---------------------------------------------------------------------------------------------
// Hashing. Everything is explicit 64-bit arithmetic, so native and wasm32 give the same ids.

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;

#[inline]
fn fmix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn fnv_step(h: u64, x: u8) -> u64 {
    (h ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// Hash of a byte string.
pub fn hash_bytes(b: &[u8]) -> u64 {
    fmix(b.iter().fold(FNV_OFFSET, |h, &x| fnv_step(h, x)) ^ (b.len() as u64))
}

/// A feature id from a template number and one value. Never 0 (0 marks an empty slot).
#[inline]
pub fn feat(template: u32, a: u64) -> u32 {
    let x = fmix(a ^ u64::from(template).wrapping_mul(K1) ^ K2);
    ((x >> 32) as u32).max(1)
}

#[inline]
fn feat2(template: u32, a: u64, b: u64) -> u32 {
    feat(template, a.rotate_left(23).wrapping_mul(K2) ^ b)
}

#[inline]
fn feat3(template: u32, a: u64, b: u64, c: u64) -> u32 {
    feat(
        template,
        fmix(a.rotate_left(23).wrapping_mul(K2) ^ b).wrapping_add(c.wrapping_mul(K1)),
    )
}

// Template numbers. Changing any of them changes every id: bump the model version.
const T_BIAS: u32 = 1;
const T_WORD: u32 = 2;
const T_NORM: u32 = 3;
const T_PRE: u32 = 4; // + k - 1, k = 1..=4
const T_SUF: u32 = 8; // + k - 1
const T_SHAPE: u32 = 12;
const T_FLAGS: u32 = 13;
const T_NORM_AT: u32 = 14; // + offset slot (4)
const T_SHAPE_AT: u32 = 18; // + offset slot (4)
const T_BIGRAM_L: u32 = 22;
const T_BIGRAM_R: u32 = 23;
const T_SHAPE3: u32 = 24;
const T_PREV_SHAPE: u32 = 25;
const T_SHAPE_NEXT: u32 = 26;
const T_POSITION: u32 = 27;
const T_CAP: u32 = 28;
const T_CAP3: u32 = 29;
const T_DOCCASE: u32 = 30;
// 31 was the retired gazetteer features' template.
const T_S1: u32 = 40;
const T_S1_PREV: u32 = 41;
const T_S1_NEXT: u32 = 42;
const T_NL_MAJ: u32 = 43;
const T_NL_HAS: u32 = 44;
const T_NL_MAJ_S1: u32 = 45;
const T_NL_SPAN: u32 = 46;
const T_NL_MID: u32 = 47;
const T_NL_FIRST: u32 = 48;
const T_NL_LONG: u32 = 49;
const T_AGG_PREV: u32 = 50;
const T_AGG_NEXT: u32 = 51;
const T_S1_WIDE: u32 = 53;
// 60-64 were the capitalized-run features of an issue #17 experiment (not shipped).
const T_GAZ2: u32 = 65;
const T_GAZ2_LEN: u32 = 66;
const T_CL: u32 = 70;
const T_CL_COARSE: u32 = 71;
const T_CL_CASE: u32 = 72;
const T_CL_AT: u32 = 73; // + slot (2: -1, +1)
const T_CL_COARSE_AT: u32 = 75; // + slot (4: -2, -1, +1, +2)

/// A gazetteer name among a document's words: words `first..end`, its [`Kind`] index and
/// whether the form is also a common lower-case word.
///
/// [`Kind`]: crate::mentions::gazetteer::Kind
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    pub first: u32,
    pub end: u32,
    pub kind: u8,
    pub common: bool,
}

/// Longest gazetteer name (in words) tried.
const GAZ_MAX_WORDS: usize = 4;

/// The gazetteer names among a document's words: at each capitalized word, the longest run of
/// up to four words inside its sentence that names an entry; the search goes on after it.
/// Names are keyed by their letters and digits (`gazetteer::normalize`), so punctuation tokens
/// right after a name join its match (`Nice ,` is words 7..9 in the test): the shipped model
/// was trained so; leaving them out was tried and scored lower on dev (model/README.md).
pub fn gazetteer_matches(words: &[&str], sents: &[(usize, usize)]) -> Vec<GazMatch> {
    use crate::mentions::gazetteer::{self, Kind};
    let g = gazetteer::get();
    let mut out = Vec::new();
    for &(a, b) in sents {
        let mut i = a;
        while i < b {
            if !words[i].chars().next().is_some_and(char::is_uppercase) {
                i += 1;
                continue;
            }
            // `g.lookup` of words i..i+k joined by spaces, for each k, walked once.
            let mut best = None;
            let mut walk = g.walk();
            for k in 1..=GAZ_MAX_WORDS.min(b - i) {
                if !walk.push(words[i + k - 1]) {
                    break;
                }
                if let Some(h) = walk.hit() {
                    best = Some((k, h));
                }
            }
            match best {
                Some((k, h)) => {
                    out.push(GazMatch {
                        first: i as u32,
                        end: (i + k) as u32,
                        kind: Kind::ALL
                            .iter()
                            .position(|&x| x == h.entry.kind)
                            .unwrap_or(0) as u8,
                        common: h.common_word,
                    });
                    i += k;
                }
                None => i += 1,
            }
        }
    }
    out
}

const BOS: [u64; 2] = [0x1111_2222_3333_4444, 0x5555_6666_7777_8888];
const EOS: [u64; 2] = [0x9999_aaaa_bbbb_cccc, 0xdddd_eeee_ffff_0001];

/// The normalized form of a word: lower-case, every digit replaced by `0`.
pub fn normalize(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| {
            if b.is_ascii_digit() {
                '0'
            } else {
                b.to_ascii_lowercase() as char
            }
        }));
        return;
    }
    for c in word.chars() {
        if c.is_numeric() {
            out.push('0');
        } else if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
}

/// The collapsed shape of a word: `Sergei` → `Xx`, `U.S.` → `X.X.`, `1996-08-30` → `d-d-d`.
pub fn shape(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        let mut last = 0u8;
        for b in word.bytes() {
            let k = if b.is_ascii_uppercase() {
                b'X'
            } else if b.is_ascii_lowercase() {
                b'x'
            } else if b.is_ascii_digit() {
                b'd'
            } else {
                b
            };
            if k != last {
                out.push(k as char);
                last = k;
            }
        }
        return;
    }
    let mut last = '\0';
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_ascii() {
            c
        } else {
            '*'
        };
        if k != last {
            out.push(k);
            last = k;
        }
    }
}

/// Per-token facts computed once.
#[derive(Debug, Clone, Copy)]
struct Tok {
    word: u64,
    norm: u64,
    shape: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    flags: u16,
    len: u8,
    cap: u8,
    /// Word cluster + 1 and coarse group + 1 (0: not in the lexicon).
    cl: u16,
    clc: u16,
}

impl Tok {
    fn alpha(&self) -> bool {
        self.flags & Shape::HAS_ALPHA != 0
    }
    fn init_upper(&self) -> bool {
        self.flags & Shape::INIT_UPPER != 0
    }
}

fn len_bucket(n: usize) -> u8 {
    match n {
        0..=4 => n as u8,
        5..=7 => 5,
        _ => 6,
    }
}

/// The local (first-stage) features of a document, flattened: token `i`'s ids are
/// `ids[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct DocFeatures {
    pub ids: Vec<u32>,
    pub offsets: Vec<u32>,
    /// Normalized-word hash and shape flags per token, for the second stage.
    norms: Vec<u64>,
    flags: Vec<u16>,
    /// Whether each token starts its sentence or sits in an all-capitals sentence: positions
    /// where capitalization says little.
    weak_case: Vec<bool>,
}

impl DocFeatures {
    pub fn token(&self, i: usize) -> &[u32] {
        &self.ids[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether a sentence of these words is written in capitals (see [`extract`]).
pub fn is_caps_sentence(words: &[&str]) -> bool {
    let toks: Vec<Tok> = words
        .iter()
        .map(|w| Tok {
            word: 0,
            norm: 0,
            shape: 0,
            pre: [0; 4],
            suf: [0; 4],
            flags: Shape::of(w).0,
            len: 0,
            cap: 0,
            cl: 0,
            clc: 0,
        })
        .collect();
    caps_sentence(&toks)
}

/// Whether a sentence is written in capitals (a headline): most of its alphabetic tokens are
/// all upper-case.
fn caps_sentence(toks: &[Tok]) -> bool {
    let (mut alpha, mut upper) = (0, 0);
    for t in toks.iter().filter(|t| t.alpha()) {
        alpha += 1;
        if t.flags & Shape::ALL_UPPER != 0 {
            upper += 1;
        }
    }
    alpha >= 2 && upper * 10 >= alpha * 8
}

/// Extracts the first-stage features of one document.
pub fn extract(
    words: &[&str],
    sents: &[(usize, usize)],
    groups: Groups,
    caps: &dyn CapStats,
    gaz: &[GazMatch],
) -> DocFeatures {
    let mut norm_buf = String::new();
    let mut shape_buf = String::new();
    let mut toks = Vec::with_capacity(words.len());
    for w in words {
        normalize(w, &mut norm_buf);
        shape(w, &mut shape_buf);
        let b = norm_buf.as_bytes();
        let ascii = b.len() == w.len() && w.is_ascii();
        let nchars = if ascii {
            b.len()
        } else {
            norm_buf.chars().count()
        };
        let mut pre = [0u64; 4];
        let mut suf = [0u64; 4];
        // The prefix hashes are states of the whole form's hash on the way (FNV runs left to
        // right): one pass over the bytes gives the form's hash and its prefixes'.
        let mut st = FNV_OFFSET;
        let mut pos = 0;
        if groups.has(Groups::AFFIX) {
            // Byte offsets of the ends of the first 4 and the starts of the last 4 characters.
            let k_max = 4.min(nchars);
            for k in 1..=k_max {
                let (h, t) = if ascii {
                    (k, b.len() - k)
                } else {
                    (
                        norm_buf.char_indices().nth(k).map_or(b.len(), |(i, _)| i),
                        norm_buf
                            .char_indices()
                            .nth_back(k - 1)
                            .map_or(0, |(i, _)| i),
                    )
                };
                while pos < h {
                    st = fnv_step(st, b[pos]);
                    pos += 1;
                }
                pre[k - 1] = fmix(st ^ h as u64);
                suf[k - 1] = hash_bytes(&b[t..]);
            }
        }
        while pos < b.len() {
            st = fnv_step(st, b[pos]);
            pos += 1;
        }
        let norm = fmix(st ^ b.len() as u64);
        let cluster = if !groups.has(Groups::CLUSTER) {
            None
        } else if w.bytes().any(|c| c.is_ascii_digit()) {
            crate::lexicon::clusters::of(w)
        } else {
            // `norm_buf` is the word lower-cased (it has no digit to normalize).
            crate::lexicon::clusters::of_lower(&norm_buf)
        };
        toks.push(Tok {
            word: if w.as_bytes() == b {
                norm
            } else {
                hash_bytes(w.as_bytes())
            },
            norm,
            shape: hash_bytes(shape_buf.as_bytes()),
            pre,
            suf,
            flags: Shape::of(w).0,
            len: len_bucket(nchars),
            cap: if groups.has(Groups::CAPSTATS) {
                caps.class(norm)
            } else {
                0
            },
            cl: cluster.map_or(0, |c| c.fine + 1),
            clc: cluster.map_or(0, |c| u16::from(c.coarse) + 1),
        });
    }

    // Sentence facts and the document-level casing evidence (label-free).
    let mut caps_sent = vec![false; sents.len()];
    let mut first_of = vec![false; words.len()];
    for (k, &(a, b)) in sents.iter().enumerate() {
        caps_sent[k] = caps_sentence(&toks[a..b]);
        if b > a {
            first_of[a] = true;
        }
    }
    let mut doccase: FastMap<u64, u8> = Default::default();
    if groups.has(Groups::DOCCASE) {
        for (k, &(a, b)) in sents.iter().enumerate() {
            if caps_sent[k] {
                continue;
            }
            for (i, t) in toks.iter().enumerate().take(b).skip(a) {
                if !t.alpha() {
                    continue;
                }
                let bit = if t.flags & Shape::ALL_LOWER != 0 || !t.init_upper() {
                    1
                } else if !first_of[i] {
                    2
                } else {
                    0
                };
                *doccase.entry(t.norm).or_default() |= bit;
            }
        }
    }

    let mut out = DocFeatures {
        // (About 36 features a word in news text: room for 40, so that the vector is not copied.)
        ids: Vec::with_capacity(words.len() * 40),
        offsets: Vec::with_capacity(words.len() + 1),
        norms: toks.iter().map(|t| t.norm).collect(),
        flags: toks.iter().map(|t| t.flags).collect(),
        weak_case: vec![false; toks.len()],
    };
    for (k, &(a, b)) in sents.iter().enumerate() {
        for i in a..b {
            out.weak_case[i] = caps_sent[k] || i == a;
        }
    }
    // Context aggregation: for each capitalized word form, the words right before and after
    // each of its mentions, keyed by (form, mention) so each mention can leave out its own.
    // `by_form` lists the mentions sorted by (form, position); `mentions` maps a form to its
    // run in that list.
    let mut by_form: Vec<(u64, u32)> = Vec::new();
    let mut mentions: FastMap<u64, (u32, u32)> = Default::default();
    let mut ctx: Vec<(u64, u64)> = Vec::new(); // (prev, next) per token, 0 = none
    if groups.has(Groups::CONTEXT) {
        ctx = vec![(0, 0); toks.len()];
        for &(a, b) in sents {
            for i in a..b {
                let t = &toks[i];
                if t.alpha() && t.flags & Shape::ALL_LOWER == 0 {
                    by_form.push((t.norm, i as u32));
                    let p = if i > a { toks[i - 1].norm } else { BOS[0] };
                    let n = if i + 1 < b { toks[i + 1].norm } else { EOS[0] };
                    ctx[i] = (p, n);
                }
            }
        }
        crate::vocab::sort::sort(&mut by_form);
        let mut j = 0;
        while j < by_form.len() {
            let form = by_form[j].0;
            let start = j;
            while j < by_form.len() && by_form[j].0 == form {
                j += 1;
            }
            mentions.insert(form, (start as u32, (j - start) as u32));
        }
    }
    // Gazetteer features per token: (token, feature id), sorted.
    let mut gaz_at: Vec<(u32, u32)> = Vec::new();
    if groups.has(Groups::GAZ) {
        for m in gaz
            .iter()
            .filter(|m| m.first < m.end && m.end as usize <= toks.len())
        {
            let n = m.end - m.first;
            for i in m.first..m.end {
                let part = if n == 1 {
                    3
                } else if i == m.first {
                    0
                } else if i + 1 == m.end {
                    2
                } else {
                    1
                };
                let v = u64::from(m.kind) << 4 | part << 1 | u64::from(m.common);
                gaz_at.push((i, feat(T_GAZ2, v)));
                gaz_at.push((i, feat2(T_GAZ2_LEN, v, u64::from(n.min(3)))));
            }
        }
        crate::vocab::sort::sort(&mut gaz_at);
    }
    let mut g = 0;
    let (mut seen_p, mut seen_n): (Vec<u64>, Vec<u64>) = (Vec::new(), Vec::new());
    out.offsets.push(0);
    for (k, &(a, b)) in sents.iter().enumerate() {
        let s = &toks[a..b];
        for j in 0..s.len() {
            let ids = &mut out.ids;
            let t = &s[j];
            let at = |d: isize| -> Option<&Tok> {
                let p = j as isize + d;
                (p >= 0 && (p as usize) < s.len()).then(|| &s[p as usize])
            };
            // Beyond the sentence: the padding symbol for that distance.
            let pad = |d: isize| {
                if d < 0 {
                    BOS[(-d - 1) as usize]
                } else {
                    EOS[(d - 1) as usize]
                }
            };
            let norm_at = |d: isize| at(d).map_or(pad(d), |t| t.norm);
            let shape_at = |d: isize| at(d).map_or(pad(d), |t| t.shape);
            let pos_bits =
                u64::from(j == 0) | u64::from(j + 1 == s.len()) << 1 | u64::from(caps_sent[k]) << 2;
            ids.push(feat(T_BIAS, 0));
            if groups.has(Groups::WORD) {
                ids.push(feat(T_WORD, t.word));
                ids.push(feat(T_NORM, t.norm));
            }
            if groups.has(Groups::AFFIX) && t.alpha() {
                for k in 0..4 {
                    if t.pre[k] != 0 {
                        ids.push(feat(T_PRE + k as u32, t.pre[k]));
                        ids.push(feat(T_SUF + k as u32, t.suf[k]));
                    }
                }
            }
            if groups.has(Groups::SHAPE) {
                ids.push(feat(T_SHAPE, t.shape));
                ids.push(feat(T_FLAGS, u64::from(t.flags) | u64::from(t.len) << 16));
            }
            if groups.has(Groups::WINDOW) {
                for (slot, d) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                    ids.push(feat(T_NORM_AT + slot as u32, norm_at(d)));
                    ids.push(feat(T_SHAPE_AT + slot as u32, shape_at(d)));
                }
                ids.push(feat2(T_BIGRAM_L, norm_at(-1), t.norm));
                ids.push(feat2(T_BIGRAM_R, t.norm, norm_at(1)));
                ids.push(feat3(T_SHAPE3, shape_at(-1), t.shape, shape_at(1)));
                ids.push(feat2(T_PREV_SHAPE, norm_at(-1), t.shape));
                ids.push(feat2(T_SHAPE_NEXT, t.shape, norm_at(1)));
            }
            if groups.has(Groups::POSITION) {
                ids.push(feat2(T_POSITION, pos_bits, t.shape));
            }
            if groups.has(Groups::CAPSTATS) {
                let cap = |d: isize| at(d).map_or(99, |t| u64::from(t.cap));
                ids.push(feat2(
                    T_CAP,
                    u64::from(t.cap),
                    pos_bits | u64::from(t.flags) << 8,
                ));
                ids.push(feat3(T_CAP3, cap(-1), cap(0), cap(1)));
            }
            if groups.has(Groups::DOCCASE) && t.alpha() {
                let seen = u64::from(doccase.get(&t.norm).copied().unwrap_or(0));
                let up =
                    u64::from(t.init_upper()) | u64::from(t.flags & Shape::ALL_UPPER != 0) << 1;
                ids.push(feat(T_DOCCASE, seen | pos_bits << 2 | up << 5));
            }
            if groups.has(Groups::CLUSTER) {
                // Beyond the sentence: a value no cluster has, one per distance (wrapping:
                // `d` is negative before the word).
                let cl_pad = |d: isize| 0x1_0000u64.wrapping_add(d as u64);
                let cl_at = |d: isize| at(d).map_or(cl_pad(d), |t| u64::from(t.cl));
                let clc_at = |d: isize| at(d).map_or(cl_pad(d), |t| u64::from(t.clc));
                ids.push(feat(T_CL, u64::from(t.cl)));
                ids.push(feat(T_CL_COARSE, u64::from(t.clc)));
                let case = u64::from(t.init_upper())
                    | u64::from(t.flags & Shape::ALL_UPPER != 0) << 1
                    | u64::from(j == 0) << 2;
                ids.push(feat2(T_CL_CASE, u64::from(t.cl), case));
                for (slot, d) in [-1isize, 1].into_iter().enumerate() {
                    ids.push(feat(T_CL_AT + slot as u32, cl_at(d)));
                }
                for (slot, d) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                    ids.push(feat(T_CL_COARSE_AT + slot as u32, clc_at(d)));
                }
            }
            let i = a + j;
            while g < gaz_at.len() && (gaz_at[g].0 as usize) < i {
                g += 1;
            }
            while g < gaz_at.len() && gaz_at[g].0 as usize == i {
                ids.push(gaz_at[g].1);
                g += 1;
            }
            if !ctx.is_empty() && ctx[i] != (0, 0) {
                let (start, len) = mentions[&t.norm];
                let others = &by_form[start as usize..(start + len) as usize];
                seen_p.clear();
                seen_n.clear();
                for o in others
                    .iter()
                    .map(|&(_, o)| o as usize)
                    .filter(|&o| o != i)
                    .take(12)
                {
                    let (p, n) = ctx[o];
                    if p != ctx[i].0 && !seen_p.contains(&p) {
                        seen_p.push(p);
                        ids.push(feat(T_AGG_PREV, p));
                    }
                    if n != ctx[i].1 && !seen_n.contains(&n) {
                        seen_n.push(n);
                        ids.push(feat(T_AGG_NEXT, n));
                    }
                }
            }
            out.offsets.push(ids.len() as u32);
        }
    }
    debug_assert_eq!(
        out.len(),
        words.len(),
        "sentences must cover every token in order"
    );
    out
}

/// The position of token `i` in the entity of tokens `f..e`: 0 first, 1 inside, 2 last,
/// 3 alone.
fn part_in(i: usize, f: usize, e: usize) -> u64 {
    if e - f == 1 {
        3
    } else if i == f {
        0
    } else if i + 1 == e {
        2
    } else {
        1
    }
}

/// A first-pass entity that contains a given word (group [`Groups::NL_LONG`]): its first token,
/// its length in tokens (0: none), its type index and the word's position in it
/// ([`part_in`]).
#[derive(Debug, Clone, Copy, Default)]
struct Containing {
    start: usize,
    len: usize,
    ty: usize,
    part: u64,
}

impl Containing {
    /// Longer first, then the earlier one.
    fn beats(&self, other: &Containing) -> bool {
        self.len > other.len || (self.len == other.len && self.start < other.start)
    }
}

/// The second-stage (non-local) features of every token, from the first pass's tags of the
/// whole document: the token's own first-pass tag and its neighbours', and what the first
/// pass said about the other occurrences of the same word in the document, and (group
/// [`Groups::NL_LONG`]) the longest other first-pass entity containing the word.
/// Appends to `ids`/`offsets` in the same layout as [`DocFeatures`].
pub fn extract_nonlocal(
    doc: &DocFeatures,
    groups: Groups,
    sents: &[(usize, usize)],
    s1: &[u8],
    ids: &mut Vec<u32>,
    offsets: &mut Vec<u32>,
) {
    let n = doc.len();
    ids.clear();
    offsets.clear();
    offsets.push(0);
    // Type (0 = O, 1 + type index) of each token in the first pass.
    let ty_of = |t: u8| tags::split(t).map_or(0usize, |(ty, _)| 1 + ty);
    let candidate = |i: usize| {
        let f = doc.flags[i];
        f & Shape::HAS_ALPHA != 0 && f & Shape::ALL_LOWER == 0
    };
    let mut counts: FastMap<u64, [u16; 5]> = Default::default();
    let mut mid: FastMap<u64, [u16; 5]> = Default::default();
    let mut first: FastMap<u64, usize> = Default::default();
    for (i, &t) in s1.iter().enumerate().take(n) {
        if candidate(i) {
            counts.entry(doc.norms[i]).or_default()[ty_of(t)] += 1;
            if !doc.weak_case[i] {
                mid.entry(doc.norms[i]).or_default()[ty_of(t)] += 1;
            }
            first.entry(doc.norms[i]).or_insert(i);
        }
    }
    // Span-level evidence: the first-pass entities, keyed by their words' hashes.
    let mut span_types: FastMap<u64, [u16; 5]> = Default::default();
    let span_key = |a: usize, b: usize| {
        doc.norms[a..b]
            .iter()
            .fold(0x5151u64, |h, &x| fmix(h.wrapping_mul(K1) ^ x))
    };
    let mut sp = Vec::new();
    for &(a, b) in sents {
        for s in tags::spans(&s1[a..b]) {
            let (f, e) = (a + s.first, a + s.end);
            span_types.entry(span_key(f, e)).or_default()[1 + s.ty] += 1;
            sp.push((f, e, s.ty));
        }
    }
    // A token inside a first-pass entity whose exact words were tagged elsewhere in the
    // document: add those other types, with the token's position in the span.
    let mut side: Vec<(usize, u32)> = Vec::new();
    for &(f, e, ty) in &sp {
        let c = span_types[&span_key(f, e)];
        for (k, &v) in c.iter().enumerate().skip(1) {
            let v = if k == 1 + ty { v - 1 } else { v };
            if v == 0 {
                continue;
            }
            for i in f..e {
                let part = part_in(i, f, e);
                side.push((i, feat2(T_NL_SPAN, k as u64, part)));
            }
        }
    }
    crate::vocab::sort::sort(&mut side);
    // For each capitalized word, the two longest first-pass entities containing it (length,
    // then earliest start; two so that a word in the longest one still sees the other), with
    // the word's position in each, and for each token the entity it is in.
    let long = groups.has(Groups::NL_LONG);
    let mut longest: FastMap<u64, [Containing; 2]> = Default::default();
    let mut own_span = vec![(usize::MAX, 0usize); if long { n } else { 0 }];
    if long {
        for &(f, e, ty) in &sp {
            own_span[f..e].fill((f, e - f));
            for i in (f..e).filter(|&i| candidate(i)) {
                let best = longest.entry(doc.norms[i]).or_default();
                if best.iter().any(|b| b.len > 0 && b.start == f) {
                    continue;
                }
                let part = part_in(i, f, e);
                let cand = Containing {
                    start: f,
                    len: e - f,
                    ty,
                    part,
                };
                if cand.beats(&best[0]) {
                    best[1] = best[0];
                    best[0] = cand;
                } else if cand.beats(&best[1]) {
                    best[1] = cand;
                }
            }
        }
    }
    let mut k = 0;
    for &(a, b) in sents {
        for i in a..b {
            let prev = if i > a { u64::from(s1[i - 1]) } else { 99 };
            let next = if i + 1 < b { u64::from(s1[i + 1]) } else { 99 };
            let own = u64::from(s1[i]);
            ids.push(feat(T_S1, own));
            ids.push(feat2(T_S1_PREV, prev, own));
            ids.push(feat2(T_S1_NEXT, own, next));
            let p2 = if i > a + 1 { u64::from(s1[i - 2]) } else { 99 };
            let n2 = if i + 2 < b { u64::from(s1[i + 2]) } else { 99 };
            ids.push(feat3(T_S1_WIDE, p2, own, n2));
            ids.push(feat3(T_S1_WIDE + 100, prev, own, next));
            if candidate(i) {
                let mut c = counts[&doc.norms[i]];
                c[ty_of(s1[i])] -= 1;
                let total: u16 = c.iter().sum();
                if total > 0 {
                    let maj = (0..5).max_by_key(|&k| (c[k], 5 - k)).unwrap_or(0) as u64;
                    ids.push(feat(T_NL_MAJ, maj));
                    ids.push(feat2(T_NL_MAJ_S1, maj, own));
                    for (t, &v) in c.iter().enumerate().skip(1) {
                        if v > 0 {
                            ids.push(feat2(T_NL_HAS, t as u64, u64::from(v * 2 >= total)));
                        }
                    }
                }
            }
            if candidate(i) {
                if let Some(mut c) = mid.get(&doc.norms[i]).copied() {
                    if !doc.weak_case[i] {
                        c[ty_of(s1[i])] -= 1;
                    }
                    let total: u16 = c.iter().sum();
                    if total > 0 {
                        let maj = (0..5).max_by_key(|&k| (c[k], 5 - k)).unwrap_or(0) as u64;
                        ids.push(feat2(T_NL_MID, maj, u64::from(doc.weak_case[i])));
                    }
                }
                let f = first[&doc.norms[i]];
                if f != i {
                    ids.push(feat2(T_NL_FIRST, ty_of(s1[f]) as u64, own));
                }
                if long {
                    if let Some(best) = longest.get(&doc.norms[i]) {
                        let (start, len) = own_span[i];
                        if let Some(o) = best.iter().find(|b| b.len > 0 && b.start != start) {
                            ids.push(feat3(
                                T_NL_LONG,
                                (1 + o.ty as u64) * 4 + o.part,
                                o.len.min(4) as u64,
                                u64::from(o.len > len),
                            ));
                        }
                    }
                }
            }
            while k < side.len() && side[k].0 == i {
                ids.push(side[k].1);
                k += 1;
            }
            offsets.push(ids.len() as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoCaps;
    impl CapStats for NoCaps {
        fn class(&self, _: u64) -> u8 {
            0
        }
    }

    /// The features of `words` (one sentence) with the groups `g`.
    fn ids(words: &[&str], g: u32) -> Vec<Vec<u32>> {
        let d = extract(words, &[(0, words.len())], Groups(g), &NoCaps, &[]);
        (0..d.len()).map(|i| d.token(i).to_vec()).collect()
    }

    /// The second-stage ids of each token of one sentence `words` with first-pass `spans`
    /// (`first, end, type index`), with or without the nl-long group.
    fn nonlocal(words: &[&str], spans: &[(usize, usize, usize)], long: bool) -> Vec<Vec<u32>> {
        let sents = [(0, words.len())];
        let doc = extract(words, &sents, Groups(Groups::WORD), &NoCaps, &[]);
        let spans: Vec<tags::Span> = spans
            .iter()
            .map(|&(first, end, ty)| tags::Span { first, end, ty })
            .collect();
        let s1 = tags::from_spans(words.len(), &spans);
        let g = Groups(Groups::TWO_STAGE | if long { Groups::NL_LONG } else { 0 });
        let (mut ids, mut off) = (Vec::new(), Vec::new());
        extract_nonlocal(&doc, g, &sents, &s1, &mut ids, &mut off);
        (0..words.len())
            .map(|i| ids[off[i] as usize..off[i + 1] as usize].to_vec())
            .collect()
    }

    #[test]
    fn nl_long_sees_the_longest_other_entity_containing_the_word() {
        let (per, org) = (0, 1);
        // The word's position in the other entity: 0 first, 1 inside, 2 last, 3 alone.
        const BEGIN: u64 = 0;
        const LAST: u64 = 2;
        // "Bill Clinton met Clinton Foundation staff ; Clinton said" with the first pass's
        // PER "Bill Clinton", ORG "Clinton Foundation" and a bare "Clinton" left untagged.
        let w = [
            "Bill",
            "Clinton",
            "met",
            "the",
            "Clinton",
            "Foundation",
            "staff",
            ";",
            "Clinton",
            "said",
        ];
        let spans = [(0, 2, per), (4, 6, org)];
        let on = nonlocal(&w, &spans, true);
        let off = nonlocal(&w, &spans, false);
        let added = |i: usize| -> Vec<u32> {
            on[i]
                .iter()
                .filter(|f| !off[i].contains(f))
                .copied()
                .collect()
        };
        // The bare word: the longest entity with "Clinton" (both are 2 long; the earlier,
        // PER, wins), where it is the last word, longer than its own (none).
        let bare = feat3(T_NL_LONG, (1 + per as u64) * 4 + LAST, 2, 1);
        assert_eq!(
            added(8),
            vec![bare],
            "untagged Clinton must see PER Bill Clinton"
        );
        // Inside "Bill Clinton": its own entity is skipped, so it sees the ORG (first word
        // there), not longer.
        assert_eq!(
            added(1),
            vec![feat3(T_NL_LONG, (1 + org as u64) * 4 + BEGIN, 2, 0)]
        );
        // Inside "Clinton Foundation": sees the PER, same length.
        assert_eq!(
            added(4),
            vec![feat3(T_NL_LONG, (1 + per as u64) * 4 + LAST, 2, 0)]
        );
        // Words that occur in no other entity and lower-case words get nothing.
        for i in [0, 2, 3, 5, 6, 7, 9] {
            assert!(
                added(i).is_empty(),
                "token {i} ({}) must get no nl-long feature",
                w[i]
            );
        }
        // Without the group, the other second-stage features are unchanged.
        for i in 0..w.len() {
            assert!(
                off[i].iter().all(|f| on[i].contains(f)),
                "nl-long must only add features, not change the others (token {i})"
            );
        }
    }

    #[test]
    fn cluster_features_generalize_across_words_of_one_cluster() {
        use crate::lexicon::clusters;
        let (m, t) = (clusters::of("Monday"), clusters::of("Tuesday"));
        assert!(m.is_some(), "Monday must be in src/1-lexicon/clusters.tsv");
        let only = Groups::CLUSTER;
        let a = ids(&["on", "Monday", "."], only);
        let b = ids(&["on", "Tuesday", "."], only);
        let shared = a[1].iter().filter(|f| b[1].contains(f)).count();
        if m.map(|c| c.coarse) == t.map(|c| c.coarse) {
            assert!(shared >= 2, "same coarse group: expect the word's coarse feature and the windows to be shared, got {shared}");
        }
        // The window: the word after "on" sees the same neighbour cluster in both.
        assert!(a[0]
            .iter()
            .any(|f| b[0].contains(f) && !ids(&["on"], only)[0].contains(f)));
        // Without the group, no cluster feature.
        assert_eq!(
            ids(&["on", "Monday", "."], Groups::WORD)[1].len(),
            3,
            "bias, word, normalized word only"
        );
        // A word outside the lexicon and one inside differ in the word's cluster feature.
        let z = ids(&["on", "Qxzvbtlkq", "."], only);
        assert_ne!(z[1], a[1]);
        // Near the sentence's edges: no overflow, and distinct padding per side.
        let one = ids(&["Monday"], only);
        assert_eq!(one[0].len(), 1 + 9, "bias and 9 cluster features");
    }
}
