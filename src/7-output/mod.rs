//! Floor 7, the output: the public result, the same from the CLI and from JavaScript, and
//! [`Analyzer::analyze`], which runs the pipeline and renders its [`Batch`].
//!
//! Inside the core every span is a byte range. [`render`] converts them, once per document,
//! to UTF-16 code-unit offsets into the document text as given, so that in JavaScript
//! `text.slice(start, end) === entity.text`; [`render_in`] can instead count Unicode code
//! points ([`OffsetUnit::CodePoint`], Python `str` indices, for the Python binding). The TypeScript declarations in
//! `www/presslens-result.d.ts` are generated from these types by `cargo test` (see `tests`
//! below).

use serde::{Deserialize, Serialize};

use crate::entities::resolve::across::ClusterDraft;
use crate::input::{Document, InputError};
use crate::pipeline::batch::{self, Batch};
use crate::pipeline::{Analyzer, Outcome, Recovery};
pub use crate::vocab::{BlockClass, Label};

impl Analyzer {
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
        progress: impl FnMut(usize, usize),
    ) -> Result<AnalysisResult, InputError> {
        let outcomes = self.analyze_each(docs, recovery, progress)?;
        Ok(assemble(
            docs,
            &outcomes,
            recovery.linking_failed.as_deref(),
        ))
    }

    /// Like [`Analyzer::analyze_recovering`], handing the linked batch to `f` as a
    /// [`Rendered`] result (rendered while it is serialised, one document at a time) instead of
    /// building the whole [`AnalysisResult`] first: what the WebAssembly skin uses, so that a
    /// large batch is never held twice.
    pub fn analyze_rendered<R>(
        &self,
        docs: &[Document],
        recovery: &Recovery,
        progress: impl FnMut(usize, usize),
        f: impl FnOnce(&Rendered) -> R,
    ) -> Result<R, InputError> {
        let outcomes = self.analyze_each(docs, recovery, progress)?;
        let batch = batch::link(docs, &outcomes, recovery.linking_failed.as_deref());
        Ok(f(&Rendered::new(docs, &batch)))
    }
}

/// Links analysed documents ([`batch::link`]) and renders the result: for callers that analyse
/// the documents themselves (the CLI, in parallel).
pub fn assemble(
    docs: &[Document],
    outcomes: &[Outcome],
    linking_failed: Option<&str>,
) -> AnalysisResult {
    assemble_in(docs, outcomes, linking_failed, OffsetUnit::Utf16)
}

/// [`assemble`] with offsets in `unit`.
pub fn assemble_in(
    docs: &[Document],
    outcomes: &[Outcome],
    linking_failed: Option<&str>,
    unit: OffsetUnit,
) -> AnalysisResult {
    render_in(docs, &batch::link(docs, outcomes, linking_failed), unit)
}

/// What the offsets of a rendered result count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OffsetUnit {
    /// UTF-16 code units: JavaScript string indices (the page, the CLI).
    #[default]
    Utf16,
    /// Unicode code points: Python `str` indices (the Python binding).
    CodePoint,
}

impl OffsetUnit {
    /// How many units `c` takes.
    fn width(self, c: char) -> u32 {
        match self {
            OffsetUnit::Utf16 => c.len_utf16() as u32,
            OffsetUnit::CodePoint => 1,
        }
    }
}

/// The public result of a linked batch: the one place where byte offsets become UTF-16.
pub fn render(docs: &[Document], batch: &Batch) -> AnalysisResult {
    render_in(docs, batch, OffsetUnit::Utf16)
}

/// [`render`] with offsets in `unit` (UTF-16 for JavaScript, code points for Python).
pub fn render_in(docs: &[Document], batch: &Batch, unit: OffsetUnit) -> AnalysisResult {
    let r = Rendered::in_unit(docs, batch, unit);
    AnalysisResult {
        documents: r.documents().collect(),
        clusters: r.clusters(),
        linking_error: batch.linking_error.clone(),
    }
}

/// The result of a linked batch, rendered on demand: serialising it (to JSON, or to
/// JavaScript objects) renders one document at a time, so that the whole [`AnalysisResult`] is
/// never held beside the batch. It serialises exactly as [`render`]'s result does (a test
/// checks this byte for byte).
pub struct Rendered<'a, 'b> {
    docs: &'a [Document],
    batch: &'a Batch<'b>,
    unit: OffsetUnit,
}

impl<'a, 'b> Rendered<'a, 'b> {
    /// The result with UTF-16 offsets (JavaScript, the CLI).
    pub fn new(docs: &'a [Document], batch: &'a Batch<'b>) -> Self {
        Self::in_unit(docs, batch, OffsetUnit::Utf16)
    }

