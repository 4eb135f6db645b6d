//! The WebAssembly skin: one long-lived handle class and plain-data results. Converts types
//! and errors only; every decision is made in the core.

use wasm_bindgen::prelude::*;

use crate::user_names::{UserName, UserNames};
use crate::{Analyzer, Document};

/// Installs the panic hook so that a bug shows a Rust message in the console, not "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
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
    #[wasm_bindgen(unchecked_return_type = "AnalysisResult")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<{id: string, text: string, date?: string}>")]
        documents: JsValue,
        #[wasm_bindgen(js_name = onProgress)] on_progress: Option<js_sys::Function>,
    ) -> Result<JsValue, JsValue> {
        let docs: Vec<Document> = serde_wasm_bindgen::from_value(documents)
            .map_err(|e| JsError::new(&format!("analyze(documents): expected an array of {{id: string, text: string, date?: \"YYYY-MM-DD\"}}: {e}")))?;
        let mut progress_error = None;
        let result = self
            .inner
            .analyze_with_progress(&docs, |done, total| {
                if let (Some(f), None) = (&on_progress, &progress_error) {
                    let args = (JsValue::from(done as u32), JsValue::from(total as u32));
                    progress_error = f.call2(&JsValue::NULL, &args.0, &args.1).err();
                }
            })
            .map_err(JsError::from)?;
        if let Some(e) = progress_error {
            // The caller's callback threw: rethrow its own exception rather than hide it.
            return Err(e);
        }
        Ok(to_js(&result)?)
    }

    /// Sets the reader's own names, matched before every other layer in later `analyze` calls:
    /// an array of `{pattern, label, kind?, value?}` (`label` one of the result's labels, `*` in
    /// a pattern for any one word). An empty array clears them. Throws an `Error` naming the
    /// bad entry. The page decides whether to keep them (localStorage, when the reader asks).
    #[wasm_bindgen(js_name = setUserNames)]
    pub fn set_user_names(
        &mut self,
        #[wasm_bindgen(
            unchecked_param_type = "Array<{pattern: string, label: string, kind?: string, value?: string}>"
        )]
        names: JsValue,
    ) -> Result<(), JsError> {
        let list: Vec<UserName> = serde_wasm_bindgen::from_value(names).map_err(|e| {
            JsError::new(&format!("setUserNames(names): expected an array of {{pattern: string, label: \"PER\" | \"ORG\" | \"LOC\" | \"MISC\" | ..., kind?: string, value?: string}}: {e}"))
        })?;
        self.inner.set_user_names(UserNames::new(list)?);
        Ok(())
    }
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
