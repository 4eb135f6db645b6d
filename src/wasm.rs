//! The WebAssembly skin: one long-lived handle class and plain-data results. Converts types
//! and errors only; every decision is made in the core.

use wasm_bindgen::prelude::*;

use std::cell::RefCell;

use crate::mentions::user_names::{self, UserName, UserNames};
use crate::pipeline::Recovery;
use crate::{Analyzer, Document};

// The input and result types, generated from the Rust types by ts-rs
// (www/presslens-result.d.ts), so the declarations wasm-bindgen writes name real types.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/www/presslens-result.d.ts"
));

thread_local! {
    /// The message of the last panic, kept by the hook for [`take_panic_message`].
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook: it keeps the panic's message for `takePanicMessage()` and (with the
/// default feature) shows it in the console, before the instance traps with "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(s) => s.to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "unknown panic".to_string()),
        };
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|p| {
            if let Ok(mut p) = p.try_borrow_mut() {
                *p = Some(format!("{message}{at}"));
            }
        });
        #[cfg(feature = "console_error_panic_hook")]
        console_error_panic_hook::hook(info);
    }));
}

/// The message of the last Rust panic, or undefined; cleared once read. A panic traps the
/// instance ("unreachable"): read the message, then drop the instance (start a fresh one) and
/// analyse the batch again with a `recovery` naming what failed (see `Analyzer.analyze`).
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.take()))
}

/// The analyzer, created once per page or worker and reused for every batch.
#[wasm_bindgen(js_name = Analyzer)]
pub struct JsAnalyzer {
    inner: Analyzer,
}

#[wasm_bindgen(js_class = Analyzer)]
impl JsAnalyzer {
    /// Loads the embedded model.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsAnalyzer {
        JsAnalyzer {
            inner: Analyzer::new(),
        }
    }

    /// Analyses `documents` (an array of `{id, text, date?}`) and returns the result object
    /// described in `presslens-result.d.ts`. Calls `onProgress(done, total)`, when given, after
    /// each document. Throws an `Error` with a message on bad input.
    ///
    /// A panic traps the instance while document `done` (the count of the last progress call)
    /// is analysed, or in the cross-document step when `done == total`. Then take its message
    /// with `takePanicMessage()`, start a fresh instance, and call again with `recovery`:
    /// `{failed: [{index, message}], linking_failed?: message}`; the documents named there
    /// come back with their `error`, the others are analysed.
    #[wasm_bindgen(unchecked_return_type = "AnalysisResult")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Document>")] documents: JsValue,
        #[wasm_bindgen(js_name = onProgress)] on_progress: Option<js_sys::Function>,
        #[wasm_bindgen(unchecked_param_type = "Recovery | undefined")] recovery: JsValue,
    ) -> Result<JsValue, JsValue> {
        let docs: Vec<Document> = serde_wasm_bindgen::from_value(documents)
            .map_err(|e| JsError::new(&format!("analyze(documents): expected an array of {{id: string, text: string, date?: \"YYYY-MM-DD\"}}: {e}")))?;
        let recovery: Recovery = if recovery.is_undefined() || recovery.is_null() {
            Recovery::default()
        } else {
            serde_wasm_bindgen::from_value(recovery).map_err(|e| {
                JsError::new(&format!("analyze(documents, onProgress, recovery): expected recovery {{failed?: [{{index: number, message: string}}], linking_failed?: string}}: {e}"))
            })?
        };
        let mut progress_error = None;
        let progress = |done: usize, total: usize| {
            if let (Some(f), None) = (&on_progress, &progress_error) {
                let args = (JsValue::from(done as u32), JsValue::from(total as u32));
                progress_error = f.call2(&JsValue::NULL, &args.0, &args.1).err();
            }
        };
        // Rendered into JavaScript objects one document at a time (never held whole in Rust).
        let result = self
            .inner
            .analyze_rendered(&docs, &recovery, progress, |r| to_js(r))
            .map_err(JsError::from)?;
        if let Some(e) = progress_error {
            // The caller's callback threw: rethrow its own exception rather than hide it.
            return Err(e);
        }
        Ok(result?)
    }

    /// Sets the reader's own names, matched before every other layer in later `analyze` calls:
    /// an array of `{pattern, label, kind?, value?}` (`label` one of the result's labels, `*` in
    /// a pattern for any one word). An empty array clears them. Throws an `Error` naming the
    /// bad entry. The page decides whether to keep them (localStorage, when the reader asks).
    #[wasm_bindgen(js_name = setUserNames)]
    pub fn set_user_names(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Array<UserName>")] names: JsValue,
    ) -> Result<(), JsError> {
        let list: Vec<UserName> = serde_wasm_bindgen::from_value(names).map_err(|e| {
            JsError::new(&format!("setUserNames(names): expected an array of {{pattern: string, label: \"PER\" | \"ORG\" | \"LOC\" | \"MISC\" | ..., kind?: string, value?: string}}: {e}"))
        })?;
        self.inner.set_user_names(UserNames::new(list)?);
        Ok(())
    }
}

/// Parses a reader's name list in the one text format (the CLI's `--names` file): one entry
/// per line, `pattern<TAB>LABEL[<TAB>kind[<TAB>value]]`, `#` lines skipped. Returns the entries
/// for `setUserNames`; throws an `Error` naming the line.
#[wasm_bindgen(js_name = parseUserNames, unchecked_return_type = "Array<UserName>")]
pub fn parse_user_names(text: &str) -> Result<JsValue, JsError> {
    // Compiled as well, so that every error the list can give is reported here, by line.
    UserNames::parse_tsv(text)?;
    to_js(&user_names::parse_list(text)?)
}

/// The limits the core enforces (document and batch sizes, name lists), so that a caller can
/// check input before sending it without copying them.
#[wasm_bindgen(unchecked_return_type = "Limits")]
pub fn limits() -> Result<JsValue, JsError> {
    to_js(&crate::input::LIMITS)
}

impl Default for JsAnalyzer {
    fn default() -> Self {
        Self::new()
    }
}

/// Plain JS objects (not `Map`s) with `undefined` for absent optional fields.
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let ser = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value
        .serialize(&ser)
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}
