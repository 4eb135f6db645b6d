//! The one reader and writer of the binary model files the library embeds (`model/ner.bin`,
//! read by `mentions::tag::model`, and `model/sentences.bin`, read by
//! `text::sentences::learned`), and their one error type.
//!
//! Both files share a frame; each model defines only the body inside it:
//!
//! ```text
//! magic    8 bytes   names the kind of model (FileKind::magic)
//! version  u16 or u32, little-endian (FileKind::version_bytes)
//! body     the model's own layout, read and written with Reader and Writer
//! check    u32       FNV-1a (32-bit) of every byte before it
//! ```
//!
//! [`FileKind::open`] checks the magic, the version and the checksum, in that order, and hands
//! back a [`Reader`] over the body alone; [`FileKind::writer`] starts a file and
//! [`Writer::finish`] appends the checksum. All integers are little-endian; `var` is an
//! unsigned LEB128 varint.

/// What a model file is, for the frame and for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKind {
    /// Names the model in messages: "tagger model", "sentence model".
    pub name: &'static str,
    pub magic: &'static [u8; 8],
    /// The format version this build reads and writes.
    pub version: u32,
    /// Width of the version field: 2 or 4 bytes.
    pub version_bytes: usize,
    /// The command that rebuilds the file, named when a file cannot be used.
    pub retrain: &'static str,
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The file does not start with the kind's magic bytes.
    #[error("not a presslens {model} file: it does not start with the magic bytes of one")]
    Magic { model: &'static str },
    /// The file has another format version.
    #[error("{model} file has format version {found}, this build reads version {expected}; rebuild it with {retrain}")]
    Version {
        model: &'static str,
        found: u32,
        expected: u32,
        retrain: &'static str,
    },
    /// The file is truncated, corrupted or inconsistent.
    #[error("malformed {model} file: {why}")]
    Format { model: &'static str, why: String },
}

/// Length of the checksum at the end of every file.
const CHECK_BYTES: usize = 4;

impl FileKind {
    /// Checks the frame of `bytes` (magic, version, checksum) and returns a reader over the
    /// body.
    pub fn open<'a>(&self, bytes: &'a [u8]) -> Result<Reader<'a>, ModelError> {
        let magic = self.magic.len();
        if bytes.len() < magic || &bytes[..magic] != self.magic {
            return Err(ModelError::Magic { model: self.name });
        }
        let header = magic + self.version_bytes;
        if bytes.len() < header + CHECK_BYTES {
            return Err(self.format("truncated header: the file is truncated"));
        }
        let found = bytes[magic..header]
            .iter()
            .rev()
            .fold(0u32, |v, &b| v << 8 | u32::from(b));
        if found != self.version {
            return Err(ModelError::Version {
                model: self.name,
                found,
                expected: self.version,
                retrain: self.retrain,
            });
        }
        let (framed, check) = bytes.split_at(bytes.len() - CHECK_BYTES);
        if fnv32(framed).to_le_bytes() != check {
            return Err(self.format("checksum mismatch: the file is truncated or corrupted"));
        }
        Ok(Reader {
            b: &framed[header..],
            pos: 0,
            model: self.name,
        })
    }

    /// A writer with the magic and version already written.
    pub fn writer(&self) -> Writer {
        let mut w = Writer { b: Vec::new() };
        w.bytes(self.magic);
        w.bytes(&self.version.to_le_bytes()[..self.version_bytes]);
        w
    }

    /// A [`ModelError::Format`] of this kind.
    pub fn format(&self, why: impl Into<String>) -> ModelError {
        ModelError::Format {
            model: self.name,
            why: why.into(),
        }
    }
}

