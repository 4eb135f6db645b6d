//! The entity tagger's trainer, `presslens train`: the structured averaged perceptron,
//! two-stage training with jackknifed first-stage labels, quantization and calibration. It
//! writes the model file the library loads (`presslens::mentions::tag::model`); the features
//! are the library's own (`features::extract`), so training and inference cannot drift apart.

use std::collections::HashMap;
use std::time::Instant;

use presslens::mentions::tag::decode::{self, Transitions};
use presslens::mentions::tag::features::{self, DocFeatures, Groups};
use presslens::mentions::tag::model::{self, Calibration, CapTable, Model, Row, Stage, Table};
use presslens::mentions::tag::tags::{self, N_TAGS};
use presslens::mentions::tag::Tagger;

use super::Rng;
use crate::args::{unexpected, Args, Long};
use crate::conll::{self, GoldDoc};
use crate::score::{evaluate, Counts, Scored};

const N: usize = N_TAGS;

const USAGE: &str = "usage: presslens train --train F.conll --dev F.conll --out MODEL [--seed N] [--epochs N] \
                     [--jackknife-epochs N] [--folds N] [--min-count N] [--clip Q] [--prune W] [--levels K] \
                     [--key-bits B] [--max-features K] [--max-first K] [--refit] [--word-dropout P] [--gaz-dropout P] [--bag K] [--without GROUPS] [--threads N]";

/// `presslens train`: trains the entity tagger on CoNLL files and writes the model file.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut a = Args::new(args, USAGE);
    let (mut train_path, mut dev_path, mut out) = (None, None, None);
    let mut cfg = TrainConfig::default();
    let mut jackknife_epochs = None;
    let mut without = 0;
    while let Some(arg) = a.next()? {
        match arg {
            Long("train") => train_path = Some(a.string("train")?),
            Long("dev") => dev_path = Some(a.string("dev")?),
            Long("out") => out = Some(a.string("out")?),
            Long("seed") => cfg.seed = a.number("seed")?,
            Long("epochs") => cfg.epochs = a.number("epochs")?,
            Long("jackknife-epochs") => jackknife_epochs = Some(a.number("jackknife-epochs")?),
            Long("folds") => cfg.folds = a.number("folds")?,
            Long("min-count") => cfg.min_count = a.number("min-count")?,
            Long("threads") => cfg.threads = a.number::<usize>("threads")?.max(1),
            Long("prune") => cfg.prune = a.number("prune")?,
            Long("refit") => cfg.refit = true,
            Long("bag") => cfg.bag = a.number::<usize>("bag")?.max(1),
            Long("gaz-dropout") => cfg.gaz_dropout = a.probability("gaz-dropout")?,
            Long("word-dropout") => cfg.word_dropout = a.probability("word-dropout")?,
            Long("max-features") => cfg.max_features = Some(a.number("max-features")?),
            Long("max-first") => cfg.max_first = Some(a.number("max-first")?),
            Long("levels") => cfg.levels = a.number("levels")?,
            Long("key-bits") => {
                cfg.key_bits = a.number("key-bits")?;
                if !model::KEY_BITS.contains(&cfg.key_bits) {
                    return Err(format!(
                        "--key-bits expects {}..={}, got {}",
                        model::KEY_BITS.start(),
                        model::KEY_BITS.end(),
                        cfg.key_bits
                    ));
                }
            }
            Long("clip") => {
                let q = a.string("clip")?;
                cfg.clip_quantile = q
                    .parse::<f64>()
                    .ok()
                    .filter(|q| (0.5..=1.0).contains(q))
                    .ok_or_else(|| format!("--clip expects a quantile in 0.5..=1, got {q:?}"))?;
            }
            Long("without") => without |= Groups::parse_list(&a.string("without")?)?,
            other => return Err(unexpected(other, USAGE)),
        }
    }
    let train_path = train_path.ok_or_else(|| a.missing("train"))?;
    let dev_path = dev_path.ok_or_else(|| a.missing("dev"))?;
    let out = out.ok_or_else(|| a.missing("out"))?;
    cfg.jackknife_epochs = jackknife_epochs.unwrap_or(cfg.epochs);
    cfg.groups = Groups(cfg.groups.0 & !without);
    eprintln!(
        "presslens train: --train {train_path} --dev {dev_path} --out {out} --seed {} --epochs {} \
         --jackknife-epochs {} --folds {} --min-count {} --clip {} --prune {} --levels {} \
         --key-bits {}{}{} --word-dropout {} --gaz-dropout {} --bag {} --threads {}; features: {}",
        cfg.seed,
        cfg.epochs,
        cfg.jackknife_epochs,
        cfg.folds,
        cfg.min_count,
        cfg.clip_quantile,
        cfg.prune,
        cfg.levels,
        cfg.key_bits,
        cfg.max_features
            .map_or(String::new(), |k| format!(" --max-features {k}"))
            + &cfg
                .max_first
                .map_or(String::new(), |k| format!(" --max-first {k}")),
        if cfg.refit { " --refit" } else { "" },
        cfg.word_dropout,
        cfg.gaz_dropout,
        cfg.bag,
        cfg.threads,
        cfg.groups.describe()
    );
    let train_docs = conll::read(&train_path, conll::conll_labels)?;
    let dev_docs = conll::read(&dev_path, conll::conll_labels)?;
    for (flag, path, docs) in [
        ("--train", &train_path, &train_docs),
        ("--dev", &dev_path, &dev_docs),
    ] {
        let words: usize = docs.iter().map(|d| d.words.len()).sum();
        let spans: usize = docs.iter().map(|d| d.spans.len()).sum();
        if spans == 0 {
            return Err(format!(
                "{flag} {path:?}: no annotated entities in {words} words: expected CoNLL lines \"word ... TAG\" with B-/I- tags of PER, ORG, LOC or MISC"
            ));
        }
    }
    let mut log = |s: &str| println!("{s}");
    let (model, report) = if cfg.refit {
        // Feature selection: train, quantize and prune, then train again on the features
        // that survived (the others' work goes to them) and prune again.
        let (first, _) = train(&train_docs, &dev_docs, &cfg, &mut log);
        log(&format!(
            "refit: training again on the {} features kept",
            first.ids.len()
        ));
        let cfg2 = TrainConfig {
            only: Some((first.ids.iter().copied().collect(), first.key_bits)),
            ..cfg.clone()
        };
        train(&train_docs, &dev_docs, &cfg2, &mut log)
    } else {
        train(&train_docs, &dev_docs, &cfg, &mut log)
    };
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "dev F1 (quantized, calibrated model): {:.2}\nfeatures: {}\nmodel: {out}, {} bytes\ntraining time: {:.1} s",
        100.0 * report.dev_f1,
        report.features,
        bytes.len(),
        report.seconds
    );
    Ok(())
}

