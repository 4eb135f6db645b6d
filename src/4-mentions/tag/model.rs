//! The model file: format, loading, and the scoring of features.
//!
//! Layout (all integers little-endian; `var` = LEB128 unsigned varint):
//!
//! ```text
//! magic "PLNERMDL", u32 format version
//! u32 feature groups, u8 number of stages (1 or 2), u8 number of tags (17)
//! per stage: f32 weight scale; (17 + 2) x 17 f32 transitions (rows: previous tag, start, end)
//! f32 temperature, var n, n x (f32 raw, f32 calibrated) calibration knots
//! var n, n x var delta of sorted word-form hashes (capitalization table), n x u8 class
//! var n, n x var delta of sorted feature ids; then per feature and stage:
//!     var bit mask of non-zero tags, one i8 weight per set bit
//! u32 FNV-1a checksum of everything before it
//! ```
//!
//! The file holds hashes and weights only: no text from the training data.

use super::decode::Transitions;
use super::features::{CapStats, Groups};
use super::tags::N_TAGS;
use super::ModelError;

const N: usize = N_TAGS;
pub const MAGIC: &[u8; 8] = b"PLNERMDL";
/// Bump when the layout or the feature templates change.
pub const VERSION: u32 = 2;

/// Open-addressing hash table from non-zero `u32` keys to `u32` values.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// `[key, value]` pairs side by side, so a probe touches one cache line.
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

/// Maps a 64-bit word-form hash to the capitalization table's 32-bit key.
pub fn cap_key(norm: u64) -> u32 {
    ((norm >> 32) as u32).max(1)
}

/// The capitalization table of a model.
#[derive(Debug, Clone, Default)]
pub struct CapTable(pub Table);

