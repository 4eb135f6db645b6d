//! Shared helpers for issue #6's integration tests: run the whole pipeline with mentions the
//! test writes down instead of the statistical tagger's, and look things up in the result.
#![allow(dead_code)]

use presslens::mentions::tag::Mention;
use presslens::output::assemble;
use presslens::text::tokenize::Token;
use presslens::{AnalysisResult, Analyzer, Document, Label};

/// Tagger mentions of `names` at every whole-token occurrence in `text` (longer names first;
/// overlapping occurrences skipped).
pub fn mentions_of(text: &str, tokens: &[Token], names: &[(&str, Label)]) -> Vec<Mention> {
    let mut names = names.to_vec();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out: Vec<Mention> = Vec::new();
    for (name, label) in names {
        for (at, _) in text.match_indices(name) {
            let end = at + name.len();
            let first = tokens.iter().position(|t| t.start == at);
            let last = tokens.iter().position(|t| t.end == end);
            let (Some(first), Some(last)) = (first, last) else {
                continue;
            };
            if out.iter().any(|m| m.first <= last && first < m.end) {
                continue;
            }
            out.push(Mention {
                first,
                end: last + 1,
                label,
                score: 1.0,
            });
        }
    }
    out.sort_by_key(|m| m.first);
    out
}

/// Analyses `docs` (text, names the "tagger" finds in it) as one batch.
pub fn analyze_with(docs: &[(&str, &[(&str, Label)])]) -> AnalysisResult {
    let analyzer = Analyzer::new();
    let documents: Vec<Document> = docs
        .iter()
        .enumerate()
        .map(|(i, (text, _))| Document::new(format!("d{i}"), *text))
        .collect();
    let analyses: Vec<_> = documents
        .iter()
        .zip(docs)
        .map(|(d, (_, names))| {
            Ok(analyzer
                .analyze_document_tagged_by(d, |text, tokens, _| mentions_of(text, tokens, names)))
        })
        .collect();
    assemble(&documents, &analyses, None)
}

/// The cluster of the first entity of document `doc` whose text is `surface`.
pub fn cluster(r: &AnalysisResult, doc: usize, surface: &str) -> Option<u32> {
    let e = r.documents[doc]
        .entities
        .iter()
        .find(|e| e.text == surface)
        .unwrap_or_else(|| {
            panic!(
                "document {doc} has no entity {surface:?}; entities: {:?}",
                r.documents[doc]
                    .entities
                    .iter()
                    .map(|e| &e.text)
                    .collect::<Vec<_>>()
            )
        });
    e.cluster
}

/// The canonical name of cluster `id`.
pub fn name(r: &AnalysisResult, id: Option<u32>) -> Option<&str> {
    id.map(|i| r.clusters[i as usize].name.as_str())
}

/// Quotes of document `doc` as (start of text, speaker's canonical name).
pub fn quotes(r: &AnalysisResult, doc: usize) -> Vec<(String, Option<String>)> {
    r.documents[doc]
        .quotes
        .iter()
        .filter(|q| !q.boilerplate)
        .map(|q| {
            (
                q.text.chars().take(30).collect(),
                name(r, q.speaker).map(str::to_string),
            )
        })
        .collect()
}
