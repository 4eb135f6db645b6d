//! `presslens train`: trains the entity tagger on CoNLL files and writes the model file.

use presslens::mentions::tag::features::{GazMatch, Gazetteer, Groups};
use presslens::mentions::tag::train::{self, TrainConfig};

use crate::flag_value;

pub fn run(args: &[String]) -> Result<(), String> {
    let usage = "usage: presslens train --train F.conll --dev F.conll --out MODEL [--seed N] [--epochs N] \
                 [--jackknife-epochs N] [--folds N] [--min-count N] [--clip Q] [--without GROUPS] [--threads N] [--gazetteer]";
    let train_path = flag_value(args, "--train").ok_or(usage)?;
    let dev_path = flag_value(args, "--dev").ok_or(usage)?;
    let out = flag_value(args, "--out").ok_or(usage)?;
    let mut cfg = TrainConfig::default();
    let num = |name: &str, default: u64| -> Result<u64, String> {
        flag_value(args, name).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| format!("{name} expects a whole number, got {v:?}"))
        })
    };
    cfg.seed = num("--seed", cfg.seed)?;
    cfg.epochs = num("--epochs", cfg.epochs as u64)? as usize;
    cfg.jackknife_epochs = num("--jackknife-epochs", cfg.epochs as u64)? as usize;
    cfg.folds = num("--folds", cfg.folds as u64)? as usize;
    cfg.min_count = num("--min-count", u64::from(cfg.min_count))? as u32;
    cfg.threads = num("--threads", cfg.threads as u64)?.max(1) as usize;
    if let Some(q) = flag_value(args, "--clip") {
        cfg.clip_quantile = q
            .parse::<f64>()
            .ok()
            .filter(|q| (0.5..=1.0).contains(q))
            .ok_or_else(|| format!("--clip expects a quantile in 0.5..=1, got {q:?}"))?;
    }
    if args.iter().any(|a| a == "--gazetteer") {
        cfg.groups = Groups(cfg.groups.0 | Groups::GAZETTEER);
    }
    if let Some(w) = flag_value(args, "--without") {
        cfg.groups = Groups(cfg.groups.0 & !Groups::parse_list(&w)?);
    }
    eprintln!(
        "presslens train: --train {train_path} --dev {dev_path} --out {out} --seed {} --epochs {} \
         --jackknife-epochs {} --folds {} --min-count {} --clip {} --threads {}; features: {}",
        cfg.seed,
        cfg.epochs,
        cfg.jackknife_epochs,
        cfg.folds,
        cfg.min_count,
        cfg.clip_quantile,
        cfg.threads,
        cfg.groups.describe()
    );
    let train_docs = train::read_conll(&train_path, train::conll_labels)?;
    let dev_docs = train::read_conll(&dev_path, train::conll_labels)?;
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
    let gazetteer = cfg
        .groups
        .has(Groups::GAZETTEER)
        .then(|| std::sync::Arc::new(NameLists) as std::sync::Arc<dyn Gazetteer>);
    let (model, report) =
        train::train_with_gazetteer(&train_docs, &dev_docs, &cfg, gazetteer, &mut log);
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

/// The gazetteer of issue #5 (`presslens::mentions::gazetteer`) as tagger features, for `--gazetteer`:
/// a model trained with it must be used with it (`presslens eval` attaches it by itself).
pub struct NameLists;

impl Gazetteer for NameLists {
    fn find(&self, words: &[&str], out: &mut Vec<GazMatch>) {
        out.extend(
            presslens::mentions::gazetteer::find_in_words(words)
                .into_iter()
                .map(|m| GazMatch {
                    first: m.first,
                    end: m.end,
                    list: m.list,
                }),
        );
    }
}
