//! Stage 5: runs the stages over a batch of documents and assembles the result.

mod story;

use crate::input::{self, Document, InputError};
use crate::mentions::tag::{Mention, Tagger};
use crate::output::{AnalysisResult, DocumentResult, Entity, Span, Utf16Offsets};
use crate::text::sentences::{self, Sentence};
use crate::text::tokenize::{self, Token};

/// The long-lived analyzer: holds the model, analyses any number of batches.
pub struct Analyzer {
    tagger: &'static Tagger,
    /// The reader's own name lists (issue #5), matched before every other layer.
    user_names: crate::mentions::user_names::UserNames,
    /// Which of issue #5's layers run (all by default).
    layers: crate::mentions::merge::Layers,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

/// The intermediate analysis of one document: byte offsets, before cross-document work.
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    /// Every layer's entities merged by precedence, byte spans ([`crate::mentions::merge`], issue #5).
    pub entities: Vec<crate::mentions::merge::Found>,
    /// Line classes, within-document entities and quotes (issue #6, [`crate::pipeline::story`]).
    pub story: crate::pipeline::story::DocStory,
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
    pub fn set_user_names(&mut self, names: crate::mentions::user_names::UserNames) {
        self.user_names = names;
    }

    /// Chooses which rule and gazetteer layers run (see [`crate::mentions::merge::Layers`]).
    pub fn set_layers(&mut self, layers: crate::mentions::merge::Layers) {
        self.layers = layers;
    }

    /// Analyses a batch: checks it, analyses each document, then links them.
    pub fn analyze(&self, docs: &[Document]) -> Result<AnalysisResult, InputError> {
        self.analyze_with_progress(docs, |_, _| {})
    }

    /// Like [`Analyzer::analyze`], calling `progress(done, total)` after each document, so a
    /// page can show per-document progress while one call still sees the whole batch.
    pub fn analyze_with_progress(
        &self,
        docs: &[Document],
        progress: impl FnMut(usize, usize),
    ) -> Result<AnalysisResult, InputError> {
        self.analyze_recovering(docs, &Recovery::default(), progress)
    }

