//! Stage 10: the batch as stories — boilerplate, clusters, quotes by speaker and suggested tags
//! written into the result.
//!
//! Runs in `assemble` after the per-document results exist. Mentions are matched to result
//! entities by their offsets, so it does not depend on the order in which other stages add
//! entities.

use crate::entities::quotes;
use crate::entities::resolve::{self, across, NameMention};
use crate::entities::salience::{self, Occurrence};
use crate::input::Document;
use crate::mentions::merge::Found;
use crate::output::{self, AnalysisResult, Cluster, Suggestion, Utf16Offsets};
use crate::pipeline::{isolate, linking_failure_message, DocAnalysis, Outcome};
use crate::text::boilerplate::{self, Block};
use crate::text::sentences::Sentence;
use crate::text::tokenize::Token;
use crate::vocab::BlockClass;

/// Entity kinds never suggested as tags: adjectives ("Serbian", "Orthodox") describe, the
/// country or faith they belong to is the tag.
pub const NOT_TAGS: &[&str] = &["nationality", "religion"];

/// The per-document part of issue #6's stages, computed in `analyze_document`.
#[derive(Debug, Clone, Default)]
pub struct DocStory {
    /// Every non-blank line and its class.
    pub blocks: Vec<Block>,
    /// The merged entities as resolution sees them (same order as `DocAnalysis::entities`).
    pub names: Vec<NameMention>,
    /// Within-document entities.
    pub entities: resolve::DocEntities,
    /// Direct quotations with their speaker mention.
    pub quotes: Vec<quotes::Quote>,
}

/// Boilerplate, within-document resolution and quotes for one document, over the merged
/// entity list of [`crate::mentions::merge`] (so user lists, equipment and gazetteer names resolve too).
pub fn read_document(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Found],
) -> DocStory {
    let blocks = boilerplate::classify(text);
    let names: Vec<NameMention> = entities
        .iter()
        .map(|f| NameMention {
            start: f.start,
            end: f.end,
            label: f.label,
            surface: text[f.start..f.end].to_string(),
            boilerplate: boilerplate::in_boilerplate(&blocks, f.start),
            kind: f.kind.clone(),
        })
        .collect();
    let entities = resolve::within::resolve(text, &names);
    let quotes = quotes::find(text, tokens, sentences, &names, &blocks);
    DocStory {
        blocks,
        names,
        entities,
        quotes,
    }
}

/// Links the documents' entities into clusters and fills clusters, entity flags and clusters,
/// quotes, blocks, boilerplate ranges and suggestions into `result`.
///
/// Failed documents take part as documents without entities. A panic in the cross-document
/// step leaves the documents unlinked with `result.linking_error` set; a panic while filling
/// one document turns that document into a failure.
pub fn fill(
    docs: &[Document],
    outcomes: &[Outcome],
    linking_failed: Option<&str>,
    result: &mut AnalysisResult,
) {
    let empty = DocStory::default();
    let stories: Vec<&DocStory> = outcomes
        .iter()
        .map(|o| o.as_ref().map_or(&empty, |a| &a.story))
        .collect();
    let inputs: Vec<(&[NameMention], &resolve::DocEntities)> = stories
        .iter()
        .map(|s| (s.names.as_slice(), &s.entities))
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
    let linked = match linked {
        Ok(linked) => Some(linked),
        Err(cause) => {
            result.linking_error = Some(linking_failure_message(&cause));
            None
        }
    };
    result.clusters = linked
        .iter()
        .flat_map(|l| l.clusters.iter())
        .enumerate()
        .map(|(id, c)| Cluster {
            id: id as u32,
            name: c.name.clone(),
            label: c.label,
            forms: c.forms.clone(),
            mentions: c.mentions.clone(),
        })
        .collect();

    for (d, ((doc, outcome), out)) in docs
        .iter()
        .zip(outcomes)
        .zip(result.documents.iter_mut())
        .enumerate()
    {
        let Ok(a) = outcome else { continue };
        if let Err(cause) = isolate(|| fill_document(doc, a, d, linked.as_ref(), out)) {
            *out = output::DocumentResult::failed(
                doc.id.clone(),
                crate::pipeline::failure_message(&cause),
            );
        }
    }
}

