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
