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