/// Fills one document's flags, clusters, blocks, boilerplate, quotes and suggestions.
/// `d` is the document's index in the batch; `linked` is None when linking failed.
fn fill_document(
    doc: &Document,
    a: &DocAnalysis,
    d: usize,
    linked: Option<&across::Linked>,
    out: &mut output::DocumentResult,
) {
    let text = doc.text.as_str();
    let u16 = Utf16Offsets::new(text);
    let s = &a.story;
    let cluster_of_mention = |i: usize| -> Option<usize> {
        let e = s.entities.entity_of[i]?;
        Some(linked?.cluster_of[d][e])
    };

    // Entities: boilerplate flag for every entity; cluster for resolved mentions.
    for e in out.entities.iter_mut() {
        e.boilerplate = false;
    }
    let by_span: std::collections::HashMap<(u32, u32), usize> = out
        .entities
        .iter()
        .enumerate()
        .map(|(k, e)| ((e.start, e.end), k))
        .collect();
    let mut updates: Vec<(usize, Option<u32>, bool)> = Vec::new();
    for (i, m) in s.names.iter().enumerate() {
        if let Some(&k) = by_span.get(&(u16.get(m.start), u16.get(m.end))) {
            updates.push((k, cluster_of_mention(i).map(|c| c as u32), m.boilerplate));
        }
    }
    for (k, cluster, bp) in updates {
        out.entities[k].cluster = cluster;
        out.entities[k].boilerplate = bp;
    }
    let bp_ranges: Vec<(u32, u32)> = s
        .blocks
        .iter()
        .filter(|b| b.is_boilerplate())
        .map(|b| (u16.get(b.start), u16.get(b.end)))
        .collect();
    for e in out.entities.iter_mut() {
        let k = bp_ranges.partition_point(|&(a, _)| a <= e.start);
        if k > 0 && e.start < bp_ranges[k - 1].1 {
            e.boilerplate = true;
            e.cluster = None;
        }
    }

    // Blocks and boilerplate ranges (adjacent lines of one kind merged into one range).
    out.blocks = s
        .blocks
        .iter()
        .map(|b| output::Block {
            start: u16.get(b.start),
            end: u16.get(b.end),
            class: b.class,
        })
        .collect();
    out.boilerplate.clear();
    let mut last_end = 0usize; // byte end of the last boilerplate range
    for b in s.blocks.iter().filter(|b| b.is_boilerplate()) {
        let class = b.kind.unwrap_or("boilerplate");
        let (start, end) = (u16.get(b.start), u16.get(b.end));
        match out.boilerplate.last_mut() {
            Some(last) if last.class == class && text[last_end..b.start].trim().is_empty() => {
                last.end = end
            }
            _ => out.boilerplate.push(output::Boilerplate {
                start,
                end,
                class: class.to_string(),
            }),
        }
        last_end = b.end;
    }

    // Quotes.
    out.quotes = s
        .quotes
        .iter()
        .map(|q| output::Quote {
            start: u16.get(q.start),
            end: u16.get(q.end),
            text: text[q.start..q.end].to_string(),
            speaker: q.speaker.and_then(cluster_of_mention).map(|c| c as u32),
            speaker_text: q.speaker_text.clone(),
            boilerplate: q.boilerplate,
        })
        .collect();

    // Suggestions.
    let lead = s.blocks.iter().find(|b| b.class == BlockClass::Body);
    let occurrences: Vec<Occurrence> = s
        .names
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.kind.as_deref().is_some_and(|k| NOT_TAGS.contains(&k)))
        .filter_map(|(i, m)| {
            let cluster = cluster_of_mention(i)?;
            let k = s.blocks.partition_point(|b| b.start <= m.start);
            let block = k
                .checked_sub(1)
                .map(|k| &s.blocks[k])
                .filter(|b| m.start < b.end);
            Some(Occurrence {
                cluster,
                start: m.start,
                block: block.map_or(BlockClass::Body, |b| b.class),
                lead: lead.is_some_and(|l| l.start <= m.start && m.start < l.end),
            })
        })
        .collect();
    let speakers: Vec<usize> = s
        .quotes
        .iter()
        .filter_map(|q| q.speaker.and_then(cluster_of_mention))
        .collect();
    out.suggestions = salience::suggest(&occurrences, &speakers, text.len())
        .into_iter()
        .filter_map(|sal| {
            let c = &linked?.clusters[sal.cluster];
            Some(Suggestion {
                cluster: sal.cluster as u32,
                name: c.name.clone(),
                label: c.label,
                score: sal.score,
            })
        })
        .collect();
}
