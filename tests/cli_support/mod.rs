//! Runs the real `presslens` binary for the CLI tests.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `presslens ARGS` with `stdin` as standard input and returns what it did.
pub fn presslens(args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_presslens"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the presslens binary must start");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_ref())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The sample articles' paths (seeds/*.txt), sorted.
#[allow(dead_code)] // not every test file that includes this module uses it
pub fn seed_paths() -> Vec<String> {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<String> = std::fs::read_dir(seeds)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    paths.sort();
    paths
}