    /// The result with offsets in `unit`.
    pub fn in_unit(docs: &'a [Document], batch: &'a Batch<'b>, unit: OffsetUnit) -> Self {
        Rendered { docs, batch, unit }
    }

    /// Each document's result, in input order, rendered as it is taken.
    pub fn documents(&self) -> impl Iterator<Item = DocumentResult> + '_ {
        self.docs
            .iter()
            .zip(&self.batch.documents)
            .map(|(doc, linked)| match linked {
                Ok(linked) => render_document(doc, linked, &self.batch.clusters, self.unit),
                Err(message) => DocumentResult::failed(doc.id.clone(), message.clone()),
            })
    }

    /// The clusters of the batch.
    pub fn clusters(&self) -> Vec<Cluster> {
        self.batch
            .clusters
            .iter()
            .enumerate()
            .map(|(id, c)| Cluster {
                id: id as u32,
                name: c.name.clone(),
                label: c.label,
                forms: c.forms.clone(),
                documents: c
                    .documents
                    .iter()
                    .map(|&(document, mentions)| ClusterDocument {
                        document: document as u32,
                        mentions,
                    })
                    .collect(),
            })
            .collect()
    }

    /// The documents that failed, as (id, message).
    pub fn failures(&self) -> impl Iterator<Item = (&str, &str)> {
        self.docs
            .iter()
            .zip(&self.batch.documents)
            .filter_map(|(d, l)| l.as_ref().err().map(|m| (d.id.as_str(), m.as_str())))
    }

    /// Why the cross-document step failed, if it did.
    pub fn linking_error(&self) -> Option<&str> {
        self.batch.linking_error.as_deref()
    }
}

impl Serialize for Rendered<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // The fields of `AnalysisResult`, in its order, with its skip rule.
        struct Documents<'r, 'a, 'b>(&'r Rendered<'a, 'b>);
        impl Serialize for Documents<'_, '_, '_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.documents())
            }
        }
        let error = self.linking_error();
        let mut s =
            serializer.serialize_struct("AnalysisResult", 2 + usize::from(error.is_some()))?;
        s.serialize_field("documents", &Documents(self))?;
        s.serialize_field("clusters", &self.clusters())?;
        match error {
            Some(e) => s.serialize_field("linking_error", e)?,
            None => s.skip_field("linking_error")?,
        }
        s.end()
    }
}

fn render_document(
    doc: &Document,
    linked: &batch::Linked,
    clusters: &[ClusterDraft],
    unit: OffsetUnit,
) -> DocumentResult {
    let text = doc.text.as_str();
    let a = linked.analysis;
    let u16 = Utf16Offsets::in_unit(text, unit);
    let entities = a
        .entities
        .iter()
        .zip(&a.in_boilerplate)
        .zip(&linked.cluster)
        .map(|((f, &boilerplate), cluster)| Entity {
            start: u16.get(f.start),
            end: u16.get(f.end),
            label: f.label,
            text: text[f.start..f.end].to_string(),
            score: f.score,
            cluster: cluster.map(|c| c as u32),
            kind: f.kind.clone(),
            value: f.value.clone(),
            boilerplate,
        })
        .collect();
    let sentences = a
        .sentences
        .iter()
        .map(|&(start, end)| Span {
            start: u16.get(start),
            end: u16.get(end),
        })
        .collect();
    let quotes = a
        .quotes
        .iter()
        .zip(&linked.speaker)
        .map(|(q, speaker)| Quote {
            start: u16.get(q.start),
            end: u16.get(q.end),
            text: text[q.start..q.end].to_string(),
            speaker: speaker.map(|c| c as u32),
            speaker_text: q.speaker_text.clone(),
            boilerplate: q.boilerplate,
        })
        .collect();
    let blocks = a
        .blocks
        .iter()
        .map(|b| Block {
            start: u16.get(b.start),
            end: u16.get(b.end),
            class: b.class,
        })
        .collect();
    let boilerplate = linked
        .boilerplate
        .iter()
        .map(|&(start, end, class)| Boilerplate {
            start: u16.get(start),
            end: u16.get(end),
            class: class.to_string(),
        })
        .collect();
    let suggestions = linked
        .suggestions
        .iter()
        .map(|s| Suggestion {
            cluster: s.cluster as u32,
            name: clusters[s.cluster].name.clone(),
            label: clusters[s.cluster].label,
            score: s.score,
        })
        .collect();
    let date = match (&doc.date, a.inferred_date) {
        (Some(given), _) => DocumentDate {
            source: DateSource::Given,
            value: Some(given.clone()),
            ..DocumentDate::default()
        },
        (None, Some(i)) => DocumentDate {
            source: DateSource::Inferred,
            value: Some(i.iso()),
            span: Some(Span {
                start: u16.get(i.start),
                end: u16.get(i.end),
            }),
            found_in: Some(i.found_in.as_str().to_string()),
        },
        (None, None) => DocumentDate::default(),
    };
    DocumentResult {
        id: doc.id.clone(),
        entities,
        sentences,
        quotes,
        boilerplate,
        blocks,
        suggestions,
        date,
        error: None,
    }
}

