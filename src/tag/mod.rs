//! Stage 4: the statistical entity tagger (PER, ORG, LOC, MISC).
//!
//! INTERFACE PLACEHOLDER — being implemented under issue #4 (trained model, features, decoder).

use crate::output::Label;
use crate::sentences::Sentence;
use crate::tokenize::Token;

/// An entity found by the tagger, as a range of token indices `first..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mention {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub end: usize,
    /// PER, ORG, LOC or MISC.
    pub label: Label,
    /// Calibrated confidence in [0, 1].
    pub score: f32,
}

/// Why a model file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("model file is not a presslens model: {0}")]
    Format(String),
}

/// The trained tagger.
pub struct Tagger {}

impl Tagger {
    /// Loads a model from its bytes.
    pub fn from_bytes(_bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger {})
    }

    /// The model shipped with the crate.
    pub fn embedded() -> &'static Tagger {
        static T: Tagger = Tagger {};
        &T
    }

    /// Tags one document: mentions sorted, non-overlapping, each inside one sentence.
    pub fn tag(&self, _text: &str, _tokens: &[Token], _sentences: &[Sentence]) -> Vec<Mention> {
        Vec::new()
    }
}
