//! Stage 5: runs the stages over a batch of documents and assembles the result.

use crate::input::{self, Document, InputError};
use crate::output::{AnalysisResult, DocumentResult, Entity, Span, Utf16Offsets};
use crate::sentences::{self, Sentence};
use crate::tag::{Mention, Tagger};
use crate::tokenize::{self, Token};

/// The long-lived analyzer: holds the model, analyses any number of batches.
pub struct Analyzer {
    tagger: &'static Tagger,
    /// The reader's own name lists (issue #5), matched before every other layer.
    user_names: crate::user_names::UserNames,
    /// Which of issue #5's layers run (all by default).
    layers: crate::merge::Layers,
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
    /// Every layer's entities merged by precedence, byte spans ([`crate::merge`], issue #5).
    pub entities: Vec<crate::merge::Found>,
    /// Line classes, within-document entities and quotes (issue #6, [`crate::story`]).
    pub story: crate::story::DocStory,
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

    /// Replaces the reader's name lists (see [`crate::user_names`]).
    pub fn set_user_names(&mut self, names: crate::user_names::UserNames) {
        self.user_names = names;
    }

    /// Chooses which rule and gazetteer layers run (see [`crate::merge::Layers`]).
    pub fn set_layers(&mut self, layers: crate::merge::Layers) {
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
        let entities = crate::merge::entities(
            text,
            doc.date.as_deref(),
            &tokens,
            &mentions,
            &self.user_names,
            self.layers,
        );
        let story = crate::story::read_document(text, &tokens, &sentences, &entities);
        DocAnalysis {
            story,
            tokens,
            sentences,
            mentions,
            entities,
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
    let mut result = AnalysisResult {
        documents,
        clusters: Vec::new(),
    };
    crate::story::fill(docs, analyses, &mut result);
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
    }
}
