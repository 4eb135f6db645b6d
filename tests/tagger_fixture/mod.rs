//! A fixed text and what the committed model/ner.bin gives for it, shared by the native test
//! (tests/tagger.rs) and the wasm test (tests/tagger_wasm.rs): both targets must agree with
//! these values, so they agree with each other. Regenerate after retraining with
//! `cargo test --test tagger -- --nocapture print_fixture`.

/// Tokens of the fixture text, one sentence per slice.
pub const SENTENCES: &[&[&str]] = &[
    &[
        "Russian",
        "Defense",
        "Minister",
        "Sergei",
        "Shoigu",
        "met",
        "Aleksandar",
        "Vučić",
        "in",
        "Belgrade",
        "on",
        "Tuesday",
        ".",
    ],
    &[
        "Shares",
        "of",
        "General",
        "Motors",
        "rose",
        "after",
        "the",
        "European",
        "Commission",
        "approved",
        "the",
        "deal",
        ",",
        "Reuters",
        "reported",
        ".",
    ],
];

/// The mentions (first token, end token, label, score) over the concatenated tokens.
pub const EXPECTED: &[(usize, usize, &str, f32)] = &[
    (0, 1, "MISC", 0.92404103),
    (3, 5, "PER", 0.9972735),
    (6, 8, "PER", 0.9683648),
    (9, 10, "LOC", 0.9847701),
    (15, 17, "ORG", 0.9742643),
    (20, 22, "ORG", 0.9804309),
    (26, 27, "ORG", 0.9631901),
];

/// Words and sentence ranges of the fixture.
pub fn document() -> (Vec<&'static str>, Vec<(usize, usize)>) {
    let mut words = Vec::new();
    let mut sents = Vec::new();
    for s in SENTENCES {
        sents.push((words.len(), words.len() + s.len()));
        words.extend_from_slice(s);
    }
    (words, sents)
}

/// Checks a tagger result against [`EXPECTED`]; scores within 1e-4 (the targets' `exp` may
/// differ in the last bits).
pub fn check(got: &[(usize, usize, &str, f32)]) {
    let ok = got.len() == EXPECTED.len()
        && got
            .iter()
            .zip(EXPECTED)
            .all(|(g, e)| g.0 == e.0 && g.1 == e.1 && g.2 == e.2 && (g.3 - e.3).abs() < 1e-4);
    assert!(
        ok,
        "tagger output differs from the fixture (retrained model? regenerate it):\n got: {got:?}\nwant: {EXPECTED:?}"
    );
}
