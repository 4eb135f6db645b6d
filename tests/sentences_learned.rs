//! The learned sentence-boundary classifier (rule 7 of `presslens::text::sentences`): its file
//! format and its behaviour. Its score on CoNLL-2003 dev, pinned to the value recorded in
//! model/README.md, is checked by the unit tests of `src/bin/presslens/tokeval.rs`, where the
//! CoNLL reader lives.

use std::collections::HashSet;

use presslens::input::model_file::range;
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

/// Version 4 range-codes each key as its gap from the one before, then the weights: a file
/// whose gaps repeat a key or run past 32 bits, whose weights hold a zero, whose block is cut
/// short, runs on, or does not fit its count, is refused with what is wrong.
#[test]
fn bad_coded_blocks_are_refused_with_the_reason() {
    // A format-4 file with `count` features, the given gaps and weights, `extra` bytes after
    // the coded block (inside it) and `cut` bytes removed from its end.
    let file = |count: u32, gaps: &[u32], weights: &[u8], extra: usize, cut: usize| {
        let mut e = range::Encoder::default();
        let mut g = range::Gaps::default();
        let mut wt = range::BitTree::new(8);
        for &x in gaps {
            g.put(&mut e, x);
        }
        for &x in weights {
            wt.put(&mut e, u32::from(x));
        }
        let mut block = e.finish();
        block.extend(std::iter::repeat_n(7u8, extra));
        block.truncate(block.len() - cut);
        let mut w = FILE.writer();
        w.u32(count);
        w.i32(0);
        w.var(block.len() as u64);
        w.bytes(&block);
        w.finish()
    };
    let good = Model::from_bytes(&file(3, &[0, 5, 1], &[1, 2, 0xFF], 0, 0)).expect("keys 0, 5, 6");
    assert_eq!(
        good.pairs().collect::<Vec<_>>(),
        [(0, 1), (5, 2), (6, -1)],
        "the reader does not give back the keys and weights the coder wrote"
    );
    let many: Vec<u32> = vec![1; 4000];
    for (bytes, why) in [
        (file(2, &[5, 0], &[1, 1], 0, 0), "not strictly increasing"),
        (file(2, &[u32::MAX, 1], &[1, 1], 0, 0), "over 32 bits"),
        (file(2, &[1, 2], &[1, 0], 0, 0), "zero weight"),
        (file(2, &[1, 2], &[1, 1], 3, 0), "do not fill their block"),
        (file(4000, &many, &vec![1; 4000], 0, 6), "end early"),
        (file(4000, &many, &vec![1; 4000], 0, 0)[..].to_vec(), ""),
        (
            file(u32::MAX, &[1], &[1], 0, 0),
            "does not fit the coded block",
        ),
    ] {
        let got = Model::from_bytes(&bytes);
        if why.is_empty() {
            assert!(
                got.is_ok(),
                "a well-formed file of 4000 features was refused: {got:?}"
            );
            continue;
        }
        let e = got.unwrap_err();
        assert!(
            matches!(e, ModelError::Format { .. }) && e.to_string().contains(why),
            "expected a format error saying {why:?}, got {e}"
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
