//! The model file: format, loading, and the scoring of features.
//!
//! The frame (magic, version, checksum) is `input::model_file`'s, shared with the sentence
//! model. Layout (all integers little-endian; `var` = LEB128 unsigned varint):
//!
//! ```text
//! magic "PLNERMDL", u32 format version
//! u32 feature groups, u8 number of stages (1 or 2), u8 number of tags (17),
//! u8 key bits (16..=32: how many top bits of a feature id / word-form hash are kept)
//! per stage: f32 weight scale; (17 + 2) x 17 f32 transitions (rows: previous tag, start, end);
//!     u8 n, n x i8 weight levels (the stage's distinct non-zero weights, ascending),
//!     n x u16 frequencies of the levels among the stage's weights (`range::Symbols`: they
//!     sum to 4096, none is zero)
//! f32 temperature, var n, n x (f32 raw, f32 calibrated) calibration knots
//! var nc capitalization keys, var nf features, var length of the coded block, then the block,
//! range-coded (`input::model_file::range`, all contexts starting at one half):
//!     nc x gap to the previous word-form key (`Gaps`), nc x class (8-bit `BitTree`),
//!     nf x gap to the previous feature key (its own `Gaps`),
//!     per feature, per stage: 17 bits of the mask of its non-zero tags, each in the context
//!         of `mask_context`, then for each set bit the index of the weight among the stage's
//!         levels, coded with the stage's static frequencies (one decoding step a weight)
//! u32 FNV-1a checksum of everything before it
//! ```
//!
//! Format 3 (until issue #14's second size step) stored the same keys, masks and weight
//! indices as LEB128 and bytes in columns for gzip: 462,513 bytes raw and 322,324 with gzip -9
//! for the model that is 282,516 bytes in format 4 (which gzip cannot shrink). The block must
//! decode to exactly its length, so a corrupted one is refused. The file holds hashes and
//! weights only: no text from the training data.

use super::decode::Transitions;
use super::features::{CapStats, Groups};
use super::tags::N_TAGS;
use crate::input::model_file::{range, FileKind, ModelError};

const N: usize = N_TAGS;
pub const MAGIC: &[u8; 8] = b"PLNERMDL";
/// Bump when the layout or the feature templates change. Version 3: key bits, weight levels,
/// columns.
/// Version 4: keys, masks and weights range-coded (issue #14).
/// Version 5: weight levels coded with static frequencies instead of an adaptive bit tree, and
/// the low bits of key gaps up to 16 in one step (`range::Symbols`, `range::Gaps`): about the
/// same size, decoded in half the instructions (issue #14, start-up).
pub const VERSION: u32 = 5;

/// The tagger's model file (`model/ner.bin`).
pub const FILE: FileKind = FileKind {
    name: "tagger model",
    magic: MAGIC,
    version: VERSION,
    version_bytes: 4,
    retrain: "bash scripts/train-model.sh",
};

/// Most features (and capitalization keys) a file may hold: far above any trained model, and
/// a bound on what a malformed count can make the reader allocate.
const MAX_ROWS: usize = 1 << 22;

/// The adaptive contexts of the range-coded block (one per file, shared by the writer and
/// the reader, which must go through the same states).
struct Coder {
    caps: range::Gaps,
    classes: range::BitTree,
    keys: range::Gaps,
    masks: Vec<range::Prob>,
}

impl Coder {
    /// The contexts in their starting state.
    fn new() -> Coder {
        Coder {
            caps: range::Gaps::default(),
            classes: range::BitTree::new(8),
            keys: range::Gaps::default(),
            masks: vec![range::HALF; MASK_CONTEXTS],
        }
    }
}

const MASK_CONTEXTS: usize = 2 * N * 2 * 2 * 7 * 2;

/// The context of bit `t` of stage `s`'s mask of non-zero tags: the stage and tag, for the
/// second stage whether the first stage's `first` mask has the tag and any tag, how many
/// bits are set before `t` (up to 6) and whether bit `t - 1` is.
fn mask_context(s: usize, t: usize, first: u32, prev: bool, n: u32) -> usize {
    let in_first = s > 0 && first >> t & 1 == 1;
    let any_first = s > 0 && first != 0;
    ((((s.min(1) * N + t) * 2 + usize::from(in_first)) * 2 + usize::from(any_first)) * 7
        + n.min(6) as usize)
        * 2
        + usize::from(prev)
}

