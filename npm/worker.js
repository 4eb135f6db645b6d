// The worker-backed analyzer (the package's `presslens/worker` entry; `createAnalyzer({worker:
// true})` in index.js returns the same). The core runs in a module worker
// (presslens.worker.js, see worker-thread.js for the protocol), so the calling page never blocks.
//
// One request at a time, in the order given. Cancelling (an AbortSignal) terminates the worker,
// since a running wasm call cannot be interrupted, and starts a fresh one from the module the
// first worker compiled (no second download). A core that traps (a Rust panic, out of memory)
// loses no document: as the page does (www/modules/worker-client.js), the batch goes to a fresh
// worker with the document in progress named in `recovery`, so the core returns that one with
// its `error` and analyses the rest; each attempt adds one failure, so n documents take at most
// n + 1 attempts. A worker that dies without a word (terminated from outside, out of memory) is
// seen through a Web Lock it holds for its whole life, and is treated the same way.
import { init, wasmInput } from './wasm-input.js';

export { init };

/** @typedef {import('./presslens-result.js').AnalysisResult} AnalysisResult */
/** @typedef {import('./presslens-result.js').Document} Document */
/** @typedef {import('./presslens-result.js').Limits} Limits */
/** @typedef {import('./presslens-result.js').Recovery} Recovery */
/** @typedef {import('./presslens-result.js').FailedDocument} FailedDocument */
/** @typedef {import('./presslens-result.js').UserName} UserName */
/** @typedef {import('./index.js').AnalyzeOptions} AnalyzeOptions */
/** @typedef {import('./index.js').CreateOptions} CreateOptions */
/** @typedef {import('./index.js').PresslensAnalyzer} PresslensAnalyzer */
/** @typedef {import('./index.js').WasmInput} WasmInput */

/** @typedef {import('./protocol.js').WorkerWasm} WorkerWasm */
/** @typedef {import('./protocol.js').WorkerRequest} WorkerRequest */
/** @typedef {import('./protocol.js').WorkerReply} WorkerReply */

/**
 * A request waiting for, or being answered by, the worker.
 * @typedef {object} Job
 * @property {'analyze' | 'names' | 'parse'} kind
 * @property {Document[]} [docs]
 * @property {UserName[]} [names]
 * @property {string} [text]
 * @property {(value: unknown) => void} resolve
 * @property {(err: unknown) => void} reject
 * @property {((done: number, total: number) => void) | undefined} [onProgress]
 * @property {AbortSignal | undefined} [signal]
 * @property {() => void} [unlisten] removes the abort listener
 * @property {{failed: FailedDocument[], linking_failed?: string}} [recovery]
 * @property {number} [done] documents finished in the current attempt
 * @property {number} [id] the id of the current attempt's message
 */

const SILENT_DEATH = 'the analysis worker stopped without a word (out of memory?)';

/** Workers started on this page, for unique lock names. */
let workerCount = 0;

/** Where a worker loads the core from, as something a worker can be sent. @param {WasmInput} input */
async function forWorker(input) {
  const given = await input;
  if (typeof given === 'string') return new URL(given, globalThis.location?.href).href;
  if (given instanceof URL) return given.href;
  if (typeof Request === 'function' && given instanceof Request) return given.url;
  if (typeof Response === 'function' && given instanceof Response) return await given.arrayBuffer();
  return given;
}

/**
 * The analyzer whose core runs in a module worker. Made by createWorkerAnalyzer.
 * @implements {PresslensAnalyzer}
 */
class WorkerAnalyzer {
  /** @type {WorkerWasm} */
  #wasm;
  /** @type {UserName[]} the names the worker holds */
  #names = [];
  /** @type {Worker | null} */
  #worker = null;
  /** @type {Promise<void>} settles when the current worker has loaded the core */
  #ready = Promise.resolve();
  /** @type {Job[]} */
  #queue = [];
  /** @type {Job | null} */
  #current = null;
  #nextId = 1;
  /** @type {Error | null} */
  #disposed = null;
  /** Always true: the analysis runs in a Web Worker. */
  worker = true;
  /** @type {Limits} the sizes the core accepts (set once the first worker has loaded) */
  limits = /** @type {Limits} */ ({});

  /** Use createWorkerAnalyzer(). @param {WorkerWasm} wasm */
  constructor(wasm) {
    this.#wasm = wasm;
    this.#spawn();
  }

  /** Waits until the first worker has loaded the core; rejects with why it could not. */
  started() {
    return this.#ready;
  }

