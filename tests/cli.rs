//! The native CLI as a user runs it: real process, real stdin/stdout, real files.
#![cfg(not(target_arch = "wasm32"))]

mod cli_support;

use cli_support::{presslens, seed_paths};
use std::process::Output;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_clean_failure(o: &Output, must_mention: &[&str]) {
    let err = stderr(o);
    assert!(
        !o.status.success(),
        "bad input must exit non-zero; stderr: {err}"
    );
    assert!(
        !err.contains("panicked"),
        "bad input must never panic: {err}"
    );
    for m in must_mention {
        assert!(
            err.contains(m),
            "the error must mention {m:?} so the user can fix it: {err}"
        );
    }
}

#[test]
fn analyzes_the_sample_articles_from_files_with_utf16_offsets() {
    let paths = seed_paths();
    assert_eq!(paths.len(), 5, "seeds/ must hold the five sample articles");
    let args: Vec<&str> = std::iter::once("analyze")
        .chain(paths.iter().map(String::as_str))
        .collect();
    let o = presslens(&args, b"");
    assert!(o.status.success(), "analyze failed: {}", stderr(&o));
    let result: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("stdout must be one JSON document");
    let docs = result["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    assert!(result["clusters"].is_array());
    for (doc, path) in docs.iter().zip(&paths) {
        let name = std::path::Path::new(path)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        assert_eq!(doc["id"], name, "the id of a file is its file name");
        let text: Vec<u16> = std::fs::read_to_string(path)
            .unwrap()
            .encode_utf16()
            .collect();
        let sentences = doc["sentences"].as_array().unwrap();
        assert!(!sentences.is_empty(), "{name}: every article has sentences");
        let mut last_end = 0;
        for e in doc["entities"].as_array().unwrap() {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert!(
                s >= last_end && s < t,
                "{name}: entities must be sorted and non-overlapping"
            );
            last_end = t;
            assert_eq!(
                String::from_utf16(&text[s..t]).unwrap(),
                e["text"].as_str().unwrap(),
                "{name}: UTF-16 offsets {s}..{t} must slice the entity text out of the original"
            );
            let score = e["score"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&score), "scores are probabilities");
        }
    }
    let all_text: Vec<&str> = docs
        .iter()
        .flat_map(|d| d["entities"].as_array().unwrap())
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    for name in ["Shoigu", "Vučić", "Belgrade"] {
        assert!(
            all_text.iter().any(|t| t.contains(name)),
            "the tagger must find {name} in the sample articles; found {all_text:?}"
        );
    }
}

