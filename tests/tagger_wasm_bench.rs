//! Entity-tagger throughput in WebAssembly, under Node (the wasm counterpart of
//! `benches/tagger.rs`): a benchmark, not a check, so it is ignored by the test run. Run it with
//!
//! ```text
//! cargo test --release --target wasm32-unknown-unknown --test tagger_wasm_bench -- --include-ignored --nocapture
//! ```
//!
//! (`bash scripts/bench_tagger.sh` runs it for BENCHMARKS.md.) On the sample articles of
//! seeds/, tokens and sentences prepared outside the timed loop, it times model loading, then
//! tags for two seconds and prints MiB/s.
#![cfg(target_arch = "wasm32")]

use presslens::mentions::tag::Tagger;
use presslens::text::{sentences, tokenize};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
#[ignore = "benchmark: run with --release -- --include-ignored --nocapture"]
fn tagger_throughput_on_the_sample_articles() {
    let texts = [
        include_str!("../seeds/000_756f9f6d75dc7aeb.txt"),
        include_str!("../seeds/001_195e7e1cd5e22119.txt"),
        include_str!("../seeds/002_d71ad1260bef3d3d.txt"),
        include_str!("../seeds/003_5a6dc443c2c4aa80.txt"),
        include_str!("../seeds/004_72d21a9c16ebf7ba.txt"),
    ];
    let docs: Vec<_> = texts
        .iter()
        .map(|t| {
            let tokens = tokenize::tokenize(t);
            let sents = sentences::split(t, &tokens);
            (*t, tokens, sents)
        })
        .collect();
    let t0 = js_sys::Date::now();
    let loads = 5;
    for _ in 0..loads {
        assert!(Tagger::from_bytes(Tagger::embedded_bytes()).is_ok());
    }
    let load_ms = (js_sys::Date::now() - t0) / f64::from(loads);
    wasm_bindgen_test::console_log!(
        "wasm model load: {load_ms:.1} ms ({} bytes)",
        Tagger::embedded_bytes().len()
    );
    let tagger = Tagger::embedded();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let (mut rounds, mut found) = (0usize, 0usize);
    let start = js_sys::Date::now();
    while js_sys::Date::now() - start < 2000.0 {
        for (t, tokens, sents) in &docs {
            found += tagger.tag(t, tokens, sents).len();
        }
        rounds += 1;
    }
    let secs = (js_sys::Date::now() - start) / 1000.0;
    let mib_s = (bytes * rounds) as f64 / secs / (1024.0 * 1024.0);
    wasm_bindgen_test::console_log!(
        "wasm tagging throughput: {mib_s:.2} MiB/s ({rounds} rounds of {bytes} bytes in {secs:.2} s)"
    );
    assert!(found > 0, "the sample articles must contain entities");
}