/// Training settings. Everything that affects the result is here, and printed by `train`.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    /// Epochs of the jackknifed first-stage models (defaults to `epochs`).
    pub jackknife_epochs: usize,
    pub seed: u64,
    pub groups: Groups,
    /// Keep features seen at least this many times in the training data.
    pub min_count: u32,
    /// Folds for the jackknifed first-stage labels of the training set.
    pub folds: usize,
    /// Weights are clipped at this quantile of their magnitudes before 8-bit quantization.
    pub clip_quantile: f64,
    /// Threads for the jackknife folds.
    pub threads: usize,
    /// After 8-bit quantization, weights smaller than this (in 8-bit units) become 0.
    pub prune: u8,
    /// Non-zero weights are rounded to this many magnitudes (with either sign), chosen by
    /// 1-D k-means on the weights; 0 keeps every 8-bit value.
    pub levels: usize,
    /// Top bits of feature ids and word-form hashes kept as keys (16..=32).
    pub key_bits: u8,
    /// Keep only the this many most important features (occurrences x weight size).
    pub max_features: Option<usize>,
    /// Keep first-stage weights only for this many most important features.
    pub max_first: Option<usize>,
    /// Train twice: the second time only on the features the first model kept.
    pub refit: bool,
    /// In every training epoch, each token's word-identity features (word and normalized
    /// form) are left out with this probability, so that the model also learns to name
    /// words it has not seen from their shape, affixes and context.
    pub word_dropout: f64,
    /// Share of the gazetteer matches of the training documents that training does not see
    /// (so that the model does not lean on the lists alone).
    pub gaz_dropout: f64,
    /// Perceptrons averaged per stage (and per jackknife fold), each with its own order.
    pub bag: usize,
    /// When set, only features with these keys (of that many bits) are used (the second
    /// training of `refit`).
    pub only: Option<(std::collections::HashSet<u32>, u8)>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            jackknife_epochs: 10,
            seed: 1,
            groups: Groups(Groups::ALL),
            min_count: 1,
            folds: 5,
            clip_quantile: 1.0,
            threads: 1,
            prune: 0,
            levels: 0,
            key_bits: 32,
            refit: false,
            word_dropout: 0.0,
            gaz_dropout: 0.0,
            bag: 1,
            only: None,
            max_features: None,
            max_first: None,
        }
    }
}

/// Progress lines go through this.
pub type Log<'a> = &'a mut dyn FnMut(&str);

/// A document as dense feature indices.
#[derive(Debug, Clone, Default)]
struct Inst {
    idx: Vec<u32>,
    off: Vec<u32>,
    sents: Vec<(usize, usize)>,
    gold: Vec<u8>,
    /// Per token, the dense position after its word-identity features (they sit at
    /// positions 1.. after the bias); 1 when it has none.
    word_end: Vec<u8>,
}