#[test]
fn reads_json_lines_and_keeps_input_order() {
    let input = "{\"id\":\"b\",\"text\":\"Vulin met Shoigu in Moscow.\"}\n\n{\"id\":\"a\",\"text\":\"\",\"date\":\"2020-02-17\"}\n";
    let o = presslens(&["analyze"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let result: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = result["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["b", "a"],
        "documents come back in input order; blank lines are skipped"
    );
    assert_eq!(
        result["documents"][1]["entities"].as_array().unwrap().len(),
        0
    );
}

#[test]
fn empty_input_gives_an_empty_result() {
    let o = presslens(&["analyze"], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let result: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(result["documents"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_json_lines_name_the_line() {
    let o = presslens(
        &["analyze"],
        b"{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"txt\":\"typo\"}\n",
    );
    assert_clean_failure(&o, &["line 2", "text"]);
    let o = presslens(&["analyze"], b"{\"id\":\"a\",\"text\":\"ok\"}\nnot json\n");
    assert_clean_failure(&o, &["line 2"]);
    let o = presslens(
        &["analyze"],
        b"{\"id\":\"a\",\"text\":\"\xff\xfe binary\"}\n",
    );
    assert_clean_failure(&o, &["line 1", "UTF-8"]);
    let o = presslens(
        &["analyze"],
        b"{\"id\":\"a\",\"text\":\"x\",\"date\":\"Feb 17\"}\n",
    );
    assert_clean_failure(&o, &["\"a\"", "YYYY-MM-DD"]);
    let o = presslens(
        &["analyze"],
        b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n",
    );
    assert_clean_failure(&o, &["\"a\"", "unique"]);
}

#[test]
fn unreadable_or_binary_files_are_refused_clearly() {
    let dir = std::env::temp_dir().join(format!("presslens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bin = dir.join("image.bin");
    std::fs::write(&bin, [0x89, b'P', b'N', b'G', 0xff, 0x00, 0x13]).unwrap();
    let o = presslens(&["analyze", bin.to_str().unwrap()], b"");
    assert_clean_failure(&o, &["image.bin", "UTF-8"]);
    let o = presslens(&["analyze", dir.join("missing.txt").to_str().unwrap()], b"");
    assert_clean_failure(&o, &["missing.txt"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn control_characters_and_nul_bytes_are_analysed_not_fatal() {
    let input = serde_json::json!({"id": "ctl", "text": "A\u{0}B\u{1b}[31m Moscow\r\n\u{200b}Belgrade\u{feff}"});
    let o = presslens(&["analyze"], format!("{input}\n").as_bytes());
    assert!(
        o.status.success(),
        "valid UTF-8 with control characters must be analysed: {}",
        stderr(&o)
    );
}

#[test]
fn unknown_commands_explain_usage() {
    let o = presslens(&["analyse-typo"], b"");
    assert_clean_failure(&o, &["unknown command", "USAGE"]);
}

/// Every subcommand parses its flags one way: an unknown flag is refused, named, with the
/// subcommand's usage, and never taken for a file name (`analyze --nmaes x.tsv` once read
/// `--nmaes` as a document).
#[test]
fn unknown_flags_are_refused_by_every_subcommand() {
    for (cmd, usage) in [
        ("analyze", "usage: presslens analyze"),
        ("train", "usage: presslens train"),
        ("eval", "usage: presslens eval"),
        ("tokeval", "usage: presslens tokeval"),
        ("train-sentences", "usage: presslens train-sentences"),
    ] {
        let o = presslens(&[cmd, "--gazetteer"], b"");
        assert_clean_failure(&o, &["--gazetteer", usage]);
    }
    let o = presslens(&["analyze", "--layers"], b"");
    assert_clean_failure(&o, &["--layers", "usage: presslens analyze"]);
    let o = presslens(&["analyze", "--layers", "rules"], b"");
    assert_clean_failure(&o, &["expected all or tagger", "\"rules\""]);
    let o = presslens(&["train", "--train", "a.conll", "--seed", "one"], b"");
    assert_clean_failure(&o, &["--seed expects a whole number, got \"one\""]);
    let o = presslens(&["eval"], b"");
    assert_clean_failure(&o, &["missing --gold", "usage: presslens eval"]);
}

#[test]
fn flag_values_may_follow_an_equals_sign() {
    let dir = std::env::temp_dir().join(format!("presslens-flags-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let names = dir.join("names.tsv");
    std::fs::write(&names, "Zorblat Quux\tPER\n").unwrap();
    let doc = serde_json::json!({"id": "n", "text": "Zorblat Quux spoke in Belgrade."});
    let input = format!("{doc}\n");
    let spaced = presslens(
        &[
            "analyze",
            "--names",
            names.to_str().unwrap(),
            "--layers",
            "all",
        ],
        input.as_bytes(),
    );
    let joined = presslens(
        &[
            "analyze",
            &format!("--names={}", names.to_str().unwrap()),
            "--layers=all",
        ],
        input.as_bytes(),
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(spaced.status.success(), "{}", stderr(&spaced));
    assert_eq!(
        spaced.stdout, joined.stdout,
        "--names=FILE must mean --names FILE"
    );
    let out = String::from_utf8_lossy(&spaced.stdout);
    assert!(
        out.contains("\"Zorblat Quux\""),
        "the reader's list must be applied: {out}"
    );
}

#[test]
fn extra_fields_such_as_gold_tokens_are_ignored() {
    let input = b"{\"id\":\"g\",\"text\":\"EU rejects German call\",\"tokens\":[],\"entities\":[{\"start\":0,\"end\":2,\"label\":\"ORG\"}]}\n";
    let o = presslens(&["analyze"], input);
    assert!(
        o.status.success(),
        "records with extra fields (the gold JSONL) must be accepted: {}",
        stderr(&o)
    );
}

/// Issue #12: a JSONL file saved with a byte order mark (Windows editors do this) is read.
#[test]
fn a_byte_order_mark_before_the_first_line_is_ignored() {
    let out = presslens(
        &["analyze"],
        "\u{feff}{\"id\":\"a\",\"text\":\"Vučić met Shoigu in Belgrade.\"}\n",
    );
    assert!(
        out.status.success(),
        "BOM must be skipped: {}",
        stderr(&out)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["documents"][0]["id"], "a");
}

/// Issue #12: endless input ends with a clear error, not with the memory exhausted.
#[test]
fn endless_input_is_refused_before_memory_runs_out() {
    let out = presslens(&["analyze", "/dev/zero"], "");
    assert_clean_failure(&out, &["/dev/zero", "limit"]);
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_presslens"))
        .arg("analyze")
        .stdin(zero)
        .output()
        .unwrap();
    assert_clean_failure(&out, &["line 1", "longer than"]);
}

/// Issue #12: a file name with terminal escape codes is shown escaped in messages.
#[test]
fn file_names_cannot_drive_the_terminal() {
    let dir = std::env::temp_dir().join(format!("presslens-esc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("evil\u{1b}]0;owned\u{7}\u{1b}[2J.txt");
    std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    let out = presslens(&["analyze", path.to_str().unwrap()], "");
    let err = stderr(&out);
    std::fs::remove_dir_all(&dir).ok();
    assert_clean_failure(&out, &["not UTF-8"]);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{7}'),
        "no raw control characters may reach the terminal: {err:?}"
    );
    assert!(
        err.contains("\\u{1b}"),
        "the name is shown escaped: {err:?}"
    );
}

/// Issue #12: training on a file without annotations is an error, not a useless model.
#[test]
fn training_on_empty_input_is_refused() {
    let dir = std::env::temp_dir().join(format!("presslens-train-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.conll");
    std::fs::write(&empty, "").unwrap();
    let model = dir.join("model.bin");
    let (e, m) = (empty.to_str().unwrap(), model.to_str().unwrap());
    let out = presslens(&["train", "--train", e, "--dev", e, "--out", m], "");
    assert_clean_failure(&out, &["--train", "no annotated entities"]);
    assert!(!model.exists(), "no model file is written");
    let out = presslens(
        &["train-sentences", "--train", e, "--dev", e, "--out", m],
        "",
    );
    assert_clean_failure(&out, &["no sentences"]);
    std::fs::remove_dir_all(&dir).ok();
}
