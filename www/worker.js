// The analysis worker: owns the WebAssembly Analyzer so that the page never blocks while the
// core works. Protocol (every message about a batch carries the `job` and `attempt` numbers
// the page gave; the same as types in modules/protocol.d.ts, which tsc checks both sides against):
//
//   page → worker  {type: 'wasm', module}                  only to a worker started with ?wasm=page
//                                                          (boot.js), once: the compiled module, or
//                                                          null (then the worker fetches it)
//                  {type: 'watch', lock}                   once, first: hold the Web Lock `lock`
//                                                          for this worker's whole life, so the
//                                                          page learns when it dies (see app.js)
//                  {type: 'parse-names', request, text}    the reader's name list as text, parsed by
//                                                          the core (parseUserNames), answered with
//                                                          'names' whatever the worker is doing
//                  {type: 'analyze', job, attempt, docs: [{id, text, date?, date_order?}], names, recovery?, preview?}
//                  (names: the reader's name list for Analyzer.setUserNames, [] for none;
//                   recovery: {failed: [{index, message}], linking_failed?} from earlier
//                   attempts at the same batch, passed to the core as is; preview: analyse the
//                   first document alone first and send it, see PREVIEW_SHARE)
//   worker → page  {type: 'watching'}                      the lock is held
//                  {type: 'ready', limits}                 once, after the module loads; limits: the
//                                                          core's Limits (sizes the page checks first)
//                  {type: 'names', request, names?, error?} the parsed list (Array<UserName>) or why
//                                                          it was refused ("line N: …")
//                  {type: 'preview', job, attempt, document, clusters}  the first document
//                                                          analysed alone (its own clusters), before
//                                                          the batch; asked for with `preview`
//                  {type: 'progress', job, attempt, done, total}  after each document
//                  {type: 'document', job, attempt, index, packed} each DocumentResult, in order,
//                                                          packed by modules/compact.js (its typed
//                                                          arrays transferred; the page unpacks it)
//                  {type: 'result', job, attempt, clusters, count, linking_error?}
//                                                          the rest of the AnalysisResult
//                  {type: 'error', job, attempt, message, names?}  bad input, refused by the core
//                                                          (names: true when the name list was refused)
//                  {type: 'crash', job, attempt, stage, done, total, message}
//                                                          the core trapped (a Rust panic, out of
//                                                          memory): this instance is unusable. stage:
//                                                          'names' or 'analyze'; done: documents
//                                                          finished before the trap (done == total:
//                                                          it was the cross-document step); message:
//                                                          the panic's message when the core left one
//                  {type: 'fatal', message}                the module could not load
//
// The whole batch goes to the core in one call, because cross-document work (clusters) needs
// every document; the core reports per-document progress through its onProgress callback.
// The result goes back one document per message: the page then decodes it in many small
// tasks instead of one that would freeze it for a large batch (hundreds of ms for 5 MB), and
// in the compact form of modules/compact.js, which costs the page far less than objects.
// Cancelling and recovering are the page's job: it terminates this worker and starts a new
// one, since a running wasm call cannot be interrupted and a trapped instance cannot be reused
// (wasm-bindgen's borrow flags stay set).
// The module's bytes are requested at once, while the glue (pkg/presslens.js) is still being
// imported, and compiled as they arrive (instantiateStreaming, in the glue's init).
// The single-file build hands the bytes over itself (see modules/inline.js): nothing to fetch there.
// Started by boot.js with `?wasm=page`, it waits instead for the module that the page
// requested and compiled while this script was on its way ({type: 'wasm', module}: a
// WebAssembly.Module, or null when that failed, and the worker fetches it itself).
/** @type {import('./modules/inline.js').WorkerInline | undefined} */
const inline = /** @type {any} */ (self).presslensInline;
// (A function: a classic worker from a blob: URL, the single file's, cannot resolve it.)
const fetchWasm = () => fetch(new URL('./pkg/presslens_bg.wasm', import.meta.url));
/** @type {(module: WebAssembly.Module | null) => void} */
let fromPage = () => {};
/** @type {Promise<Response | WebAssembly.Module>} */
const wasm =
  inline?.wasm() ??
  (new URL(self.location.href).searchParams.get('wasm') === 'page'
    ? new Promise((resolve) => {
        fromPage = (module) => resolve(module ?? fetchWasm());
      })
    : fetchWasm());