impl Inst {
    fn token(&self, i: usize) -> &[u32] {
        &self.idx[self.off[i] as usize..self.off[i + 1] as usize]
    }
}

/// Structured averaged perceptron weights (with the usual lazy-averaging accumulators).
struct Perceptron {
    w: Vec<f32>,
    u: Vec<f32>,
    /// `(N + 2) x N`: rows are previous tags, then start, then end.
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

const START: usize = N;
const END: usize = N + 1;

impl Perceptron {
    fn new(n_feat: usize) -> Self {
        Perceptron {
            w: vec![0.0; n_feat * N],
            u: vec![0.0; n_feat * N],
            tw: vec![0.0; (N + 2) * N],
            tu: vec![0.0; (N + 2) * N],
            c: 1.0,
        }
    }

    fn transitions(tw: &[f32]) -> Transitions {
        let mut t = Transitions::default();
        for p in 0..N {
            t.trans[p].copy_from_slice(&tw[p * N..p * N + N]);
        }
        t.start.copy_from_slice(&tw[START * N..START * N + N]);
        t.end.copy_from_slice(&tw[END * N..END * N + N]);
        t
    }

    /// Averaged weights and transitions.
    fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let w = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| w - u / self.c)
            .collect();
        let t = self
            .tw
            .iter()
            .zip(&self.tu)
            .map(|(w, u)| w - u / self.c)
            .collect();
        (w, t)
    }

    fn emissions(w: &[f32], inst: &Inst, a: usize, b: usize, out: &mut Vec<[f32; N]>) {
        Self::emissions_masked(w, inst, a, b, &[], out);
    }

    /// The ids of token `i` that training sees: without the word-identity ones where
    /// `masked[i - a]`.
    fn seen<'a>(inst: &'a Inst, i: usize, a: usize, masked: &[bool]) -> (&'a [u32], &'a [u32]) {
        let t = inst.token(i);
        if masked.get(i - a).copied().unwrap_or(false) {
            let end = usize::from(inst.word_end[i]).min(t.len());
            (&t[..1.min(t.len())], &t[end..])
        } else {
            (t, &[])
        }
    }

    fn emissions_masked(
        w: &[f32],
        inst: &Inst,
        a: usize,
        b: usize,
        masked: &[bool],
        out: &mut Vec<[f32; N]>,
    ) {
        out.clear();
        for i in a..b {
            let mut e = [0f32; N];
            let (x, y) = Self::seen(inst, i, a, masked);
            for &f in x.iter().chain(y) {
                let row = &w[f as usize * N..f as usize * N + N];
                for (x, &y) in e.iter_mut().zip(row) {
                    *x += y;
                }
            }
            out.push(e);
        }
    }

    fn bump(w: &mut [f32], u: &mut [f32], at: usize, d: f32, c: f32) {
        w[at] += d;
        u[at] += c * d;
    }

    /// One pass over the given sentences, in the given order. With `dropout` > 0, each
    /// token's word-identity features are left out with that probability (drawn from `rng`).
    fn epoch(&mut self, insts: &[&Inst], order: &[(u32, u32)], dropout: f64, rng: &mut Rng) {
        let mut em = Vec::new();
        let mut masked: Vec<bool> = Vec::new();
        let cut = (dropout * (u64::MAX as f64)) as u64;
        for &(d, s) in order {
            let inst = insts[d as usize];
            let (a, b) = inst.sents[s as usize];
            masked.clear();
            if dropout > 0.0 {
                masked.extend((a..b).map(|_| rng.next() < cut));
            }
            Self::emissions_masked(&self.w, inst, a, b, &masked, &mut em);
            let pred = decode::viterbi(&em, &Self::transitions(&self.tw));
            let gold = &inst.gold[a..b];
            if pred != gold {
                let c = self.c;
                for (k, (&g, &p)) in gold.iter().zip(&pred).enumerate() {
                    if g != p {
                        let (x, y) = Self::seen(inst, a + k, a, &masked);
                        for &f in x.iter().chain(y) {
                            let base = f as usize * N;
                            Self::bump(&mut self.w, &mut self.u, base + g as usize, 1.0, c);
                            Self::bump(&mut self.w, &mut self.u, base + p as usize, -1.0, c);
                        }
                    }
                    let (gp, pp) = if k == 0 {
                        (START, START)
                    } else {
                        (gold[k - 1] as usize, pred[k - 1] as usize)
                    };
                    Self::bump(&mut self.tw, &mut self.tu, gp * N + g as usize, 1.0, c);
                    Self::bump(&mut self.tw, &mut self.tu, pp * N + p as usize, -1.0, c);
                }
                let (gl, pl) = (gold[gold.len() - 1], pred[pred.len() - 1]);
                Self::bump(&mut self.tw, &mut self.tu, END * N + gl as usize, 1.0, c);
                Self::bump(&mut self.tw, &mut self.tu, END * N + pl as usize, -1.0, c);
            }
            self.c += 1.0;
        }
    }
}

