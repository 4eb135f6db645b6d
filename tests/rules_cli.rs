//! Issue #5 through the CLI: the reader's name list (`--names`), normalized values in the
//! result JSON, relative dates against the document date, and the layer switch.
#![cfg(not(target_arch = "wasm32"))]

mod cli_support;

use cli_support::presslens;
use std::process::Output;

/// (text, label, kind, value) of every entity of the first document.
fn entities(o: &Output) -> Vec<(String, String, Option<String>, Option<String>)> {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("result JSON");
    r["documents"][0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().map(str::to_string);
            (
                s("text").unwrap(),
                s("label").unwrap(),
                s("kind"),
                s("value"),
            )
        })
        .collect()
}

fn has(
    es: &[(String, String, Option<String>, Option<String>)],
    text: &str,
    label: &str,
    value: &str,
) -> bool {
    es.iter()
        .any(|(t, l, _, v)| t == text && l == label && v.as_deref() == Some(value))
}

#[test]
fn names_file_wins_over_the_model_and_values_reach_the_json() {
    let dir = std::env::temp_dir().join(format!("presslens-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("names.tsv");
    std::fs::write(
        &list,
        "# newsroom list\nVojska Srbije\tORG\tarmy\tSerbian Armed Forces\n",
    )
    .unwrap();
    let doc = r#"{"id":"a","date":"2020-10-21","text":"Vojska Srbije bought MIG 35 jets last month for $2 million, Vucic said on Tuesday in Belgrade."}"#;
    let o = presslens(&["analyze", "--names", list.to_str().unwrap()], doc);
    let es = entities(&o);
    assert!(
        has(&es, "Vojska Srbije", "ORG", "Serbian Armed Forces"),
        "the reader's entry: {es:?}"
    );
    assert!(has(&es, "MIG 35", "MISC", "MiG-35"), "equipment: {es:?}");
    assert!(
        has(&es, "last month", "DATE", "2020-09"),
        "relative date against `date`: {es:?}"
    );
    assert!(
        has(&es, "Tuesday", "DATE", "2020-10-20"),
        "weekday against `date`: {es:?}"
    );
    assert!(
        has(&es, "$2 million", "MONEY", "2000000 USD"),
        "money: {es:?}"
    );
    assert!(
        has(&es, "Belgrade", "LOC", "Belgrade, Serbia"),
        "place with its country: {es:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn without_a_date_relative_dates_stay_unresolved() {
    let o = presslens(
        &["analyze"],
        r#"{"id":"a","text":"Serbia suspended drills last month."}"#,
    );
    let es = entities(&o);
    assert!(has(&es, "last month", "DATE", "REF-P1M"), "{es:?}");
}

#[test]
fn tagger_only_layers_drop_rule_entities() {
    let o = presslens(
        &["analyze", "--layers", "tagger"],
        r#"{"id":"a","text":"They paid $2 on Tuesday."}"#,
    );
    let es = entities(&o);
    assert!(
        es.iter().all(|(_, l, _, _)| l != "MONEY" && l != "DATE"),
        "{es:?}"
    );
}

#[test]
fn bad_names_file_is_refused_with_file_and_line() {
    let dir = std::env::temp_dir().join(format!("presslens-badnames-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("bad.tsv");
    std::fs::write(&list, "Vucic\tPER\nNATO\tORGANISATION\n").unwrap();
    let o = presslens(&["analyze", "--names", list.to_str().unwrap()], "");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && !err.contains("panicked"), "{err}");
    assert!(
        err.contains("bad.tsv") && err.contains("line 2") && err.contains("ORGANISATION"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
