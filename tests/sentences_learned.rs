//! The learned sentence-boundary classifier (rule 7 of `presslens::text::sentences`): its file
//! format and its behaviour. Its score on CoNLL-2003 dev, pinned to the value recorded in
//! model/README.md, is checked by the unit tests of `src/bin/presslens/tokeval.rs`, where the
//! CoNLL reader lives.

use std::collections::HashSet;

use presslens::text::sentences::learned::{model, Model, ModelError, FILE, MAGIC, VERSION};
use presslens::text::sentences::{split, split_rules};
use presslens::text::tokenize::tokenize;

#[test]
fn the_embedded_model_loads_and_is_small() {
    let m = model();
    assert!(!m.is_empty());
    assert!(m.len() <= 16_000, "{} features", m.len());
}

#[test]
fn model_files_round_trip_and_bad_files_are_refused() {
    let m = Model::new(vec![(7, 3), (1, -2), (9, 0), (4, 127)], 5);
    assert_eq!(m.len(), 3, "zero weights are dropped");
    let bytes = m.to_bytes();
    assert_eq!(&bytes[..8], MAGIC);
    assert_eq!(Model::from_bytes(&bytes), Ok(m.clone()));
    assert_eq!(m.score(&[1, 4, 4, 100]), -2 + 127 + 127);

    assert!(matches!(
        Model::from_bytes(b"NOTAMODELFILE"),
        Err(ModelError::Magic { .. })
    ));
    let tagger_model = presslens::mentions::tag::Tagger::embedded_bytes();
    assert!(
        matches!(
            Model::from_bytes(tagger_model),
            Err(ModelError::Magic { .. })
        ),
        "the tagger's model file is not a sentence model"
    );
    let mut other = bytes.clone();
    other[8..10].copy_from_slice(&(VERSION + 1).to_le_bytes());
    let e = Model::from_bytes(&other).unwrap_err();
    assert!(
        matches!(e, ModelError::Version { found, expected, .. }
            if found == u32::from(VERSION + 1) && expected == u32::from(VERSION)),
        "{e:?}"
    );
    let msg = e.to_string();
    assert!(
        msg.contains("version") && msg.contains("scripts/train-sentences.sh"),
        "the message names the version and the command that rebuilds the file: {msg}"
    );
    assert!(matches!(
        Model::from_bytes(&bytes[..bytes.len() - 1]),
        Err(ModelError::Format { .. })
    ));
    let mut flipped = bytes.clone();
    flipped[20] ^= 1;
    let e = Model::from_bytes(&flipped).unwrap_err();
    assert!(
        matches!(e, ModelError::Format { .. }) && e.to_string().contains("checksum mismatch"),
        "{e}"
    );
}

/// Version 3 stores each key as its gap from the one before: a file whose gaps repeat a key,
/// or run past 32 bits, or whose length does not fit the count, is refused with what is wrong.
#[test]
fn key_gaps_that_repeat_or_overflow_a_key_are_refused() {
    let file = |gaps: &[u64], weights: &[u8]| {
        let mut w = FILE.writer();
        w.u32(gaps.len() as u32);
        w.i32(0);
        for &g in gaps {
            w.var(g);
        }
        w.bytes(weights);
        w.finish()
    };
    let good = Model::from_bytes(&file(&[0, 5, 1], &[1, 2, 3])).expect("keys 0, 5, 6");
    assert_eq!(good.pairs().map(|p| p.0).collect::<Vec<_>>(), [0, 5, 6]);
    for (gaps, weights, why) in [
        (&[5u64, 0][..], &[1u8, 1][..], "not strictly increasing"),
        (&[u64::from(u32::MAX), 1][..], &[1, 1][..], "over 32 bits"),
        (&[1, 2][..], &[1][..], "length does not match"),
    ] {
        let e = Model::from_bytes(&file(gaps, weights)).unwrap_err();
        assert!(
            e.to_string().contains(why),
            "{gaps:?}: expected {why:?}, got {e}"
        );
    }
}

#[test]
fn the_classifier_only_adds_boundaries_and_keeps_line_breaks() {
    let text = "SOCCER - LEEDS BEAT HULL Peter Blackburn LONDON 1996-08-22 Leeds beat Hull 3-1 \
                on Saturday. Hull 21 8 3 10 429 275 19 Leeds 21 9 2 10 380 301 20\n\
                The second line stays a sentence of its own.";
    let toks = tokenize(text);
    let rules = split_rules(text, &toks);
    let all = split(text, &toks);
    let ends = |s: &[presslens::text::sentences::Sentence]| -> HashSet<usize> {
        s.iter().map(|x| x.end).collect()
    };
    assert!(ends(&rules).is_subset(&ends(&all)));
    let last = all.last().unwrap();
    assert_eq!(
        &text[toks[last.first].start..toks[last.end - 1].end],
        "The second line stays a sentence of its own."
    );
}

#[test]
fn ordinary_prose_is_not_split() {
    let text = "The European Commission said on Thursday it disagreed with German advice to \
                consumers to shun British lamb until scientists determine whether mad cow \
                disease can be transmitted to sheep. Germany's representative to the EU's \
                veterinary committee, Werner Zwingmann, said on Wednesday consumers should buy \
                sheepmeat from countries other than Britain until the scientific advice was \
                clearer.";
    let toks = tokenize(text);
    assert_eq!(split(text, &toks), split_rules(text, &toks));
    assert_eq!(split(text, &toks).len(), 2);
}