/// Decodes documents with float weights.
fn predict(w: &[f32], tw: &[f32], insts: &[Inst]) -> Vec<Vec<u8>> {
    let tr = Perceptron::transitions(tw);
    let mut em = Vec::new();
    insts
        .iter()
        .map(|inst| {
            let mut out = Vec::with_capacity(inst.gold.len());
            for &(a, b) in &inst.sents {
                Perceptron::emissions(w, inst, a, b, &mut em);
                out.extend(decode::viterbi(&em, &tr));
            }
            out
        })
        .collect()
}

fn score_tags(insts: &[Inst], pred: &[Vec<u8>]) -> Counts {
    let mut c = Counts::default();
    for (inst, p) in insts.iter().zip(pred) {
        for &(a, b) in &inst.sents {
            c.add(&tags::spans(&inst.gold[a..b]), &tags::spans(&p[a..b]));
        }
    }
    c
}

/// Trains `bag` perceptrons on `train` (each with its own shuffling seed) and averages their
/// averaged weights: the mean of `bag` orders, less dependent on any one of them.
#[allow(clippy::too_many_arguments)]
fn fit(
    n_feat: usize,
    train: &[&Inst],
    dev: Option<&[Inst]>,
    epochs: usize,
    seed: u64,
    dropout: f64,
    bag: usize,
    label: &str,
    log: Log,
) -> (Vec<f32>, Vec<f32>) {
    let (mut w, mut tw) = fit_one(n_feat, train, dev, epochs, seed, dropout, label, log);
    if bag <= 1 {
        return (w, tw);
    }
    let mut quiet = |_: &str| {};
    for j in 1..bag {
        let s = seed.wrapping_add(7919 * j as u64);
        let (w2, tw2) = fit_one(n_feat, train, None, epochs, s, dropout, "", &mut quiet);
        w.iter_mut().zip(&w2).for_each(|(a, b)| *a += b);
        tw.iter_mut().zip(&tw2).for_each(|(a, b)| *a += b);
    }
    let k = bag as f32;
    w.iter_mut().for_each(|a| *a /= k);
    tw.iter_mut().for_each(|a| *a /= k);
    if let Some(dev) = dev {
        let c = score_tags(dev, &predict(&w, &tw, dev));
        let (pr, re, f) = c.overall();
        log(&format!(
            "{label} bag of {bag}: dev P {:.2} R {:.2} F1 {:.2}",
            100.0 * pr,
            100.0 * re,
            100.0 * f
        ));
    }
    (w, tw)
}

/// Trains a perceptron on `train` for `epochs`, printing dev scores per epoch when `dev` is
/// given. Returns averaged weights and transitions.
#[allow(clippy::too_many_arguments)]
fn fit_one(
    n_feat: usize,
    train: &[&Inst],
    dev: Option<&[Inst]>,
    epochs: usize,
    seed: u64,
    dropout: f64,
    label: &str,
    log: Log,
) -> (Vec<f32>, Vec<f32>) {
    let mut p = Perceptron::new(n_feat);
    let mut order: Vec<(u32, u32)> = Vec::new();
    let insts = train;
    for (d, inst) in insts.iter().enumerate() {
        for s in 0..inst.sents.len() {
            order.push((d as u32, s as u32));
        }
    }
    let mut rng = Rng(seed);
    let mut drop_rng = Rng(seed ^ 0xD50F_D50F);
    for e in 1..=epochs {
        let t0 = Instant::now();
        rng.shuffle(&mut order);
        p.epoch(insts, &order, dropout, &mut drop_rng);
        if let Some(dev) = dev {
            let (w, tw) = p.averaged();
            let c = score_tags(dev, &predict(&w, &tw, dev));
            let (pr, re, f) = c.overall();
            log(&format!(
                "{label} epoch {e:2}: dev P {:.2} R {:.2} F1 {:.2}  ({:.1}s)",
                100.0 * pr,
                100.0 * re,
                100.0 * f,
                t0.elapsed().as_secs_f64()
            ));
        }
    }
    p.averaged()
}

/// Counts of a word form in running text.
#[derive(Debug, Clone, Copy, Default)]
struct CapCount {
    lower: u32,
    upper_mid: u32,
}

impl CapCount {
    /// The class stored in the model's capitalization table: 0 unknown, then by share of
    /// lower-case uses and frequency.
    fn class(self) -> u8 {
        let total = self.lower + self.upper_mid;
        if total < 2 {
            return 0;
        }
        let share = if self.upper_mid == 0 {
            0
        } else if self.lower == 0 {
            3
        } else if self.lower >= self.upper_mid {
            1
        } else {
            2
        };
        1 + share + if total >= 10 { 4 } else { 0 }
    }
}

