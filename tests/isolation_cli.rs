//! Issue #12 end to end: a batch with a poisoned document still returns every other
//! document's result from the CLI. Needs the test-only feature that plants the fault:
//! `cargo test --features fault-injection --test isolation_cli` (scripts/test.sh runs it).
#![cfg(all(feature = "fault-injection", not(target_arch = "wasm32")))]

mod cli_support;

use cli_support::presslens;

fn jsonl(texts: &[&str]) -> String {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("d{i}"), "text": t}).to_string() + "\n")
        .collect()
}

#[test]
fn a_poisoned_document_fails_alone_and_the_batch_is_written() {
    let out = presslens(
        &["analyze"],
        jsonl(&[
            "Ana Kovač met Marko Petrović in Belgrade.",
            "This one is poisoned: PRESSLENS-FAULT-DOCUMENT.",
            "Petrović left Belgrade on Monday.",
        ]),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(3),
        "exit status 3 says: written, but some documents failed. stderr: {stderr}"
    );
    assert!(
        stderr.contains("document \"d1\" failed") && stderr.contains("fault injected"),
        "stderr names the failed document and why: {stderr}"
    );
    let r: presslens::AnalysisResult = serde_json::from_slice(&out.stdout)
        .expect("the result is written in full despite the failure");
    assert!(r.documents[1].error.is_some() && r.documents[1].entities.is_empty());
    for d in [&r.documents[0], &r.documents[2]] {
        assert_eq!(d.error, None, "{}", d.id);
        assert!(
            d.entities
                .iter()
                .any(|e| e.text == "Belgrade" && e.cluster.is_some()),
            "{} is analysed and linked: {:?}",
            d.id,
            d.entities
        );
    }
}

#[test]
fn a_failed_cross_document_step_keeps_every_document() {
    let out = presslens(
        &["analyze"],
        jsonl(&[
            "Ana Kovač met Marko Petrović in Belgrade.",
            "Petrović left Belgrade on Monday. PRESSLENS-FAULT-LINKING",
        ]),
    );
    assert_eq!(out.status.code(), Some(3));
    let r: presslens::AnalysisResult = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        r.linking_error.is_some() && r.clusters.is_empty(),
        "linking failed, said so"
    );
    assert!(r
        .documents
        .iter()
        .all(|d| d.error.is_none() && !d.entities.is_empty() && !d.blocks.is_empty()));
}
