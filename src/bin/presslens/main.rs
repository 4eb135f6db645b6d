//! The `presslens` command line: the same core as the web page, natively, on all cores.
// The CLI is native only (files, stdin, threads); on wasm32 the binary is an empty shell so
// that `cargo clippy --target wasm32-unknown-unknown` can check the whole package.
#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

#[cfg(not(target_arch = "wasm32"))]
mod analyze;
#[cfg(not(target_arch = "wasm32"))]
mod eval;
#[cfg(not(target_arch = "wasm32"))]
mod tokeval;
#[cfg(not(target_arch = "wasm32"))]
mod train;
#[cfg(not(target_arch = "wasm32"))]
mod train_sentences;

use std::process::ExitCode;

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
  presslens train --train F.conll --dev F.conll --out MODEL [--seed N] [--epochs N]
  presslens eval --gold F.conll [--model MODEL]
  presslens tokeval --conll F.conll    tokenizer and sentence-splitter agreement with gold
  presslens train-sentences --train F.conll --dev F.conll --out model/sentences.bin [--seed N] [--epochs N]
                                       the learned sentence-boundary classifier
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
        "train" => train::run(rest),
        "eval" => eval::run(rest),
        "tokeval" => tokeval::run(rest),
        "train-sentences" => train_sentences::run(rest),
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

/// Takes the value following `--name`, if present.
pub fn flag_value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}