/// Decodes keys as gaps to the previous one (the first from 0) until `out` holds `upto`;
/// false for a gap of 0, a key of `max` or more, or a block that ran out. One call per
/// [`range::CALL_CHUNK`] keys, as [`decode_rows`] per as many rows.
#[inline(never)]
fn decode_keys(
    d: &mut range::Decoder,
    gaps: &mut range::Gaps,
    max: u64,
    out: &mut Vec<u32>,
    upto: usize,
) -> bool {
    let mut last = out.last().copied().unwrap_or(0);
    while out.len() < upto {
        let step = gaps.get(d).filter(|&s| s > 0 && !d.overrun());
        match step
            .and_then(|s| last.checked_add(s))
            .filter(|&k| u64::from(k) < max)
        {
            Some(k) => last = k,
            None => return false,
        }
        out.push(last);
    }
    true
}

/// Decodes the masks and weights of `rows` (see the format above).
#[inline(never)]
fn decode_rows(
    d: &mut range::Decoder,
    masks: &mut [range::Prob],
    levels: &[Vec<i8>],
    symbols: &[Option<range::Symbols>],
    rows: &mut [Row],
) -> Result<(), &'static str> {
    for row in rows.iter_mut() {
        let mut first = 0u32;
        for (s, lv) in levels.iter().enumerate() {
            let (mut mask, mut prev, mut n) = (0u32, false, 0);
            for t in 0..N {
                let bit = d.bit(&mut masks[mask_context(s, t, first, prev, n)]);
                mask |= u32::from(bit) << t;
                (prev, n) = (bit, n + u32::from(bit));
            }
            if mask != 0 {
                let sym = symbols[s]
                    .as_ref()
                    .ok_or("a weight in a stage without weight levels")?;
                for (t, w) in row.0[s][..N].iter_mut().enumerate() {
                    if mask >> t & 1 == 1 {
                        *w = *lv.get(d.symbol(sym)).ok_or("bad weight code")?;
                    }
                }
            }
            first = mask;
        }
        if d.overrun() {
            return Err("the weights end early: the model is truncated");
        }
    }
    Ok(())
}

/// Open-addressing hash table from non-zero `u32` keys to `u32` values.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// `[key, value]` (key 0 = empty): a probe that finds its key finds the value in the same
    /// cache line. Most of the tagger's features are in the model (about three in four on news
    /// text), so keys and values in two arrays cost a second cache miss per feature (issue #14).
    slots: Vec<[u32; 2]>,
    mask: usize,
}