/// Counts capitalization evidence in running text (see [`CapCount`]).
fn cap_counts(docs: &[GoldDoc]) -> HashMap<u64, CapCount> {
    let mut counts: HashMap<u64, CapCount> = HashMap::new();
    let mut buf = String::new();
    for d in docs {
        for &(a, b) in &d.sents {
            let words = &d.word_refs()[a..b];
            if features::is_caps_sentence(words) {
                continue;
            }
            for (j, w) in words.iter().enumerate() {
                let Some(c0) = w.chars().next() else { continue };
                if !w.chars().any(char::is_alphabetic) {
                    continue;
                }
                features::normalize(w, &mut buf);
                let e = counts
                    .entry(features::hash_bytes(buf.as_bytes()))
                    .or_default();
                if c0.is_lowercase() {
                    e.lower += 1;
                } else if c0.is_uppercase() && j > 0 {
                    e.upper_mid += 1;
                }
            }
        }
    }
    counts
}

/// The feature-key → dense-index map (keys: [`model::feature_key`] of the feature ids).
struct Index {
    map: HashMap<u32, u32>,
    ids: Vec<u32>,
    /// How often each feature occurs in the training data.
    counts: Vec<u32>,
    bits: u8,
}

impl Index {
    fn get(&self, f: u32) -> Option<&u32> {
        self.map.get(&model::feature_key(f, self.bits))
    }
}

impl Index {
    fn extend(
        &mut self,
        counts: HashMap<u32, u32>,
        min_count: u32,
        only: Option<&(std::collections::HashSet<u32>, u8)>,
    ) {
        let mut keep: Vec<(u32, u32)> = counts
            .into_iter()
            .filter(|&(k, c)| c >= min_count && !self.map.contains_key(&k))
            .filter(|&(k, _)| {
                only.is_none_or(|(o, bits)| o.contains(&model::feature_key(k, *bits)))
            })
            .collect();
        keep.sort_unstable();
        for (k, c) in keep {
            self.map.insert(k, self.ids.len() as u32);
            self.ids.push(k);
            self.counts.push(c);
        }
    }
}

fn count_ids<'a>(lists: impl Iterator<Item = &'a [u32]>, bits: u8) -> HashMap<u32, u32> {
    let mut c: HashMap<u32, u32> = HashMap::new();
    for l in lists {
        for &f in l {
            *c.entry(model::feature_key(f, bits)).or_default() += 1;
        }
    }
    c
}

/// Builds a dense instance from local (and optional non-local) feature ids.
fn make_inst(
    word_group: bool,
    index: &Index,
    doc: &DocFeatures,
    nonlocal: Option<(&[u32], &[u32])>,
    gold: &GoldDoc,
) -> Inst {
    let mut idx = Vec::with_capacity(doc.ids.len());
    let mut off = Vec::with_capacity(doc.len() + 1);
    let mut word_end = Vec::with_capacity(doc.len());
    off.push(0);
    for i in 0..doc.len() {
        let t = doc.token(i);
        // The bias, then the word and normalized form when the word group is on.
        let lead = if word_group {
            3.min(t.len())
        } else {
            1.min(t.len())
        };
        let start = idx.len();
        idx.extend(t[..lead].iter().filter_map(|&f| index.get(f)));
        word_end.push((idx.len() - start).max(1) as u8);
        idx.extend(t[lead..].iter().filter_map(|&f| index.get(f)));
        if let Some((ids, o)) = nonlocal {
            idx.extend(
                ids[o[i] as usize..o[i + 1] as usize]
                    .iter()
                    .filter_map(|&f| index.get(f)),
            );
        }
        off.push(idx.len() as u32);
    }
    Inst {
        idx,
        off,
        sents: gold.sents.clone(),
        gold: gold.tags(),
        word_end,
    }
}

/// What training produced, beside the model: figures for the report.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub seconds: f64,
    pub dev_f1: f64,
    pub features: usize,
}

