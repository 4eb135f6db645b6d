//! `presslens train-sentences --train F.conll --dev F.conll --out MODEL [--seed N]
//! [--epochs N] [--max-features N]`: trains the learned sentence-boundary classifier (rule 7
//! of `presslens::text::sentences`).
//!
//! Each document's gold sentences are joined by single spaces (as `presslens tokeval` does),
//! tokenized and split by the rules. Every gap the rules leave open is a training example:
//! a boundary when a gold sentence ends there. A binary averaged perceptron is trained over
//! the documents in a seeded shuffled order, deciding gaps left to right as at run time. After
//! each epoch the averaged weights are quantized to 8 bits and scored on dev; the best epoch
//! is kept, pruned to the `--max-features` largest weights, and its threshold is chosen on
//! dev: among the thresholds within 0.0025 of the best dev F1, the one that makes the fewest
//! false splits when dev's sentences stand on their own lines (as in feeds and most real
//! input). Same data, seed and build give the same bytes.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use presslens::text::sentences::{
    self,
    learned::{Gaps, Model},
};
use presslens::text::tokenize;

use crate::args::{unexpected, Args, Long};
use crate::score::prf;
use crate::tokeval::{layout, read_docs};

const USAGE: &str = "usage: presslens train-sentences --train F.conll --dev F.conll --out MODEL [--seed N] [--epochs N] [--max-features N]";

struct Example {
    gaps: Gaps,
    /// Per token: whether a gold sentence ends after it.
    gold: Vec<bool>,
    /// Per token: its end offset (for boundary scoring).
    ends_at: Vec<usize>,
    bounds: HashSet<usize>,
}

/// The documents of `path` with their gold sentences joined by `sep`.
fn load(path: &str, sep: char) -> Result<Vec<Example>, String> {
    let docs = read_docs(path)?;
    if docs.iter().all(|d| d.sentences.is_empty()) {
        return Err(format!(
            "{path:?}: no sentences: expected CoNLL lines \"word ... TAG\", sentences separated by blank lines"
        ));
    }
    Ok(docs
        .iter()
        .map(|doc| {
            let (text, _, bounds) = layout(doc, sep);
            let toks = tokenize::tokenize(&text);
            let rules = sentences::split_rules(&text, &toks);
            let bounds: HashSet<usize> = bounds.into_iter().collect();
            let gold = toks.iter().map(|t| bounds.contains(&t.end)).collect();
            Example {
                gaps: Gaps::new(&text, &toks, &rules),
                gold,
                ends_at: toks.iter().map(|t| t.end).collect(),
                bounds,
            }
        })
        .collect())
}

/// Boundary counts: (gold, predicted, correct, added by the model, added and correct).
#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    pred: usize,
    hit: usize,
    added: usize,
    added_ok: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        prf(self.hit, self.pred, self.gold)
    }
}

fn evaluate(model: &Model, docs: &[Example]) -> Counts {
    let mut c = Counts::default();
    for d in docs {
        let ends = d.gaps.walk(|_, f| model.decide(f));
        let n = ends.len();
        c.gold += d.bounds.len();
        for (i, _) in ends
            .iter()
            .enumerate()
            .take(n.saturating_sub(1))
            .filter(|e| *e.1)
        {
            let ok = d.bounds.contains(&d.ends_at[i]);
            c.pred += 1;
            c.hit += usize::from(ok);
            if !d.gaps.rule_end(i) {
                c.added += 1;
                c.added_ok += usize::from(ok);
            }
        }
    }
    c
}

#[derive(Default)]
struct Acc {
    w: i32,
    /// Sum of (step × update), for the average.
    u: i64,
}

fn quantize(weights: &HashMap<u32, Acc>, steps: i64) -> Model {
    let avg: Vec<(u32, f64)> = weights
        .iter()
        .map(|(&k, a)| (k, f64::from(a.w) - a.u as f64 / steps as f64))
        .collect();
    let max = avg.iter().map(|p| p.1.abs()).fold(0.0, f64::max);
    if max == 0.0 {
        return Model::default();
    }
    let scale = 127.0 / max;
    Model::new(
        avg.into_iter()
            .map(|(k, w)| (k, (w * scale).round().clamp(-127.0, 127.0) as i8))
            .collect(),
        0,
    )
}

/// Keeps the `max` features with the largest weights (ties by key).
fn prune(model: &Model, max: usize) -> Model {
    let mut pairs: Vec<(u32, i8)> = model.pairs().collect();
    pairs.sort_by_key(|&(k, w)| (std::cmp::Reverse(w.unsigned_abs()), k));
    pairs.truncate(max);
    Model::new(pairs, model.threshold())
}

