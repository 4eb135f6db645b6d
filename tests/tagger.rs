//! The shipped tagger: loads, tags news text as it should, only emits valid tag sequences, and
//! keeps its recorded dev-set accuracy.

mod tagger_fixture;

use presslens::mentions::tag::tags;
use presslens::mentions::tag::{ModelError, Tagger};
use presslens::{Analyzer, Document, Label};

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Tags one sentence given as space-separated tokens; returns (entity text, label).
fn entities(tagger: &Tagger, sentence: &str) -> Vec<(String, Label)> {
    let w = words(sentence);
    let t = tagger.tag_words(&w, &[(0, w.len())]);
    t.mentions
        .iter()
        .map(|m| (w[m.first..m.end].join(" "), m.label))
        .collect()
}

#[test]
fn embedded_model_tags_a_news_sentence() {
    let got = entities(
        Tagger::embedded(),
        "Russian Defense Minister Sergei Shoigu met Aleksandar Vučić in Belgrade on Tuesday .",
    );
    let want = vec![
        ("Russian".to_string(), Label::MISC),
        ("Sergei Shoigu".to_string(), Label::PER),
        ("Aleksandar Vučić".to_string(), Label::PER),
        ("Belgrade".to_string(), Label::LOC),
    ];
    assert_eq!(
        got, want,
        "the shipped model misses or mislabels names in a plain news sentence"
    );
}

#[test]
fn embedded_model_finds_organisations() {
    let got = entities(
        Tagger::embedded(),
        "Shares of General Motors rose 3 percent after the European Commission approved the deal , Reuters reported .",
    );
    for (text, label) in [
        ("General Motors", Label::ORG),
        ("European Commission", Label::ORG),
        ("Reuters", Label::ORG),
    ] {
        assert!(
            got.contains(&(text.to_string(), label)),
            "expected {text} as {label:?}; got {got:?}"
        );
    }
}

#[test]
fn analyzer_uses_the_tagger_with_scores_in_range() {
    let text = "Russian Defense Minister Sergei Shoigu met Aleksandar Vučić in Belgrade.";
    let r = Analyzer::new()
        .analyze(&[Document::new("d1", text)])
        .expect("valid input");
    let ents = &r.documents[0].entities;
    let names: Vec<(&str, Label)> = ents.iter().map(|e| (e.text.as_str(), e.label)).collect();
    for want in [("Sergei Shoigu", Label::PER), ("Belgrade", Label::LOC)] {
        assert!(
            names.contains(&want),
            "analyzer output lacks {want:?}: {names:?}"
        );
    }
    for e in ents {
        assert!(
            (0.0..=1.0).contains(&e.score) && e.score > 0.0,
            "entity score outside (0, 1]: {e:?}"
        );
    }
}

#[test]
fn decoded_sequences_are_always_valid() {
    // Odd inputs: punctuation runs, capitals everywhere, digits, one-word sentences.
    let texts = [
        "U.S. - BOSNIA SERB LEADER KARADZIC SAYS HE WILL STAY IN OFFICE .",
        "New York Yankees 5 Boston Red Sox 4 , New York Mets 2",
        "\" \" \" ( ) , , . .",
        "Clinton",
        "the the the OF OF OF Of of",
        "AL-AHRAM Al-Ahram al-Ahram MOSCOW Moscow moscow 1996-08-30 3-1 ( 2-0 )",
    ];
    let tagger = Tagger::embedded();
    for text in texts {
        let w = words(text);
        // Also split into uneven sentences to exercise sentence starts and ends.
        let sents =
            presslens::mentions::tag::cover(w.len(), [(0, 1), (1, w.len() / 2)].into_iter());
        let t = tagger.tag_words(&w, &sents);
        for &(a, b) in &sents {
            let seq = &t.tags[a..b];
            assert!(
                tags::is_valid(seq),
                "invalid BILOU sequence for {text:?}: {:?}",
                seq.iter().map(|&x| tags::name(x)).collect::<Vec<_>>()
            );
            let seq1 = &t.first_stage[a..b];
            assert!(
                tags::is_valid(seq1),
                "first stage emitted an invalid sequence for {text:?}"
            );
        }
    }
}

/// A stage without any weight has no levels, so its file stores no frequencies for them
/// (format 5): such a model must still write and read back.
#[test]
fn a_stage_without_weights_writes_and_reads_back() {
    let good = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin")).unwrap();
    let mut m = presslens::mentions::tag::Model::from_bytes(&good).unwrap();
    for row in &mut m.rows {
        row.0[1].iter_mut().for_each(|x| *x = 0);
    }
    let bytes = m.to_bytes();
    let back = presslens::mentions::tag::Model::from_bytes(&bytes)
        .expect("a model whose second stage has no weights must load");
    assert!(
        back.levels()[1].is_empty() && back.to_bytes() == bytes,
        "the second stage must read back without levels, byte for byte"
    );
}

