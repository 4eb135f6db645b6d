//! Issue #6 through the CLI: `presslens analyze seeds/*.txt` carries clusters, quotes with
//! speakers, line classes, boilerplate ranges and suggestions in its JSON.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

#[test]
fn analyze_on_the_samples_carries_clusters_quotes_boilerplate_and_suggestions() {
    let root = env!("CARGO_MANIFEST_DIR");
    let files: Vec<String> = [
        "000_756f9f6d75dc7aeb.txt",
        "001_195e7e1cd5e22119.txt",
        "002_d71ad1260bef3d3d.txt",
        "003_5a6dc443c2c4aa80.txt",
        "004_72d21a9c16ebf7ba.txt",
    ]
    .iter()
    .map(|f| format!("{root}/seeds/{f}"))
    .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_presslens"))
        .arg("analyze")
        .args(&files)
        .output()
        .expect("the presslens binary must start");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let clusters = r["clusters"].as_array().expect("clusters");
    let shoigu = clusters
        .iter()
        .position(|c| c["name"] == "Sergei Shoigu")
        .unwrap_or_else(|| panic!("a Sergei Shoigu cluster: {clusters:#?}"));
    let docs = r["documents"].as_array().unwrap();
    let quote = docs[0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"].as_str().unwrap().starts_with("for our part"))
        .expect("Shoigu's quote in 000");
    assert_eq!(
        quote["speaker"], shoigu,
        "the quote's speaker is the Shoigu cluster"
    );
    let classes: Vec<&str> = docs[3]["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["class"].as_str().unwrap())
        .collect();
    assert!(classes.contains(&"donation-appeal"), "{classes:?}");
    assert_eq!(docs[1]["blocks"][0]["class"], "headline");
    assert!(
        docs[1]["suggestions"][0]["name"] == "Sergei Shoigu",
        "001's first suggestion: {}",
        docs[1]["suggestions"]
    );
}