/// Everything the analyzer found in one batch of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct AnalysisResult {
    /// One entry per input document, in input order.
    pub documents: Vec<DocumentResult>,
    /// Real-world entities across all documents (filled by cross-document resolution).
    pub clusters: Vec<Cluster>,
    /// Present when the cross-document step failed: every document's result is complete, but
    /// `clusters` is empty and no entity or quote names a cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub linking_error: Option<String>,
}

/// What was found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct DocumentResult {
    /// The document's id as given.
    pub id: String,
    /// Entity mentions, sorted by `start`, never overlapping.
    pub entities: Vec<Entity>,
    /// Sentences, sorted, never overlapping.
    pub sentences: Vec<Span>,
    /// Direct quotations (filled by quote attribution).
    pub quotes: Vec<Quote>,
    /// Ranges that are web boilerplate rather than article text (filled by boilerplate detection).
    pub boilerplate: Vec<Boilerplate>,
    /// Every non-blank line of the text with its class (headline, byline, caption, body,
    /// boilerplate), sorted, never overlapping.
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Suggested tags: the document's most salient clusters, best first (see `Suggestion`).
    #[serde(default)]
    pub suggestions: Vec<Suggestion>,
    /// The document's date, which places its relative dates, and where it came from.
    #[serde(default)]
    pub date: DocumentDate,
    /// Present when this document could not be analysed (an internal error, with its message);
    /// its arrays are then empty. The other documents of the batch are complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub error: Option<String>,
}

impl DocumentResult {
    /// The result of a document whose analysis failed with `message`.
    pub fn failed(id: String, message: String) -> Self {
        DocumentResult {
            id,
            entities: Vec::new(),
            sentences: Vec::new(),
            quotes: Vec::new(),
            boilerplate: Vec::new(),
            blocks: Vec::new(),
            suggestions: Vec::new(),
            date: DocumentDate::default(),
            error: Some(message),
        }
    }
}

/// A document's date and where it came from (issue #16).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct DocumentDate {
    /// `given` by the caller, `inferred` from the text, or `none`.
    pub source: DateSource,
    /// The date, `YYYY-MM-DD`; absent when `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub value: Option<String>,
    /// For `inferred`: the date's expression in the text (`text.slice(start, end)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub span: Option<Span>,
    /// For `inferred`: where it stands: "published" (a "Published: …" line), "dateline",
    /// "byline", "caption" or "headline" (the lines above the body).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub found_in: Option<String>,
}

/// Where a document's date came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The caller gave it (`Document.date`).
    Given,
    /// Found in the text: a dateline, a "Published:" line, a byline or caption, the headline zone.
    Inferred,
    /// Neither: relative dates stay unresolved.
    #[default]
    None,
}

/// A range of the document text in UTF-16 code units, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Span {
    /// UTF-16 code-unit offset of the first character.
    pub start: u32,
    /// UTF-16 code-unit offset one past the last character.
    pub end: u32,
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Entity {
    /// UTF-16 code-unit offset of the first character in the document text.
    pub start: u32,
    /// UTF-16 code-unit offset one past the last character.
    pub end: u32,
    /// Entity type.
    pub label: Label,
    /// The mention exactly as it appears in the text (`text.slice(start, end)`).
    pub text: String,
    /// Confidence in [0, 1] that this exact span and label are right.
    pub score: f32,
    /// Index into `clusters` of the real-world entity this mention refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub cluster: Option<u32>,
    /// Finer type, e.g. "country", "equipment", "nationality", "armed-group", "unit", "operation".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub kind: Option<String>,
    /// Normalized value, e.g. an ISO 8601 date or a canonical name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub value: Option<String>,
    /// True when the mention lies in boilerplate (a related-links list, a donation appeal, …):
    /// it then has no `cluster` and counts nowhere. Absent means false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(as = "Option<bool>", optional)
    )]
    pub boilerplate: bool,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Quote {
    /// UTF-16 offset of the first character of the quotation.
    pub start: u32,
    /// UTF-16 offset one past its last character.
    pub end: u32,
    /// The quoted text, without its quotation marks (`text.slice(start, end)`).
    pub text: String,
    /// Index into `clusters` of the speaker, or null when unattributed.
    pub speaker: Option<u32>,
    /// The speaker as written where the quote is attributed ("Shoigu", "he"), or null.
    pub speaker_text: Option<String>,
    /// True when the quote lies in boilerplate (then it names no speaker). Absent means false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(as = "Option<bool>", optional)
    )]
    pub boilerplate: bool,
}

