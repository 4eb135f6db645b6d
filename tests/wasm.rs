//! The wasm skin as JavaScript sees it, run by wasm-bindgen-test (Node by default; headless
//! Chromium with WASM_BINDGEN_USE_BROWSER=1). Offsets are checked with JS's own
//! `String.prototype.slice`, on the JS string that was passed in.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Object, Reflect};
use presslens::wasm::JsAnalyzer;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn doc(id: &str, text: &JsValue) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"id".into(), &id.into()).unwrap();
    Reflect::set(&o, &"text".into(), text).unwrap();
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn analyze(text: &JsValue) -> JsValue {
    let docs = Array::of1(&doc("a", text));
    let result = JsAnalyzer::new()
        .analyze(docs.into(), None, JsValue::UNDEFINED)
        .expect("analyze must accept a well-formed document");
    get(&get(&result, "documents"), "0")
}

/// Every entity and sentence range, sliced from the JS string, gives the entity's text.
fn assert_offsets_slice_correctly(js_text: &JsString, document: &JsValue) {
    let entities: Array = get(document, "entities").dyn_into().unwrap();
    for e in entities.iter() {
        let (s, t) = (
            get(&e, "start").as_f64().unwrap(),
            get(&e, "end").as_f64().unwrap(),
        );
        let sliced = js_text.slice(s as u32, t as u32);
        assert_eq!(
            JsValue::from(sliced.clone()),
            get(&e, "text"),
            "text.slice({s}, {t}) in JS must equal entity.text: fix the UTF-16 conversion in src/7-output/mod.rs"
        );
    }
    let sentences: Array = get(document, "sentences").dyn_into().unwrap();
    let len = js_text.length() as f64;
    for s in sentences.iter() {
        let (a, b) = (
            get(&s, "start").as_f64().unwrap(),
            get(&s, "end").as_f64().unwrap(),
        );
        assert!(
            a < b && b <= len,
            "sentence {a}..{b} must lie inside the text of length {len}"
        );
    }
}

#[wasm_bindgen_test]
fn offsets_are_utf16_into_the_original_js_string() {
    let text = "Serbian President Aleksandar Vučić met Russian Defense Minister Sergei Shoigu in \
                Belgrade on Tuesday. 🇷🇸 Vučić said Serbia would buy the Pantsir-S system.";
    let js_text = JsString::from(text);
    let document = analyze(&js_text.clone().into());
    assert_offsets_slice_correctly(&js_text, &document);
    let entities: Array = get(&document, "entities").dyn_into().unwrap();
    assert!(
        entities
            .iter()
            .any(|e| get(&e, "text").as_string().as_deref() == Some("Vučić")),
        "the tagger must find the non-ASCII name Vučić; got {:?}",
        entities
            .iter()
            .map(|e| get(&e, "text").as_string())
            .collect::<Vec<_>>()
    );
}

#[wasm_bindgen_test]
fn unpaired_surrogates_keep_offsets_valid() {
    // "\u{D83D}" alone is an unpaired surrogate: Rust receives U+FFFD, one UTF-16 unit like it,
    // so offsets after it still index the JS string.
    let mut units: Vec<u16> = "Before ".encode_utf16().collect();
    units.push(0xD83D);
    units.extend(" Sergei Shoigu met Aleksandar Vučić in Belgrade.".encode_utf16());
    let js_text = JsString::from_char_code(&units);
    let document = analyze(&js_text.clone().into());
    assert_offsets_slice_correctly(&js_text, &document);
}

#[wasm_bindgen_test]
fn bad_input_throws_a_real_error_with_a_message() {
    let text: JsValue = "x".into();
    let docs = Array::of2(&doc("same", &text), &doc("same", &text));
    let err = JsAnalyzer::new()
        .analyze(docs.into(), None, JsValue::UNDEFINED)
        .unwrap_err();
    let err: js_sys::Error = err
        .dyn_into()
        .expect("errors must reach JS as Error objects (JsError), not strings");
    let msg = String::from(err.message());
    assert!(
        msg.contains("\"same\""),
        "the message must name the duplicate id: {msg}"
    );

    let err = JsAnalyzer::new()
        .analyze(JsValue::from(42), None, JsValue::UNDEFINED)
        .unwrap_err();
    let msg = String::from(err.dyn_into::<js_sys::Error>().unwrap().message());
    assert!(
        msg.contains("expected an array"),
        "a non-array argument must be explained: {msg}"
    );
}