/// Trains a model. `dev` is used only for the per-epoch printout and for calibration.
pub fn train(
    train_docs: &[GoldDoc],
    dev_docs: &[GoldDoc],
    cfg: &TrainConfig,
    log: Log,
) -> (Model, TrainReport) {
    let t0 = Instant::now();
    let groups = cfg.groups;
    // Capitalization statistics of the training text.
    let mut cap_entries: Vec<(u32, u8)> = Vec::new();
    if groups.has(Groups::CAPSTATS) {
        let mut m: HashMap<u32, u8> = HashMap::new();
        // In hash order, so that the first of two forms with one key wins deterministically.
        let mut counts: Vec<(u64, CapCount)> = cap_counts(train_docs).into_iter().collect();
        counts.sort_unstable_by_key(|&(norm, _)| norm);
        for (norm, c) in counts {
            let class = c.class();
            if class != 0 {
                m.entry(model::cap_key(norm, cfg.key_bits)).or_insert(class);
            }
        }
        cap_entries = m.into_iter().collect();
        cap_entries.sort_unstable();
    }
    let caps = CapTable {
        table: Table::build(cap_entries.iter().map(|&(k, c)| (k, u32::from(c)))),
        bits: cfg.key_bits,
    };
    let extract = |docs: &[GoldDoc], hide: f64| -> Vec<DocFeatures> {
        docs.iter()
            .enumerate()
            .map(|(n, d)| {
                let words = d.word_refs();
                let mut gaz = if groups.has(Groups::GAZ) {
                    features::gazetteer_matches(&words, &d.sents)
                } else {
                    Vec::new()
                };
                if hide > 0.0 {
                    // Each match is hidden with probability `hide`, decided by a hash of
                    // (seed, document, position): deterministic, and the same in every epoch.
                    let cut = (hide * (u64::MAX as f64)) as u64;
                    gaz.retain(|m| {
                        let mut r = Rng(cfg.seed ^ (n as u64) << 20 ^ u64::from(m.first) << 1);
                        r.next() >= cut
                    });
                }
                features::extract(&words, &d.sents, groups, &caps, &gaz)
            })
            .collect()
    };
    let wg = groups.has(Groups::WORD);
    let f_train = extract(train_docs, cfg.gaz_dropout);
    let f_dev = extract(dev_docs, 0.0);
    let mut index = Index {
        map: HashMap::new(),
        ids: Vec::new(),
        counts: Vec::new(),
        // Training sees the full 32-bit ids; keys are shortened when the model is stored.
        bits: 32,
    };
    index.extend(
        count_ids(
            f_train
                .iter()
                .flat_map(|d| (0..d.len()).map(|i| d.token(i))),
            index.bits,
        ),
        cfg.min_count,
        cfg.only.as_ref(),
    );
    log(&format!(
        "features: {} local (seen >= {} times); capitalization table: {} word forms; {:.1}s",
        index.ids.len(),
        cfg.min_count,
        cap_entries.len(),
        t0.elapsed().as_secs_f64()
    ));
    let i_train: Vec<Inst> = f_train
        .iter()
        .zip(train_docs)
        .map(|(f, g)| make_inst(wg, &index, f, None, g))
        .collect();
    let i_dev: Vec<Inst> = f_dev
        .iter()
        .zip(dev_docs)
        .map(|(f, g)| make_inst(wg, &index, f, None, g))
        .collect();
    let all: Vec<&Inst> = i_train.iter().collect();
    let (w1, t1) = fit(
        index.ids.len(),
        &all,
        Some(&i_dev),
        cfg.epochs,
        cfg.seed,
        cfg.word_dropout,
        cfg.bag,
        "stage 1",
        log,
    );
    let mut stages_f = vec![(w1, t1)];

    if groups.has(Groups::TWO_STAGE) {
        // First-stage labels of the training set from models that did not see the document.
        let k = cfg.folds.max(2);
        let n_feat = index.ids.len();
        let fold_models: Vec<(Vec<f32>, Vec<f32>)> = {
            let run = |f: usize| {
                let part: Vec<&Inst> = i_train
                    .iter()
                    .enumerate()
                    .filter(|(d, _)| d % k != f)
                    .map(|(_, i)| i)
                    .collect();
                let mut quiet = |_: &str| {};
                fit(
                    n_feat,
                    &part,
                    None,
                    cfg.jackknife_epochs,
                    cfg.seed + 1 + f as u64,
                    cfg.word_dropout,
                    cfg.bag,
                    "",
                    &mut quiet,
                )
            };
            if cfg.threads > 1 {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(cfg.threads)
                    .build()
                    .expect("thread pool");
                use rayon::prelude::*;
                pool.install(|| (0..k).into_par_iter().map(run).collect())
            } else {
                (0..k).map(run).collect()
            }
        };
        let mut s1_train: Vec<Vec<u8>> = vec![Vec::new(); i_train.len()];
        for (f, (w, tw)) in fold_models.iter().enumerate() {
            let held: Vec<usize> = (0..i_train.len()).filter(|d| d % k == f).collect();
            let insts: Vec<Inst> = held.iter().map(|&d| i_train[d].clone()).collect();
            for (d, tags) in held.iter().zip(predict(w, tw, &insts)) {
                s1_train[*d] = tags;
            }
        }
        let jack = score_tags(&i_train, &s1_train);
        log(&format!(
            "jackknifed stage-1 labels of train ({k} folds): F1 {:.2}; {:.1}s",
            100.0 * jack.f1(),
            t0.elapsed().as_secs_f64()
        ));
        let (w1, t1) = &stages_f[0];
        let s1_dev = predict(w1, t1, &i_dev);
        let nonlocal = |docs: &[GoldDoc], f: &[DocFeatures], s1: &[Vec<u8>]| {
            docs.iter()
                .zip(f)
                .zip(s1)
                .map(|((g, f), s)| {
                    let (mut ids, mut off) = (Vec::new(), Vec::new());
                    features::extract_nonlocal(f, groups, &g.sents, s, &mut ids, &mut off);
                    (ids, off)
                })
                .collect::<Vec<_>>()
        };
        let nl_train = nonlocal(train_docs, &f_train, &s1_train);
        let nl_dev = nonlocal(dev_docs, &f_dev, &s1_dev);
        index.extend(
            count_ids(nl_train.iter().map(|(ids, _)| ids.as_slice()), index.bits),
            cfg.min_count,
            cfg.only.as_ref(),
        );
        log(&format!("features: {} with non-local", index.ids.len()));
        let i2_train: Vec<Inst> = f_train
            .iter()
            .zip(&nl_train)
            .zip(train_docs)
            .map(|((f, (ids, off)), g)| make_inst(wg, &index, f, Some((ids, off)), g))
            .collect();
        let i2_dev: Vec<Inst> = f_dev
            .iter()
            .zip(&nl_dev)
            .zip(dev_docs)
            .map(|((f, (ids, off)), g)| make_inst(wg, &index, f, Some((ids, off)), g))
            .collect();
        let all2: Vec<&Inst> = i2_train.iter().collect();
        let (w2, t2) = fit(
            index.ids.len(),
            &all2,
            Some(&i2_dev),
            cfg.epochs,
            cfg.seed + 100,
            cfg.word_dropout,
            cfg.bag,
            "stage 2",
            log,
        );
        stages_f[0].0.resize(index.ids.len() * N, 0.0);
        stages_f.push((w2, t2));
    }
    // Quantize: one scale per stage, 8-bit weights; features whose weights all round to 0 go.
    let n_all = index.ids.len();
    let mut q: Vec<(f32, Vec<i8>, Transitions)> = Vec::new();
    for (w, tw) in &stages_f {
        let mut mags: Vec<f32> = w.iter().map(|x| x.abs()).filter(|&x| x > 0.0).collect();
        mags.sort_unstable_by(f32::total_cmp);
        let clip = if mags.is_empty() {
            1.0
        } else {
            let at = ((mags.len() - 1) as f64 * cfg.clip_quantile).round() as usize;
            mags[at.min(mags.len() - 1)]
        };
        let scale = clip / 127.0;
        let mut qw: Vec<i8> = w
            .iter()
            .map(|&x| (x / scale).round().clamp(-127.0, 127.0) as i8)
            .map(|x| if x.unsigned_abs() < cfg.prune { 0 } else { x })
            .collect();
        if cfg.levels > 0 {
            let lv = magnitude_levels(&qw, cfg.levels);
            for x in qw.iter_mut().filter(|x| **x != 0) {
                let m = x.unsigned_abs();
                let near = lv
                    .iter()
                    .copied()
                    .min_by_key(|&l| (l.abs_diff(m), l))
                    .unwrap_or(m);
                *x = near as i8 * x.signum();
            }
        }
        q.push((scale, qw, Perceptron::transitions(tw)));
    }
    let mut keep: Vec<(u32, usize)> = (0..n_all)
        .filter(|&r| {
            q.iter()
                .any(|(_, w, _)| w[r * N..r * N + N].iter().any(|&x| x != 0))
        })
        .map(|r| (index.ids[r], r))
        .collect();
    if let Some(k) = cfg.max_features.filter(|&k| k < keep.len()) {
        // The features that move the scores most over the training data: occurrences times
        // the size of the weights (both stages, in 8-bit units).
        let importance = |r: usize| {
            let w: u64 = q
                .iter()
                .map(|(_, w, _)| {
                    w[r * N..r * N + N]
                        .iter()
                        .map(|&x| u64::from(x.unsigned_abs()))
                        .sum::<u64>()
                })
                .sum();
            w * u64::from(index.counts[r])
        };
        keep.sort_unstable_by_key(|&(key, r)| (std::cmp::Reverse(importance(r)), key));
        keep.truncate(k);
    }
    if let (Some(k1), true) = (cfg.max_first, q.len() > 1) {
        // The first stage only labels the document for the second: it keeps fewer features.
        let importance = |r: usize| {
            let w: u64 = q[0].1[r * N..r * N + N]
                .iter()
                .map(|&x| u64::from(x.unsigned_abs()))
                .sum();
            w * u64::from(index.counts[r])
        };
        let mut order: Vec<(u32, usize)> = keep.clone();
        order.sort_unstable_by_key(|&(key, r)| (std::cmp::Reverse(importance(r)), key));
        for &(_, r) in order.iter().skip(k1) {
            q[0].1[r * N..r * N + N].fill(0);
        }
    }
    // Shortened keys; of two features that now share a key, the first in the index stays.
    let mut keep: Vec<(u32, usize)> = keep
        .into_iter()
        .map(|(id, r)| (model::feature_key(id, cfg.key_bits), r))
        .collect();
    keep.sort_unstable();
    keep.dedup_by_key(|&mut (key, _)| key);
    let rows: Vec<Row> = keep
        .iter()
        .map(|&(_, r)| {
            let mut row = Row::default();
            for (s, (_, w, _)) in q.iter().enumerate() {
                row.0[s][..N].copy_from_slice(&w[r * N..r * N + N]);
            }
            row
        })
        .collect();
    let stages: Vec<Stage> = q
        .into_iter()
        .map(|(scale, _, trans)| Stage { scale, trans })
        .collect();
    let ids: Vec<u32> = keep.iter().map(|&(k, _)| k).collect();
    let model = Model {
        groups,
        stages,
        calibration: Calibration {
            temperature: 1.0,
            knots: Vec::new(),
        },
        key_bits: cfg.key_bits,
        caps,
        feats: Table::build(ids.iter().enumerate().map(|(i, &k)| (k, i as u32))),
        ids,
        rows,
        cap_entries,
    };
    log(&format!(
        "quantized: {} features kept of {}; {:.1}s",
        model.n_features(),
        n_all,
        t0.elapsed().as_secs_f64()
    ));

    // Calibration on dev: the temperature with the best log-loss, then isotonic regression.
    let mut best = (f64::INFINITY, 1.0f32);
    let mut model = model;
    let at_temperature = |mut model: Model, t: f32| {
        model.calibration.temperature = t;
        let tagger = Tagger::from_model(model);
        let (counts, scored, _) = evaluate(&tagger, dev_docs);
        (tagger.into_model(), counts, scored)
    };
    for &t in &[0.5f32, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0] {
        let (m, _, scored) = at_temperature(model, t);
        model = m;
        let ll = log_loss(scored.iter().map(|s| (s.raw, s.correct)));
        if ll < best.0 {
            best = (ll, t);
        }
    }
    let (mut model, counts, scored) = at_temperature(model, best.1);
    model.calibration.knots = isotonic(&scored);
    log(&format!(
        "calibration: temperature {} (dev log-loss {:.4}), {} knots",
        best.1,
        best.0,
        model.calibration.knots.len()
    ));
    let report = TrainReport {
        seconds: t0.elapsed().as_secs_f64(),
        dev_f1: counts.f1(),
        features: model.n_features(),
    };
    (model, report)
}

