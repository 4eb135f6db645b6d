//! The trainer's size controls (issue #14): `presslens train --max-features K --prune W
//! --levels L --key-bits B` on a small made-up CoNLL file. The model must load, keep at most K
//! features, hold only L weight magnitudes per stage, be reproducible to the byte, and a
//! bad setting must be refused with a message.

mod cli_support;

use cli_support::presslens;
use presslens::mentions::tag::Model;

/// A small CoNLL file: a few sentences, each entity type several times.
fn conll() -> String {
    let sentences: &[&[(&str, &str)]] = &[
        &[
            ("Angela", "B-PER"),
            ("Merkel", "I-PER"),
            ("visited", "O"),
            ("Paris", "B-LOC"),
            ("on", "O"),
            ("Monday", "O"),
            (".", "O"),
        ],
        &[
            ("Shares", "O"),
            ("of", "O"),
            ("Siemens", "B-ORG"),
            ("rose", "O"),
            ("in", "O"),
            ("Frankfurt", "B-LOC"),
            (".", "O"),
        ],
        &[
            ("The", "O"),
            ("German", "B-MISC"),
            ("team", "O"),
            ("beat", "O"),
            ("Brazil", "B-LOC"),
            ("2-1", "O"),
            (".", "O"),
        ],
        &[
            ("John", "B-PER"),
            ("Smith", "I-PER"),
            ("of", "O"),
            ("Reuters", "B-ORG"),
            ("reported", "O"),
            ("from", "O"),
            ("London", "B-LOC"),
            (".", "O"),
        ],
    ];
    let mut out = String::new();
    for doc in 0..6 {
        out.push_str("-DOCSTART- -X- -X- O\n\n");
        for (k, s) in sentences.iter().enumerate() {
            if (doc + k) % 5 == 4 {
                continue; // documents differ a little
            }
            for (w, t) in s.iter() {
                out.push_str(&format!("{w} NNP B-NP {t}\n"));
            }
            out.push('\n');
        }
    }
    out
}

#[test]
fn size_controls_shape_the_model_and_training_stays_reproducible() {
    let dir = std::env::temp_dir().join(format!("presslens-train-size-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("tiny.conll");
    std::fs::write(&data, conll()).unwrap();
    let d = data.to_str().unwrap();
    let train = |out: &str, extra: &[&str]| {
        let out = dir.join(out);
        let o = out.to_str().unwrap();
        let mut args = vec![
            "train", "--train", d, "--dev", d, "--out", o, "--epochs", "3",
        ];
        args.extend_from_slice(extra);
        let r = presslens(&args, "");
        assert!(
            r.status.success(),
            "presslens {args:?} failed: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        std::fs::read(out).unwrap()
    };
    let full = Model::from_bytes(&train("full.bin", &[])).expect("the full model loads");
    let small_args = [
        "--max-features",
        "40",
        "--prune",
        "2",
        "--levels",
        "4",
        "--key-bits",
        "24",
    ];
    let bytes = train("small.bin", &small_args);
    let small = Model::from_bytes(&bytes).expect("the small model loads");
    assert!(
        full.n_features() > 40,
        "the test data must give more than 40 features to prune, got {}",
        full.n_features()
    );
    assert!(
        small.n_features() <= 40,
        "--max-features 40 kept {} features",
        small.n_features()
    );
    assert_eq!(small.key_bits, 24, "--key-bits 24 must be stored");
    assert!(
        small.ids.iter().all(|&k| k > 0 && k < 1 << 24),
        "keys must be 24-bit and non-zero"
    );
    for (s, levels) in small.levels().iter().enumerate() {
        let mags: std::collections::BTreeSet<u8> =
            levels.iter().map(|x| x.unsigned_abs()).collect();
        assert!(
            mags.len() <= 4,
            "--levels 4: stage {s} has magnitudes {mags:?}"
        );
        assert!(
            mags.iter().all(|&m| m >= 2),
            "--prune 2: stage {s} kept a weight below 2: {mags:?}"
        );
    }
    assert_eq!(
        train("again.bin", &small_args),
        bytes,
        "training twice with the same settings must give the same bytes"
    );
    let r = presslens(
        &[
            "train",
            "--train",
            d,
            "--dev",
            d,
            "--out",
            "x.bin",
            "--key-bits",
            "40",
        ],
        "",
    );
    assert!(
        !r.status.success() && String::from_utf8_lossy(&r.stderr).contains("--key-bits"),
        "--key-bits 40 must be refused with a message naming the flag"
    );
    std::fs::remove_dir_all(&dir).ok();
}