  /** Starts a fresh worker (the old one, if any, is terminated with its work). */
  #spawn() {
    this.#worker?.terminate();
    // Written out in one expression so that Vite and webpack 5 bundle the worker script.
    const w = new Worker(new URL('./presslens.worker.js', import.meta.url), { type: 'module' });
    this.#worker = w;
    let loaded = false;
    const lock = `presslens-npm-worker-${++workerCount}-${Math.random().toString(36).slice(2)}`;
    this.#ready = new Promise((resolve, reject) => {
      w.onmessage = (/** @type {MessageEvent<WorkerReply>} */ { data }) => {
        if (this.#worker !== w) return;
        if (data.type === 'ready') {
          loaded = true;
          if (data.watching) {
            // Granted once the worker is gone: ours to ignore when we ended it ourselves.
            navigator.locks.request(lock, () => {
              if (this.#worker === w) this.#died(SILENT_DEATH);
            });
          }
          if (data.module) this.#wasm = data.module; // the next worker skips the download
          this.limits = data.limits;
          resolve();
        } else if (data.type === 'fatal') {
          this.#worker = null;
          w.terminate();
          reject(new Error(`presslens: ${data.message}`));
        } else {
          this.#reply(data);
        }
      };
      w.onerror = (event) => {
        event.preventDefault();
        if (this.#worker !== w) return;
        if (!loaded) {
          // The script or the core did not load (a missing file, a Content-Security-Policy):
          // waiting requests fail with this; starting another worker would fail the same way.
          this.#worker = null;
          w.terminate();
          reject(new Error(`presslens: the analysis worker could not start${event.message ? `: ${event.message}` : ' (is presslens.worker.js served next to the bundle?)'}`));
          return;
        }
        this.#died(event.message ? `the analysis worker failed: ${event.message}` : SILENT_DEATH);
      };
    });
    this.#ready.catch(() => {}); // reported to the request that waits for it
    /** @type {WorkerRequest} */
    const msg = { type: 'init', wasm: this.#wasm, names: this.#names, lock };
    w.postMessage(msg);
  }

  /** The worker ended without answering the current request (see #reply for crashes). @param {string} why */
  #died(why) {
    const req = this.#current;
    if (req?.kind === 'analyze') this.#recover(req, req.done ?? 0, why);
    else {
      if (req) this.#settle(req, { error: new Error(`presslens: ${why}`) });
      this.#spawn();
      this.#pump();
    }
  }