#[test]
fn bad_model_files_give_clear_errors() {
    for not_a_model in [&b""[..], b"GIF89a......", b"PLSENTMD\x02\x00"] {
        assert!(
            matches!(
                Tagger::from_bytes(not_a_model),
                Err(ModelError::Magic { .. })
            ),
            "{not_a_model:?} must be refused by its magic bytes"
        );
    }
    let good = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin")).unwrap();
    let mut truncated = good.clone();
    truncated.truncate(good.len() / 2);
    let e = Tagger::from_bytes(&truncated)
        .err()
        .expect("a truncated model must not load");
    assert!(
        e.to_string().contains("truncated") || e.to_string().contains("checksum"),
        "{e}"
    );
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    assert!(
        Tagger::from_bytes(&flipped).is_err(),
        "a corrupted model must not load"
    );
    let mut old = good.clone();
    old[8] = old[8].wrapping_add(1); // format version
    assert!(matches!(
        Tagger::from_bytes(&old),
        Err(ModelError::Version { .. })
    ));
    assert!(Tagger::from_bytes(&good).is_ok());
    assert!(
        presslens::mentions::tag::Model::from_bytes(&good)
            .unwrap()
            .to_bytes()
            == good,
        "model/ner.bin read and written again must give the same bytes"
    );
    // Format 3 stores the key width: one outside 16..=32 is refused by name, not misread.
    let mut wide = presslens::mentions::tag::Model::from_bytes(&good).unwrap();
    wide.key_bits = 40;
    let e = Tagger::from_bytes(&wide.to_bytes())
        .err()
        .expect("a model with 40-bit keys must not load");
    assert!(
        matches!(e, ModelError::Format { .. }) && e.to_string().contains("key width"),
        "{e}"
    );
    // The widest keys the format allows read back (the reader's bound on keys is 64-bit).
    let mut widest = presslens::mentions::tag::Model::from_bytes(&good).unwrap();
    widest.key_bits = 32;
    assert!(
        Tagger::from_bytes(&widest.to_bytes()).is_ok(),
        "a model with 32-bit keys must load"
    );
    // A file of the previous format (version 4, whose weights were coded with adaptive bit
    // trees instead of static frequencies; issue #14) names the command that rebuilds it.
    let mut v4 = good.clone();
    v4[8..12].copy_from_slice(&4u32.to_le_bytes());
    let e = Tagger::from_bytes(&v4)
        .err()
        .expect("a version-4 file must not load");
    assert!(
        matches!(
            e,
            ModelError::Version {
                found: 4,
                expected: 5,
                ..
            }
        ) && e.to_string().contains("scripts/train-model.sh"),
        "{e}"
    );
    // A model trained with the retired gazetteer features (group bit 7) cannot be used: this
    // build has no such features.
    let mut retired = presslens::mentions::tag::Model::from_bytes(&good).unwrap();
    retired.groups.0 |= 1 << 7;
    let e = Tagger::from_bytes(&retired.to_bytes())
        .err()
        .expect("a model with the retired gazetteer group must not load");
    assert!(
        matches!(e, ModelError::Format { .. }) && e.to_string().contains("gazetteer"),
        "{e}"
    );
}

/// FNV-1a (32-bit), the model files' checksum, to forge files that pass it.
fn fnv32(b: &[u8]) -> u32 {
    b.iter().fold(0x811c_9dc5u32, |h, &x| {
        (h ^ u32::from(x)).wrapping_mul(0x0100_0193)
    })
}

/// Corrupted or cut range-coded weights behind a valid checksum (a file written by a broken
/// tool) are refused with a format error, never a panic or a model with garbage weights.
#[test]
fn malformed_coded_weights_are_refused() {
    let good = Tagger::embedded_bytes().to_vec();
    let body = good.len() - 4;
    let reframe = |mut b: Vec<u8>| {
        let n = b.len();
        let check = fnv32(&b[..n - 4]);
        b[n - 4..].copy_from_slice(&check.to_le_bytes());
        b
    };
    assert!(Tagger::from_bytes(&reframe(good.clone())).is_ok());
    // Flip bytes across the coded block (it fills most of the file, after the header).
    let (mut refused, mut tried) = (0, 0);
    for k in 1..=200 {
        let at = body - body * k / 250;
        let mut b = good.clone();
        b[at] ^= 0x5a;
        tried += 1;
        match Tagger::from_bytes(&reframe(b)) {
            Err(ModelError::Format { .. }) => refused += 1,
            Err(e) => panic!("byte {at} flipped: {e:?} is not a format error"),
            Ok(_) => {}
        }
    }
    assert!(
        refused * 10 >= tried * 9,
        "only {refused} of {tried} corrupted files were refused: the reader must check that \
         the coded block decodes to exactly its length"
    );
    // The block cut short (its end removed, the file's length fields as they were).
    for cut in [1, 100, body / 3] {
        let mut b = good[..body - cut].to_vec();
        b.extend_from_slice(&[0; 4]);
        let e = Tagger::from_bytes(&reframe(b))
            .err()
            .expect("a cut block must not load");
        assert!(matches!(e, ModelError::Format { .. }), "{e:?}");
    }
}

fn fixture_output() -> Vec<(usize, usize, &'static str, f32)> {
    let (words, sents) = tagger_fixture::document();
    Tagger::embedded()
        .tag_words(&words, &sents)
        .mentions
        .iter()
        .map(|m| (m.first, m.end, m.label.as_str(), m.score))
        .collect()
}

