//! The embedded model loads in wasm32 and tags the shared fixture exactly as native does
//! (tests/tagger.rs checks the same fixture natively). Run with
//! `cargo test --target wasm32-unknown-unknown --test tagger_wasm` (Node), or in headless
//! Chromium with WASM_BINDGEN_USE_BROWSER=1.
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

/// Tagging throughput in wasm (tokens and sentences prepared outside the timed loop), on the
/// sample articles of seeds/. Prints the figure; meaningful in a release build:
/// `cargo test --release --target wasm32-unknown-unknown --test tagger_wasm -- --nocapture`.
#[wasm_bindgen_test]
fn throughput_on_the_sample_articles() {
    use presslens::text::{sentences, tokenize};
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