wasm.catch(() => {}); // a failed request is reported by init, below
// Imported, not statically: a static import would hold back the line above until it loaded.
const compact = import('./modules/compact.js');
compact.catch(() => {}); // reported when a batch ends

/** @typedef {import('./presslens-result').AnalysisResult} AnalysisResult */
/** @typedef {import('./presslens-result').Document} Document */
/** @typedef {import('./presslens-result').Recovery} Recovery */
/** @typedef {import('./presslens-result').UserName} UserName */
/** @typedef {import('./modules/protocol').ToPage} ToPage */
/** @typedef {import('./modules/protocol').ToWorker} ToWorker */

/** Sends `msg` to the page. @param {ToPage} msg */
const tell = (msg) => postMessage(msg);

/** @typedef {typeof import('./pkg/presslens.js')} Core */
/** @type {Core} the glue, once imported */
let core;
/** @type {import('./pkg/presslens.js').Analyzer | null} */
let analyzer = null;
/** @type {string | null} the message of the trap that made this instance unusable */
let broken = null;
let namesInUse = '[]'; // the list the analyzer holds, as JSON, to set it only when it changes
let waiting = 0; // batches received before the module was ready
/**
 * Analysed once when the analyzer is ready and no batch waits yet: the core loads its word
 * lists, gazetteer and sentence model on their first use (tens of ms on a fresh instance,
 * whose code has not been optimized yet), which the page's first batch then finds done. The
 * result is thrown away. Issue #14 (page start-up).
 */
const WARM_UP = 'On 3 March 2024 President Aleksandar Vučić of Serbia met the Russian defence minister in Belgrade to discuss S-400 air defence systems, the agency Reuters reported on Monday.';
const ready = import('./pkg/presslens.js').then(
  async (glue) => {
    core = glue;
    await core.default({ module_or_path: wasm });
    // User timing in the worker: shows in a trace of the page (scripts/trace_pageload.mjs).
    performance.mark('presslens:worker-instantiated');
    analyzer = new core.Analyzer();
    performance.mark('presslens:worker-analyzer');
    if (waiting === 0) {
      try {
        analyzer.analyze([{ id: 'warm-up', text: WARM_UP }], undefined, undefined);
        performance.mark('presslens:worker-warmed-up');
      } catch (err) {
        // A refusal cannot happen on this text; a trap makes the instance unusable, which the
        // first batch then reports (see `broken`).
        const panic = takePanic();
        if (trapped(err, panic)) broken = panic ?? describe(err);
      }
    }
  },
  (err) => {
    // The glue itself is missing (www/pkg not built) or broken.
    throw new Error(`it could not be loaded (${err?.message ?? err}). If you are running the page yourself, build it first: python3 scripts/build_wasm.py release`);
  },
);
ready.then(
  () => tell({ type: 'ready', limits: core.limits() }),
  (err) => tell({ type: 'fatal', message: `the analyzer could not start: ${err?.message ?? err}` }),
);

/**
 * The largest share of the batch's text the first document may hold to be previewed: the
 * preview is analysed twice (alone, then in the batch), so it delays the full result by at
 * most this much, while the reader sees a first article early.
 */
const PREVIEW_SHARE = 1 / 3;

/** The message of the last Rust panic, once (the core's panic hook records it), if any. */
function takePanic() {
  try {
    const m = core.takePanicMessage?.();
    return typeof m === 'string' && m ? m : null;
  } catch {
    return null; // the instance is too broken to say
  }
}

/**
 * Was `err` the instance dying (a trap: Rust panics end in `unreachable`; running out of
 * memory or stack) rather than the core refusing its input (a JsError with a message)?
 */
function trapped(err, panic) {
  return panic !== null || err instanceof WebAssembly.RuntimeError || err instanceof RangeError || err?.name === 'RuntimeError';
}

function describe(err) {
  return String(err?.message ?? err);
}

