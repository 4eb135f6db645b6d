// The page's first script, with no imports, so that it runs before the page's modules have
// loaded: it starts what the first result waits for, in parallel with them. The analysis
// worker (which fetches and compiles the wasm module and loads the model at once) and the
// sample articles' request. app.js adopts both (modules/worker-client.js, modules/corpus.js);
// the worker's messages that arrive before then are kept and handed over in order.

/**
 * @typedef {object} Boot
 * @property {Worker} worker the analysis worker, started
 * @property {MessageEvent[]} early its messages received before the page took it over
 * @property {ErrorEvent[]} errors its error events received before then
 * @property {Promise<Response>} samples the request for corpus.json
 */

// app.js sets `presslensBoot` to null when it ran first (it then starts its own worker).
if (/** @type {any} */ (globalThis).presslensBoot === undefined) {
  // Set by the single-file build only (see modules/inline.js): there is nothing to fetch then.
  /** @type {import('./modules/inline.js').PageInline | undefined} */
  const inline = /** @type {any} */ (globalThis).presslensInline;
  const worker = inline?.worker() ?? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  /** @type {Boot} */
  const boot = { worker, early: [], errors: [], samples: inline?.samples() ?? fetch(new URL('./corpus.json', import.meta.url)) };
  boot.samples.catch(() => {}); // a failed request is reported when the page reads it
  worker.onmessage = (e) => boot.early.push(e);
  worker.onerror = (e) => {
    e.preventDefault();
    boot.errors.push(e);
  };
  /** @type {any} */ (globalThis).presslensBoot = boot;
}
