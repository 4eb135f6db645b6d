//! The trainers of the two models the library embeds. They live with the command line, not in
//! the library: the library only loads and runs the models.
//!
//! - [`tagger`]: `presslens train`, the entity tagger (`model/ner.bin`,
//!   `bash scripts/train-model.sh`);
//! - [`sentences`]: `presslens train-sentences`, the sentence-boundary classifier
//!   (`model/sentences.bin`, `bash scripts/train-sentences.sh`);
//! - [`kmeans`]: `presslens kmeans`, the word clusters of the tagger's lexicon
//!   (`src/1-lexicon/clusters.tsv`, `python3 scripts/build_clusters.py`).
//!
//! Both are deterministic: the same data, seed and build give the same bytes.

pub mod kmeans;
pub mod sentences;
pub mod tagger;

/// Deterministic random numbers (splitmix64), shared by the trainers.
pub(crate) struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
