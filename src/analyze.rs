//! Stage 5: runs the stages over a batch of documents and assembles the result.

use crate::input::{self, Document, InputError};
use crate::output::{AnalysisResult, DocumentResult, Entity, Span, Utf16Offsets};
use crate::sentences::{self, Sentence};
use crate::tag::{Mention, Tagger};
use crate::tokenize::{self, Token};

/// The long-lived analyzer: holds the model, analyses any number of batches.
pub struct Analyzer {
    tagger: &'static Tagger,
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
}

impl Analyzer {
    /// An analyzer with the model shipped in the crate.
    pub fn new() -> Self {
        Analyzer {
            tagger: Tagger::embedded(),
        }
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
        mut progress: impl FnMut(usize, usize),
    ) -> Result<AnalysisResult, InputError> {
        input::validate(docs)?;
        let analyses: Vec<DocAnalysis> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let a = self.analyze_document(d);
                progress(i + 1, docs.len());
                a
            })
            .collect();
        Ok(assemble(docs, &analyses))
    }

    /// Per-document stages: tokenize, split sentences, tag. Independent across documents, so
    /// callers may run it in parallel and then call [`assemble`].
    pub fn analyze_document(&self, doc: &Document) -> DocAnalysis {
        let text = doc.text.as_str();
        let tokens = tokenize::tokenize(text);
        let sentences = sentences::split(text, &tokens);
        let mentions = self.tagger.tag(text, &tokens, &sentences);
        DocAnalysis {
            tokens,
            sentences,
            mentions,
        }
    }
}

/// Cross-document stages and conversion to the public result with UTF-16 offsets.
pub fn assemble(docs: &[Document], analyses: &[DocAnalysis]) -> AnalysisResult {
    let documents = docs
        .iter()
        .zip(analyses)
        .map(|(doc, a)| document_result(doc, a))
        .collect();
    AnalysisResult {
        documents,
        clusters: Vec::new(),
    }
}

fn document_result(doc: &Document, a: &DocAnalysis) -> DocumentResult {
    let text = doc.text.as_str();
    let u16 = Utf16Offsets::new(text);
    let byte_span = |first: usize, end: usize| (a.tokens[first].start, a.tokens[end - 1].end);
    let entities = a
        .mentions
        .iter()
        .map(|m| {
            let (s, e) = byte_span(m.first, m.end);
            Entity {
                start: u16.get(s),
                end: u16.get(e),
                label: m.label,
                text: text[s..e].to_string(),
                score: m.score,
                cluster: None,
                kind: None,
                value: None,
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
    }
}
