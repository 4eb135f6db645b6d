//! Rule 7: learned sentence boundaries for the gaps the rules leave open.
//!
//! After rules 1–6 every gap between two tokens that is not already a boundary (and so lies on
//! one line), has whitespace in it and does not follow sentence punctuation or an abbreviation
//! (there the rules' verdict stands) is scored by a binary averaged perceptron over hashed
//! features: lower-cased, digit-normalized token texts at −2..+2, [`Shape`] flags and
//! [`TokenKind`]s, word classes (number, ISO date, all-caps, title-case, lower-case,
//! punctuation) at −3..+3 in pairs and triples, the punctuation before the gap, the number of
//! tokens since the last boundary (bucketed), how much of that run is numbers (table rows),
//! whether it holds a lower-case word (prose) or only capitals (headlines), the index of the
//! sentence in the text, the run's first word (does the next token repeat it, as in schedules
//! and result lists), and the sentence before the run (its length against the run's, how it
//! began and ended against the tokens at the gap: rows of a table repeat). The gaps are decided
//! left to right, so "since the last boundary" counts the classifier's own boundaries too. The
//! classifier only adds boundaries.
//!
//! Gaps deep inside running prose are not scored at all (see `Gaps::inside_prose`): they are
//! about half of the open gaps in news text and almost never a boundary, so the splitter spends
//! its time on headlines, bylines and tables.
//!
//! The model is trained by `presslens train-sentences` on CoNLL-2003 train (chosen on dev) and
//! embedded from `model/sentences.bin`.
//!
//! ## File format (version 5, little-endian; the frame is `input::model_file`'s)
//!
//! ```text
//! magic    8 bytes  "PLSENTMD"
//! version  u16      5 (version 4 coded the gaps' low bits one adaptive step each; version 3
//!                   stored the key gaps in LEB128 and the weights as bytes; version 2 each
//!                   key as a u32; version 1 hashed differently)
//! count    u32      number of features n
//! thresh   i32      a gap is a boundary when the summed weights exceed this
//! len      var      length of the coded block, in bytes
//! block    len      `input::model_file::range`, adaptive (issue #14): the n feature hashes,
//!                   strictly increasing, each as its difference from the one before (the
//!                   first from 0) through `range::Gaps` (whose low bits take one step for up
//!                   to 16, issue #14); then the n quantized i8 weights,
//!                   each as a byte through an 8-bit `range::BitTree`
//! check    u32      FNV-1a (32-bit) of every byte before it
//! ```

use std::sync::OnceLock;

use super::Sentence;
pub use crate::input::model_file::ModelError;
use crate::input::model_file::{range, FileKind};
use crate::text::tokenize::{Shape, Token, TokenKind};

/// The first eight bytes of a sentence-model file.
pub const MAGIC: &[u8; 8] = b"PLSENTMD";
/// The format version this build reads and writes.
pub const VERSION: u16 = 5;

/// The sentence model's file (`model/sentences.bin`).
pub const FILE: FileKind = FileKind {
    name: "sentence model",
    magic: MAGIC,
    version: VERSION as u32,
    version_bytes: 2,
    retrain: "bash scripts/train-sentences.sh",
};

static EMBEDDED: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/model/sentences.bin"));

/// A boundary classifier: sorted feature hashes with 8-bit weights.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Model {
    keys: Vec<u32>,
    weights: Vec<i8>,
    threshold: i32,
    /// Open-addressing table of a power-of-two size, for lookups: keys and weights in two
    /// arrays (a key array of 4-byte entries keeps more of the table in cache); weight 0
    /// marks an empty slot (zero weights are never stored).
    table: Table,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Table {
    keys: Vec<u32>,
    weights: Vec<i8>,
}

/// Feature ids are already well-mixed hashes: their low bits pick the slot.
fn slot(key: u32, mask: usize) -> usize {
    key as usize & mask
}

