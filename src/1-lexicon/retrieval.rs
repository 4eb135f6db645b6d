//! A static function without keys (issue #17, for the word clusters): it maps each key of a
//! fixed set to its small value in about 1.23 × (value bits + check bits) bits per key, and
//! keeps no key. A key outside the set gets "none" unless its `check` bits happen to match
//! (probability 2^−check), in which case it gets an arbitrary value.
//!
//! Construction (Botelho, Pagh & Ziviani's 3-hypergraph retrieval, as in xor filters): each
//! key's hash picks one cell in each third of a table; the table is solved so that the XOR of
//! a key's three cells is `fingerprint << value_bits | value`. The cells are bit-packed.
//! build.rs builds the table (it includes this file) and the library reads it; both use
//! [`hash`], so they agree on every platform.
//!
//! Layout: `u64` seed, `u32` cells per third, `u8` value bits, `u8` check bits (little-endian),
//! then the cells, `value_bits + check_bits` bits each, least significant bit first.

/// 64-bit hash of a key with a seed: FNV-1a, then a final mix.
pub fn hash(key: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in key {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= key.len() as u64;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The three cells of hash `h` in a table of `3 × third` cells, and its fingerprint.
fn cells(h: u64, third: u32) -> ([usize; 3], u64) {
    let t = u64::from(third);
    let r = |x: u64| (((x & 0xffff_ffff) * t) >> 32) as usize;
    (
        [
            r(h),
            t as usize + r(h.rotate_left(21)),
            2 * t as usize + r(h.rotate_left(42)),
        ],
        h >> 40,
    )
}

const HEADER: usize = 14;

/// A table read from its bytes.
pub struct Table<'a> {
    seed: u64,
    third: u32,
    value_bits: u32,
    check_bits: u32,
    cells: &'a [u8],
}

impl<'a> Table<'a> {
    /// Reads a table written by [`build`]; `None` if the bytes are too short for their header.
    pub fn new(bytes: &'a [u8]) -> Option<Table<'a>> {
        let head = bytes.get(..HEADER)?;
        let seed = u64::from_le_bytes(head[0..8].try_into().ok()?);
        let third = u32::from_le_bytes(head[8..12].try_into().ok()?);
        let (value_bits, check_bits) = (u32::from(head[12]), u32::from(head[13]));
        let width = value_bits + check_bits;
        let need = (3 * third as usize * width as usize).div_ceil(8);
        (third > 0 && width <= 32 && bytes.len() - HEADER >= need).then_some(Table {
            seed,
            third,
            value_bits,
            check_bits,
            cells: &bytes[HEADER..],
        })
    }

    fn cell(&self, i: usize) -> u64 {
        let width = (self.value_bits + self.check_bits) as usize;
        let bit = i * width;
        let mut x = 0u64;
        for k in 0..(width + bit % 8).div_ceil(8) {
            x |= u64::from(self.cells.get(bit / 8 + k).copied().unwrap_or(0)) << (8 * k);
        }
        (x >> (bit % 8)) & ((1 << width) - 1)
    }

    /// The value of `key`, or `None` when its check bits say it is not a key of the set.
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        let (c, fp) = cells(hash(key, self.seed), self.third);
        let x = self.cell(c[0]) ^ self.cell(c[1]) ^ self.cell(c[2]);
        let check = (fp & ((1 << self.check_bits) - 1)) as u32;
        ((x >> self.value_bits) as u32 == check)
            .then_some((x & ((1 << self.value_bits) - 1)) as u32)
    }
}

/// Builds the table of `keys` (distinct) and their values (each below 2^value_bits), trying
/// seeds 0, 1, 2... until the hypergraph peels. Deterministic.
pub fn build(keys: &[(&[u8], u32)], value_bits: u32, check_bits: u32) -> Vec<u8> {
    assert!(value_bits + check_bits <= 32, "at most 32 bits per cell");
    let third = (keys.len() as u64 * 123 / 300 + 11) as u32;
    let m = 3 * third as usize;
    for seed in 0u64.. {
        let hashed: Vec<([usize; 3], u64)> = keys
            .iter()
            .map(|(k, v)| {
                let (c, fp) = cells(hash(k, seed), third);
                let check = fp & ((1 << check_bits) - 1);
                (c, check << value_bits | u64::from(*v))
            })
            .collect();
        // Peel: repeatedly take a cell that only one remaining key uses.
        let mut count = vec![0u32; m];
        let mut xor = vec![0usize; m];
        for (k, (c, _)) in hashed.iter().enumerate() {
            for &i in c {
                count[i] += 1;
                xor[i] ^= k;
            }
        }
        let mut stack: Vec<(usize, usize)> = Vec::with_capacity(keys.len());
        let mut queue: Vec<usize> = (0..m).filter(|&i| count[i] == 1).collect();
        while let Some(i) = queue.pop() {
            if count[i] != 1 {
                continue;
            }
            let k = xor[i];
            stack.push((k, i));
            for &j in &hashed[k].0 {
                count[j] -= 1;
                xor[j] ^= k;
                if count[j] == 1 {
                    queue.push(j);
                }
            }
        }
        if stack.len() < keys.len() {
            continue;
        }
        let mut table = vec![0u64; m];
        for &(k, i) in stack.iter().rev() {
            let (c, target) = hashed[k];
            table[i] = c
                .iter()
                .filter(|&&j| j != i)
                .fold(target, |x, &j| x ^ table[j]);
        }
        let width = (value_bits + check_bits) as usize;
        let mut out = Vec::with_capacity(HEADER + (m * width).div_ceil(8));
        out.extend_from_slice(&seed.to_le_bytes());
        out.extend_from_slice(&third.to_le_bytes());
        out.push(value_bits as u8);
        out.push(check_bits as u8);
        let mut bits = vec![0u8; (m * width).div_ceil(8)];
        for (i, &x) in table.iter().enumerate() {
            for b in 0..width {
                if x >> b & 1 == 1 {
                    let at = i * width + b;
                    bits[at / 8] |= 1 << (at % 8);
                }
            }
        }
        out.extend_from_slice(&bits);
        return out;
    }
    unreachable!("some seed peels")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_gets_its_value_and_most_other_keys_get_none() {
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let keys: Vec<(&[u8], u32)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_bytes(), (i * 7 % 256) as u32))
            .collect();
        let bytes = build(&keys, 8, 4);
        assert!(
            bytes.len() < 5000 * 12 * 125 / 800 + 64,
            "{} bytes: more than 1.25 x 12 bits per key",
            bytes.len()
        );
        let t = Table::new(&bytes).expect("a table that reads back");
        for &(k, v) in &keys {
            assert_eq!(t.get(k), Some(v), "key {:?}", std::str::from_utf8(k));
        }
        let false_hits = (0..5000)
            .filter(|i| t.get(format!("x{i}").as_bytes()).is_some())
            .count();
        // 4 check bits: about 1 in 16.
        assert!(
            (150..500).contains(&false_hits),
            "{false_hits} of 5000 unknown keys found; 4 check bits give about 312"
        );
        assert!(
            Table::new(&bytes[..10]).is_none(),
            "a cut header must be refused"
        );
    }
}