  /** @param {WorkerReply} msg */
  #reply(msg) {
    const req = this.#current;
    if (!req || !('id' in msg) || msg.id !== req.id) return; // from a request that was cancelled
    if (msg.type === 'progress') {
      req.done = msg.done;
      try {
        req.onProgress?.(msg.done, msg.total);
      } catch (err) {
        // As on the calling thread, the caller's exception ends the call; the batch is dropped.
        this.#spawn();
        this.#settle(req, { error: err });
        this.#pump();
      }
    } else if (msg.type === 'done') {
      if (req.kind === 'names') this.#names = req.names ?? [];
      this.#settle(req, { value: msg.value });
      this.#pump();
    } else if (msg.type === 'error') {
      // The core refused the input; the instance is unharmed.
      this.#settle(req, { error: new Error(msg.message) });
      this.#pump();
    } else if (msg.type === 'crash') {
      if (req.kind === 'analyze') this.#recover(req, msg.done, msg.message);
      else {
        this.#settle(req, { error: new Error(`presslens: the analysis engine failed (${msg.message})`) });
        this.#spawn();
        this.#pump();
      }
    }
  }

  /**
   * The core trapped (or its worker died) on batch `req` with `done` documents finished: that
   * document (or the cross-document step when done == total) is marked failed and the batch
   * goes to a fresh worker, unless the failure cannot be pinned on something not yet marked.
   * @param {Job} req @param {number} done @param {string} message
   */
  #recover(req, done, message) {
    const docs = req.docs ?? [];
    const rec = (req.recovery ??= { failed: [] });
    const linking = done >= docs.length;
    const repeat = linking ? rec.linking_failed !== undefined : rec.failed.some((f) => f.index === done);
    this.#spawn();
    if (repeat) {
      const where = linking ? 'while linking the documents' : `on document ${done} (id ${JSON.stringify(docs[done]?.id)})`;
      this.#settle(req, { error: new Error(`presslens: the analysis engine failed again ${where}: ${message}`) });
    } else {
      if (linking) rec.linking_failed = `the analysis engine failed while linking the documents: ${message}`;
      else rec.failed.push({ index: done, message: `the analysis engine failed on this document: ${message}` });
      this.#current = null;
      this.#queue.unshift(req); // the same request, next attempt, first
    }
    this.#pump();
  }

  /** Ends `req` with `outcome` and frees the worker for the next. */
  #settle(/** @type {Job} */ req, /** @type {{error: unknown} | {value: unknown}} */ outcome) {
    if (this.#current === req) this.#current = null;
    req.unlisten?.();
    if ('error' in outcome) req.reject(outcome.error);
    else req.resolve(outcome.value);
  }

  /** Sends the next request once the worker is ready. */
  async #pump() {
    if (this.#current || this.#disposed) return;
    const req = this.#queue.shift();
    if (!req) return;
    this.#current = req;
    try {
      await this.#ready;
    } catch (err) {
      // The core cannot load: every waiting request fails with why.
      for (const r of [req, ...this.#queue.splice(0)]) this.#settle(r, { error: err });
      return;
    }
    if (this.#current !== req || !this.#worker) return; // cancelled meanwhile
    req.id = this.#nextId++;
    req.done = 0;
    /** @type {WorkerRequest} */
    let msg;
    if (req.kind === 'analyze') {
      const rec = req.recovery;
      msg = { type: 'analyze', id: req.id, docs: req.docs ?? [], ...(rec && (rec.failed.length || rec.linking_failed) ? { recovery: rec } : {}) };
    } else if (req.kind === 'names') msg = { type: 'names', id: req.id, names: req.names ?? [] };
    else msg = { type: 'parse', id: req.id, text: req.text ?? '' };
    try {
      this.#worker.postMessage(msg);
    } catch (err) {
      // Something in the request cannot be sent to a worker (a function, a DOM node...).
      this.#settle(req, { error: err instanceof Error ? err : new Error(String(err)) });
      this.#pump();
    }
  }

  /**
   * Queues a request. @param {Omit<Job, 'resolve' | 'reject'>} fields
   * @returns {Promise<unknown>}
   */
  #request(fields) {
    if (this.#disposed) return Promise.reject(this.#disposed);
    const { signal } = fields;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      /** @type {Job} */
      const req = { ...fields, resolve, reject };
      if (signal) {
        const onAbort = () => this.#abort(req);
        signal.addEventListener('abort', onAbort, { once: true });
        req.unlisten = () => signal.removeEventListener('abort', onAbort);
      }
      this.#queue.push(req);
      this.#pump();
    });
  }

  /** Cancels `req`: dropped from the queue, or its worker terminated and replaced. @param {Job} req */
  #abort(req) {
    const reason = req.signal?.reason;
    if (this.#current === req) {
      this.#spawn(); // a running wasm call cannot be interrupted
      this.#settle(req, { error: reason });
      this.#pump();
    } else {
      const at = this.#queue.indexOf(req);
      if (at >= 0) this.#queue.splice(at, 1);
      this.#settle(req, { error: reason });
    }
  }

  /**
   * Analyses a batch; resolves with the AnalysisResult, rejects with an Error carrying the
   * core's message, or with `signal.reason` when cancelled.
   * @param {Document[]} docs @param {AnalyzeOptions} [options]
   * @returns {Promise<AnalysisResult>}
   */
  analyze(docs, { onProgress, signal } = {}) {
    return /** @type {Promise<AnalysisResult>} */ (this.#request({ kind: 'analyze', docs, onProgress, signal }));
  }

  /**
   * The reader's own names for every later batch ([] clears them); rejects with the core's
   * message naming the bad entry, and then keeps the names it had.
   * @param {UserName[]} names @returns {Promise<void>}
   */
  async setUserNames(names) {
    await this.#request({ kind: 'names', names });
  }

  /**
   * Parses a name list in the CLI's text format (`pattern<TAB>LABEL[<TAB>kind[<TAB>value]]`
   * per line); rejects with the core's message naming the line.
   * @param {string} text @returns {Promise<UserName[]>}
   */
  parseUserNames(text) {
    return /** @type {Promise<UserName[]>} */ (this.#request({ kind: 'parse', text }));
  }

  /** Terminates the worker; requests waiting or running reject, later ones too. */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = new Error('presslens: this analyzer was disposed');
    this.#worker?.terminate();
    this.#worker = null;
    const current = this.#current;
    for (const r of [...(current ? [current] : []), ...this.#queue.splice(0)]) this.#settle(r, { error: this.#disposed });
  }
}

/**
 * An analyzer whose core runs in a module worker. Rejects with an Error when the core cannot
 * load (the message says why).
 * @param {CreateOptions} [options]
 * @returns {Promise<import('./index.js').PresslensAnalyzer>}
 */
export async function createWorkerAnalyzer({ wasm } = {}) {
  if (typeof Worker !== 'function') throw new Error('presslens: Web Workers are not available here: use createAnalyzer({worker: false})');
  const analyzer = new WorkerAnalyzer(await forWorker(wasm ?? wasmInput()));
  try {
    await analyzer.started();
  } catch (err) {
    analyzer.dispose();
    throw err;
  }
  return analyzer;
}