fn build_table(keys: &[u32], weights: &[i8]) -> Table {
    if keys.is_empty() {
        return Table::default();
    }
    let size = (keys.len() * 2).next_power_of_two();
    let mask = size - 1;
    let mut table = Table {
        keys: vec![0; size],
        weights: vec![0; size],
    };
    for (&k, &w) in keys.iter().zip(weights) {
        let mut at = slot(k, mask);
        while table.weights[at] != 0 {
            at = (at + 1) & mask;
        }
        table.keys[at] = k;
        table.weights[at] = w;
    }
    table
}

impl Model {
    /// Builds a model from (feature, weight) pairs; zero weights are dropped.
    pub fn new(mut pairs: Vec<(u32, i8)>, threshold: i32) -> Model {
        pairs.retain(|p| p.1 != 0);
        crate::vocab::sort::sort_by_key(&mut pairs, |p| p.0);
        pairs.dedup_by_key(|p| p.0);
        let keys: Vec<u32> = pairs.iter().map(|p| p.0).collect();
        let weights: Vec<i8> = pairs.iter().map(|p| p.1).collect();
        Model {
            table: build_table(&keys, &weights),
            keys,
            weights,
            threshold,
        }
    }

    /// Number of features with a weight.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the model has no features (it then adds no boundary).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The decision threshold on the summed weights.
    pub fn threshold(&self) -> i32 {
        self.threshold
    }

    /// The same weights with another threshold.
    pub fn with_threshold(&self, threshold: i32) -> Model {
        Model {
            threshold,
            ..self.clone()
        }
    }

    /// The summed weights of `features`.
    pub fn score(&self, features: &[u32]) -> i32 {
        let Table { keys, weights } = &self.table;
        if keys.is_empty() {
            return 0;
        }
        let mask = keys.len() - 1;
        let mut sum = 0;
        for &f in features {
            let mut at = slot(f, mask);
            loop {
                let w = weights[at];
                if w == 0 {
                    break;
                }
                if keys[at] == f {
                    sum += i32::from(w);
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        sum
    }

    /// Whether a gap with these features is a boundary.
    pub fn decide(&self, features: &[u32]) -> bool {
        self.score(features) > self.threshold
    }

    /// The (feature, weight) pairs, by increasing feature.
    pub fn pairs(&self) -> impl Iterator<Item = (u32, i8)> + '_ {
        self.keys.iter().copied().zip(self.weights.iter().copied())
    }

    /// Serializes the model (see the module documentation for the format).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = FILE.writer();
        w.u32(self.keys.len() as u32);
        w.i32(self.threshold);
        let mut e = range::Encoder::default();
        let (mut gaps, mut weights) = coders();
        let mut previous = 0;
        for &k in &self.keys {
            gaps.put(&mut e, k - previous);
            previous = k;
        }
        for &x in &self.weights {
            weights.put(&mut e, u32::from(x as u8));
        }
        let block = e.finish();
        w.var(block.len() as u64);
        w.bytes(&block);
        w.finish()
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        let mut r = FILE.open(b)?;
        let n = r.u32()? as usize;
        let threshold = r.i32()?;
        let len = r.var()?;
        if len != r.remaining() as u64 {
            return Err(r.error("the coded block's length does not match the file"));
        }
        if n as u64 > (len + 5).saturating_mul(MAX_FEATURES_PER_BYTE) {
            return Err(r.error("the feature count does not fit the coded block"));
        }
        let mut d = range::Decoder::new(r.take(len as usize)?);
        let (mut gaps, mut coded_weights) = coders();
        let mut keys = Vec::with_capacity(n);
        range::in_calls(n, &mut keys, |keys, upto| {
            decode_keys(&mut d, &mut gaps, keys, upto)
        })
        .map_err(|e| r.error(e))?;
        let mut weights = Vec::with_capacity(n);
        range::in_calls(n, &mut weights, |weights, upto| {
            decode_weights(&mut d, &mut coded_weights, weights, upto)
        })
        .map_err(|e| r.error(e))?;
        if !d.at_end() {
            return Err(r.error("the coded keys and weights do not fill their block"));
        }
        if weights.contains(&0) {
            return Err(r.error("zero weight stored"));
        }
        r.finish("coded block")?;
        Ok(Model {
            table: build_table(&keys, &weights),
            keys,
            weights,
            threshold,
        })
    }
}

/// Decodes keys as gaps to the previous one (the first from 0) until `keys` holds `upto`.
/// One call per [`range::CALL_CHUNK`] keys (see there why).
#[inline(never)]
fn decode_keys(
    d: &mut range::Decoder,
    gaps: &mut range::Gaps,
    keys: &mut Vec<u32>,
    upto: usize,
) -> Result<(), &'static str> {
    let mut key = keys.last().copied().unwrap_or(0);
    while keys.len() < upto {
        let gap = gaps.get(d);
        if d.overrun() {
            return Err("the coded keys end early: the file is truncated");
        }
        if !keys.is_empty() && gap == Some(0) {
            return Err("feature keys not strictly increasing");
        }
        key = gap
            .and_then(|g| key.checked_add(g))
            .ok_or("feature key over 32 bits")?;
        keys.push(key);
    }
    Ok(())
}

