// presslens — newsroom entity analysis in the browser (the npm package's main entry).
//
// API: `const a = await createAnalyzer({worker: true})` loads the core (WebAssembly) in a module
// worker (`worker: false`: on the calling thread, which then blocks while a batch runs; the
// default is `true`). `await a.analyze(docs, {onProgress, signal})` takes
// `[{id, text, date?: 'YYYY-MM-DD', date_order?}]` and resolves with the AnalysisResult of
// presslens-result.d.ts (the types generated from the Rust core); `onProgress(done, total)` is
// called after each document; `signal` (an AbortSignal) cancels: with a worker, the worker is
// terminated at once and a fresh one takes the next request; on the calling thread, a signal
// aborted before the batch starts (the call waits one task first) rejects it, but a batch that
// has started runs to its end (the thread is busy), and its result is then dropped and the call
// rejects with `signal.reason`. Bad input rejects with a real Error carrying the core's message.
// Requests run one at a time in call order. `await a.setUserNames([{pattern, label, kind?,
// value?}])` sets the reader's own names for later batches (rejects with the core's message);
// `await a.parseUserNames(text)` reads the CLI's tab-separated name-list format; `a.limits`
// holds the sizes the core accepts; `a.dispose()` frees the core (terminates the worker).
// `init(input)`, before createAnalyzer, loads the wasm from elsewhere (a URL or string, a
// Response, bytes, a compiled WebAssembly.Module) instead of the packaged presslens_bg.wasm.
// An exception thrown by onProgress rejects the call with it. `presslens/worker` exports
// createWorkerAnalyzer (the same as `worker: true`). scripts/build_npm.py packs npm/element.js
// (with its declarations, npm/element.d.ts) as `presslens/element` when the file exists.
import { describe, limits, loadCore, Analyzer, parseUserNames, runBatch, trapMessage } from './core.js';
import { createWorkerAnalyzer } from './worker.js';
import { init } from './wasm-input.js';

export { init, createWorkerAnalyzer };

/** @typedef {import('./presslens-result.js').AnalysisResult} AnalysisResult */
/** @typedef {import('./presslens-result.js').Document} Document */
/** @typedef {import('./presslens-result.js').Limits} Limits */
/** @typedef {import('./presslens-result.js').UserName} UserName */
/** @typedef {import('./index.js').AnalyzeOptions} AnalyzeOptions */
/** @typedef {import('./index.js').CreateOptions} CreateOptions */
/** @typedef {import('./index.js').PresslensAnalyzer} PresslensAnalyzer */

/** One task's wait: lets the caller paint, and a cancel arrive, before the thread is busy. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** @type {string | null} the trap that made this thread's core unusable */
let brokenHere = null;

/**
 * The analyzer whose core runs on the calling thread. Made by createAnalyzer({worker: false}).
 * @implements {PresslensAnalyzer}
 */
class ThreadAnalyzer {
  /** @type {InstanceType<typeof Analyzer> | null} */
  #core;
  /** @type {Promise<unknown>} the last request, so that requests run in call order */
  #last = Promise.resolve();
  /** Always false: the analysis runs on the calling thread. */
  worker = false;
  /** @type {Limits} the sizes the core accepts */
  limits;

  /** Use createAnalyzer({worker: false}). @param {InstanceType<typeof Analyzer>} core */
  constructor(core) {
    this.#core = core;
    this.limits = limits();
  }

  /**
   * Runs `work` after the requests before it, on a usable core.
   * @template T @param {(core: InstanceType<typeof Analyzer>) => T} work @param {AbortSignal} [signal]
   * @returns {Promise<T>}
   */
  #run(work, signal) {
    const run = this.#last.then(async () => {
      signal?.throwIfAborted();
      await nextTask();
      signal?.throwIfAborted();
      if (!this.#core) throw new Error('presslens: this analyzer was disposed');
      if (brokenHere !== null) {
        throw new Error(`presslens: the analysis engine on this thread failed earlier (${brokenHere}) and cannot be used again: reload, or use createAnalyzer({worker: true}), which recovers`);
      }
      return work(this.#core);
    });
    this.#last = run.catch(() => {});
    return run;
  }

  /**
   * Analyses a batch; resolves with the AnalysisResult, rejects with an Error carrying the
   * core's message, or with `signal.reason` when cancelled (see the note at the top).
   * @param {Document[]} docs @param {AnalyzeOptions} [options]
   * @returns {Promise<AnalysisResult>}
   */
  analyze(docs, { onProgress, signal } = {}) {
    return this.#run((core) => {
      const out = runBatch(core, docs, onProgress, undefined);
      if ('trap' in out) {
        // The instance is dead, and the glue keeps one per thread: nothing here can recover.
        brokenHere = out.trap;
        throw new Error(`presslens: the analysis engine failed (${out.trap}) on document ${out.done} of ${docs.length}; on the calling thread it cannot recover: use createAnalyzer({worker: true}) to keep the other documents`);
      }
      signal?.throwIfAborted();
      if ('error' in out) throw out.error;
      return out.result;
    }, signal);
  }

  /**
   * The reader's own names for every later batch ([] clears them); rejects with the core's
   * message naming the bad entry, and then keeps the names it had.
   * @param {UserName[]} names @returns {Promise<void>}
   */
  setUserNames(names) {
    return this.#run((core) => guarded(() => core.setUserNames(names)));
  }

  /**
   * Parses a name list in the CLI's text format; rejects with the core's message naming the line.
   * @param {string} text @returns {Promise<UserName[]>}
   */
  parseUserNames(text) {
    return this.#run(() => guarded(() => parseUserNames(text)));
  }

  /** Frees the core's analyzer; later requests reject. Never throws. */
  dispose() {
    const core = this.#core;
    this.#core = null;
    if (brokenHere !== null) return; // a trapped instance keeps its borrow flags set: free() would throw
    try {
      core?.free();
    } catch {
      // Nothing to free that the caller could act on.
    }
  }
}

/**
 * Calls the core, turning anything it throws into an Error with the core's message.
 * @template T @param {() => T} call @returns {T}
 */
function guarded(call) {
  try {
    return call();
  } catch (err) {
    const trap = trapMessage(err);
    if (trap !== null) {
      brokenHere = trap;
      throw new Error(`presslens: the analysis engine failed (${trap})`);
    }
    throw err instanceof Error ? err : new Error(describe(err));
  }
}

/**
 * Creates an analyzer: in a module worker (`worker: true`, the default) or on the calling
 * thread (`worker: false`). Rejects with an Error when the core cannot load.
 * @param {CreateOptions} [options]
 * @returns {Promise<import('./index.js').PresslensAnalyzer>}
 */
export async function createAnalyzer(options = {}) {
  if (options.worker ?? true) return createWorkerAnalyzer(options);
  try {
    await loadCore(options.wasm);
  } catch (err) {
    throw new Error(`presslens: the analyzer could not start: ${describe(err)}`);
  }
  return new ThreadAnalyzer(new Analyzer());
}
