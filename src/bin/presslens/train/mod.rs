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
