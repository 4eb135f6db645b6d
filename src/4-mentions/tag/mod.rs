//! The statistical entity tagger (PER, ORG, LOC, MISC).
//!
//! A two-stage structured averaged perceptron over hashed features (see [`features`]), decoded
//! by Viterbi over BILOU tags so that only valid tag sequences come out ([`decode`]). The first
//! stage tags the document from local evidence; the second stage sees, in addition, what the
//! first stage said about the other mentions of the same words in the document (Ratinov & Roth
//! 2009). Each entity's score is the posterior probability of its exact span and type,
//! calibrated on the CoNLL-2003 dev set. This is inference only: the trainer, its CoNLL reader
//! and the scoring live with the command line (`src/bin/presslens/train/tagger.rs`).

pub mod decode;
pub mod features;
pub mod model;
pub mod tags;

use std::sync::OnceLock;

use crate::text::sentences::Sentence;
use crate::text::tokenize::Token;
use crate::vocab::Label;
pub use features::Groups;
pub use model::Model;
use tags::{Span, N_TAGS};

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

pub use crate::input::model_file::ModelError;

/// The model shipped with the crate (see model/README.md for how it was trained).
static EMBEDDED_MODEL: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin"));

/// The trained tagger.
pub struct Tagger {
    model: Model,
    /// Each stage's transitions, exponentiated at the model's temperature (for the scores).
    exp: Vec<decode::ExpTransitions>,
}

/// Everything the tagger computed for one document, for evaluation and tests.
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    /// The final BILOU tag of every token (valid within each sentence).
    pub tags: Vec<u8>,
    /// The first stage's tags (equal to `tags` for a one-stage model).
    pub first_stage: Vec<u8>,
    /// The entities, sorted, each with its raw posterior and calibrated score.
    pub mentions: Vec<Mention>,
    pub raw_scores: Vec<f32>,
}

impl Tagger {
    /// Loads a model from its bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger::from_model(Model::from_bytes(bytes)?))
    }

    /// Wraps an already loaded or freshly trained model.
    pub fn from_model(model: Model) -> Tagger {
        let t = model.calibration.temperature;
        let exp = model
            .stages
            .iter()
            .map(|s| decode::ExpTransitions::new(&s.trans, t))
            .collect();
        Tagger { model, exp }
    }

    /// The bytes of the model shipped with the crate (model/ner.bin).
    pub fn embedded_bytes() -> &'static [u8] {
        EMBEDDED_MODEL
    }

    /// The model shipped with the crate, loaded once on first use.
    ///
    /// Panics if the embedded file is broken: that is a build error, caught by the tests.
    pub fn embedded() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| {
            Tagger::from_bytes(EMBEDDED_MODEL)
                .unwrap_or_else(|e| panic!("the embedded model/ner.bin cannot be loaded: {e}"))
        })
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The model, back from the tagger (for a trainer that adjusts its calibration).
    pub fn into_model(self) -> Model {
        self.model
    }

    /// Tags one document: mentions sorted, non-overlapping, each inside one sentence.
    pub fn tag(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Mention> {
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let sents = cover(tokens.len(), sentences.iter().map(|s| (s.first, s.end)));
        self.tag_words(&words, &sents).mentions
    }

    /// Tags a document given as words and sentence ranges (`first..end` token indices that
    /// cover every word in order).
    pub fn tag_words(&self, words: &[&str], sents: &[(usize, usize)]) -> Tagged {
        // Ranges that do not cover the words exactly are repaired rather than trusted.
        let covered;
        let sents = if covers(words.len(), sents) {
            sents
        } else {
            covered = cover(words.len(), sents.iter().copied());
            &covered
        };
        let m = &self.model;
        let gaz = if m.groups.has(Groups::GAZ) {
            features::gazetteer_matches(words, sents)
        } else {
            Vec::new()
        };
        let doc = features::extract(words, sents, m.groups, &m.caps, &gaz);
        let mut acc = Vec::with_capacity(words.len());
        m.local_scores(&doc.ids, &doc.offsets, &mut acc);
        let mut em = Vec::with_capacity(words.len());
        m.emissions(0, &acc, &mut em);
        let mut scratch = Vec::new();
        let first_stage = decode_all(&em, sents, &m.stages[0].trans, &mut scratch);
        let (tags, last) = if m.stages.len() > 1 {
            let (mut ids2, mut off2) = (Vec::new(), Vec::new());
            features::extract_nonlocal(&doc, m.groups, sents, &first_stage, &mut ids2, &mut off2);
            // Only the second stage's lanes: the first stage has decoded already.
            for (i, a) in acc.iter_mut().enumerate() {
                m.accumulate_stage(&ids2[off2[i] as usize..off2[i + 1] as usize], 1, &mut a[1]);
            }
            m.emissions(1, &acc, &mut em);
            (decode_all(&em, sents, &m.stages[1].trans, &mut scratch), 1)
        } else {
            (first_stage.clone(), 0)
        };
        let mut mentions = Vec::new();
        let mut raw_scores = Vec::new();
        let mut scratch = decode::PosteriorScratch::default();
        let mut spans: Vec<Span> = Vec::new();
        for &(a, b) in sents {
            tags::spans_into(&tags[a..b], &mut spans);
            if spans.is_empty() {
                continue;
            }
            let at = raw_scores.len();
            decode::span_posteriors_with(
                &em[a..b],
                &self.exp[last],
                &spans,
                &mut scratch,
                &mut raw_scores,
            );
            for (s, &p) in spans.iter().zip(&raw_scores[at..]) {
                mentions.push(Mention {
                    first: a + s.first,
                    end: a + s.end,
                    label: tags::TYPES[s.ty],
                    score: m.calibration.apply(p),
                });
            }
        }
        Tagged {
            tags,
            first_stage,
            mentions,
            raw_scores,
        }
    }
}

fn decode_all(
    em: &[[f32; N_TAGS]],
    sents: &[(usize, usize)],
    tr: &decode::Transitions,
    scratch: &mut Vec<[f32; N_TAGS]>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(em.len());
    for &(a, b) in sents {
        decode::viterbi_into(&em[a..b], tr, scratch, &mut out);
    }
    out
}

/// Whether `sents` are non-empty ranges covering `0..n` in order.
fn covers(n: usize, sents: &[(usize, usize)]) -> bool {
    let mut at = 0;
    for &(a, b) in sents {
        if a != at || b <= a {
            return false;
        }
        at = b;
    }
    at == n
}

/// Turns sentence ranges into ranges that cover `0..n` in order: out-of-order, overlapping or
/// out-of-range parts are clipped, and gaps become sentences of their own.
pub fn cover(n: usize, sents: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b) in sents {
        let b = b.min(n);
        if b <= at {
            continue;
        }
        let a = a.clamp(at, b);
        if a > at {
            out.push((at, a));
        }
        out.push((a, b));
        at = b;
    }
    if at < n {
        out.push((at, n));
    }
    out
}
