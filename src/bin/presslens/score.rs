//! The one precision/recall/F1 routine, conlleval's phrase counts, and the scoring of the
//! tagger on gold documents (exactness and calibration of its scores). Used by `eval`, by both
//! trainers and by `tokeval`.

use presslens::mentions::tag::tags::{self, Span, TYPES};
use presslens::mentions::tag::{Mention, Tagger};

use crate::conll::GoldDoc;

/// Precision, recall, F1 as fractions, from counts of correct, found (predicted) and gold
/// items; 0 where a denominator is 0.
pub fn prf(correct: usize, found: usize, gold: usize) -> (f64, f64, f64) {
    let p = if found > 0 {
        correct as f64 / found as f64
    } else {
        0.0
    };
    let r = if gold > 0 {
        correct as f64 / gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Phrase counts per type (index = type index) for precision/recall/F1 (conlleval's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: [usize; 4],
    pub found: [usize; 4],
    pub correct: [usize; 4],
}

impl Counts {
    pub fn add(&mut self, gold: &[Span], pred: &[Span]) {
        for s in gold {
            self.gold[s.ty] += 1;
        }
        for s in pred {
            self.found[s.ty] += 1;
        }
        let mut g: Vec<Span> = gold.to_vec();
        g.sort_unstable();
        for s in pred {
            if g.binary_search(s).is_ok() {
                self.correct[s.ty] += 1;
            }
        }
    }

    pub fn total(&self) -> (usize, usize, usize) {
        (
            self.correct.iter().sum(),
            self.found.iter().sum(),
            self.gold.iter().sum(),
        )
    }

    /// Overall (micro) precision, recall, F1.
    pub fn overall(&self) -> (f64, f64, f64) {
        let (c, f, g) = self.total();
        prf(c, f, g)
    }

    pub fn f1(&self) -> f64 {
        self.overall().2
    }

    /// A conlleval-style report.
    pub fn report(&self, tokens: usize) -> String {
        let (c, f, g) = self.total();
        let (p, r, f1) = self.overall();
        let mut s = format!(
            "processed {tokens} tokens with {g} phrases; found: {f} phrases; correct: {c}.\n"
        );
        s += &format!(
            "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {f}\n",
            "ALL",
            100.0 * p,
            100.0 * r,
            100.0 * f1
        );
        let mut order: Vec<usize> = (0..4).collect();
        order.sort_by_key(|&t| TYPES[t].as_str());
        for t in order {
            let (p, r, f1) = prf(self.correct[t], self.found[t], self.gold[t]);
            s += &format!(
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
                TYPES[t].as_str(),
                100.0 * p,
                100.0 * r,
                100.0 * f1,
                self.found[t]
            );
        }
        s
    }
}

/// Spans of mentions (document token indices).
pub fn mention_spans(ms: &[Mention]) -> Vec<Span> {
    ms.iter()
        .map(|m| Span {
            first: m.first,
            end: m.end,
            ty: tags::type_index(m.label).expect("the tagger emits CoNLL types only"),
        })
        .collect()
}

/// One predicted entity with whether it is exactly right, for calibration.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    pub raw: f32,
    pub score: f32,
    pub correct: bool,
}

/// Tags every gold document and scores the result.
pub fn evaluate(tagger: &Tagger, docs: &[GoldDoc]) -> (Counts, Vec<Scored>, Vec<Vec<Mention>>) {
    evaluate_types(tagger, docs, &[true; 4])
}

/// Like [`evaluate`], counting only predictions of the types marked in `keep` (for data sets
/// whose label map has no counterpart of some type, e.g. MISC for WNUT-17).
pub fn evaluate_types(
    tagger: &Tagger,
    docs: &[GoldDoc],
    keep: &[bool; 4],
) -> (Counts, Vec<Scored>, Vec<Vec<Mention>>) {
    let mut counts = Counts::default();
    let mut scored = Vec::new();
    let mut all = Vec::with_capacity(docs.len());
    for d in docs {
        let mut t = tagger.tag_words(&d.word_refs(), &d.sents);
        let kept: Vec<bool> = t
            .mentions
            .iter()
            .map(|m| tags::type_index(m.label).is_some_and(|ty| keep[ty]))
            .collect();
        let mut k = kept.iter();
        t.raw_scores.retain(|_| *k.next().unwrap_or(&false));
        let mut k = kept.iter();
        t.mentions.retain(|_| *k.next().unwrap_or(&false));
        let pred = mention_spans(&t.mentions);
        counts.add(&d.spans, &pred);
        let mut g = d.spans.clone();
        g.sort_unstable();
        for ((s, m), &raw) in pred.iter().zip(&t.mentions).zip(&t.raw_scores) {
            scored.push(Scored {
                raw,
                score: m.score,
                correct: g.binary_search(s).is_ok(),
            });
        }
        all.push(t.mentions);
    }
    (counts, scored, all)
}

/// Reliability table: for score bins of width 0.1, how many entities, their mean score and
/// the fraction that were exactly right. Rows: (low, high, count, mean score, accuracy).
pub fn reliability(scored: &[Scored]) -> Vec<(f32, f32, usize, f64, f64)> {
    (0..10)
        .map(|b| {
            let lo = b as f32 / 10.0;
            let hi = lo + 0.1;
            let in_bin: Vec<&Scored> = scored
                .iter()
                .filter(|s| s.score >= lo && (s.score < hi || (b == 9 && s.score <= 1.0)))
                .collect();
            let n = in_bin.len();
            let mean = in_bin.iter().map(|s| f64::from(s.score)).sum::<f64>() / n.max(1) as f64;
            let acc = in_bin.iter().filter(|s| s.correct).count() as f64 / n.max(1) as f64;
            (lo, hi, n, mean, acc)
        })
        .collect()
}

/// Expected calibration error over the reliability bins.
pub fn ece(scored: &[Scored]) -> f64 {
    let n = scored.len().max(1) as f64;
    reliability(scored)
        .iter()
        .map(|&(_, _, c, m, a)| c as f64 / n * (m - a).abs())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(first: usize, end: usize, ty: usize) -> Span {
        Span { first, end, ty }
    }

    #[test]
    fn prf_of_counts_and_of_nothing() {
        let (p, r, f) = prf(3, 4, 6);
        assert_eq!((p, r), (0.75, 0.5));
        assert!((f - 0.6).abs() < 1e-12, "F1 is the harmonic mean: {f}");
        assert_eq!(prf(0, 0, 0), (0.0, 0.0, 0.0), "no division by zero");
    }

    #[test]
    fn only_exact_span_and_type_count_as_correct() {
        let mut c = Counts::default();
        let gold = [span(0, 2, 0), span(3, 4, 2), span(5, 6, 1)];
        let pred = [span(0, 2, 0), span(3, 4, 1), span(5, 7, 1)];
        c.add(&gold, &pred);
        assert_eq!(
            c.total(),
            (1, 3, 3),
            "right type, wrong span or wrong type: wrong"
        );
        assert_eq!(c.correct, [1, 0, 0, 0]);
        let report = c.report(10);
        assert!(
            report.starts_with("processed 10 tokens with 3 phrases; found: 3 phrases; correct: 1."),
            "{report}"
        );
        assert!(report.contains("ALL: precision:  33.33%; recall:  33.33%; FB1:  33.33  3"));
    }

    #[test]
    fn calibration_error_is_zero_when_scores_match_accuracy() {
        let s = |score: f32, correct: bool| Scored {
            raw: score,
            score,
            correct,
        };
        let calibrated = [s(0.95, true), s(0.95, true), s(0.55, true), s(0.55, false)];
        assert!(ece(&calibrated) < 0.06, "{}", ece(&calibrated));
        let overconfident = [s(0.95, false), s(0.95, false)];
        assert!(ece(&overconfident) > 0.9);
        let bins = reliability(&calibrated);
        assert_eq!((bins[9].2, bins[5].2), (2, 2), "two per bin");
    }
}
