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
