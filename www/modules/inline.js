// The single-file build (scripts/build_single.mjs → target/single/presslens.html) has no files
// next to it to fetch: a page opened from disk (file://) may neither start a worker from a file
// nor fetch one. That build sets `globalThis.presslensInline` before the page's scripts run,
// and the page asks it first for what it would otherwise fetch. The served page never sets it.

/**
 * On the page (boot.js, modules/worker-client.js, modules/corpus.js, modules/network.js).
 * @typedef {object} PageInline
 * @property {() => Worker} worker a new analysis worker, started (the bundled worker.js)
 * @property {() => Promise<Response>} samples the sample articles, as corpus.json would answer
 * @property {() => Promise<any>} d3force the vendored d3-force module (not type-checked)
 */

/**
 * In the worker (worker.js, which reads `self.presslensInline` itself: it imports nothing
 * before it starts the wasm request).
 * @typedef {object} WorkerInline
 * @property {() => Promise<Response>} wasm the wasm module, as the fetch of pkg/presslens_bg.wasm would answer
 */

/**
 * What the single-file build provides instead of files; undefined on the served page.
 * @returns {PageInline | undefined}
 */
export const inline = () => /** @type {any} */ (globalThis).presslensInline;