self.onmessage = async (/** @type {MessageEvent<ToWorker>} */ { data }) => {
  if (data?.type === 'wasm') {
    fromPage(data.module instanceof WebAssembly.Module ? data.module : null);
    fromPage = () => {}; // once
    return;
  }
  if (data?.type === 'watch') {
    // Held until this worker ends, however it ends (crash, termination, close): the page asks
    // for the same lock and is granted it only then.
    navigator.locks?.request(data.lock, () => {
      tell({ type: 'watching' });
      return new Promise(() => {});
    });
    return;
  }
  if (data?.type === 'parse-names') {
    const { request } = data;
    try {
      await ready;
    } catch {
      tell({ type: 'names', request, error: 'the analyzer could not start' });
      return;
    }
    try {
      tell({ type: 'names', request, names: core.parseUserNames(String(data.text ?? '')) });
    } catch (err) {
      const panic = takePanic();
      if (trapped(err, panic)) broken = panic ?? describe(err); // the next batch reports the crash
      tell({ type: 'names', request, error: describe(err) });
    }
    return;
  }
  if (data?.type !== 'analyze') return;
  const { job, attempt, docs } = data;
  waiting += 1;
  try {
    await ready;
  } catch {
    return; // 'fatal' was already sent
  }
  if (broken !== null) {
    // The page replaces a trapped worker; should a batch arrive anyway, say so, do not touch it.
    tell({ type: 'crash', job, attempt, stage: 'analyze', done: 0, total: docs?.length ?? 0, message: `the analysis engine had already failed (${broken})` });
    return;
  }
  if (!Array.isArray(docs) || docs.length === 0) {
    tell({ type: 'error', job, attempt, message: 'there is nothing to analyse: add at least one article' });
    return;
  }
  const live = /** @type {import('./pkg/presslens.js').Analyzer} */ (analyzer); // set once `ready` resolved
  const names = JSON.stringify(data.names ?? []);
  if (names !== namesInUse) {
    try {
      live.setUserNames(/** @type {UserName[]} */ (data.names ?? []));
      namesInUse = names;
    } catch (err) {
      const panic = takePanic();
      if (trapped(err, panic)) {
        broken = panic ?? describe(err);
        tell({ type: 'crash', job, attempt, stage: 'names', done: 0, total: docs.length, message: broken });
      } else {
        tell({ type: 'error', job, attempt, names: true, message: `your name list was refused: ${describe(err)}` });
      }
      return;
    }
  }
  if (data.preview && docs.length > 1 && !data.recovery) {
    const total = docs.reduce((a, d) => a + String(d?.text ?? '').length, 0);
    if (String(docs[0]?.text ?? '').length <= total * PREVIEW_SHARE) {
      try {
        const first = live.analyze(/** @type {Document[]} */ ([docs[0]]), undefined, undefined);
        performance.mark('presslens:worker-preview');
        tell({ type: 'preview', job, attempt, document: first.documents[0], clusters: first.clusters });
      } catch (err) {
        const panic = takePanic();
        if (trapped(err, panic)) {
          // As if the batch had trapped on its first document: the page marks it failed and
          // sends the batch again (without a preview).
          broken = panic ?? describe(err);
          tell({ type: 'crash', job, attempt, stage: 'analyze', done: 0, total: docs.length, message: broken });
          return;
        }
        // Refused input: the batch call below refuses it too, and says why.
      }
    }
  }
  /** @type {AnalysisResult} */
  let result;
  let done = 0;
  try {
    const onProgress = (/** @type {number} */ d, /** @type {number} */ total) => {
      done = d;
      tell({ type: 'progress', job, attempt, done: d, total });
    };
    /** @type {Recovery | undefined} */
    const recovery = data.recovery && (data.recovery.failed?.length || data.recovery.linking_failed) ? data.recovery : undefined;
    result = live.analyze(/** @type {Document[]} */ (docs), onProgress, recovery);
  } catch (err) {
    const panic = takePanic();
    if (trapped(err, panic)) {
      broken = panic ?? describe(err);
      tell({ type: 'crash', job, attempt, stage: 'analyze', done, total: docs.length, message: broken });
    } else {
      tell({ type: 'error', job, attempt, message: describe(err) });
    }
    return;
  }
  // Compact, with its buffers transferred: the page's main thread then does little per document.
  let pack;
  try {
    ({ pack } = await compact);
  } catch (err) {
    tell({ type: 'error', job, attempt, message: `the result could not be sent: ${describe(err)}` });
    return;
  }
  result.documents.forEach((document, index) => {
    const { packed, transfer } = pack(document, String(docs[index]?.text ?? ''));
    /** @type {ToPage} */
    const msg = { type: 'document', job, attempt, index, packed };
    postMessage(msg, transfer);
  });
  /** @type {ToPage & {type: 'result'}} */
  const end = { type: 'result', job, attempt, clusters: result.clusters, count: result.documents.length };
  if (result.linking_error) end.linking_error = result.linking_error;
  postMessage(end);
};
