//! The README's command-line examples, run as written (issue #15): each is the `sh` block after
//! a `<!-- example: NAME ... -->` marker, run by bash in an empty folder with the built
//! `presslens` first on PATH. An example that no longer works fails here.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

/// The code of the `sh` block that follows `<!-- example: NAME`.
fn example(name: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let marker = format!("<!-- example: {name} ");
    let after = readme
        .split_once(&marker)
        .unwrap_or_else(|| {
            panic!("README.md has no {marker:?} marker: put it back before the example")
        })
        .1;
    let block = after
        .split_once("```sh\n")
        .expect("an ```sh block follows the marker")
        .1;
    block
        .split_once("\n```")
        .expect("the ```sh block is closed")
        .0
        .to_string()
}

/// Runs `code` with bash in a fresh folder; returns the folder, the exit status and stderr.
fn run(name: &str, code: &str) -> (std::path::PathBuf, Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("presslens-readme-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_presslens")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["-c", code])
        .current_dir(&dir)
        .env("PATH", path)
        .output()
        .expect("bash runs");
    (
        dir,
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_streaming_example_works_as_the_readme_says() {
    let (dir, status, err) = run("cli-stream", &example("cli-stream"));
    assert_eq!(
        status,
        Some(3),
        "the README says the example exits with status 3 (a line skipped): {err}"
    );
    assert!(
        err.contains("line 2"),
        "stderr must name the skipped line 2: {err}"
    );
    let results = std::fs::read_to_string(dir.join("results.jsonl")).expect("results.jsonl");
    let lines: Vec<serde_json::Value> = results
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["documents"][0]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a1", "a2"], "one line per good article, in order");
    let first: Vec<&str> = lines[0]["documents"][0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(
        first.contains(&"Shoigu") && first.contains(&"Belgrade"),
        "the example's first article should show Shoigu and Belgrade: {first:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