/// A range of boilerplate and what kind it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Boilerplate {
    /// UTF-16 offset of the first character.
    pub start: u32,
    /// UTF-16 offset one past the last character.
    pub end: u32,
    /// What kind of boilerplate: "related-links", "navigation", "donation-appeal",
    /// "copyright", "gallery-control", "share-prompt", "feedback-prompt", "call-to-action",
    /// "legal-notice" or "footer" (whatever follows the end of the article).
    pub class: String,
}

/// One non-blank line of the text and its class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Block {
    /// UTF-16 offset of the line's first non-space character.
    pub start: u32,
    /// UTF-16 offset one past its last non-space character.
    pub end: u32,
    /// What the line is.
    pub class: BlockClass,
}

/// A suggested tag for one document: a cluster and why it ranks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Suggestion {
    /// Index into `clusters`.
    pub cluster: u32,
    /// The cluster's canonical name (for convenience).
    pub name: String,
    /// The cluster's label.
    pub label: Label,
    /// Salience in the document: ln(1 + mentions) + 1 if in the headline + 0.5 if in the lead
    /// (first body paragraph) + 0.5 × (1 − relative position of the first mention)
    /// + 0.25 per quote it is the speaker of (at most 0.75).
    pub score: f32,
}

/// One real-world entity across all documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Cluster {
    /// Position of this cluster in `clusters`.
    pub id: u32,
    /// The canonical name.
    pub name: String,
    /// Entity type.
    pub label: Label,
    /// Every surface form seen.
    pub forms: Vec<String>,
    /// The documents that mention it, in input order, each with its number of mentions
    /// (boilerplate excluded); a document that does not mention it is absent.
    pub documents: Vec<ClusterDocument>,
}

/// How often one document mentions a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct ClusterDocument {
    /// Index into the result's `documents`.
    pub document: u32,
    /// Mentions in that document (at least 1).
    pub mentions: u32,
}

/// Converts byte offsets of `text` to UTF-16 code-unit offsets (or, built with
/// [`Utf16Offsets::in_unit`], to another [`OffsetUnit`]).
///
/// Built once per document; each lookup costs O(log n) in the number of non-ASCII characters,
/// so ASCII text costs nothing beyond a scan.
pub struct Utf16Offsets {
    /// For each non-ASCII character: (byte offset just after it, UTF-16 offset just after it).
    after: Vec<(u32, u32)>,
}

impl Utf16Offsets {
    /// Scans `text` once.
    pub fn new(text: &str) -> Self {
        Self::in_unit(text, OffsetUnit::Utf16)
    }

    /// Scans `text` once, counting offsets in `unit`.
    pub fn in_unit(text: &str, unit: OffsetUnit) -> Self {
        let mut after = Vec::new();
        let mut units = 0u32;
        for (i, c) in text.char_indices() {
            units += unit.width(c);
            if !c.is_ascii() {
                after.push(((i + c.len_utf8()) as u32, units));
            }
        }
        Utf16Offsets { after }
    }