impl CapStats for CapTable {
    fn class(&self, norm: u64) -> u8 {
        self.0.get(cap_key(norm)).map_or(0, |c| c as u8)
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

/// Lanes per stage in a [`Row`]: the tags, padded for vector adds.
pub const LANES: usize = 32;

/// The weights of one feature for both stages, in one 64-byte cache line: `0[stage][tag]`.
#[repr(C, align(64))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row(pub [[i8; LANES]; 2]);

impl Default for Row {
    fn default() -> Self {
        Row([[0; LANES]; 2])
    }
}

/// Per-token score accumulators of both stages, in weight units.
pub type Acc = [[i16; LANES]; 2];

/// A trained model, ready to tag.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub groups: Groups,
    pub stages: Vec<Stage>,
    pub calibration: Calibration,
    pub caps: CapTable,
    pub feats: Table,
    /// Sorted feature ids; `rows[i]` holds the weights of `ids[i]`.
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
    /// Looks up the table rows of a document's features (`u32::MAX` = unknown feature).
    pub fn rows(&self, ids: &[u32], out: &mut Vec<u32>) {
        out.clear();
        out.extend(ids.iter().map(|&f| self.feats.get(f).unwrap_or(u32::MAX)));
    }

    /// Adds the weights of `rows` (both stages) to `acc`.
    #[inline]
    pub fn accumulate(&self, rows: &[u32], acc: &mut Acc) {
        for &r in rows {
            let Some(row) = self.rows.get(r as usize) else {
                continue; // u32::MAX: unknown feature
            };
            for (acc, w) in acc.iter_mut().zip(&row.0) {
                for (a, &x) in acc.iter_mut().zip(w) {
                    // At most a few dozen features per token: far from the i16 range, but
                    // saturate rather than wrap on a pathological input.
                    *a = a.saturating_add(i16::from(x));
                }
            }
        }
    }

    /// Both stages' scores from the local features of every token.
    pub fn local_scores(&self, rows: &[u32], offsets: &[u32], out: &mut Vec<Acc>) {
        out.clear();
        for w in offsets.windows(2) {
            let mut acc = [[0i16; LANES]; 2];
            self.accumulate(&rows[w[0] as usize..w[1] as usize], &mut acc);
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

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&VERSION.to_le_bytes());
        b.extend_from_slice(&self.groups.0.to_le_bytes());
        b.push(self.stages.len() as u8);
        b.push(N as u8);
        for st in &self.stages {
            b.extend_from_slice(&st.scale.to_le_bytes());
            for row in st
                .trans
                .trans
                .iter()
                .chain([&st.trans.start, &st.trans.end])
            {
                for x in row {
                    b.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
        b.extend_from_slice(&self.calibration.temperature.to_le_bytes());
        put_var(&mut b, self.calibration.knots.len() as u64);
        for &(x, y) in &self.calibration.knots {
            b.extend_from_slice(&x.to_le_bytes());
            b.extend_from_slice(&y.to_le_bytes());
        }
        put_var(&mut b, self.cap_entries.len() as u64);
        let mut last = 0u32;
        for &(k, _) in &self.cap_entries {
            put_var(&mut b, u64::from(k - last));
            last = k;
        }
        b.extend(self.cap_entries.iter().map(|&(_, c)| c));
        put_var(&mut b, self.ids.len() as u64);
        let mut last = 0u32;
        for &k in &self.ids {
            put_var(&mut b, u64::from(k - last));
            last = k;
        }
        for r in 0..self.ids.len() {
            for s in 0..self.stages.len() {
                let row = &self.rows[r].0[s][..N];
                let mask = row
                    .iter()
                    .enumerate()
                    .filter(|(_, &w)| w != 0)
                    .fold(0u64, |m, (t, _)| m | 1 << t);
                put_var(&mut b, mask);
                b.extend(row.iter().filter(|&&w| w != 0).map(|&w| w as u8));
            }
        }
        let sum = fnv32(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let fmt = |m: &str| ModelError::Format(m.to_string());
        if bytes.len() < MAGIC.len() + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(fmt(
                "it does not start with the presslens model magic bytes",
            ));
        }
        let mut r = Reader {
            b: bytes,
            pos: MAGIC.len(),
        };
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::Version {
                found: version,
                expected: VERSION,
            });
        }
        let (body, sum) = bytes.split_at(bytes.len() - 4);
        if fnv32(body).to_le_bytes() != sum {
            return Err(fmt("checksum mismatch: the file is truncated or corrupted"));
        }
        r.b = body;
        let groups = Groups(r.u32()?);
        let n_stages = r.u8()? as usize;
        if !(1..=2).contains(&n_stages) {
            return Err(fmt("bad number of stages"));
        }
        if r.u8()? as usize != N {
            return Err(fmt("the tag set does not match this build"));
        }
        let mut stages = Vec::new();
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
        }
        let temperature = r.f32()?;
        let nk = r.var()? as usize;
        let mut knots = Vec::with_capacity(nk.min(1 << 16));
        for _ in 0..nk {
            knots.push((r.f32()?, r.f32()?));
        }
        let nc = r.var()? as usize;
        let mut cap_keys = Vec::with_capacity(nc.min(1 << 24));
        let mut last = 0u32;
        for _ in 0..nc {
            last = last
                .checked_add(r.var()? as u32)
                .ok_or_else(|| fmt("bad capitalization key"))?;
            cap_keys.push(last);
        }
        let classes = r.take(nc)?;
        let cap_entries: Vec<(u32, u8)> =
            cap_keys.into_iter().zip(classes.iter().copied()).collect();
        let nf = r.var()? as usize;
        let mut ids = Vec::with_capacity(nf.min(1 << 24));
        let mut last = 0u32;
        for _ in 0..nf {
            last = last
                .checked_add(r.var()? as u32)
                .ok_or_else(|| fmt("bad feature id"))?;
            ids.push(last);
        }
        let mut rows = vec![Row::default(); nf];
        for row in rows.iter_mut() {
            for s in 0..stages.len() {
                let mask = r.var()?;
                if mask >> N != 0 {
                    return Err(fmt("bad weight mask"));
                }
                for t in 0..N {
                    if mask & (1 << t) != 0 {
                        row.0[s][t] = r.u8()? as i8;
                    }
                }
            }
        }
        if r.pos != body.len() {
            return Err(fmt("trailing bytes after the weights"));
        }
        Ok(Model {
            groups,
            stages,
            calibration: Calibration { temperature, knots },
            caps: CapTable(Table::build(
                cap_entries.iter().map(|&(k, c)| (k, u32::from(c))),
            )),
            feats: Table::build(ids.iter().enumerate().map(|(i, &k)| (k, i as u32))),
            ids,
            rows,
            cap_entries,
        })
    }
}

fn fnv32(b: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &x in b {
        h ^= u32::from(x);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn put_var(b: &mut Vec<u8>, mut x: u64) {
    loop {
        let byte = (x & 0x7f) as u8;
        x >>= 7;
        if x == 0 {
            b.push(byte);
            return;
        }
        b.push(byte | 0x80);
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| {
                ModelError::Format("unexpected end of file: the model is truncated".into())
            })?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn var(&mut self) -> Result<u64, ModelError> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            x |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(x);
            }
        }
        Err(ModelError::Format("bad varint".into()))
    }
}
