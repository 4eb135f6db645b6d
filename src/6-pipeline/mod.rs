//! Floor 6, the pipeline: the [`Analyzer`] runs floors 3–5 over each document ([`DocAnalysis`],
//! independent across documents, so the CLI runs them in parallel), then [`batch::link`] links
//! the documents into clusters and settles, per mention and per quote, its cluster and its
//! boilerplate flag. Everything here is in bytes; [`crate::output`] turns a [`batch::Batch`]
//! into the public result.
//!
//! A failure stays with its document: a panic while analysing or linking one document becomes
//! that document's error ([`isolate`]; in WebAssembly, where panics abort, see [`Recovery`]).

pub mod batch;

use crate::entities::quotes::{self, Quote};
use crate::entities::resolve::{self, DocEntities, NameMention};
use crate::input::{self, Document, InputError};
use crate::mentions::merge::{self, Found, Layers};
use crate::mentions::rules;
use crate::mentions::rules::published::{self, Inferred};
use crate::mentions::tag::{Mention, Tagger};
use crate::mentions::user_names::UserNames;
use crate::text::boilerplate::{self, Block};
use crate::text::sentences::{self, Sentence};
use crate::text::tokenize::{self, Token};
use crate::vocab::Label;

/// The long-lived analyzer: holds the model, analyses any number of batches.
pub struct Analyzer {
    tagger: &'static Tagger,
    /// The reader's own name lists, matched before every other layer.
    user_names: UserNames,
    /// Which rule and gazetteer layers run (all by default).
    layers: Layers,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

/// The analysis of one document, in byte offsets, before the cross-document step: only what
/// linking and the result need (tokens and the tagger's raw mentions are dropped once the
/// document is done, so a batch holds little more than its texts and its entities).
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    /// Sentences as byte ranges (first token's start, last token's end), in order.
    pub sentences: Vec<(usize, usize)>,
    /// Every layer's entities merged by precedence ([`crate::mentions::merge`]).
    pub entities: Vec<Found>,
    /// Every non-blank line and its class.
    pub blocks: Vec<Block>,
    /// Per entity of `entities`: whether it lies in boilerplate.
    pub in_boilerplate: Vec<bool>,
    /// Within-document entities over [`DocAnalysis::name`]s.
    pub doc_entities: DocEntities,
    /// Direct quotations, each with its speaker's index in `entities`.
    pub quotes: Vec<Quote>,
    /// The publication date found in the text when none was given ([`published::infer`]).
    pub inferred_date: Option<Inferred>,
}

impl Analyzer {
    /// An analyzer with the model shipped in the crate.
    pub fn new() -> Self {
        Analyzer {
            tagger: Tagger::embedded(),
            user_names: Default::default(),
            layers: Default::default(),
        }
    }

    /// Replaces the reader's name lists (see [`crate::mentions::user_names`]).
    pub fn set_user_names(&mut self, names: UserNames) {
        self.user_names = names;
    }

    /// Chooses which rule and gazetteer layers run (see [`crate::mentions::merge::Layers`]).
    pub fn set_layers(&mut self, layers: Layers) {
        self.layers = layers;
    }

    /// Checks a batch and analyses each document in turn, calling `progress(done, total)`
    /// after each; the failures named in `recovery` are not analysed again. Link the outcomes
    /// with [`batch::link`]; `Analyzer::analyze` (in [`crate::output`]) does both.
    pub fn analyze_each(
        &self,
        docs: &[Document],
        recovery: &Recovery,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Vec<Outcome>, InputError> {
        input::validate(docs)?;
        recovery.validate(docs.len())?;
        Ok(docs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let outcome = match recovery.failure_of(i) {
                    Some(message) => Err(failure_message(message)),
                    None => self.analyze_isolated(d),
                };
                progress(i + 1, docs.len());
                outcome
            })
            .collect())
    }

    /// [`Analyzer::analyze_document`] with a panic turned into the document's failure (see
    /// [`isolate`]), so that one document's bug never loses the others.
    pub fn analyze_isolated(&self, doc: &Document) -> Outcome {
        isolate(|| self.analyze_document(doc)).map_err(|panic| failure_message(&panic))
    }

    /// Floors 3–5 over one document. Independent across documents, so callers may run it in
    /// parallel and then call [`batch::link`].
    pub fn analyze_document(&self, doc: &Document) -> DocAnalysis {
        #[cfg(feature = "fault-injection")]
        if doc.text.contains(FAULT_DOCUMENT) {
            panic!("fault injected for testing: the document contains {FAULT_DOCUMENT}");
        }
        self.analyze_document_tagged_by(doc, |text, tokens, sentences| {
            self.tagger.tag(text, tokens, sentences)
        })
    }

    /// [`Analyzer::analyze_document`] with the tagger replaced by `tag`, e.g. mentions a test
    /// constructs; every other stage runs as usual.
    pub fn analyze_document_tagged_by(
        &self,
        doc: &Document,
        tag: impl FnOnce(&str, &[Token], &[Sentence]) -> Vec<Mention>,
    ) -> DocAnalysis {
        let text = doc.text.as_str();
        let tokens = tokenize::tokenize(text);
        let sentences = sentences::split(text, &tokens);
        let mentions = tag(text, &tokens, &sentences);
        let blocks = boilerplate::classify(text);
        // The rules' tokens, lexed once: the publication date and the rule layers read them.
        let rule_toks = rules::lex::lex(text);
        // Without a given date, the one the text carries places the relative dates.
        // (Its dates, found without a date, are dated by the rule layer afterwards.)
        let undated = doc
            .date
            .is_none()
            .then(|| rules::temporal::find_undated(&rule_toks));
        let inferred = undated
            .as_ref()
            .and_then(|u| published::infer(text, u, &blocks));
        let date = doc.date.clone().or_else(|| inferred.map(|i| i.iso()));
        let mut entities = merge::entities(
            &merge::Doc {
                text,
                date: date.as_deref(),
                order: doc.date_order,
                tokens: &tokens,
                rule_toks: &rule_toks,
                undated: undated.as_ref(),
            },
            &mentions,
            &self.user_names,
            self.layers,
        );
        let in_boilerplate: Vec<bool> = entities
            .iter()
            .map(|f| boilerplate::in_boilerplate(&blocks, f.start))
            .collect();
        let doc_entities = resolve::within::resolve(text, &names(text, &entities, &in_boilerplate));
        follow_people(&mut entities, &doc_entities);
        let names = names(text, &entities, &in_boilerplate);
        let quotes = quotes::find(text, &tokens, &sentences, &names, &blocks);
        let sentences = sentences
            .iter()
            .filter(|s| s.end > s.first)
            .map(|s| (tokens[s.first].start, tokens[s.end - 1].end))
            .collect();
        DocAnalysis {
            inferred_date: inferred,
            sentences,
            entities,
            blocks,
            in_boilerplate,
            doc_entities,
            quotes,
        }
    }
}

