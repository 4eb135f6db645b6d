//! How central each cluster is to a document, and the tags a CMS would offer.
//!
//! The salience of cluster `c` in document `d`, from its mentions outside boilerplate:
//!
//! ```text
//! score = ln(1 + mentions)                     frequency, with diminishing returns
//!       + 1.0   if mentioned in a headline       what the story is about
//!       + 0.5   if mentioned in the lead          the first body paragraph
//!       + 0.5 × (1 − first / length)            earlier first mention ranks higher
//!       + 0.25 × min(quotes spoken, 3)          a quoted speaker is a protagonist
//! ```
//!
//! `first / length` is the byte offset of the first mention over the text length. Clusters
//! whose mentions in the document are all in bylines (authors) are not suggested. The top
//! [`MAX_SUGGESTIONS`] by score, ties broken by first mention, are the suggestions.

use crate::vocab::BlockClass;

/// At most this many tags are suggested per document.
pub const MAX_SUGGESTIONS: usize = 5;

/// One mention as salience sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The cluster the mention belongs to.
    pub cluster: usize,
    /// Byte offset of the mention.
    pub start: usize,
    /// The class of the line it is in.
    pub block: BlockClass,
    /// Whether that line is the lead (the first body line).
    pub lead: bool,
}

/// A cluster's salience in one document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Salience {
    pub cluster: usize,
    pub score: f32,
}

/// Scores the clusters mentioned in a document of `len` bytes; `speakers` holds the cluster of
/// each attributed quote. Returns the suggestions, best first.
pub fn suggest(occurrences: &[Occurrence], speakers: &[usize], len: usize) -> Vec<Salience> {
    // Grouped by cluster with one sort: linear in the mentions, whatever the count of clusters.
    let mut by_cluster: Vec<&Occurrence> = occurrences.iter().collect();
    crate::vocab::sort::sort_by_key(&mut by_cluster, |o| o.cluster);
    let mut speakers = speakers.to_vec();
    crate::vocab::sort::sort(&mut speakers);
    let len = len.max(1) as f32;
    let mut out: Vec<(Salience, usize)> = Vec::new();
    for occ in by_cluster.chunk_by(|a, b| a.cluster == b.cluster) {
        let c = occ[0].cluster;
        if occ.iter().all(|o| o.block == BlockClass::Byline) {
            continue;
        }
        let first = occ.iter().map(|o| o.start).min().unwrap_or(0);
        let headline = occ.iter().any(|o| o.block == BlockClass::Headline);
        let lead = occ.iter().any(|o| o.lead);
        let quoted =
            (speakers.partition_point(|&s| s <= c) - speakers.partition_point(|&s| s < c)).min(3);
        let score = (1.0 + occ.len() as f32).ln()
            + if headline { 1.0 } else { 0.0 }
            + if lead { 0.5 } else { 0.0 }
            + 0.5 * (1.0 - first as f32 / len)
            + 0.25 * quoted as f32;
        out.push((Salience { cluster: c, score }, first));
    }
    crate::vocab::sort::sort_by(&mut out, |a, b| {
        b.0.score.total_cmp(&a.0.score).then(a.1.cmp(&b.1))
    });
    out.truncate(MAX_SUGGESTIONS);
    out.into_iter().map(|(s, _)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(cluster: usize, start: usize, block: BlockClass, lead: bool) -> Occurrence {
        Occurrence {
            cluster,
            start,
            block,
            lead,
        }
    }

    #[test]
    fn headline_lead_and_quotes_outrank_a_late_passing_mention() {
        let body = BlockClass::Body;
        let o = [
            occ(0, 0, BlockClass::Headline, false),
            occ(0, 50, body, true),
            occ(1, 900, body, false),
            occ(1, 950, body, false),
            occ(2, 10, BlockClass::Byline, false),
        ];
        let s = suggest(&o, &[0], 1000);
        assert_eq!(
            s.iter().map(|s| s.cluster).collect::<Vec<_>>(),
            [0, 1],
            "headline + lead + quoted first; the author (byline only) is not a tag: {s:?}"
        );
    }
}
