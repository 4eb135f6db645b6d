//! `Analyzer.setUserNames` as JavaScript calls it (issue #5): a plain array of objects in, the
//! reader's entries win over the model in later `analyze` calls, bad entries throw an `Error`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use presslens::wasm::JsAnalyzer;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn obj(pairs: &[(&str, &str)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), &(*v).into()).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn reader_names_win_and_carry_kind_and_value() {
    let mut a = JsAnalyzer::new();
    let names = Array::of1(&obj(&[
        ("pattern", "Vojska Srbije"),
        ("label", "ORG"),
        ("kind", "army"),
        ("value", "Serbian Armed Forces"),
    ]));
    a.set_user_names(names.into())
        .expect("a well-formed list is accepted");
    let docs = Array::of1(&obj(&[
        ("id", "a"),
        ("text", "Vojska Srbije bought MIG 35 jets on Tuesday."),
        ("date", "2020-10-21"),
    ]));
    let result = a
        .analyze(docs.into(), None, JsValue::UNDEFINED)
        .expect("analyze");
    let entities: Array = get(&get(&get(&result, "documents"), "0"), "entities")
        .dyn_into()
        .unwrap();
    let view: Vec<(String, String, Option<String>)> = entities
        .iter()
        .map(|e| {
            (
                get(&e, "text").as_string().unwrap(),
                get(&e, "label").as_string().unwrap(),
                get(&e, "value").as_string(),
            )
        })
        .collect();
    let want = [
        ("Vojska Srbije", "ORG", Some("Serbian Armed Forces")),
        ("MIG 35", "MISC", Some("MiG-35")),
        ("Tuesday", "DATE", Some("2020-10-20")),
    ];
    for (t, l, v) in want {
        assert!(
            view.iter()
                .any(|(a, b, c)| a == t && b == l && c.as_deref() == v),
            "expected {t:?} {l} {v:?} in {view:?}"
        );
    }
}

#[wasm_bindgen_test]
fn bad_entries_throw_an_error_naming_them() {
    let mut a = JsAnalyzer::new();
    let names = Array::of1(&obj(&[("pattern", "NATO"), ("label", "ORGANISATION")]));
    let err = a.set_user_names(names.into()).unwrap_err();
    let msg = format!("{:?}", JsValue::from(err));
    assert!(msg.contains("setUserNames"), "{msg}");
    let names = Array::of1(&obj(&[("pattern", "*"), ("label", "ORG")]));
    let err = a.set_user_names(names.into()).unwrap_err();
    let msg = format!("{:?}", JsValue::from(err));
    assert!(msg.contains("no word"), "{msg}");
}

/// Issue #13: the page reads name lists through the core's one parser, and the limits from
/// the core, rather than copies of them.
#[wasm_bindgen_test]
fn the_name_list_format_and_the_limits_come_from_the_core() {
    let list = presslens::wasm::parse_user_names("  # our people\nVučić\tPER\tpolitician\n")
        .expect("a valid list parses");
    let list = Array::from(&list);
    assert_eq!(list.length(), 1, "an indented # line is a comment");
    let entry = list.get(0);
    assert_eq!(
        Reflect::get(&entry, &"pattern".into()).unwrap(),
        JsValue::from("Vučić")
    );
    assert_eq!(
        Reflect::get(&entry, &"kind".into()).unwrap(),
        JsValue::from("politician")
    );
    assert!(
        Reflect::get(&entry, &"value".into())
            .unwrap()
            .is_undefined(),
        "absent fields stay absent"
    );
    let err = presslens::wasm::parse_user_names("ok\tPER\nbad\tPERSON\n").unwrap_err();
    let err: JsValue = err.into();
    let message = Reflect::get(&err, &"message".into()).unwrap().as_string();
    assert!(
        message.as_deref().is_some_and(|m| m.starts_with("line 2:")),
        "the error names the line: {message:?}"
    );
    let limits = presslens::wasm::limits().unwrap();
    assert_eq!(
        Reflect::get(&limits, &"max_document_bytes".into())
            .unwrap()
            .as_f64(),
        Some(presslens::input::MAX_DOCUMENT_BYTES as f64)
    );
}