impl Table {
    pub fn build(pairs: impl ExactSizeIterator<Item = (u32, u32)>) -> Table {
        let cap = (pairs.len() * 2).next_power_of_two().max(16);
        let mut t = Table {
            slots: vec![[0, 0]; cap],
            mask: cap - 1,
        };
        for (k, v) in pairs {
            let mut i = Self::slot(k) & t.mask;
            while t.slots[i][0] != 0 && t.slots[i][0] != k {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = [k, v];
        }
        t
    }

    #[inline]
    fn slot(k: u32) -> usize {
        (k.wrapping_mul(0x9E37_79B1) >> 7) as usize
    }

    #[inline]
    pub fn get(&self, k: u32) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mut i = Self::slot(k) & self.mask;
        loop {
            let [x, v] = self.slots[i];
            if x == k {
                return Some(v);
            }
            if x == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s[0] != 0).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The range of key widths a model may use.
pub const KEY_BITS: std::ops::RangeInclusive<u8> = 16..=32;

/// Maps a 64-bit word-form hash to the capitalization table's key: its top `bits` bits
/// (never 0, which marks an empty slot).
pub fn cap_key(norm: u64, bits: u8) -> u32 {
    ((norm >> (64 - u32::from(bits))) as u32).max(1)
}

/// Maps a 32-bit feature id to the model's key: its top `bits` bits (never 0).
#[inline]
pub fn feature_key(f: u32, bits: u8) -> u32 {
    (f >> (32 - u32::from(bits))).max(1)
}

/// The capitalization table of a model, keyed by [`cap_key`] with `bits`.
#[derive(Debug, Clone)]
pub struct CapTable {
    pub table: Table,
    pub bits: u8,
}

impl CapStats for CapTable {
    fn class(&self, norm: u64) -> u8 {
        self.table
            .get(cap_key(norm, self.bits))
            .map_or(0, |c| c as u8)
    }
}

/// A piecewise-linear, non-decreasing map from raw posterior to calibrated score.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calibration {
    pub temperature: f32,
    pub knots: Vec<(f32, f32)>,
}

impl Calibration {
    pub fn apply(&self, raw: f32) -> f32 {
        if raw.is_nan() {
            return 0.0;
        }
        let k = &self.knots;
        if k.is_empty() {
            return raw.clamp(0.0, 1.0);
        }
        if raw <= k[0].0 {
            return k[0].1;
        }
        if raw >= k[k.len() - 1].0 {
            return k[k.len() - 1].1;
        }
        let j = k.partition_point(|&(x, _)| x <= raw);
        let (x0, y0) = k[j - 1];
        let (x1, y1) = k[j];
        let f = if x1 > x0 { (raw - x0) / (x1 - x0) } else { 0.0 };
        (y0 + f * (y1 - y0)).clamp(0.0, 1.0)
    }
}

/// One decoding stage: the scale of its 8-bit feature weights, and float transitions.
#[derive(Debug, Clone, Default)]
pub struct Stage {
    pub scale: f32,
    pub trans: Transitions,
}

/// Lanes per stage in an accumulator: the tags, padded for vector adds.
pub const LANES: usize = 32;

/// The weights of one feature for both stages, `0[stage][tag]`: 34 bytes, unpadded, so that
/// the rows of a model take as little cache as possible (the tagger's time goes mostly to
/// fetching rows; 64-byte padded rows, one per cache line, measured no faster).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Row(pub [[i8; N]; 2]);

/// Per-token score accumulators of both stages, in weight units.
pub type Acc = [[i16; LANES]; 2];

/// Adds one stage's weights of a feature to its accumulator lanes.
#[inline(always)]
fn add_weights(acc: &mut [i16; LANES], w: &[i8; N]) {
    for (a, &x) in acc.iter_mut().zip(w) {
        // At most a few dozen features per token: far from the i16 range, but saturate
        // rather than wrap on a pathological input.
        *a = a.saturating_add(i16::from(x));
    }
}

/// A trained model, ready to tag.
#[derive(Debug, Clone)]
pub struct Model {
    pub groups: Groups,
    pub stages: Vec<Stage>,
    pub calibration: Calibration,
    /// Top bits of feature ids and word-form hashes kept as keys (see [`feature_key`]).
    pub key_bits: u8,
    pub caps: CapTable,
    pub feats: Table,
    /// Sorted feature keys; `rows[i]` holds the weights of `ids[i]`.
    pub ids: Vec<u32>,
    pub rows: Vec<Row>,
    /// Sorted capitalization keys and their classes.
    pub cap_entries: Vec<(u32, u8)>,
}

impl Default for Groups {
    fn default() -> Self {
        Groups(Groups::ALL)
    }
}

impl Model {
    /// The weights of feature `f`, if the model has it.
    #[inline]
    pub fn row(&self, f: u32) -> Option<&Row> {
        self.feats
            .get(feature_key(f, self.key_bits))
            .map(|r| &self.rows[r as usize])
    }

    /// Adds the weights of the features `ids` (both stages) to `acc`; unknown features add
    /// nothing.
    #[inline]
    pub fn accumulate(&self, ids: &[u32], acc: &mut Acc) {
        for &f in ids {
            let Some(row) = self.row(f) else {
                continue;
            };
            for (acc, w) in acc.iter_mut().zip(&row.0) {
                add_weights(acc, w);
            }
        }
    }

    /// [`Self::accumulate`] for stage `s`'s lanes only (the second stage's own features,
    /// added after the first stage has decoded).
    #[inline]
    pub fn accumulate_stage(&self, ids: &[u32], s: usize, acc: &mut [i16; LANES]) {
        for &f in ids {
            if let Some(row) = self.row(f) {
                add_weights(acc, &row.0[s]);
            }
        }
    }

    /// Both stages' scores from the local features of every token (`ids` split by
    /// `offsets`, as in [`super::features::DocFeatures`]).
    pub fn local_scores(&self, ids: &[u32], offsets: &[u32], out: &mut Vec<Acc>) {
        out.clear();
        for w in offsets.windows(2) {
            let mut acc = [[0i16; LANES]; 2];
            self.accumulate(&ids[w[0] as usize..w[1] as usize], &mut acc);
            out.push(acc);
        }
    }

    /// Stage `s`'s emission scores from accumulators.
    pub fn emissions(&self, s: usize, acc: &[Acc], out: &mut Vec<[f32; N]>) {
        let scale = self.stages[s].scale;
        out.clear();
        out.extend(acc.iter().map(|a| {
            let mut e = [0f32; N];
            for (e, &x) in e.iter_mut().zip(&a[s]) {
                *e = f32::from(x) * scale;
            }
            e
        }));
    }

    /// Number of distinct features.
    pub fn n_features(&self) -> usize {
        self.ids.len()
    }