impl DocAnalysis {
    /// Entity `i` as resolution reads it (same order: index `i` is entity `i`), a view of
    /// `text`, the document's text.
    pub fn name<'a>(&'a self, text: &'a str, i: usize) -> NameMention<'a> {
        name(text, &self.entities[i], self.in_boilerplate[i])
    }
}

/// A mention that resolution placed in a person's entity is that person, whatever label the
/// tagger gave it: a surname spelled another way and tagged LOC ("Shojgu" beside "Sergey
/// Shoygu", rule 4 of [`resolve::within`]) is shown and counted as PER, like the row it is in.
fn follow_people(entities: &mut [Found], resolved: &DocEntities) {
    for (f, e) in entities.iter_mut().zip(&resolved.entity_of) {
        let Some(e) = e else { continue };
        if resolved.entities[*e].label == Label::PER && f.label != Label::PER {
            f.label = Label::PER;
            f.kind = None;
            f.value = None;
        }
    }
}

fn names<'a>(
    text: &'a str,
    entities: &'a [Found],
    in_boilerplate: &[bool],
) -> Vec<NameMention<'a>> {
    entities
        .iter()
        .zip(in_boilerplate)
        .map(|(f, &boilerplate)| name(text, f, boilerplate))
        .collect()
}

fn name<'a>(text: &'a str, f: &'a Found, boilerplate: bool) -> NameMention<'a> {
    NameMention {
        start: f.start,
        end: f.end,
        label: f.label,
        surface: &text[f.start..f.end],
        boilerplate,
        kind: f.kind.as_deref(),
        value: f.value.as_deref(),
    }
}

/// One document's analysis, or why it failed (a message for the reader).
pub type Outcome = Result<DocAnalysis, String>;

/// With the feature `fault-injection` (tests only, never shipped): a document containing this
/// text panics during its own analysis.
#[cfg(feature = "fault-injection")]
pub const FAULT_DOCUMENT: &str = "PRESSLENS-FAULT-DOCUMENT";
/// With the feature `fault-injection`: a batch with a document containing this text panics in
/// the cross-document step.
#[cfg(feature = "fault-injection")]
pub const FAULT_LINKING: &str = "PRESSLENS-FAULT-LINKING";

/// Failures of an earlier attempt at the same batch that the core could not catch itself.
///
/// Natively a panic is caught per document ([`isolate`]). In WebAssembly a panic aborts the
/// instance, so the caller (the page's worker) starts a fresh instance and analyses the batch
/// again, naming here the document that was in progress (or the cross-document step) and the
/// panic's message; those come back as failures and the rest is analysed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Recovery {
    /// Documents not to analyse again, by 0-based index into the batch, with the message to
    /// report for each.
    #[serde(default)]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(as = "Option<Vec<FailedDocument>>", optional)
    )]
    pub failed: Vec<FailedDocument>,
    /// When set, the cross-document step is skipped and the result's `linking_error` says this.
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub linking_failed: Option<String>,
}

/// A document that failed in an earlier attempt (see [`Recovery`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct FailedDocument {
    /// 0-based index into the batch.
    pub index: usize,
    /// Why it failed, as the reader will read it.
    pub message: String,
}

impl Recovery {
    fn failure_of(&self, index: usize) -> Option<&str> {
        self.failed
            .iter()
            .find(|f| f.index == index)
            .map(|f| f.message.as_str())
    }

    fn validate(&self, batch: usize) -> Result<(), InputError> {
        match self.failed.iter().find(|f| f.index >= batch) {
            Some(f) => Err(InputError::BadRecovery {
                index: f.index,
                batch,
            }),
            None => Ok(()),
        }
    }
}

/// Runs `f`; a panic inside it becomes `Err` with the panic's message instead of ending the
/// program. Natively the panic is caught (the default hook still prints it on stderr). In
/// WebAssembly panics abort, so nothing is caught there: see [`Recovery`].
pub fn isolate<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// The reader's message for a document the core failed on: says it is ours, and what it was.
pub fn failure_message(cause: &str) -> String {
    format!("presslens could not analyse this document because of an internal error (please report it with the text); the other documents were analysed. Cause: {cause}")
}

/// The reader's message for a failed cross-document step.
pub fn linking_failure_message(cause: &str) -> String {
    format!("presslens could not link the documents to one another because of an internal error (please report it with the texts); each document's own result is complete. Cause: {cause}")
}