#[wasm_bindgen_test]
fn empty_batch_and_empty_text_give_empty_results() {
    let result = JsAnalyzer::new()
        .analyze(Array::new().into(), None, JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(Array::from(&get(&result, "documents")).length(), 0);
    let document = analyze(&"".into());
    assert_eq!(Array::from(&get(&document, "entities")).length(), 0);
    assert_eq!(Array::from(&get(&document, "sentences")).length(), 0);
    assert!(get(&document, "quotes").is_array() && get(&document, "boilerplate").is_array());
}

#[wasm_bindgen_test]
fn progress_is_reported_per_document_and_a_throwing_callback_is_rethrown() {
    let docs = Array::of3(
        &doc("a", &"Moscow.".into()),
        &doc("b", &"Belgrade.".into()),
        &doc("c", &"Kyiv.".into()),
    );
    let seen = Array::new();
    let record =
        js_sys::Function::new_with_args("done, total", "this.push([done, total])").bind0(&seen);
    JsAnalyzer::new()
        .analyze(docs.clone().into(), Some(record), JsValue::UNDEFINED)
        .expect("analyze with a progress callback");
    let calls: Vec<String> = seen
        .iter()
        .map(|c| format!("{:?}", Array::from(&c).to_vec()))
        .collect();
    assert_eq!(calls.len(), 3, "one progress call per document: {calls:?}");
    assert_eq!(
        Array::from(&seen.get(2)).to_vec(),
        vec![JsValue::from(3), JsValue::from(3)],
        "the last call must be (total, total)"
    );

    let throwing = js_sys::Function::new_with_args("", "throw new RangeError('stop here')");
    let err = JsAnalyzer::new()
        .analyze(docs.into(), Some(throwing), JsValue::UNDEFINED)
        .unwrap_err();
    assert!(
        err.is_instance_of::<js_sys::RangeError>(),
        "the callback's own exception must reach the caller unchanged"
    );
}

/// Issue #12: after a trap the page starts a fresh instance and names what failed; those
/// documents come back with their `error`, the others are analysed, nothing is lost.
#[wasm_bindgen_test]
fn a_recovery_reports_the_failed_document_and_analyses_the_rest() {
    let docs = Array::of2(
        &doc("ok", &"Vučić met Shoigu in Belgrade.".into()),
        &doc("bad", &"Shoigu flew to Belgrade.".into()),
    );
    let failed = Object::new();
    Reflect::set(&failed, &"index".into(), &1.into()).unwrap();
    Reflect::set(
        &failed,
        &"message".into(),
        &"RuntimeError: unreachable".into(),
    )
    .unwrap();
    let recovery = Object::new();
    Reflect::set(&recovery, &"failed".into(), &Array::of1(&failed)).unwrap();
    let result = JsAnalyzer::new()
        .analyze(docs.into(), None, recovery.into())
        .expect("a well-formed recovery is accepted");
    let documents = get(&result, "documents");
    let (ok, bad) = (get(&documents, "0"), get(&documents, "1"));
    assert!(
        get(&ok, "error").is_undefined(),
        "the healthy document has no error"
    );
    assert!(
        Array::from(&get(&ok, "entities")).length() > 0,
        "and is analysed"
    );
    let message = get(&bad, "error").as_string().unwrap_or_default();
    assert!(
        message.contains("RuntimeError: unreachable"),
        "the failed document carries the message: {message:?}"
    );
    assert_eq!(Array::from(&get(&bad, "entities")).length(), 0);
    assert_eq!(
        presslens::wasm::take_panic_message(),
        None,
        "no panic happened"
    );
    let wrong = Object::new();
    Reflect::set(&wrong, &"failed".into(), &42.into()).unwrap();
    let docs = Array::of1(&doc("a", &"text".into()));
    let err = JsAnalyzer::new()
        .analyze(docs.into(), None, wrong.into())
        .unwrap_err();
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "a malformed recovery throws a real Error"
    );
}