/// Decodes weights (8-bit two's complement) until `weights` holds `upto`; one call per
/// [`range::CALL_CHUNK`].
#[inline(never)]
fn decode_weights(
    d: &mut range::Decoder,
    tree: &mut range::BitTree,
    weights: &mut Vec<i8>,
    upto: usize,
) -> Result<(), &'static str> {
    while weights.len() < upto {
        weights.push(tree.get(d) as u8 as i8);
    }
    if d.overrun() {
        return Err("the coded weights end early: the file is truncated");
    }
    Ok(())
}

/// More features than a byte of coded block can hold: a key gap and a weight are 14 binary
/// decisions, and the coder's most confident probability (1 − 31/2048) still costs 0.022 bits
/// each, so a feature takes at least 0.3 bits (at most 26 a byte). A count over this bound
/// (with the coder's 5 flush bytes as slack) is refused before anything is allocated.
const MAX_FEATURES_PER_BYTE: u64 = 32;

/// The adaptive coders of format 5, in their starting state: key gaps, then weights (8 bits).
fn coders() -> (range::Gaps, range::BitTree) {
    (range::Gaps::default(), range::BitTree::new(8))
}

/// The model embedded from `model/sentences.bin`, read once.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(EMBEDDED)
            .unwrap_or_else(|e| panic!("embedded model/sentences.bin cannot be read: {e}"))
    })
}

/// Rules' sentences refined by `model`: its boundaries added to theirs.
pub fn refine(text: &str, tokens: &[Token], rules: &[Sentence], model: &Model) -> Vec<Sentence> {
    refine_with_kinds(text, tokens, &super::kinds(text, tokens), rules, model)
}

/// [`refine`] given the tokens' kinds (from [`super::kinds`]).
pub fn refine_with_kinds(
    text: &str,
    tokens: &[Token],
    kinds: &[TokenKind],
    rules: &[Sentence],
    model: &Model,
) -> Vec<Sentence> {
    if model.is_empty() || tokens.len() < 2 {
        return rules.to_vec();
    }
    let gaps = Gaps::with_kinds(text, tokens, kinds, rules);
    let ends = gaps.walk(|_, f| model.decide(f));
    to_sentences(&ends)
}

/// Sentences from per-token flags "a sentence ends after this token".
pub fn to_sentences(ends: &[bool]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    for (i, &e) in ends.iter().enumerate() {
        if e || i + 1 == ends.len() {
            out.push(Sentence { first, end: i + 1 });
            first = i + 1;
        }
    }
    out
}

// Word classes of a token (bit flags), for features at −1 and +1.
const C_NUMBER: u8 = 1;
const C_DATE: u8 = 2;
const C_CAPS: u8 = 4;
const C_TITLE: u8 = 8;
const C_LOWER: u8 = 16;
const C_PUNCT: u8 = 32;

