//! `presslens analyze --jsonl` (issue #15): one result line per document, streamed, with
//! `--clusters` and `--skip-bad`; checked against the batch command on the sample articles.
#![cfg(not(target_arch = "wasm32"))]

mod cli_support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use cli_support::presslens;
use serde_json::Value;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

fn seed_paths() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    paths.sort();
    paths
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .expect("the output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is one JSON object"))
        .collect()
}

fn args<'a>(first: &[&'a str], paths: &'a [String]) -> Vec<&'a str> {
    first
        .iter()
        .copied()
        .chain(paths.iter().map(String::as_str))
        .collect()
}

#[test]
fn each_line_is_the_result_of_its_document_analysed_alone() {
    let paths = seed_paths();
    let o = presslens(&args(&["analyze", "--jsonl"], &paths), "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines = json_lines(&o.stdout);
    assert_eq!(lines.len(), paths.len(), "one line per input document");
    for (line, path) in lines.iter().zip(&paths) {
        let alone = presslens(&["analyze", path.as_str()], "");
        let alone: Value = serde_json::from_slice(&alone.stdout).unwrap();
        assert_eq!(
            line, &alone,
            "the --jsonl line of {path} must equal `presslens analyze {path}`"
        );
    }
}

#[test]
fn with_clusters_the_lines_put_together_are_the_batch_result() {
    let paths = seed_paths();
    let o = presslens(&args(&["analyze", "--jsonl", "--clusters"], &paths), "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines = json_lines(&o.stdout);
    assert_eq!(
        lines.len(),
        paths.len() + 1,
        "a line per document, then the clusters"
    );
    let (mut documents, mut clusters) = (Vec::new(), Vec::new());
    for l in &lines {
        documents.extend(l["documents"].as_array().unwrap().iter().cloned());
        clusters.extend(l["clusters"].as_array().unwrap().iter().cloned());
    }
    assert!(
        lines.last().unwrap()["documents"]
            .as_array()
            .unwrap()
            .is_empty()
            && !clusters.is_empty(),
        "the last line holds the clusters and no document"
    );
    let whole = presslens(&args(&["analyze"], &paths), "");
    let whole: Value = serde_json::from_slice(&whole.stdout).unwrap();
    assert_eq!(
        serde_json::json!({"documents": documents, "clusters": clusters}),
        whole,
        "concatenating the --clusters lines must give the batch result"
    );
}

#[test]
fn skip_bad_names_each_bad_line_and_goes_on() {
    let input = "{\"id\":\"a\",\"text\":\"Shoigu spoke in Moscow.\"}\n\
                 not json\n\
                 {\"id\":\"c\",\"text\":\"x\",\"date\":\"Feb 17\"}\n\
                 \n\
                 {\"id\":\"e\",\"txt\":\"typo\"}\n\
                 {\"id\":\"f\",\"text\":\"Vucic spoke in Belgrade.\"}\n";
    let o = presslens(&["analyze", "--jsonl", "--skip-bad"], input);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(3),
        "skipped lines give the partial status 3: {err}"
    );
    let ids: Vec<String> = json_lines(&o.stdout)
        .iter()
        .map(|l| l["documents"][0]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "f"], "the good lines are written, in order");
    for want in ["line 2", "line 3", "YYYY-MM-DD", "line 5", "text"] {
        assert!(err.contains(want), "stderr must say {want:?}: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");

    let o = presslens(&["analyze", "--jsonl"], input);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(
        json_lines(&o.stdout).len(),
        1,
        "without --skip-bad the documents before the bad line are still written"
    );
    assert!(
        err.contains("line 2") && err.contains("--skip-bad"),
        "the error names the line and the way to go on: {err}"
    );
}

#[test]
fn clusters_need_unique_ids_and_the_stream_flags_need_jsonl() {
    let twice = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n";
    let o = presslens(&["analyze", "--jsonl", "--clusters"], twice);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && err.contains("line 2") && err.contains("\"a\""),
        "a repeated id cannot be linked: {err}"
    );
    let o = presslens(&["analyze", "--jsonl"], twice);
    assert!(
        o.status.success(),
        "without --clusters each line stands alone, so ids may repeat"
    );
    for flag in ["--skip-bad", "--clusters"] {
        let o = presslens(&["analyze", flag], "");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            !o.status.success() && err.contains("--jsonl"),
            "{flag} alone must be refused, naming --jsonl: {err}"
        );
    }
}

/// The first line is written while the input is still open: a reader of the stream sees each
/// result as soon as its document is analysed, not when the input ends.
#[test]
fn a_line_is_written_before_the_input_ends() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_presslens"))
        .args(["analyze", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"{\"id\":\"first\",\"text\":\"Shoigu met Vucic in Belgrade.\"}\n")
        .unwrap();
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        tx.send(line).unwrap();
    });
    // Generous: the analysis takes milliseconds, but this machine may be loaded.
    let line = rx.recv_timeout(std::time::Duration::from_secs(60));
    drop(stdin);
    let status = child.wait().unwrap();
    let line = line.expect("no line came out while the input was still open: --jsonl must stream");
    let v: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["documents"][0]["id"], "first");
    assert!(status.success());
}

/// Endless input (`< /dev/zero`) ends with an error even with `--skip-bad`, which reads on after
/// an over-long line: a line that never ends is not JSON Lines.
#[test]
fn endless_input_ends_with_an_error_even_when_bad_lines_are_skipped() {
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_presslens"))
        .args(["analyze", "--jsonl", "--skip-bad"])
        .stdin(zero)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("line 1") && err.contains("not JSON Lines"),
        "the error must say the input is not JSON Lines: {err}"
    );
}
