// The page's first script: a classic script at the top of <head> (not a module, so that it runs
// as soon as it arrives, before the parser goes on, instead of waiting for the main thread to
// finish the first layout or for app.js, which then started a worker of its own: under load,
// an `async` module lost that race most of the time; issue #14). It starts what the first
// result waits for, in parallel with the rest of the page. The analysis
// worker (which loads the model as soon as it has the wasm module), the wasm module's request
// and compilation (here, streamed: it starts before the worker's own script has arrived, and
// the compiled module is handed to the worker, which fetches it itself only when this fails)
// and the sample articles' request. app.js adopts the worker and the request
// (modules/worker-client.js, modules/corpus.js); the worker's messages that arrive before
// then are kept and handed over in order.

/**
 * @typedef {object} Boot
 * @property {Worker} worker the analysis worker, started
 * @property {MessageEvent[]} early its messages received before the page took it over
 * @property {ErrorEvent[]} errors its error events received before then
 * @property {Promise<Response>} samples the request for corpus.json
 */

// app.js sets `presslensBoot` to null when it ran first (it then starts its own worker).
if (/** @type {any} */ (globalThis).presslensBoot === undefined) {
  // Where this file was loaded from (a classic script has no import.meta.url); read only on
  // the served page: in the single-file build this code is part of a module, and fetches nothing.
  const here = () => /** @type {HTMLScriptElement} */ (document.currentScript).src;
  // Set by the single-file build only (see modules/inline.js): there is nothing to fetch then.
  /** @type {import('./modules/inline.js').PageInline | undefined} */
  const inline = /** @type {any} */ (globalThis).presslensInline;
  // `?wasm=page`: the worker waits for the module from this page (a 'wasm' message) instead of
  // fetching it (see worker.js).
  const worker = inline?.worker() ?? new Worker(new URL('./worker.js?wasm=page', here()), { type: 'module' });
  if (!inline) {
    // null when the request or compilation fails: the worker then fetches the module itself,
    // and reports what goes wrong as it always does.
    const send = (/** @type {WebAssembly.Module | null} */ module) => worker.postMessage({ type: 'wasm', module });
    WebAssembly.compileStreaming(fetch(new URL('./pkg/presslens_bg.wasm', here()))).then(send, () => send(null));
  }
  /** @type {Boot} */
  const boot = { worker, early: [], errors: [], samples: inline?.samples() ?? fetch(new URL('./corpus.json', here())) };
  boot.samples.catch(() => {}); // a failed request is reported when the page reads it
  worker.onmessage = (e) => boot.early.push(e);
  worker.onerror = (e) => {
    e.preventDefault();
    boot.errors.push(e);
  };
  /** @type {any} */ (globalThis).presslensBoot = boot;
}