/// FNV-1a, 32 bits.
fn fnv32(b: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &x in b {
        h ^= u32::from(x);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Reads a model's body (from [`FileKind::open`]); every read past the end is an error.
pub struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
    model: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over bytes that have no frame of their own (a table generated at build time,
    /// such as the gazetteer's entries); `what` names them in errors.
    pub fn over(b: &'a [u8], what: &'static str) -> Reader<'a> {
        Reader {
            b,
            pos: 0,
            model: what,
        }
    }

    /// A [`ModelError::Format`] for this file.
    pub fn error(&self, why: impl Into<String>) -> ModelError {
        ModelError::Format {
            model: self.model,
            why: why.into(),
        }
    }

    /// Bytes of the body not read yet.
    pub fn remaining(&self) -> usize {
        self.b.len() - self.pos
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| self.error("unexpected end of file: the model is truncated"))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn array<const K: usize>(&mut self) -> Result<[u8; K], ModelError> {
        Ok(self.take(K)?.try_into().expect("K bytes"))
    }

    pub fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }

    pub fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub fn i32(&mut self) -> Result<i32, ModelError> {
        Ok(i32::from_le_bytes(self.array()?))
    }

    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    /// An unsigned LEB128 varint of at most 64 bits.
    pub fn var(&mut self) -> Result<u64, ModelError> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            x |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(x);
            }
        }
        Err(self.error("bad varint"))
    }

    /// Succeeds when the whole body has been read.
    pub fn finish(self, after: &str) -> Result<(), ModelError> {
        if self.remaining() != 0 {
            return Err(self.error(format!("trailing bytes after the {after}")));
        }
        Ok(())
    }
}

/// Writes a model file (from [`FileKind::writer`]).
#[derive(Debug, Clone, Default)]
pub struct Writer {
    b: Vec<u8>,
}

impl Writer {
    pub fn bytes(&mut self, b: &[u8]) {
        self.b.extend_from_slice(b);
    }

    pub fn u8(&mut self, x: u8) {
        self.b.push(x);
    }

    pub fn u16(&mut self, x: u16) {
        self.bytes(&x.to_le_bytes());
    }

    pub fn u32(&mut self, x: u32) {
        self.bytes(&x.to_le_bytes());
    }

    pub fn i32(&mut self, x: i32) {
        self.bytes(&x.to_le_bytes());
    }

    pub fn f32(&mut self, x: f32) {
        self.bytes(&x.to_le_bytes());
    }

    /// An unsigned LEB128 varint.
    pub fn var(&mut self, mut x: u64) {
        loop {
            let byte = (x & 0x7f) as u8;
            x >>= 7;
            if x == 0 {
                self.b.push(byte);
                return;
            }
            self.b.push(byte | 0x80);
        }
    }

    /// The file: everything written, then the checksum.
    pub fn finish(mut self) -> Vec<u8> {
        let check = fnv32(&self.b);
        self.bytes(&check.to_le_bytes());
        self.b
    }
}

/// Entropy coding for model bodies (issue #14): the adaptive binary range coder of LZMA
/// (11-bit probabilities, adaptation shift 5, carry propagation through a cached byte). A
/// model codes each bit with the probability of its context ([`Prob`]); integers go through
/// [`BitTree`] and [`Gaps`]. Gzip (the wasm payload) cannot shrink its output further, but
/// the output is already smaller than gzip makes the plain columns (the model's header
/// comment has the figures). Integer arithmetic only, so every platform writes the same bytes.
pub mod range {
    /// Probability of a 0 bit, in 1/2048ths.
    pub type Prob = u16;
    const BITS: u32 = 11;
    const ONE: u16 = 1 << BITS;
    /// The probability every context starts with (one half).
    pub const HALF: Prob = ONE / 2;
    const SHIFT: u32 = 5;
    const TOP: u32 = 1 << 24;
    /// Most bits [`Encoder::direct`] codes in one step: the range (at least `TOP`) keeps 8
    /// bits of precision for each value.
    pub const DIRECT_MAX: u32 = 16;
    /// How many values a model's reader decodes per call of its inner loop (the functions are
    /// `#[inline(never)]`). In wasm a model is decoded once, at start-up, by code V8 has just
    /// compiled with its baseline compiler (Liftoff); V8 recompiles a function that runs hot
    /// with its optimizing compiler, but a call in progress keeps the code it started with, so
    /// one call over the whole block would run the baseline code to the end. In many calls,
    /// the later ones run the optimized code (issue #14, start-up).
    pub const CALL_CHUNK: usize = 512;

    /// Fills `out` to `n` values in calls of `step(out, upto)`, each of which must add values
    /// until `out` holds `upto` (at most [`CALL_CHUNK`] more) or fail.
    pub fn in_calls<T, E>(
        n: usize,
        out: &mut Vec<T>,
        mut step: impl FnMut(&mut Vec<T>, usize) -> Result<(), E>,
    ) -> Result<(), E> {
        while out.len() < n {
            let upto = (out.len() + CALL_CHUNK).min(n);
            step(out, upto)?;
        }
        Ok(())
    }

