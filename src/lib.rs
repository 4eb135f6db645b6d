//! presslens: a newsroom entity analyzer.
//!
//! The modules are the pipeline stages, in the order the text flows through them:
//!
//! 1. [`input`]: the documents as given, checked (size limits, ids, dates).
//! 2. [`tokenize`]: words, numbers, punctuation, with byte offsets and shape features.
//! 3. [`sentences`]: sentence boundaries over the tokens.
//! 4. [`tag`]: the statistical entity tagger (PER, ORG, LOC, MISC), trained from gold data.
//!    Beside it, issue #5's layers: [`gazetteer`] (places, nationalities, religions from public
//!    data), [`rules`] (dates, times, money, numbers, equipment, normalized), [`user_names`] (the
//!    reader's own lists), and [`merge`] (one non-overlapping entity list, by precedence).
//!    Then issue #6's per-document stages: [`boilerplate`] (each line: headline, byline,
//!    caption, body or boilerplate), [`resolve`] (mentions → document entities, then
//!    across documents → clusters), [`quotes`] (quotations and their speakers), [`salience`]
//!    (tag suggestions), and [`story`] (runs them and writes them into the result).
//! 5. [`analyze`]: runs the stages over a batch and assembles the result.
//! 6. [`output`]: the public, plain-data result with UTF-16 offsets into the original text.
//!
//! Beside them, [`check`] states the invariants every result keeps (issue #12); the fuzz
//! target and the property tests share it.
//!
//! Nothing here knows about WebAssembly or JavaScript; the `wasm` module (compiled only for
//! `wasm32`) is a thin skin that converts types and errors.

pub mod analyze;
pub mod boilerplate;
pub mod check;
pub mod gazetteer;
pub mod input;
pub mod merge;
pub mod output;
pub mod quotes;
pub mod resolve;
pub mod rules;
pub mod salience;
pub mod sentences;
pub mod spans;
pub mod story;
pub mod tag;
pub mod tokenize;
pub mod user_names;

/// The WebAssembly skin (wasm32 only): the `Analyzer` class JavaScript uses.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use analyze::Analyzer;
pub use input::{Document, InputError};
pub use output::{AnalysisResult, DocumentResult, Entity, Label};
