//! Mention replacement (`presslens train --augment N`): copies of the training documents in
//! which every entity is replaced by another entity of the same type from the training set.
//!
//! A tagger trained on one corpus learns its names by heart: "Clinton" is a person because
//! train says so, not because of the words around it. In a copy where the names are shuffled
//! among the documents, a name's own identity features stop predicting its type as well, and
//! what carries over to names never seen (context, shape, clusters, the document's other
//! mentions) has to do more of the work.
//!
//! Replacements are consistent within a document, as real text is: every mention of one
//! surface gets the same replacement, and a mention that is the last word of a longer mention
//! of the same type ("Clinton" after "Bill Clinton") gets the last word of that mention's
//! replacement, so that the document-level features see the same pattern as in the original.

use std::collections::{BTreeSet, HashMap};

use presslens::mentions::tag::tags::{Span, TYPES};

use super::Rng;
use crate::conll::GoldDoc;

/// `copies` rewritten copies of every document, in document order per copy (copy `c` of
/// document `d` is at `c * docs.len() + d`). Deterministic in `seed`.
pub fn replace_mentions(docs: &[GoldDoc], copies: usize, seed: u64) -> Vec<GoldDoc> {
    // The pool of each type: its distinct surfaces, in a fixed order.
    let mut sets: Vec<BTreeSet<Vec<String>>> = vec![BTreeSet::new(); TYPES.len()];
    for d in docs {
        for s in &d.spans {
            sets[s.ty].insert(d.words[s.first..s.end].to_vec());
        }
    }
    let pools: Vec<Vec<Vec<String>>> = sets.into_iter().map(|s| s.into_iter().collect()).collect();
    let mut out = Vec::with_capacity(docs.len() * copies);
    for c in 0..copies {
        for (n, d) in docs.iter().enumerate() {
            let mut rng = Rng(seed ^ ((c as u64 + 1) << 40) ^ (n as u64).wrapping_mul(0x9E37));
            out.push(rewrite(d, &pools, &mut rng));
        }
    }
    out
}

fn rewrite(d: &GoldDoc, pools: &[Vec<Vec<String>>], rng: &mut Rng) -> GoldDoc {
    // Choose the replacements, longest surfaces first so that a surname alone can follow
    // the full name it belongs to.
    let mut order: Vec<&Span> = d.spans.iter().collect();
    order.sort_by_key(|s| (std::cmp::Reverse(s.end - s.first), s.first));
    let mut chosen: HashMap<(usize, &[String]), Vec<String>> = HashMap::new();
    for s in order {
        let surface = &d.words[s.first..s.end];
        if chosen.contains_key(&(s.ty, surface)) {
            continue;
        }
        let pick = if surface.len() == 1 {
            // The last word of a longer mention of this type already replaced.
            chosen
                .iter()
                .filter(|((ty, long), _)| *ty == s.ty && long.len() > 1)
                .filter(|((_, long), _)| long.last() == surface.last())
                .map(|(_, new)| new.last().cloned())
                .min()
                .flatten()
                .map(|w| vec![w])
        } else {
            None
        };
        let new = pick.unwrap_or_else(|| {
            let pool = &pools[s.ty];
            pool[(rng.next() % pool.len() as u64) as usize].clone()
        });
        chosen.insert((s.ty, surface), new);
    }
    // Rebuild words, sentences and spans with the new lengths.
    let mut by_first: HashMap<usize, &Span> = HashMap::new();
    for s in &d.spans {
        by_first.insert(s.first, s);
    }
    let mut words = Vec::with_capacity(d.words.len());
    let mut spans = Vec::with_capacity(d.spans.len());
    let mut sents = Vec::with_capacity(d.sents.len());
    for &(a, b) in &d.sents {
        let start = words.len();
        let mut i = a;
        while i < b {
            match by_first.get(&i) {
                Some(s) if s.end <= b => {
                    let new = &chosen[&(s.ty, &d.words[s.first..s.end])];
                    spans.push(Span {
                        first: words.len(),
                        end: words.len() + new.len(),
                        ty: s.ty,
                    });
                    words.extend(new.iter().cloned());
                    i = s.end;
                }
                _ => {
                    words.push(d.words[i].clone());
                    i += 1;
                }
            }
        }
        sents.push((start, words.len()));
    }
    GoldDoc {
        words,
        sents,
        spans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, spans: &[(usize, usize, usize)]) -> GoldDoc {
        let words: Vec<String> = text.split(' ').map(String::from).collect();
        let n = words.len();
        GoldDoc {
            words,
            sents: vec![(0, n)],
            spans: spans
                .iter()
                .map(|&(first, end, ty)| Span { first, end, ty })
                .collect(),
        }
    }

    #[test]
    fn replacements_keep_types_lengths_and_document_consistency() {
        let per = TYPES.iter().position(|t| t.as_str() == "PER").unwrap();
        let loc = TYPES.iter().position(|t| t.as_str() == "LOC").unwrap();
        let a = doc(
            "Bill Clinton visited Paris . Clinton liked Paris .",
            &[(0, 2, per), (3, 4, loc), (5, 6, per), (7, 8, loc)],
        );
        let b = doc(
            "Angela Dorothea Merkel met people in New York",
            &[(0, 3, per), (6, 8, loc)],
        );
        let docs = [a, b];
        let out = replace_mentions(&docs, 3, 7);
        assert_eq!(out.len(), 6, "one copy per document and round");
        for (k, d) in out.iter().enumerate() {
            let orig = &docs[k % 2];
            assert_eq!(d.spans.len(), orig.spans.len(), "every mention is kept");
            for (s, o) in d.spans.iter().zip(&orig.spans) {
                assert_eq!(s.ty, o.ty, "a replacement keeps its mention's type");
            }
            assert_eq!(
                d.sents,
                vec![(0, d.words.len())],
                "sentences cover the new words"
            );
            if k % 2 == 0 {
                let full = &d.words[d.spans[0].first..d.spans[0].end];
                let alone = &d.words[d.spans[2].first..d.spans[2].end];
                assert_eq!(
                    alone.last(),
                    full.last(),
                    "the surname alone must follow the full name's replacement: {:?}",
                    d.words
                );
                let p1 = &d.words[d.spans[1].first..d.spans[1].end];
                let p2 = &d.words[d.spans[3].first..d.spans[3].end];
                assert_eq!(p1, p2, "one surface gets one replacement per document");
                assert_eq!(d.words[d.spans[0].end], "visited", "words outside mentions stay");
            }
        }
        assert_eq!(
            out,
            replace_mentions(&docs, 3, 7),
            "deterministic in the seed"
        );
    }
}