    /// Like [`Analyzer::analyze_with_progress`], with the failures of an earlier attempt that
    /// could not be caught (see [`Recovery`]): those documents are not analysed again and come
    /// back with their `error`; every other document is analysed as usual.
    pub fn analyze_recovering(
        &self,
        docs: &[Document],
        recovery: &Recovery,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<AnalysisResult, InputError> {
        input::validate(docs)?;
        recovery.validate(docs.len())?;
        let outcomes: Vec<Outcome> = docs
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
            .collect();
        Ok(assemble(
            docs,
            &outcomes,
            recovery.linking_failed.as_deref(),
        ))
    }

    /// [`Analyzer::analyze_document`] with a panic turned into the document's failure (see
    /// [`isolate`]), so that one document's bug never loses the others.
    pub fn analyze_isolated(&self, doc: &Document) -> Outcome {
        isolate(|| self.analyze_document(doc)).map_err(|panic| failure_message(&panic))
    }

    /// Per-document stages: tokenize, split sentences, tag. Independent across documents, so
    /// callers may run it in parallel and then call [`assemble`].
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
        let entities = crate::mentions::merge::entities(
            text,
            doc.date.as_deref(),
            &tokens,
            &mentions,
            &self.user_names,
            self.layers,
        );
        let story = crate::pipeline::story::read_document(text, &tokens, &sentences, &entities);
        DocAnalysis {
            story,
            tokens,
            sentences,
            mentions,
            entities,
        }
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
pub struct Recovery {
    /// Documents not to analyse again, by 0-based index into the batch, with the message to
    /// report for each.
    #[serde(default)]
    pub failed: Vec<FailedDocument>,
    /// When set, the cross-document step is skipped and the result's `linking_error` says this.
    #[serde(default)]
    pub linking_failed: Option<String>,
}

/// A document that failed in an earlier attempt (see [`Recovery`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
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

/// Cross-document stages and conversion to the public result with UTF-16 offsets.
///
/// A failed document comes back with its `error` and nothing else. When the cross-document
/// step fails (or `linking_failed` says it did in an earlier attempt), the documents are
/// complete but unlinked, and `linking_error` says why.
pub fn assemble(
    docs: &[Document],
    outcomes: &[Outcome],
    linking_failed: Option<&str>,
) -> AnalysisResult {
    let documents = docs
        .iter()
        .zip(outcomes)
        .map(|(doc, a)| match a {
            Ok(a) => document_result(doc, a),
            Err(message) => DocumentResult::failed(doc.id.clone(), message.clone()),
        })
        .collect();
    let mut result = AnalysisResult {
        documents,
        clusters: Vec::new(),
        linking_error: None,
    };
    crate::pipeline::story::fill(docs, outcomes, linking_failed, &mut result);
    result
}

fn document_result(doc: &Document, a: &DocAnalysis) -> DocumentResult {
    let text = doc.text.as_str();
    let u16 = Utf16Offsets::new(text);
    let byte_span = |first: usize, end: usize| (a.tokens[first].start, a.tokens[end - 1].end);
    let entities = a
        .entities
        .iter()
        .map(|f| {
            let (s, e) = (f.start, f.end);
            Entity {
                start: u16.get(s),
                end: u16.get(e),
                label: f.label,
                text: text[s..e].to_string(),
                score: f.score,
                cluster: None,
                kind: f.kind.clone(),
                value: f.value.clone(),
                boilerplate: false,
            }
        })
        .collect();
    let sentences = a
        .sentences
        .iter()
        .filter(|s| s.end > s.first)
        .map(|s| {
            let (b, e) = byte_span(s.first, s.end);
            Span {
                start: u16.get(b),
                end: u16.get(e),
            }
        })
        .collect();
    DocumentResult {
        id: doc.id.clone(),
        entities,
        sentences,
        quotes: Vec::new(),
        boilerplate: Vec::new(),
        blocks: Vec::new(),
        suggestions: Vec::new(),
        error: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch() -> Vec<Document> {
        [
            "Ana Kovač met Marko Petrović in Belgrade.",
            "POISON",
            "Petrović left Belgrade on Monday.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("d{i}"), *t))
        .collect()
    }

    /// Issue #12: a panic in one document is that document's failure; the others are complete
    /// and linked to one another.
    #[test]
    fn a_document_that_panics_fails_alone() {
        let docs = batch();
        let analyzer = Analyzer::new();
        let outcomes: Vec<Outcome> = docs
            .iter()
            .map(|d| {
                isolate(|| {
                    analyzer.analyze_document_tagged_by(d, |text, tokens, sentences| {
                        assert!(text != "POISON", "poisoned document");
                        analyzer.tagger.tag(text, tokens, sentences)
                    })
                })
                .map_err(|p| failure_message(&p))
            })
            .collect();
        let result = assemble(&docs, &outcomes, None);
        let ids: Vec<&str> = result.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["d0", "d1", "d2"], "every document keeps its place");
        let failed = &result.documents[1];
        assert!(
            failed
                .error
                .as_deref()
                .is_some_and(|e| e.contains("poisoned document")),
            "the failed document says why: {:?}",
            failed.error
        );
        assert!(failed.entities.is_empty() && failed.sentences.is_empty());
        for d in [&result.documents[0], &result.documents[2]] {
            assert_eq!(d.error, None);
            assert!(
                d.entities
                    .iter()
                    .any(|e| e.text == "Belgrade" && e.cluster.is_some()),
                "the other documents are analysed and linked: {:?}",
                d.entities
            );
        }
        assert_eq!(result.linking_error, None);
    }

    #[test]
    fn a_recovery_names_failures_the_core_could_not_catch() {
        let docs = batch();
        let recovery = Recovery {
            failed: vec![FailedDocument {
                index: 1,
                message: "RuntimeError: unreachable".into(),
            }],
            linking_failed: Some("linking trapped".into()),
        };
        let result = Analyzer::new()
            .analyze_recovering(&docs, &recovery, |_, _| {})
            .unwrap();
        assert!(result.documents[1]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("RuntimeError: unreachable")));
        assert!(result.documents[0].error.is_none() && !result.documents[0].entities.is_empty());
        assert!(
            result.clusters.is_empty()
                && result.documents[0]
                    .entities
                    .iter()
                    .all(|e| e.cluster.is_none()),
            "with linking_failed, nothing is linked"
        );
        assert!(result
            .linking_error
            .as_deref()
            .is_some_and(|e| e.contains("linking trapped")));
        let bad = Recovery {
            failed: vec![FailedDocument {
                index: 3,
                message: String::new(),
            }],
            linking_failed: None,
        };
        assert!(
            matches!(
                Analyzer::new().analyze_recovering(&docs, &bad, |_, _| {}),
                Err(InputError::BadRecovery { index: 3, batch: 3 })
            ),
            "an index outside the batch is refused"
        );
    }
}