    #[derive(Debug)]
    pub struct Encoder {
        low: u64,
        range: u32,
        cache: u8,
        pending: u64,
        out: Vec<u8>,
    }

    impl Default for Encoder {
        fn default() -> Self {
            Encoder {
                low: 0,
                range: u32::MAX,
                cache: 0,
                pending: 1,
                out: Vec::new(),
            }
        }
    }

    impl Encoder {
        fn shift_low(&mut self) {
            if (self.low as u32) < 0xFF00_0000 || self.low >> 32 != 0 {
                let carry = (self.low >> 32) as u8;
                let mut byte = self.cache;
                loop {
                    self.out.push(byte.wrapping_add(carry));
                    byte = 0xFF;
                    self.pending -= 1;
                    if self.pending == 0 {
                        break;
                    }
                }
                self.cache = (self.low >> 24) as u8;
            }
            self.pending += 1;
            self.low = (self.low & 0x00FF_FFFF) << 8;
        }

        /// Codes `bit` with the probability `p`, which then adapts to it.
        pub fn bit(&mut self, p: &mut Prob, bit: bool) {
            let bound = (self.range >> BITS) * u32::from(*p);
            if bit {
                self.low += u64::from(bound);
                self.range -= bound;
                *p -= *p >> SHIFT;
            } else {
                self.range = bound;
                *p += (ONE - *p) >> SHIFT;
            }
            while self.range < TOP {
                self.range <<= 8;
                self.shift_low();
            }
        }

        /// Codes the `k` low bits of `v` (`k` at most [`DIRECT_MAX`]) at one half each, in one
        /// step.
        pub fn direct(&mut self, v: u32, k: u32) {
            debug_assert!(k <= DIRECT_MAX && u64::from(v) >> k == 0);
            let r = self.range >> k;
            self.low += u64::from(v) * u64::from(r);
            self.range = r;
            while self.range < TOP {
                self.range <<= 8;
                self.shift_low();
            }
        }

        /// Codes symbol `i` of the static distribution `s` (one step, whatever the number of
        /// symbols).
        pub fn symbol(&mut self, s: &Symbols, i: usize) {
            let r = self.range >> Symbols::BITS;
            self.low += u64::from(s.cum[i] * r);
            self.range = s.freq[i] * r;
            while self.range < TOP {
                self.range <<= 8;
                self.shift_low();
            }
        }

        /// The coded bytes.
        pub fn finish(mut self) -> Vec<u8> {
            for _ in 0..5 {
                self.shift_low();
            }
            self.out
        }
    }

