//! presslens: a newsroom entity analyzer.
//!
//! The folders of `src/` are the floors of the pipeline, numbered in the order the text flows
//! through them; each module imports only from floors below its own (`tests/layers.rs` checks
//! the `use crate::` lines):
//!
//! 0. [`vocab`]: labels, line classes, non-overlapping spans: the words every floor shares;
//! 1. [`lexicon`]: the hand-written word lists, each once, as data;
//! 2. [`input`]: documents as given, their limits, and the one calendar;
//! 3. [`text`]: tokens, sentences, line classes;
//! 4. [`mentions`]: the tagger, gazetteer, rules and reader's lists, merged per document;
//! 5. [`entities`]: resolution into entities and clusters, quotations, salience;
//! 6. [`pipeline`]: the [`Analyzer`]: runs floors 3–5 per document (in parallel in the
//!    CLI), then the cross-document step, with a failure kept to its document;
//! 7. [`output`]: the public, plain-data result, the only place UTF-16 offsets are made.
//!
//! Nothing here knows about WebAssembly or JavaScript; the `wasm` module (compiled only for
//! `wasm32`) is a thin skin that converts types and errors.

#[path = "0-vocab/mod.rs"]
pub mod vocab;

#[path = "1-lexicon/mod.rs"]
pub mod lexicon;

#[path = "2-input/mod.rs"]
pub mod input;

#[path = "3-text/mod.rs"]
pub mod text;

#[path = "4-mentions/mod.rs"]
pub mod mentions;

#[path = "5-entities/mod.rs"]
pub mod entities;

#[path = "6-pipeline/mod.rs"]
pub mod pipeline;

#[path = "7-output/mod.rs"]
pub mod output;

/// The WebAssembly skin (wasm32 only): the `Analyzer` class JavaScript uses.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use input::{Document, InputError};
pub use output::{AnalysisResult, DocumentResult, Entity};
pub use pipeline::Analyzer;
pub use vocab::Label;