/// The same fixture is checked in wasm by tests/tagger_wasm.rs.
#[test]
fn fixture_matches_native() {
    tagger_fixture::check(&fixture_output());
}

/// Prints the fixture's expected values (see tests/tagger_fixture/mod.rs).
#[test]
fn print_fixture() {
    println!("{:?}", fixture_output());
}

// proptest is a native-only dev-dependency.
#[cfg(not(target_arch = "wasm32"))]
mod prop {
    use presslens::mentions::tag::tags;

    proptest::proptest! {
        /// Whatever the scores (huge, tied, infinite or NaN), Viterbi returns a valid BILOU
        /// sequence: never I-X or L-X after O or after another type, never an open entity at the end.
        #[test]
        fn viterbi_output_is_always_valid(
            scores in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::prop_oneof![
                        8 => -50.0f32..50.0,
                        1 => proptest::strategy::Just(f32::INFINITY),
                        1 => proptest::strategy::Just(f32::NEG_INFINITY),
                        1 => proptest::strategy::Just(f32::NAN),
                    ],
                    tags::N_TAGS,
                ),
                0..12,
            ),
            trans in proptest::collection::vec(-20.0f32..20.0, tags::N_TAGS * tags::N_TAGS),
        ) {
            use presslens::mentions::tag::decode::{viterbi, Transitions};
            let em: Vec<[f32; tags::N_TAGS]> =
                scores.iter().map(|r| r.as_slice().try_into().unwrap()).collect();
            let mut tr = Transitions::default();
            for (p, row) in tr.trans.iter_mut().enumerate() {
                row.copy_from_slice(&trans[p * tags::N_TAGS..(p + 1) * tags::N_TAGS]);
            }
            let path = viterbi(&em, &tr);
            proptest::prop_assert_eq!(path.len(), em.len());
            proptest::prop_assert!(
                tags::is_valid(&path),
                "invalid sequence {:?}",
                path.iter().map(|&t| tags::name(t)).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn bad_sentence_ranges_are_repaired() {
    let w = words("Sergei Shoigu met Aleksandar Vučić in Belgrade .");
    // Overlapping, out of order and out of range: must not panic, must tag every word.
    let t = Tagger::embedded().tag_words(&w, &[(0, 3), (2, 5), (1, 2), (6, 40)]);
    assert_eq!(t.tags.len(), w.len());
    assert!(t
        .mentions
        .iter()
        .all(|m| m.end <= w.len() && m.first < m.end));
}

/// Issue #17: the tagger sees the gazetteer's place and nationality names as features
/// (`Groups::GAZ`): the longest name at each capitalized word, kept whole across words, with
/// the flag for forms that are also common words, and nothing for lower-case words.
#[test]
fn gazetteer_matches_cover_whole_names() {
    use presslens::mentions::tag::features::gazetteer_matches;
    let w = words("Fighting near New York City and in Nice , not nice weather .");
    let m = gazetteer_matches(&w, &[(0, w.len())]);
    let spans: Vec<(u32, u32, bool)> = m.iter().map(|g| (g.first, g.end, g.common)).collect();
    assert!(
        spans.contains(&(2, 5, false)),
        "New York City (words 2..5) should be one match, not its pieces: {spans:?}"
    );
    assert!(
        spans.iter().any(|&(first, _, common)| first == 7 && common),
        "Nice should match, flagged as a common word: {spans:?}"
    );
    assert!(
        !spans.iter().any(|s| s.0 == 10),
        "lower-case 'nice' must not match: {spans:?}"
    );
    // Matches stay inside their sentence.
    let w = words("He flew to New . York is far .");
    let m = gazetteer_matches(&w, &[(0, 5), (5, w.len())]);
    assert!(
        m.iter().all(|g| g.end <= 5 || g.first >= 5),
        "a match crossed a sentence boundary: {m:?}"
    );
}

/// The shipped model uses the gazetteer features, and a gazetteer match changes what the
/// model sees for a token (so the lists reach the decision).
#[test]
fn shipped_model_uses_gazetteer_features() {
    use presslens::mentions::tag::features::{self, gazetteer_matches, Groups};
    let m = Tagger::embedded().model();
    assert!(
        m.groups.has(Groups::GAZ),
        "model/ner.bin should be trained with the gazetteer group (bash scripts/train-model.sh)"
    );
    let w = words("Talks opened in Bujumbura on Monday .");
    let sents = [(0, w.len())];
    let gaz = gazetteer_matches(&w, &sents);
    assert!(
        gaz.iter().any(|g| (g.first, g.end) == (3, 4)),
        "Bujumbura should be in the gazetteer: {gaz:?}"
    );
    let with = features::extract(&w, &sents, m.groups, &m.caps, &gaz);
    let without = features::extract(&w, &sents, m.groups, &m.caps, &[]);
    assert_ne!(
        with.token(3),
        without.token(3),
        "a gazetteer match should add features to its token"
    );
    assert_eq!(
        with.token(1),
        without.token(1),
        "tokens outside a match keep their features"
    );
}
