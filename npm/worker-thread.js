// The package's analysis worker: owns one core instance so that the page never blocks while it
// works. scripts/build_npm.py bundles this file with core.js and the glue into one script,
// presslens.worker.js, which worker.js starts with
// `new Worker(new URL('./presslens.worker.js', import.meta.url), {type: 'module'})`.
//
// Protocol (types: protocol.d.ts):
//   page → worker  {type: 'init', wasm, names, lock}  first: load the core from `wasm` (a URL's
//                                                     href, bytes or a compiled module), set the
//                                                     reader's names, and hold the Web Lock
//                                                     `lock` for this worker's whole life, so
//                                                     that the page learns when it dies silently
//                  {type: 'analyze', id, docs, recovery?}
//                  {type: 'names', id, names}         Analyzer.setUserNames
//                  {type: 'parse', id, text}          parseUserNames
//   worker → page  {type: 'ready', limits, module?, watching}  loaded; `module`: the compiled
//                                                     module, for the next worker (after a cancel
//                                                     or a trap); watching: the lock is held
//                  {type: 'fatal', message}           the core could not load
//                  {type: 'progress', id, done, total}
//                  {type: 'done', id, value}          the request's answer (the AnalysisResult,
//                                                     nothing, or the parsed names)
//                  {type: 'error', id, message}       the core refused the input (its message)
//                  {type: 'crash', id, done, message} the core trapped: this instance is unusable;
//                                                     `done` documents were finished before
import { Analyzer, describe, limits, loadCore, parseUserNames, runBatch, trapMessage } from './core.js';

/** @typedef {import('./protocol.js').WorkerRequest} WorkerRequest */
/** @typedef {import('./protocol.js').WorkerReply} WorkerReply */

/** @param {WorkerReply} msg */
const tell = (msg) => postMessage(msg);

/** @type {InstanceType<typeof Analyzer> | null} */
let analyzer = null;
/** @type {string | null} the trap that made this instance unusable */
let broken = null;

self.onmessage = async (/** @type {MessageEvent<WorkerRequest>} */ { data }) => {
  if (data.type === 'init') {
    // Held until this worker ends, however it ends: the page asks for the same lock and is
    // granted it only then (where Web Locks exist).
    const watching = new Promise((held) => {
      if (!navigator.locks) return held(false);
      navigator.locks.request(data.lock, () => {
        held(true);
        return new Promise(() => {});
      }).catch(() => held(false));
    });
    try {
      const module = await loadCore(data.wasm);
      analyzer = new Analyzer();
      if (data.names.length) analyzer.setUserNames(data.names);
      tell({ type: 'ready', limits: limits(), module, watching: await watching });
    } catch (err) {
      tell({ type: 'fatal', message: `the analyzer could not start: ${describe(err)}` });
    }
    return;
  }
  const { id } = data;
  if (analyzer === null || broken !== null) {
    tell({ type: 'crash', id, done: 0, message: broken ?? 'the analyzer was not started' });
    return;
  }
  if (data.type === 'analyze') {
    const onProgress = (/** @type {number} */ done, /** @type {number} */ total) => tell({ type: 'progress', id, done, total });
    const out = runBatch(analyzer, data.docs, onProgress, data.recovery);
    if ('result' in out) tell({ type: 'done', id, value: out.result });
    else if ('error' in out) tell({ type: 'error', id, message: out.error.message });
    else {
      broken = out.trap;
      tell({ type: 'crash', id, done: out.done, message: out.trap });
    }
    return;
  }
  try {
    if (data.type === 'names') {
      analyzer.setUserNames(data.names);
      tell({ type: 'done', id, value: undefined });
    } else {
      tell({ type: 'done', id, value: parseUserNames(data.text) });
    }
  } catch (err) {
    const trap = trapMessage(err);
    if (trap !== null) {
      broken = trap;
      tell({ type: 'crash', id, done: 0, message: trap });
    } else {
      tell({ type: 'error', id, message: describe(err) });
    }
  }
};
