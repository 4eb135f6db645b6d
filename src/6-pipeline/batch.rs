//! The cross-document step: links the documents' entities into clusters and settles, in
//! bytes, everything the result says per document — each entity's cluster, each quote's
//! speaker, the merged boilerplate ranges and the suggested tags.

use crate::entities::resolve::across::{self, ClusterDraft, LinkDocument};
use crate::entities::resolve::{DocEntities, NameMention};
use crate::entities::salience::{self, Occurrence, Salience};
use crate::input::Document;
use crate::pipeline::{failure_message, isolate, linking_failure_message, DocAnalysis, Outcome};
use crate::vocab::BlockClass;

/// Entity kinds never suggested as tags: adjectives ("Serbian", "Orthodox") describe, the
/// country or faith they belong to is the tag.
pub const NOT_TAGS: &[&str] = &["nationality", "religion"];

/// A linked batch: what [`crate::output`] renders.
#[derive(Debug)]
pub struct Batch<'a> {
    /// Per input document: its linked analysis, or why it failed.
    pub documents: Vec<Result<Linked<'a>, String>>,
    /// Real-world entities across the batch (empty when linking failed).
    pub clusters: Vec<ClusterDraft>,
    /// Why the cross-document step failed, if it did.
    pub linking_error: Option<String>,
}

/// One document's analysis with the cross-document facts, in bytes.
#[derive(Debug)]
pub struct Linked<'a> {
    pub analysis: &'a DocAnalysis,
    /// Per entity of `analysis.entities`: its cluster (None in boilerplate, for a label that
    /// is not resolved, or when linking failed).
    pub cluster: Vec<Option<usize>>,
    /// Per quote of `analysis.quotes`: the speaker's cluster.
    pub speaker: Vec<Option<usize>>,
    /// Boilerplate ranges (start, end, kind); adjacent lines of one kind form one range.
    pub boilerplate: Vec<(usize, usize, &'static str)>,
    /// Suggested tags, best first.
    pub suggestions: Vec<Salience>,
}

/// Links the analysed documents. Failed documents take part as documents without entities.
/// A panic in the cross-document step (or `linking_failed`, from an earlier attempt) leaves
/// the documents unlinked with `linking_error` set; a panic while settling one document
/// turns that document into a failure.
pub fn link<'a>(
    docs: &[Document],
    outcomes: &'a [Outcome],
    linking_failed: Option<&str>,
) -> Batch<'a> {
    let none = DocEntities::default(); // a failed document takes part without entities
    let inputs: Vec<ToLink> = docs
        .iter()
        .zip(outcomes)
        .map(|(d, o)| ToLink {
            text: &d.text,
            analysis: o.as_ref().ok(),
            none: &none,
        })
        .collect();
    let linked = match linking_failed {
        Some(cause) => Err(cause.to_string()),
        None => isolate(|| {
            #[cfg(feature = "fault-injection")]
            if docs
                .iter()
                .any(|d| d.text.contains(crate::pipeline::FAULT_LINKING))
            {
                panic!("fault injected for testing: a document contains the linking fault marker");
            }
            across::link(&inputs)
        }),
    };
    drop(inputs);
    let (linked, linking_error) = match linked {
        Ok(linked) => (Some(linked), None),
        Err(cause) => (None, Some(linking_failure_message(&cause))),
    };
    let documents = docs
        .iter()
        .zip(outcomes)
        .enumerate()
        .map(|(d, (doc, outcome))| {
            let a = outcome.as_ref().map_err(Clone::clone)?;
            let cluster_of = linked.as_ref().map(|l| l.cluster_of[d].as_slice());
            isolate(|| settle(doc, a, cluster_of)).map_err(|cause| failure_message(&cause))
        })
        .collect();
    Batch {
        documents,
        clusters: linked.map(|l| l.clusters).unwrap_or_default(),
        linking_error,
    }
}

/// A document as linking reads it: its mentions are views made on demand.
struct ToLink<'a> {
    text: &'a str,
    analysis: Option<&'a DocAnalysis>,
    none: &'a DocEntities,
}

impl LinkDocument for ToLink<'_> {
    fn entities(&self) -> &DocEntities {
        self.analysis.map_or(self.none, |a| &a.doc_entities)
    }
    fn mention(&self, i: usize) -> NameMention<'_> {
        // Only called with an index from `entities()`, which is empty for a failed document.
        let a = self.analysis.expect("a failed document has no mentions");
        a.name(self.text, i)
    }
}

/// One document's clusters, speakers, boilerplate ranges and suggestions. `cluster_of[e]` is
/// the cluster of the document's entity `e`; None when linking failed.
fn settle<'a>(doc: &Document, a: &'a DocAnalysis, cluster_of: Option<&[usize]>) -> Linked<'a> {
    let text = doc.text.as_str();
    // Mentions in boilerplate count nowhere, so they have no cluster.
    let cluster_of_mention = |i: usize| -> Option<usize> {
        let e = a.doc_entities.entity_of[i]?;
        Some(cluster_of?[e]).filter(|_| !a.in_boilerplate[i])
    };
    let cluster: Vec<Option<usize>> = (0..a.entities.len()).map(cluster_of_mention).collect();
    let speaker: Vec<Option<usize>> = a
        .quotes
        .iter()
        .map(|q| q.speaker.and_then(|i| cluster[i]))
        .collect();

    let mut boilerplate: Vec<(usize, usize, &'static str)> = Vec::new();
    for b in a.blocks.iter().filter(|b| b.is_boilerplate()) {
        let kind = b.kind.unwrap_or("boilerplate");
        match boilerplate.last_mut() {
            Some(last) if last.2 == kind && text[last.1..b.start].trim().is_empty() => {
                last.1 = b.end
            }
            _ => boilerplate.push((b.start, b.end, kind)),
        }
    }

    let lead = a.blocks.iter().find(|b| b.class == BlockClass::Body);
    let occurrences: Vec<Occurrence> = a
        .entities
        .iter()
        .zip(&cluster)
        .filter(|(m, _)| !m.kind.as_deref().is_some_and(|k| NOT_TAGS.contains(&k)))
        .filter_map(|(m, &c)| {
            let k = a.blocks.partition_point(|b| b.start <= m.start);
            let block = k
                .checked_sub(1)
                .map(|k| &a.blocks[k])
                .filter(|b| m.start < b.end);
            Some(Occurrence {
                cluster: c?,
                start: m.start,
                block: block.map_or(BlockClass::Body, |b| b.class),
                lead: lead.is_some_and(|l| l.start <= m.start && m.start < l.end),
            })
        })
        .collect();
    let speakers: Vec<usize> = speaker.iter().flatten().copied().collect();
    let suggestions = salience::suggest(&occurrences, &speakers, text.len());
    Linked {
        analysis: a,
        cluster,
        speaker,
        boilerplate,
        suggestions,
    }
}