fn class_of(t: &str, kind: TokenKind, shape: Shape) -> u8 {
    let mut c = 0;
    if kind == TokenKind::Number && !shape.has(Shape::HAS_ALPHA) {
        c |= C_NUMBER;
        let b = t.as_bytes();
        if b.len() == 10
            && b.iter().enumerate().all(|(k, &x)| {
                if k == 4 || k == 7 {
                    x == b'-'
                } else {
                    x.is_ascii_digit()
                }
            })
        {
            c |= C_DATE;
        }
    } else if shape.has(Shape::HAS_ALPHA) {
        if shape.has(Shape::ALL_UPPER) && t.chars().filter(|c| c.is_alphabetic()).count() > 1 {
            c |= C_CAPS;
        } else if shape.has(Shape::INIT_UPPER) {
            c |= C_TITLE;
        } else if shape.has(Shape::ALL_LOWER) {
            c |= C_LOWER;
        }
    } else {
        c |= C_PUNCT;
    }
    c
}

/// Hash of a token text, lower-cased, digits as `0`, at most 24 characters; never 0 (which
/// marks a word not computed).
fn word_hash(t: &str) -> u64 {
    word_hash_raw(t) | 1
}

fn word_hash_raw(t: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if t.is_ascii() {
        for &b in t.as_bytes().iter().take(24) {
            let b = if b.is_ascii_digit() {
                b'0'
            } else {
                b.to_ascii_lowercase()
            };
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        return h;
    }
    for c in t.chars().take(24) {
        let c = if c.is_ascii_digit() { '0' } else { c };
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    h
}

/// A feature id from a template number and a value: one multiply, then the high half folded
/// onto the low half (so both the key and its table slot depend on every input bit).
fn feat(template: u64, v: u64) -> u32 {
    let z = (v ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    ((z >> 32) ^ (z >> 7)) as u32
}

fn pair(a: u64, b: u64) -> u64 {
    a.wrapping_mul(0x1000_0000_01b3).rotate_left(29) ^ b
}

fn since_bucket(n: usize) -> u64 {
    match n {
        0..=5 => n as u64,
        6..=7 => 6,
        8..=10 => 7,
        11..=15 => 8,
        16..=25 => 9,
        26..=40 => 10,
        _ => 11,
    }
}

/// The per-token facts the features are made of, and the rules' boundaries.
pub struct Gaps {
    /// Word hashes, computed only for the tokens a feature can look at (around open gaps and
    /// at the starts of sentences); 0 elsewhere.
    words: Vec<u64>,
    shapes: Vec<u16>,
    kinds: Vec<u8>,
    classes: Vec<u8>,
    rule_end: Vec<bool>,
    /// Whether the gap after token `i` is open to the classifier: whitespace separates the
    /// tokens, the next can start a sentence (not lower-case, not `,` `;` `:` `)` `%` …), and
    /// it does not follow sentence punctuation or an abbreviation (with any
    /// closing quotes and brackets), where the rules' verdict stands.
    open: Vec<bool>,
}

/// Run statistics since the last boundary.
#[derive(Default, Clone, Copy)]
struct Run {
    len: usize,
    numbers: usize,
    lower: bool,
    caps: usize,
    /// Index of the run's first token.
    first: usize,
    /// The sentence before the run, `first..=last` (None at the start of the text).
    prev: Option<(usize, usize)>,
}

impl Gaps {
    /// Prepares the gaps of `tokens`, given the rules' sentences.
    pub fn new(text: &str, tokens: &[Token], rules: &[Sentence]) -> Gaps {
        Gaps::with_kinds(text, tokens, &super::kinds(text, tokens), rules)
    }

    /// [`Gaps::new`] given the tokens' kinds (from [`super::kinds`]).
    pub fn with_kinds(
        text: &str,
        tokens: &[Token],
        token_kinds: &[TokenKind],
        rules: &[Sentence],
    ) -> Gaps {
        let n = tokens.len();
        let mut rule_end = vec![false; n];
        for s in rules {
            if s.end > 0 && s.end <= n {
                rule_end[s.end - 1] = true;
            }
        }
        let mut shapes = Vec::with_capacity(n);
        let mut kinds = Vec::with_capacity(n);
        let mut classes = Vec::with_capacity(n);
        for (t, &k) in tokens.iter().zip(token_kinds) {
            shapes.push(t.shape.0);
            kinds.push(k as u8);
            classes.push(class_of(t.text(text), k, t.shape));
        }
        let settled_by_rules = |i: usize| {
            let mut j = i;
            loop {
                let t = tokens[j].text(text);
                match token_kinds[j] {
                    TokenKind::Terminal | TokenKind::Ellipsis | TokenKind::Abbreviation => {
                        return true
                    }
                    TokenKind::Quote => {}
                    TokenKind::Punct if matches!(t, ")" | "]" | "}") => {}
                    _ => return false,
                }
                if j == 0 {
                    return false;
                }
                j -= 1;
            }
        };
        // Checked before any feature is computed: most gaps in prose end here, cheaply.
        let can_start = |j: usize| {
            classes[j] & C_LOWER == 0
                && !matches!(
                    tokens[j].text(text),
                    "," | ";" | ":" | ")" | "]" | "}" | "%"
                )
        };
        let open: Vec<bool> = (0..n)
            .map(|i| {
                i + 1 < n
                    && tokens[i].end < tokens[i + 1].start
                    && can_start(i + 1)
                    && !settled_by_rules(i)
            })
            .collect();
        // Word hashes where a feature can read them: two tokens either side of an open gap,
        // and the first token of any sentence (after an open gap or a rule boundary).
        let mut words = vec![0u64; n];
        let mut need = |j: usize| {
            if j < n && words[j] == 0 {
                words[j] = word_hash(tokens[j].text(text));
            }
        };
        need(0);
        for i in 0..n {
            if open[i] {
                for j in i.saturating_sub(1)..=i + 2 {
                    need(j);
                }
            } else if rule_end[i] {
                need(i + 1);
            }
        }
        Gaps {
            words,
            shapes,
            kinds,
            classes,
            rule_end,
            open,
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the rules end a sentence after token `i`.
    pub fn rule_end(&self, i: usize) -> bool {
        self.rule_end[i]
    }

    /// Walks the gaps left to right. Rule boundaries are kept; tokens written together (no
    /// whitespace between them, as in `sphere.”`) stay together; a sentence never starts with a
    /// lower-case word or `,` `;` `:` `)` `%` (as in rule 2); after sentence punctuation
    /// or an abbreviation the rules' verdict stands (`army.” Shoigu said.`, `Gen. Smith`); no
    /// sentence of one token is made (`3Trump | Warns …` in a list of links); for every other gap (after
    /// token `i`) `decide(i, features)` says whether it is a boundary. Returns, per token,
    /// whether a sentence ends after it (the last token always ends one).
    pub fn walk(&self, mut decide: impl FnMut(usize, &[u32]) -> bool) -> Vec<bool> {
        let n = self.len();
        let mut ends = Vec::with_capacity(n);
        let mut run = Run::default();
        let mut sentence_no = 0usize;
        let mut f = Vec::with_capacity(48);
        for i in 0..n {
            run.len += 1;
            let c = self.classes[i];
            run.numbers += usize::from(c & C_NUMBER != 0);
            run.lower |= c & C_LOWER != 0;
            run.caps += usize::from(c & C_CAPS != 0);
            let end = if i + 1 == n || self.rule_end[i] {
                true
            } else if !self.open[i] || run.len < 2 || self.inside_prose(i, run) {
                false
            } else {
                f.clear();
                self.features(i, run, sentence_no, &mut f);
                decide(i, &f)
            };
            ends.push(end);
            if end {
                run = Run {
                    first: i + 1,
                    prev: Some((run.first, i)),
                    ..Run::default()
                };
                sentence_no += 1;
            }
        }
        ends
    }

    /// Gaps between two words deep inside running prose (a run of eight or more tokens since
    /// the last boundary that holds a lower-case word; a lower-case or title-case word before
    /// the gap, a title-case word or punctuation after it) are not scored. Measured before this
    /// rule existed: the classifier then put 3 boundaries in 5,097 such gaps of CoNLL-2003 dev,
    /// and 199 of the 426 gaps it scored in the sample articles were of this kind
    /// (`said | President`). Skipping them halves its work; dev F1 went from 0.9218 to 0.9211
    /// when this rule came in (together with the new feature ids, before the new features).
    fn inside_prose(&self, i: usize, run: Run) -> bool {
        run.lower
            && run.len >= 8
            && self.classes[i] & (C_LOWER | C_TITLE) != 0
            && self.classes[i + 1] & (C_TITLE | C_PUNCT) != 0
    }

    fn features(&self, i: usize, run: Run, sentence_no: usize, f: &mut Vec<u32>) {
        let n = self.len();
        // Offsets −2, −1, +1, +2 around the gap after token i.
        let at = |d: isize| -> Option<usize> {
            let j = i as isize + if d < 0 { d + 1 } else { d };
            (j >= 0 && (j as usize) < n).then_some(j as usize)
        };
        let word = |d: isize| at(d).map_or(d as u64, |j| self.words[j]);
        let shape = |d: isize| {
            at(d).map_or(0x1_0000u64.wrapping_add(d as u64), |j| {
                u64::from(self.shapes[j])
            })
        };
        let kind = |d: isize| {
            at(d).map_or(0x100u64.wrapping_add(d as u64), |j| {
                u64::from(self.kinds[j])
            })
        };
        let class = |d: isize| {
            at(d).map_or(0x80u64.wrapping_add(d as u64), |j| {
                u64::from(self.classes[j])
            })
        };
        let (cl, cr) = (class(-1), class(1));
        let since = since_bucket(run.len);
        let num_frac = (run.numbers * 4 / run.len.max(1)) as u64;
        let num_count = since_bucket(run.numbers);
        let lower = u64::from(run.lower);
        let headline = u64::from(!run.lower && run.caps > 0);
        let sent = sentence_no.min(3) as u64;
        let mut t = 0u64;
        let mut push = |v: u64| {
            t += 1;
            f.push(feat(t, v));
        };
        push(0);
        for d in [-2, -1, 1, 2] {
            push(word(d));
            push(shape(d));
            push(kind(d));
        }
        push(cl);
        push(cr);
        push(pair(cl, cr));
        push(pair(word(-1), word(1)));
        push(pair(shape(-1), shape(1)));
        push(pair(kind(-1), pair(kind(1), kind(2))));
        push(if cl & u64::from(C_PUNCT) != 0 {
            word(-1)
        } else {
            1
        });
        push(since);
        push(pair(since, cr));
        push(pair(since, lower));
        push(pair(num_frac, pair(cl, cr)));
        push(pair(num_count, pair(cl, cr)));
        push(pair(lower, pair(cl, cr)));
        push(pair(headline, cr));
        push(pair(sent, pair(cr, lower)));
        push(pair(word(1), cl));
        push(pair(word(-1), cr));
        push(pair(cr, class(2)));
        push(pair(cl, pair(cr, class(2))));
        push(pair(word(1), class(2)));
        push(pair(word(-2), word(-1)));
        push(pair(word(1), word(2)));
        push(pair(since, cl));
        let first_word = self.words[run.first];
        let first_class = u64::from(self.classes[run.first]);
        push(pair(first_word, cr));
        push(pair(
            u64::from(first_word == word(1)),
            pair(first_class, since),
        ));
        push(pair(first_class, pair(cl, cr)));
        // Lookahead: the classes of the three tokens after the gap.
        push(pair(class(3), pair(cr, class(2))));
        push(pair(kind(3), pair(kind(1), kind(2))));
        push(pair(class(-3), pair(cl, cr)));
        // Rows of a table repeat: the sentence before this one (its length, how it began and
        // ended) against this run and the tokens around the gap.
        match run.prev {
            Some((pf, pl)) => {
                let plen = pl + 1 - pf;
                let pl_class = u64::from(self.classes[pl]);
                let pl_kind = u64::from(self.kinds[pl]);
                push(pair(pl_class, cl));
                push(pair(pl_kind, pair(kind(-1), cr)));
                push(pair(
                    u64::from(self.words[pf] == word(1)),
                    pair(u64::from(self.classes[pf]), cr),
                ));
                push(pair(since_bucket(plen), since));
                push(pair(u64::from(plen == run.len), pair(cl, cr)));
            }
            None => push(2),
        }
    }
}