    // -----------------------------------------------------------------------------------
    // File format

    /// Each stage's distinct non-zero weights, ascending (the file's weight levels).
    pub fn levels(&self) -> Vec<Vec<i8>> {
        (0..self.stages.len())
            .map(|s| {
                let mut seen = [false; 256];
                for row in &self.rows {
                    for &x in &row.0[s][..N] {
                        seen[(x as i16 + 128) as usize] = true;
                    }
                }
                (0..256i16)
                    .filter(|&v| seen[v as usize] && v != 128)
                    .map(|v| (v - 128) as i8)
                    .collect()
            })
            .collect()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = FILE.writer();
        w.u32(self.groups.0);
        w.u8(self.stages.len() as u8);
        w.u8(N as u8);
        w.u8(self.key_bits);
        let levels = self.levels();
        // How often each level is a stage's weight: its static frequencies (none for a stage
        // without weights, which has no levels).
        let symbols: Vec<Option<range::Symbols>> = levels
            .iter()
            .enumerate()
            .map(|(s, lv)| {
                let mut counts = vec![0u64; lv.len()];
                for row in &self.rows {
                    for &x in row.0[s][..N].iter().filter(|&&x| x != 0) {
                        counts[lv.binary_search(&x).expect("every weight is a level")] += 1;
                    }
                }
                range::Symbols::from_counts(&counts)
            })
            .collect();
        for ((st, lv), sym) in self.stages.iter().zip(&levels).zip(&symbols) {
            w.f32(st.scale);
            for row in st
                .trans
                .trans
                .iter()
                .chain([&st.trans.start, &st.trans.end])
            {
                for &x in row {
                    w.f32(x);
                }
            }
            w.u8(lv.len() as u8);
            for &x in lv {
                w.u8(x as u8);
            }
            for f in sym.iter().flat_map(|s| s.freqs()) {
                w.u16(f);
            }
        }
        w.f32(self.calibration.temperature);
        w.var(self.calibration.knots.len() as u64);
        for &(x, y) in &self.calibration.knots {
            w.f32(x);
            w.f32(y);
        }
        w.var(self.cap_entries.len() as u64);
        w.var(self.ids.len() as u64);
        let mut e = range::Encoder::default();
        let mut c = Coder::new();
        let mut last = 0u32;
        for &(k, _) in &self.cap_entries {
            c.caps.put(&mut e, k - last);
            last = k;
        }
        for &(_, class) in &self.cap_entries {
            c.classes.put(&mut e, u32::from(class));
        }
        let mut last = 0u32;
        for &k in &self.ids {
            c.keys.put(&mut e, k - last);
            last = k;
        }
        for row in &self.rows {
            let mut first = 0u32;
            for (s, lv) in levels.iter().enumerate() {
                let w = &row.0[s][..N];
                let mask = w
                    .iter()
                    .enumerate()
                    .filter(|(_, &x)| x != 0)
                    .fold(0u32, |m, (t, _)| m | 1 << t);
                let (mut prev, mut n) = (false, 0);
                for t in 0..N {
                    let bit = mask >> t & 1 == 1;
                    e.bit(&mut c.masks[mask_context(s, t, first, prev, n)], bit);
                    (prev, n) = (bit, n + u32::from(bit));
                }
                for &x in w.iter().filter(|&&x| x != 0) {
                    let code = lv.binary_search(&x).expect("every weight is a level");
                    let sym = symbols[s]
                        .as_ref()
                        .expect("a stage with a weight has levels");
                    e.symbol(sym, code);
                }
                first = mask;
            }
        }
        let block = e.finish();
        w.var(block.len() as u64);
        w.bytes(&block);
        w.finish()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = FILE.open(bytes)?;
        let groups = Groups(r.u32()?);
        if groups.0 & !Groups::ALL != 0 {
            return Err(r.error(format!(
                "feature groups {:#x} include some this build does not have (bit 7 was the \
                 retired gazetteer features); retrain it with {}",
                groups.0, FILE.retrain
            )));
        }
        let n_stages = r.u8()? as usize;
        if !(1..=2).contains(&n_stages) {
            return Err(r.error("bad number of stages"));
        }
        if r.u8()? as usize != N {
            return Err(r.error("the tag set does not match this build"));
        }
        let key_bits = r.u8()?;
        if !KEY_BITS.contains(&key_bits) {
            return Err(r.error(format!("bad key width {key_bits}")));
        }
        let mut stages = Vec::new();
        let mut levels = Vec::new();
        let mut symbols = Vec::new();
        for _ in 0..n_stages {
            let scale = r.f32()?;
            let mut tr = Transitions::default();
            for p in 0..N + 2 {
                let row = match p {
                    p if p < N => &mut tr.trans[p],
                    p if p == N => &mut tr.start,
                    _ => &mut tr.end,
                };
                for x in row.iter_mut() {
                    *x = r.f32()?;
                }
            }
            stages.push(Stage { scale, trans: tr });
            let n = r.u8()? as usize;
            let lv: Vec<i8> = r.take(n)?.iter().map(|&b| b as i8).collect();
            if lv.contains(&0) || lv.windows(2).any(|p| p[0] >= p[1]) {
                return Err(r.error("bad weight levels"));
            }
            let freqs = (0..n).map(|_| r.u16()).collect::<Result<Vec<u16>, _>>()?;
            // A stage without weights stores no level and no frequency.
            if n > 0 {
                let sym = range::Symbols::from_freqs(&freqs)
                    .ok_or_else(|| r.error("bad weight level frequencies"))?;
                symbols.push(Some(sym));
            } else {
                symbols.push(None);
            }
            levels.push(lv);
        }
        let temperature = r.f32()?;
        let nk = r.var()? as usize;
        let mut knots = Vec::with_capacity(nk.min(1 << 16));
        for _ in 0..nk {
            knots.push((r.f32()?, r.f32()?));
        }
        let nc = r.var()? as usize;
        let nf = r.var()? as usize;
        // Keys below 2^key_bits (u64: 1 << 32 does not fit wasm32's usize).
        let max = 1u64 << key_bits;
        let most = (MAX_ROWS as u64).min(max);
        if nc as u64 > most || nf as u64 > most {
            return Err(r.error(format!(
                "{nc} capitalization keys or {nf} features: more than {key_bits}-bit keys or \
                 {MAX_ROWS} rows allow"
            )));
        }
        let len = r.var()? as usize;
        let mut d = range::Decoder::new(r.take(len)?);
        let mut c = Coder::new();
        let keys = |d: &mut range::Decoder, gaps: &mut range::Gaps, n: usize, what: &str| {
            let mut out = Vec::with_capacity(n);
            range::in_calls(n, &mut out, |out, upto| {
                decode_keys(d, gaps, max, out, upto)
                    .then_some(())
                    .ok_or_else(|| r.error(format!("bad {what} key")))
            })?;
            Ok::<_, ModelError>(out)
        };
        let cap_keys = keys(&mut d, &mut c.caps, nc, "capitalization")?;
        let cap_entries: Vec<(u32, u8)> = cap_keys
            .into_iter()
            .map(|k| (k, c.classes.get(&mut d) as u8))
            .collect();
        let ids = keys(&mut d, &mut c.keys, nf, "feature")?;
        let mut rows = vec![Row::default(); nf];
        for chunk in rows.chunks_mut(range::CALL_CHUNK) {
            decode_rows(&mut d, &mut c.masks, &levels, &symbols, chunk).map_err(|e| r.error(e))?;
        }
        if !d.at_end() {
            return Err(r.error("the coded weights do not fill their block"));
        }
        r.finish("weights")?;
        Ok(Model {
            groups,
            stages,
            calibration: Calibration { temperature, knots },
            key_bits,
            caps: CapTable {
                table: Table::build(cap_entries.iter().map(|&(k, c)| (k, u32::from(c)))),
                bits: key_bits,
            },
            feats: Table::build(ids.iter().enumerate().map(|(i, &k)| (k, i as u32))),
            ids,
            rows,
            cap_entries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    #[test]
    fn table_finds_every_key_and_no_other() {
        // Keys that share slots (multiples of a large power of two land together), so that
        // probing runs over neighbours and wraps at the end of the table.
        let keys: Vec<u32> = (1..=40u32)
            .map(|i| i << 24)
            .chain(1..=200)
            .chain([u32::MAX, u32::MAX - 1])
            .collect();
        let t = Table::build(keys.iter().enumerate().map(|(i, &k)| (k, i as u32 * 3)));
        assert_eq!(t.len(), keys.len(), "every distinct key gets a slot");
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(
                t.get(k),
                Some(i as u32 * 3),
                "key {k:#x} must map to its value"
            );
        }
        for k in [201u32, 41 << 24, 0x1234_5678, u32::MAX - 2] {
            assert_eq!(t.get(k), None, "key {k:#x} was never inserted");
        }
        let empty = Table::default();
        assert!(
            empty.is_empty() && empty.get(5).is_none(),
            "an empty table finds nothing"
        );
    }
}
