//! Every input the whole-pipeline fuzz target (fuzz/fuzz_targets/analyze.rs) ever crashed on,
//! minimised with `cargo fuzz tmin` and kept readable: each `tests/data/fuzz-regressions/*.jsonl`
//! is one batch in the CLI's JSONL (`{"id","text","date"?}` per line), written from the crash
//! input with `PRESSLENS_FUZZ_DUMP=FILE fuzz/target/.../analyze CRASH`. The README there says
//! what each one broke. Each batch must pass the shared checker, `tests/support/check.rs`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/check.rs"]
mod check;

use check::check_analysis;
use presslens::{Analyzer, Document};

#[test]
fn every_fuzz_crash_input_now_keeps_the_invariants() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{dir} holds no .jsonl crash inputs");
    let analyzer = Analyzer::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let docs: Vec<Document> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
            .collect();
        // A panic inside the analysis comes back as the document's `error` (the analyzer
        // isolates each document), which the checker reports as a failure.
        if let Err(e) = check_analysis(&analyzer, &docs) {
            panic!(
                "{}: {e} (the README in that folder says what this input once broke)",
                path.display()
            );
        }
    }
}
