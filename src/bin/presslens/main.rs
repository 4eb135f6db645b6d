//! The `presslens` command line: the same core as the web page, natively, on all cores.
// The CLI is native only (files, stdin, threads); on wasm32 the binary is an empty shell so
// that `cargo clippy --target wasm32-unknown-unknown` can check the whole package.
#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

//
// The library holds inference only; what only the command line needs lives here: the one
// CoNLL reader (`conll`), the one precision/recall/F1 scorer (`score`), evaluation (`eval`,
// `tokeval`) and the trainers of both models (`train`).

#[cfg(not(target_arch = "wasm32"))]
mod analyze;
#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod conll;
#[cfg(not(target_arch = "wasm32"))]
mod eval;
#[cfg(not(target_arch = "wasm32"))]
mod jsonl;
#[cfg(not(target_arch = "wasm32"))]
mod score;
#[cfg(not(target_arch = "wasm32"))]
mod stream;
#[cfg(not(target_arch = "wasm32"))]
mod tokeval;
#[cfg(not(target_arch = "wasm32"))]
mod train;

use std::process::ExitCode;

/// mimalloc rather than the system allocator: the pipeline makes many small allocations per
/// document (issue #14; the measured effect is in BENCHMARKS.md, "Native and wasm throughput").
#[cfg(all(not(target_arch = "wasm32"), feature = "mimalloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(target_arch = "wasm32")]
fn main() {}

const USAGE: &str = "\
presslens — newsroom entity analyzer

USAGE:
  presslens analyze [FILE.txt ...]     JSON Lines {\"id\",\"text\",\"date\"?} on stdin, or plain-text
                                       files (id = file name); writes the result JSON to stdout;
                                       exit status 3: written, but some documents failed
    --names LIST.tsv                   the reader's own names, matched first: one per line,
                                       pattern<TAB>LABEL[<TAB>kind[<TAB>value]] (* = any word)
    --layers all|tagger                all layers (default) or the tagger alone (for comparisons)
    --jsonl                            stream: one result line per document, in input order, as
                                       soon as it is ready (each document analysed alone), in
                                       bounded memory on input of any length
      --clusters                       also link the documents across the whole input: the lines
                                       then come at the end, the last one holds the clusters
      --skip-bad                       name a bad line on stderr and go on (exit status 3)
  presslens train --train F.conll --dev F.conll --out MODEL [--seed N] [--epochs N]
                  [--jackknife-epochs N] [--folds N] [--min-count N] [--clip Q] [--without GROUPS]
                  [--threads N]        trains the entity tagger (scripts/train-model.sh)
  presslens eval --gold F.conll [--model MODEL] [--labels conll|wnut] [--reliability]
                 [--write-jsonl PRED.jsonl --jsonl-gold F.jsonl]
                                       conlleval-style scores of the tagger on gold data
  presslens tokeval --conll F.conll [--show N] [--sentence-model FILE]
                                       tokenizer and sentence-splitter agreement with gold
  presslens train-sentences --train F.conll --dev F.conll --out MODEL [--seed N] [--epochs N]
                            [--max-features N]
                                       the learned sentence-boundary classifier
                                       (scripts/train-sentences.sh)
  presslens kmeans --vectors F.f32 --dims D --k K [--coarse C] [--iterations N] [--seed N]
                                       deterministic k-means of word vectors
                                       (scripts/build_clusters.py)
  presslens help";

/// Exit status of `analyze` when the result was written but some documents failed (named on
/// stderr, and by their `error` in the result).
const PARTIAL: u8 = 3;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let result = match cmd.as_str() {
        "analyze" => match analyze::run(rest) {
            Ok(false) => return ExitCode::from(PARTIAL),
            other => other.map(|_| ()),
        },
        "train" => train::tagger::run(rest),
        "eval" => eval::run(rest),
        "tokeval" => tokeval::run(rest),
        "train-sentences" => train::sentences::run(rest),
        "kmeans" => train::kmeans::run(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("presslens: {msg}");
            ExitCode::FAILURE
        }
    }
}