    /// The UTF-16 offset of byte offset `byte`, which must be on a char boundary.
    pub fn get(&self, byte: usize) -> u32 {
        let byte = byte as u32;
        // Last non-ASCII character ending at or before `byte`; everything after it is ASCII.
        let k = self.after.partition_point(|&(b, _)| b <= byte);
        match k {
            0 => byte,
            _ => {
                let (b, u) = self.after[k - 1];
                u + (byte - b)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{failure_message, isolate, FailedDocument};

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
                    analyzer.analyze_document_tagged_by(d, |text, _, _| {
                        assert!(text != "POISON", "poisoned document");
                        Vec::new()
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

    /// The result serialised while it is rendered (what the CLI and the WebAssembly skin
    /// write) is the result built whole, byte for byte: with a failed document, with a
    /// linking error, and without either.
    #[test]
    fn the_rendered_result_serialises_as_the_built_one() {
        let docs = batch();
        let analyzer = Analyzer::new();
        let outcomes: Vec<Outcome> = docs
            .iter()
            .map(|d| {
                if d.text == "POISON" {
                    Err(failure_message("poisoned document"))
                } else {
                    Ok(analyzer.analyze_document(d))
                }
            })
            .collect();
        for linking_failed in [None, Some("linking failed")] {
            for n in [0, 1, docs.len()] {
                let b = batch::link(&docs[..n], &outcomes[..n], linking_failed);
                let built = serde_json::to_string(&render(&docs[..n], &b)).unwrap();
                let streamed = serde_json::to_string(&Rendered::new(&docs[..n], &b)).unwrap();
                assert_eq!(
                    streamed, built,
                    "output::Rendered's Serialize must write the fields of AnalysisResult in its order, with its skip rules"
                );
            }
        }
    }

    /// Issue #14: a cluster lists only the documents that mention it, so that the batch step
    /// and the result grow with the mentions, not with clusters × documents.
    #[test]
    fn clusters_list_only_the_documents_that_mention_them() {
        let mut docs: Vec<Document> = (0..50)
            .map(|i| Document::new(format!("n{i}"), "Nothing to see here."))
            .collect();
        docs.push(Document::new(
            "k",
            "Ana Kovač met Marko Petrović in Belgrade.",
        ));
        let result = Analyzer::new().analyze(&docs).unwrap();
        assert!(
            !result.clusters.is_empty(),
            "the last document has entities"
        );
        for c in &result.clusters {
            assert_eq!(
                c.documents,
                [ClusterDocument {
                    document: 50,
                    mentions: 1
                }],
                "cluster {:?}: only the document that mentions it is listed (output::Rendered::clusters)",
                c.name
            );
        }
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

    fn js_utf16_len(s: &str) -> u32 {
        s.encode_utf16().count() as u32
    }

    #[test]
    fn utf16_offsets_agree_with_encode_utf16_at_every_boundary() {
        let text = "Vučić met Шойгу 🇷🇸 in Topčider — “upward” 𝔘";
        let map = Utf16Offsets::new(text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(
                map.get(i),
                js_utf16_len(&text[..i]),
                "byte {i}: the UTF-16 offset must equal the UTF-16 length of the prefix"
            );
        }
    }

    #[test]
    fn code_point_offsets_agree_with_chars_at_every_boundary() {
        let text = "Vučić met Шойгу 🇷🇸 in Topčider — “upward” 𝔘 東京 é";
        let map = Utf16Offsets::in_unit(text, OffsetUnit::CodePoint);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(
                map.get(i),
                text[..i].chars().count() as u32,
                "byte {i}: the code-point offset must equal the number of chars before it"
            );
        }
    }

    /// The TypeScript declarations are generated from the Rust types. Run
    /// `PRESSLENS_REGENERATE=1 cargo test --lib` after changing a type; CI fails on a stale file.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn typescript_declarations_are_current() {
        use ts_rs::{Config, TS};
        let cfg = Config::new();
        let decls = [
            AnalysisResult::decl(&cfg),
            DocumentResult::decl(&cfg),
            Span::decl(&cfg),
            Entity::decl(&cfg),
            Label::decl(&cfg),
            Quote::decl(&cfg),
            Boilerplate::decl(&cfg),
            Cluster::decl(&cfg),
            ClusterDocument::decl(&cfg),
            BlockClass::decl(&cfg),
            Block::decl(&cfg),
            Suggestion::decl(&cfg),
            DocumentDate::decl(&cfg),
            DateSource::decl(&cfg),
            crate::input::Document::decl(&cfg),
            crate::input::DateOrder::decl(&cfg),
            crate::input::Limits::decl(&cfg),
            crate::mentions::user_names::UserName::decl(&cfg),
            crate::pipeline::Recovery::decl(&cfg),
            crate::pipeline::FailedDocument::decl(&cfg),
        ];
        let mut out = String::from(
            "// Generated by `PRESSLENS_REGENERATE=1 cargo test --lib` (ts-rs) from the result types in src/7-output/mod.rs\n// and the input types (Document, Limits, UserName, Recovery). Do not edit.\n\n",
        );
        for d in decls {
            out.push_str("export ");
            out.push_str(&d);
            out.push_str("\n\n");
        }
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/presslens-result.d.ts");
        if std::env::var_os("PRESSLENS_REGENERATE").is_some() {
            std::fs::write(path, &out).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == out,
            "www/presslens-result.d.ts is stale: run `PRESSLENS_REGENERATE=1 cargo test --lib` and commit it"
        );
    }
}
