//! Tokenizer throughput in WebAssembly, under Node (the wasm counterpart of
//! `benches/tokenize.rs`). Ignored by default; run it with
//!
//! ```text
//! cargo test --release --target wasm32-unknown-unknown --test tokenize_wasm_bench -- --include-ignored
//! ```
//!
//! The corpus is the five sample articles of seeds/ repeated as separate documents to at least
//! 5 MiB (CoNLL text cannot be read from inside wasm). After one warm-up pass it times five
//! passes with `Date.now()` and prints MiB/s for tokens alone and for tokens + sentences.
#![cfg(target_arch = "wasm32")]

use presslens::text::{sentences, tokenize};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

const SEEDS: [&str; 5] = [
    include_str!("../seeds/000_756f9f6d75dc7aeb.txt"),
    include_str!("../seeds/001_195e7e1cd5e22119.txt"),
    include_str!("../seeds/002_d71ad1260bef3d3d.txt"),
    include_str!("../seeds/003_5a6dc443c2c4aa80.txt"),
    include_str!("../seeds/004_72d21a9c16ebf7ba.txt"),
];

fn corpus() -> Vec<&'static str> {
    let one: usize = SEEDS.iter().map(|s| s.len()).sum();
    let times = (5usize << 20).div_ceil(one);
    (0..times).flat_map(|_| SEEDS).collect()
}

fn time(docs: &[&str], passes: u32, f: &dyn Fn(&str) -> usize) -> f64 {
    let mut sink = 0usize;
    for d in docs {
        sink += f(d);
    }
    let t0 = js_sys::Date::now();
    for _ in 0..passes {
        for d in docs {
            sink += f(d);
        }
    }
    let ms = js_sys::Date::now() - t0;
    assert!(sink > 0);
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    (bytes as f64 * f64::from(passes)) / (1u64 << 20) as f64 / (ms / 1000.0)
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run with --release -- --include-ignored"]
fn tokenizer_throughput_in_wasm() {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let tok = time(&docs, 5, &|d| tokenize::tokenize(d).len());
    let both = time(&docs, 5, &|d| {
        let t = tokenize::tokenize(d);
        sentences::split(d, &t).len()
    });
    console_log!(
        "wasm tokenize bench: corpus seeds: {} documents, {bytes} bytes; tokens {tok:.1} MiB/s; tokens+sentences {both:.1} MiB/s",
        docs.len()
    );
}
