//! Property tests of the whole analysis (issue #12): batches of one to four documents built
//! from pieces of news copy (the fuzz target's vocabulary, `tests/support/check.rs` NEWS_PIECES),
//! runs of one character, numbers, capitalised words and arbitrary text, with optional dates
//! (some invalid), through `Analyzer::analyze` and the shared checker `check_analysis`.
//!
//! 64 cases per property by default, so `cargo test` stays fast; `PROPTEST_CASES=5000 cargo
//! test --release --test analyze_props` runs more.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/check.rs"]
mod check;

use check::{check_analysis, NEWS_PIECES};
use presslens::{Analyzer, Document};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(NEWS_PIECES).prop_map(str::to_string),
        1 => (prop::sample::select(&['a', ' ', '.', '"', '\u{201C}', '\u{201D}', '\n', '\r',
                '\u{A0}', '\u{2014}', '\u{1F600}', '\u{301}', '\u{200F}', '\u{5D0}', 'A'][..]),
              1..300usize)
            .prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
        1 => any::<u32>().prop_map(|n| n.to_string()),
        1 => "[A-Z][a-z]{1,8}",
        1 => any::<char>().prop_map(String::from),
        1 => ".{0,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

fn date() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        4 => Just(None),
        4 => (2000..2030i32, 1..=12u32, 1..=28u32)
            .prop_map(|(y, m, d)| Some(format!("{y:04}-{m:02}-{d:02}"))),
        1 => prop::sample::select(&["2020-02-30", "2019-02-29", "17/02/2020", "2020-1-01", ""][..])
            .prop_map(|s| Some(s.to_string())),
    ]
}

fn batch() -> impl Strategy<Value = Vec<Document>> {
    prop::collection::vec((text(), date()), 1..=4).prop_map(|docs| {
        docs.into_iter()
            .enumerate()
            .map(|(k, (text, date))| Document {
                id: format!("d{k}"),
                text,
                date,
                date_order: None,
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(64)
    ))]

    #[test]
    fn every_result_keeps_the_invariants(docs in batch()) {
        if let Err(e) = check_analysis(&Analyzer::new(), &docs) {
            prop_assert!(false, "{}\nbatch: {:?}", e, docs);
        }
    }

    /// A document's own findings do not depend on the other documents of its batch: spans,
    /// sentences, blocks and quotes are per-document stages (only clusters link documents).
    #[test]
    fn a_documents_spans_do_not_depend_on_its_batch(docs in batch()) {
        let analyzer = Analyzer::new();
        let Ok(together) = analyzer.analyze(&docs) else { return Ok(()) };
        for (doc, out) in docs.iter().zip(&together.documents) {
            let alone = analyzer.analyze(std::slice::from_ref(doc)).expect("valid alone if valid together");
            let alone = &alone.documents[0];
            let spans = |r: &presslens::DocumentResult| {
                (
                    r.entities.iter().map(|e| (e.start, e.end, e.label)).collect::<Vec<_>>(),
                    r.sentences.clone(),
                    r.blocks.clone(),
                    r.quotes.iter().map(|q| (q.start, q.end)).collect::<Vec<_>>(),
                )
            };
            prop_assert_eq!(spans(out), spans(alone),
                "document {:?}: its entities, sentences, blocks or quotes changed with the batch", doc.id);
        }
    }
}

/// The known bugs of issue #12 (fixed in src/quotes.rs), through the whole pipeline and the
/// checker.
#[test]
fn known_issue_12_inputs_keep_the_invariants() {
    for text in [
        "\"\u{20AC}5 million is too much,\u{201D} said Putin.",
        "\"We will win,\" Mr.\u{A0}Putin said.",
        "Putin said.\rShoigu said.\r\"We will win,\" he said.\r",
    ] {
        let docs = [Document::new("a", text)];
        if let Err(e) = check_analysis(&Analyzer::new(), &docs) {
            panic!("{text:?}: {e}");
        }
    }
}