fn line(c: &Counts) -> String {
    let (p, r, f) = c.prf();
    format!(
        "P {p:.4} R {r:.4} F1 {f:.4} ({}/{} found, {} predicted); classifier added {}, {} false",
        c.hit,
        c.gold,
        c.pred,
        c.added,
        c.added - c.added_ok
    )
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut a = Args::new(args, USAGE);
    let (mut train_path, mut dev_path, mut out) = (None, None, None);
    let (mut seed, mut epochs, mut max_features) = (1u64, 15usize, 16000usize);
    while let Some(arg) = a.next()? {
        match arg {
            Long("train") => train_path = Some(a.string("train")?),
            Long("dev") => dev_path = Some(a.string("dev")?),
            Long("out") => out = Some(a.string("out")?),
            Long("seed") => seed = a.number("seed")?,
            Long("epochs") => epochs = a.number("epochs")?,
            Long("max-features") => max_features = a.number("max-features")?,
            other => return Err(unexpected(other, USAGE)),
        }
    }
    let train_path = train_path.ok_or_else(|| a.missing("train"))?;
    let dev_path = dev_path.ok_or_else(|| a.missing("dev"))?;
    let out = out.ok_or_else(|| a.missing("out"))?;
    let started = Instant::now();

    let train = load(&train_path, ' ')?;
    let dev = load(&dev_path, ' ')?;
    // Dev with each gold sentence on its own line: line breaks settle every gold boundary, so
    // every other boundary is a false split inside a sentence.
    let dev_lines = load(&dev_path, '\n')?;
    let split_lines = |m: &Model| {
        let c = evaluate(m, &dev_lines);
        c.pred - c.hit
    };
    let empty = Model::default();
    println!("rules alone, dev: {}", line(&evaluate(&empty, &dev)));

    let mut weights: HashMap<u32, Acc> = HashMap::new();
    let mut steps: i64 = 1;
    let mut rng = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut best: Option<(f64, usize, Model)> = None;
    for epoch in 1..=epochs {
        for k in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(k, (rng % (k as u64 + 1)) as usize);
        }
        for &d in &order {
            let ex = &train[d];
            ex.gaps.walk(|i, f| {
                let score: i32 = f.iter().map(|k| weights.get(k).map_or(0, |a| a.w)).sum();
                let pred = score > 0;
                let gold = ex.gold[i];
                if pred != gold {
                    let delta = if gold { 1 } else { -1 };
                    for &k in f {
                        let a = weights.entry(k).or_default();
                        a.w += delta;
                        a.u += steps * i64::from(delta);
                    }
                }
                steps += 1;
                pred
            });
        }
        let model = quantize(&weights, steps);
        let c = evaluate(&model, &dev);
        let f = c.prf().2;
        println!("epoch {epoch}: dev {} [{} features]", line(&c), model.len());
        if best.as_ref().is_none_or(|b| f > b.0) {
            best = Some((f, epoch, model));
        }
    }
    let (_, epoch, model) = best.ok_or("no epochs")?;
    let pruned = prune(&model, max_features);
    println!(
        "best epoch {epoch}; pruned to {} features: dev {}",
        pruned.len(),
        line(&evaluate(&pruned, &dev))
    );
    // The threshold: among those whose dev F1 is within 0.0025 of the best, the one with the
    // fewest false splits when dev's sentences stand on their own lines (the usual layout of
    // real input, where a false split cuts a sentence the tagger then sees in halves); ties go
    // to the higher threshold.
    let mut scored = Vec::new();
    for t in (-40..=80).step_by(10) {
        let m = pruned.with_threshold(t);
        let c = evaluate(&m, &dev);
        let inside = split_lines(&m);
        println!(
            "threshold {t:>4}: dev {}; sentences on lines: {inside} false splits",
            line(&c)
        );
        scored.push((t, c.prf().2, inside));
    }
    let top = scored.iter().map(|s| s.1).fold(f64::MIN, f64::max);
    let t = scored
        .iter()
        .filter(|s| s.1 >= top - 0.0025)
        .min_by_key(|s| (s.2, std::cmp::Reverse(s.0)))
        .map_or(0, |s| s.0);
    let model = pruned.with_threshold(t);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).map_err(|e| format!("cannot write {out}: {e}"))?;
    println!(
        "wrote {out}: {} bytes, {} features, threshold {t}; dev {}; sentences on lines: {} false splits; {:.1} s",
        bytes.len(),
        model.len(),
        line(&evaluate(&model, &dev)),
        split_lines(&model),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
