//! The embedded model loads in wasm32 and tags the shared fixture exactly as native does
//! (tests/tagger.rs checks the same fixture natively). Run with
//! `cargo test --target wasm32-unknown-unknown --test tagger_wasm` (Node), or in headless
//! Chromium with WASM_BINDGEN_USE_BROWSER=1. Its speed is measured by
//! tests/tagger_wasm_bench.rs, a benchmark outside the test run.
#![cfg(target_arch = "wasm32")]

mod tagger_fixture;

use presslens::mentions::tag::Tagger;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn embedded_model_tags_the_fixture_like_native() {
    let (words, sents) = tagger_fixture::document();
    let got: Vec<(usize, usize, &str, f32)> = Tagger::embedded()
        .tag_words(&words, &sents)
        .mentions
        .iter()
        .map(|m| (m.first, m.end, m.label.as_str(), m.score))
        .collect();
    tagger_fixture::check(&got);
}

/// Every key width the format allows reads back on wasm32 too (a 32-bit width once overflowed
/// wasm32's `usize` in the reader's bound on keys).
#[wasm_bindgen_test]
fn every_key_width_reads_back_in_wasm() {
    use presslens::mentions::tag::Model;
    let mut model = Model::from_bytes(Tagger::embedded_bytes()).expect("the embedded model");
    for bits in [28, 32] {
        model.key_bits = bits;
        let back = Model::from_bytes(&model.to_bytes())
            .unwrap_or_else(|e| panic!("{bits}-bit keys must read back: {e}"));
        assert_eq!(back.ids, model.ids, "{bits}-bit keys");
    }
}