/// `k` magnitudes (1..=127) for the non-zero weights `w`: geometrically spaced from the
/// smallest to the largest magnitude, so that every weight keeps about the same relative
/// precision (levels fitted to the bulk of small weights crushed the few large ones that
/// matter most: dev F1 83.22 with 8 k-means levels).
fn magnitude_levels(w: &[i8], k: usize) -> Vec<u8> {
    let mags = w.iter().filter(|&&x| x != 0).map(|x| x.unsigned_abs());
    let (Some(lo), Some(hi)) = (mags.clone().min(), mags.max()) else {
        return Vec::new();
    };
    let (lo, hi) = (f64::from(lo), f64::from(hi));
    let mut out: Vec<u8> = (0..k)
        .map(|i| {
            let f = if k > 1 {
                i as f64 / (k - 1) as f64
            } else {
                1.0
            };
            (lo * (hi / lo).powf(f)).round().clamp(1.0, 127.0) as u8
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn log_loss(it: impl Iterator<Item = (f32, bool)>) -> f64 {
    let (mut s, mut n) = (0.0, 0usize);
    for (p, y) in it {
        let p = f64::from(p).clamp(1e-6, 1.0 - 1e-6);
        s -= if y { p.ln() } else { (1.0 - p).ln() };
        n += 1;
    }
    s / n.max(1) as f64
}

/// Isotonic regression (pool adjacent violators) of correctness on the raw posterior, as
/// knots (mean raw, accuracy) of the pooled blocks.
fn isotonic(scored: &[Scored]) -> Vec<(f32, f32)> {
    let mut pts: Vec<(f32, f32)> = scored
        .iter()
        .map(|s| (s.raw, if s.correct { 1.0 } else { 0.0 }))
        .collect();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Blocks: (sum raw, sum y, count).
    let mut blocks: Vec<(f64, f64, f64)> = Vec::new();
    for (x, y) in pts {
        blocks.push((f64::from(x), f64::from(y), 1.0));
        while blocks.len() > 1 {
            let l = blocks.len();
            let (a, b) = (blocks[l - 2], blocks[l - 1]);
            if a.1 / a.2 >= b.1 / b.2 {
                blocks[l - 2] = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
                blocks.pop();
            } else {
                break;
            }
        }
    }
    blocks
        .iter()
        .map(|&(sx, sy, n)| ((sx / n) as f32, (sy / n) as f32))
        .collect()
}