    /// Decodes what [`Encoder`] wrote. Reading past the end gives zero bytes and marks the
    /// decoder [`Decoder::overrun`]: the caller checks it and refuses the file, so no input
    /// can make decoding panic or loop for ever.
    #[derive(Debug)]
    pub struct Decoder<'a> {
        b: &'a [u8],
        pos: usize,
        range: u32,
        code: u32,
        overrun: bool,
    }

    impl<'a> Decoder<'a> {
        pub fn new(b: &'a [u8]) -> Decoder<'a> {
            let mut d = Decoder {
                b,
                pos: 1,
                range: u32::MAX,
                code: 0,
                overrun: b.first() != Some(&0),
            };
            for _ in 0..4 {
                d.code = d.code << 8 | u32::from(d.byte());
            }
            d
        }

        fn byte(&mut self) -> u8 {
            match self.b.get(self.pos) {
                Some(&x) => {
                    self.pos += 1;
                    x
                }
                None => {
                    self.overrun = true;
                    0
                }
            }
        }

        /// The next bit, coded with the probability `p` (which adapts as the encoder's did).
        ///
        /// Branch-free (the bit is as good as random, so a branch on it is mispredicted about
        /// half the time; masks and selects cost less): loading the tagger model, millions of
        /// bits, is most of the page's start-up work in the core (issue #14). The arithmetic is
        /// exactly the encoder's, so every file decodes as before.
        #[inline]
        pub fn bit(&mut self, p: &mut Prob) -> bool {
            let prob = *p;
            let bound = (self.range >> BITS) * u32::from(prob);
            let bit = self.code >= bound;
            // All ones when the bit is 1.
            let one = u32::from(bit).wrapping_neg();
            self.code -= bound & one;
            self.range = (bound & !one) | (self.range.wrapping_sub(bound) & one);
            let up = prob + ((ONE - prob) >> SHIFT);
            let down = prob - (prob >> SHIFT);
            *p = if bit { down } else { up };
            while self.range < TOP {
                self.range <<= 8;
                self.code = self.code << 8 | u32::from(self.byte());
            }
            bit
        }

        /// The next `k` bits coded by [`Encoder::direct`] (`k` at most [`DIRECT_MAX`]): one
        /// division where bit by bit would be `k` dependent steps.
        #[inline]
        pub fn direct(&mut self, k: u32) -> u32 {
            let r = self.range >> k;
            // Below 2^k on every block the encoder wrote; clamped for a corrupted one.
            let v = (self.code / r).min((1 << k) - 1);
            self.code -= v * r;
            self.range = r;
            while self.range < TOP {
                self.range <<= 8;
                self.code = self.code << 8 | u32::from(self.byte());
            }
            v
        }

        /// The next symbol of the static distribution `s`: one division and one table look-up
        /// where a [`BitTree`] of the same symbols takes a dependent step per bit (issue #14:
        /// the tagger model's weights, most of its decoding). The arithmetic is
        /// [`Encoder::symbol`]'s; on a corrupted block the result is some symbol, never a
        /// panic (the caller's checks refuse the block).
        #[inline]
        pub fn symbol(&mut self, s: &Symbols) -> usize {
            let r = self.range >> Symbols::BITS;
            // Below TOTAL on every block the encoder wrote; clamped for a corrupted one.
            let v = (self.code / r).min(Symbols::TOTAL - 1);
            let i = usize::from(s.of[v as usize]);
            // cum[i] <= v, so this cannot wrap.
            self.code -= s.cum[i] * r;
            self.range = s.freq[i] * r;
            while self.range < TOP {
                self.range <<= 8;
                self.code = self.code << 8 | u32::from(self.byte());
            }
            i
        }

        /// Whether the coded bytes ran out (the input is truncated or corrupted).
        pub fn overrun(&self) -> bool {
            self.overrun
        }

        /// Whether every coded byte was read and none was missing.
        pub fn at_end(&self) -> bool {
            !self.overrun && self.pos == self.b.len()
        }
    }

    /// A static distribution over at most 256 symbols, as frequencies summing to
    /// [`Symbols::TOTAL`] (each symbol at least 1), which the file stores: coding with it is
    /// one step per symbol ([`Encoder::symbol`], [`Decoder::symbol`]).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Symbols {
        freq: Vec<u32>,
        cum: Vec<u32>,
        /// The symbol of each value below TOTAL.
        of: Vec<u8>,
    }

    impl Symbols {
        /// Bits of precision of the frequencies.
        pub const BITS: u32 = 12;
        pub const TOTAL: u32 = 1 << Self::BITS;

        /// The frequencies as stored; `None` unless there are 1 to 256 of them, none is zero,
        /// and they sum to [`Symbols::TOTAL`].
        pub fn from_freqs(freqs: &[u16]) -> Option<Symbols> {
            if freqs.is_empty()
                || freqs.len() > 256
                || freqs.contains(&0)
                || freqs.iter().map(|&f| u32::from(f)).sum::<u32>() != Self::TOTAL
            {
                return None;
            }
            let freq: Vec<u32> = freqs.iter().map(|&f| u32::from(f)).collect();
            let mut cum = Vec::with_capacity(freq.len());
            let mut of = Vec::with_capacity(Self::TOTAL as usize);
            let mut at = 0;
            for (i, &f) in freq.iter().enumerate() {
                cum.push(at);
                at += f;
                of.resize(at as usize, i as u8);
            }
            Some(Symbols { freq, cum, of })
        }

        /// Frequencies proportional to `counts` (one per symbol, the symbols that never occur
        /// included: each gets at least 1), rounded so that they sum to TOTAL; the same
        /// counts always give the same frequencies. `None` for no counts or more than 256,
        /// or more symbols than TOTAL.
        pub fn from_counts(counts: &[u64]) -> Option<Symbols> {
            let n = counts.len();
            if n == 0 || n > 256 {
                return None;
            }
            let sum: u64 = counts.iter().sum::<u64>().max(1);
            let spare = u64::from(Self::TOTAL) - n as u64;
            // One each, the rest shared in proportion (rounded down), the remainder to the
            // most frequent symbol (the first of them).
            let mut freq: Vec<u64> = counts
                .iter()
                .map(|&c| 1 + (u128::from(c) * u128::from(spare) / u128::from(sum)) as u64)
                .collect();
            let short = u64::from(Self::TOTAL) - freq.iter().sum::<u64>();
            let top = (0..n).max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))?;
            freq[top] += short;
            let freqs: Vec<u16> = freq.iter().map(|&f| f as u16).collect();
            Self::from_freqs(&freqs)
        }

        /// The frequencies, as the file stores them.
        pub fn freqs(&self) -> Vec<u16> {
            self.freq.iter().map(|&f| f as u16).collect()
        }
    }

    /// Adaptive coding of `bits`-bit numbers, most significant bit first, each bit in the
    /// context of the bits above it.
    #[derive(Debug, Clone)]
    pub struct BitTree {
        probs: Vec<Prob>,
        bits: u32,
    }

    impl BitTree {
        pub fn new(bits: u32) -> BitTree {
            BitTree {
                probs: vec![HALF; 1 << bits],
                bits,
            }
        }

        /// Codes `v` (below `1 << bits`).
        pub fn put(&mut self, e: &mut Encoder, v: u32) {
            debug_assert!(
                v >> self.bits == 0,
                "{v} needs more than {} bits",
                self.bits
            );
            let mut node = 1usize;
            for k in (0..self.bits).rev() {
                let b = v >> k & 1 == 1;
                e.bit(&mut self.probs[node], b);
                node = node << 1 | usize::from(b);
            }
        }

        pub fn get(&mut self, d: &mut Decoder) -> u32 {
            let mut node = 1usize;
            for _ in 0..self.bits {
                node = node << 1 | usize::from(d.bit(&mut self.probs[node]));
            }
            (node - (1 << self.bits)) as u32
        }
    }

    /// Adaptive coding of 32-bit numbers such as the gaps between sorted keys: the bit length
    /// (adaptive), the two bits below the leading one (adaptive, by length), the rest at one
    /// half each, up to [`DIRECT_MAX`] of them in one step (most significant first).
    #[derive(Debug, Clone)]
    pub struct Gaps {
        len: BitTree,
        top: Vec<BitTree>,
    }

    impl Default for Gaps {
        fn default() -> Self {
            Gaps {
                len: BitTree::new(6),
                // top[n]: the bits below the leading one of an n-bit number, at most two.
                top: (0..=32u32)
                    .map(|n| BitTree::new(n.saturating_sub(1).min(2)))
                    .collect(),
            }
        }
    }

    impl Gaps {
        pub fn put(&mut self, e: &mut Encoder, v: u32) {
            let n = 32 - v.leading_zeros();
            self.len.put(e, n);
            if n > 1 {
                let rest = n - 1;
                let top = rest.min(2);
                self.top[n as usize].put(e, (v >> (rest - top)) & ((1 << top) - 1));
                let mut left = rest - top;
                while left > 0 {
                    let k = left.min(DIRECT_MAX);
                    left -= k;
                    e.direct((v >> left) & ((1 << k) - 1), k);
                }
            }
        }

        /// The next number, or `None` if the coded length is not one of a 32-bit number.
        pub fn get(&mut self, d: &mut Decoder) -> Option<u32> {
            let n = self.len.get(d);
            match n {
                0 | 1 => Some(n),
                33.. => None,
                _ => {
                    let rest = n - 1;
                    let top = rest.min(2);
                    let mut v = 1u32 << top | self.top[n as usize].get(d);
                    let mut left = rest - top;
                    while left > 0 {
                        let k = left.min(DIRECT_MAX);
                        left -= k;
                        v = v << k | d.direct(k);
                    }
                    Some(v)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIND: FileKind = FileKind {
        name: "test model",
        magic: b"PLTESTMD",
        version: 3,
        version_bytes: 2,
        retrain: "the test",
    };

    fn file() -> Vec<u8> {
        let mut w = KIND.writer();
        w.u8(7);
        w.u32(0xdead_beef);
        w.i32(-5);
        w.f32(1.5);
        w.var(300);
        w.var(u64::MAX);
        w.finish()
    }

    #[test]
    fn a_written_file_reads_back_field_by_field() {
        let b = file();
        assert_eq!(&b[..8], KIND.magic);
        assert_eq!(&b[8..10], &[3, 0], "a 2-byte version, little-endian");
        let mut r = KIND.open(&b).expect("a file just written must open");
        assert_eq!(r.u8(), Ok(7));
        assert_eq!(r.u32(), Ok(0xdead_beef));
        assert_eq!(r.i32(), Ok(-5));
        assert_eq!(r.f32(), Ok(1.5));
        assert_eq!(r.var(), Ok(300));
        assert_eq!(r.var(), Ok(u64::MAX));
        assert_eq!(r.remaining(), 0, "the checksum is not part of the body");
        assert!(r.finish("fields").is_ok());
    }

    #[test]
    fn each_broken_frame_gets_its_own_error() {
        let b = file();
        for not_a_model in [&b"GIF89a......"[..], b""] {
            assert!(
                matches!(
                    KIND.open(not_a_model),
                    Err(ModelError::Magic {
                        model: "test model"
                    })
                ),
                "{not_a_model:?} must be refused by its magic bytes"
            );
        }
        let mut newer = b.clone();
        newer[8] = 4;
        let e = KIND.open(&newer).err().expect("another version must fail");
        assert!(
            matches!(
                e,
                ModelError::Version {
                    found: 4,
                    expected: 3,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("the test"), "names the fix: {e}");
        for broken in [&b[..b.len() - 1], &b[..12]] {
            let e = KIND.open(broken).err().expect("a truncated file must fail");
            assert!(
                matches!(e, ModelError::Format { .. }) && e.to_string().contains("truncated"),
                "{e}"
            );
        }
        let mut flipped = b.clone();
        flipped[11] ^= 1;
        assert!(KIND.open(&flipped).is_err(), "a flipped bit must fail");
    }

    #[test]
    fn reading_past_the_body_or_leaving_bytes_is_an_error() {
        let mut w = KIND.writer();
        w.u8(1);
        w.u8(2);
        let b = w.finish();
        let mut r = KIND.open(&b).unwrap();
        assert!(r.u32().is_err(), "2 bytes cannot be a u32");
        let mut r = KIND.open(&b).unwrap();
        r.u8().unwrap();
        let e = r.finish("weights").unwrap_err();
        assert!(
            e.to_string().contains("trailing bytes after the weights"),
            "{e}"
        );
    }

    /// A pseudo-random sequence for the coder tests.
    fn numbers(n: usize) -> Vec<u32> {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Mostly small, skewed numbers (what models code), some of every width.
                (x >> (32 + (i % 32))) as u32
            })
            .collect()
    }

    fn encode(v: &[u32]) -> Vec<u8> {
        let mut e = range::Encoder::default();
        let (mut gaps, mut tree, mut p) =
            (range::Gaps::default(), range::BitTree::new(5), range::HALF);
        for &x in v {
            gaps.put(&mut e, x);
            tree.put(&mut e, x & 31);
            e.bit(&mut p, x & 1 == 1);
        }
        e.finish()
    }

    /// Decodes `n` numbers as `encode` wrote them; a number whose bit tree or bit value
    /// disagrees with it decodes as `None` (a wrong decode is a mismatch, not a panic).
    fn decode(b: &[u8], n: usize) -> (Vec<Option<u32>>, range::Decoder<'_>) {
        let mut d = range::Decoder::new(b);
        let (mut gaps, mut tree, mut p) =
            (range::Gaps::default(), range::BitTree::new(5), range::HALF);
        let mut out = Vec::new();
        for _ in 0..n {
            let x = gaps.get(&mut d);
            let (t, bit) = (tree.get(&mut d), d.bit(&mut p));
            out.push(x.filter(|&x| t == x & 31 && bit == (x & 1 == 1)));
        }
        (out, d)
    }

    #[test]
    fn the_range_coder_reads_back_what_it_wrote() {
        let v = numbers(5000);
        assert!(
            v.contains(&0) && v.iter().any(|&x| x > 1 << 30),
            "every width is tested"
        );
        let b = encode(&v);
        let (back, d) = decode(&b, v.len());
        assert_eq!(back, v.iter().map(|&x| Some(x)).collect::<Vec<_>>());
        assert!(d.at_end(), "the decoder reads exactly the coded bytes");
        assert!(encode(&[]).len() <= 5, "an empty stream is its flush alone");
        let empty = encode(&[]);
        let (none, d) = decode(&empty, 0);
        assert!(none.is_empty() && d.at_end());
    }

    #[test]
    fn a_truncated_range_coded_stream_is_noticed() {
        let v = numbers(2000);
        let b = encode(&v);
        for cut in [0, 1, 3, b.len() / 2, b.len() - 1] {
            let (_, d) = decode(&b[..cut], v.len());
            assert!(
                d.overrun() && !d.at_end(),
                "a stream cut at {cut} of {} must be noticed",
                b.len()
            );
        }
    }

    /// Symbols 0..n in a skewed order (small indices often, as weight levels near zero are),
    /// interleaved with adaptive bits, so that both kinds of step share one stream.
    fn symbols(n: usize, len: usize) -> Vec<usize> {
        numbers(len)
            .iter()
            .map(|&x| x as usize)
            .map(|x| if x % 3 == 0 { x % n } else { x % n.min(7) })
            .collect()
    }

    #[test]
    fn static_symbols_read_back_between_adaptive_bits() {
        for n in [1, 2, 23, 256] {
            let v = symbols(n, 3000);
            let mut counts = vec![0u64; n];
            v.iter().for_each(|&i| counts[i] += 1);
            let s = range::Symbols::from_counts(&counts).expect("1 to 256 symbols");
            assert_eq!(s.freqs().len(), n);
            let freqs = s.freqs();
            assert_eq!(
                freqs.iter().map(|&f| u32::from(f)).sum::<u32>(),
                range::Symbols::TOTAL
            );
            assert!(
                !freqs.contains(&0),
                "a symbol that never occurs still gets a frequency"
            );
            assert_eq!(
                range::Symbols::from_freqs(&freqs),
                Some(s.clone()),
                "the stored form gives the same distribution"
            );
            let mut e = range::Encoder::default();
            let mut p = range::HALF;
            for &i in &v {
                e.symbol(&s, i);
                e.bit(&mut p, i % 2 == 1);
            }
            let b = e.finish();
            let mut d = range::Decoder::new(&b);
            let mut p = range::HALF;
            let back: Vec<usize> = v
                .iter()
                .map(|_| {
                    let i = d.symbol(&s);
                    assert_eq!(
                        d.bit(&mut p),
                        i % 2 == 1,
                        "{n} symbols: the adaptive bit after a symbol must decode too"
                    );
                    i
                })
                .collect();
            assert_eq!(back, v, "{n} symbols must decode as coded");
            assert!(
                d.at_end(),
                "{n} symbols: the decoder reads exactly the coded bytes"
            );
        }
    }

    #[test]
    fn static_frequencies_are_checked_and_follow_the_counts() {
        assert_eq!(range::Symbols::from_freqs(&[]), None, "no symbol");
        assert_eq!(
            range::Symbols::from_freqs(&[4095, 0, 1]),
            None,
            "a zero frequency"
        );
        assert_eq!(
            range::Symbols::from_freqs(&[4000, 95]),
            None,
            "a sum below 4096"
        );
        assert_eq!(
            range::Symbols::from_freqs(&vec![16; 257]),
            None,
            "more than 256 symbols"
        );
        assert!(
            range::Symbols::from_freqs(&[4096]).is_some(),
            "one symbol, always coded"
        );
        assert_eq!(range::Symbols::from_counts(&[]), None);
        let f = range::Symbols::from_counts(&[300, 100, 0]).unwrap().freqs();
        assert_eq!(f.iter().map(|&x| u32::from(x)).sum::<u32>(), 4096);
        assert!(
            f[2] == 1 && f[0] > 2 * f[1] && f[1] > 1000,
            "frequencies follow the counts: {f:?}"
        );
    }

    #[test]
    fn a_corrupted_stream_decodes_symbols_and_direct_bits_without_panicking() {
        let s = range::Symbols::from_counts(&[5, 1, 1, 40]).unwrap();
        for seed in 0..64u32 {
            let junk: Vec<u8> = std::iter::once(0)
                .chain(
                    numbers(40)
                        .iter()
                        .map(|&x| (x ^ seed.wrapping_mul(2_654_435_761)) as u8),
                )
                .collect();
            let mut d = range::Decoder::new(&junk);
            for _ in 0..200 {
                assert!(d.symbol(&s) < 4);
                assert!(d.direct(13) < 1 << 13);
            }
        }
    }
}
