// The page's side of the analysis worker (www/worker.js, whose header documents the message
// protocol): one worker at a time, the job and attempt numbers, recovery from a core that
// traps, progress. It renders nothing: what happens is reported through the hooks the
// controller (app.js) gives.
//
// One worker at a time. It dies for many reasons: the reader cancels (we terminate it), the
// core traps on one document (a Rust panic ends the wasm instance: the worker reports 'crash'
// and is replaced), or it stops without a word (terminated from outside, out of memory, an
// uncaught error). The last is seen through a Web Lock the worker holds for its whole life
// (the page is granted the lock only when the worker is gone) and through its error event.
// A failed document never loses the others: the batch is sent again to a fresh worker with
// the failed documents named in `recovery` (the core returns them with their `error` and
// analyses the rest); each attempt adds one failure, so a batch of n takes at most n + 1.

import { unpack } from './compact.js';
import { inline } from './inline.js';

/** @typedef {import('../presslens-result').Cluster} Cluster */
/** @typedef {import('../presslens-result').DocumentResult} DocumentResult */
/** @typedef {import('../presslens-result').Limits} Limits */
/** @typedef {import('../presslens-result').Recovery} Recovery */
/** @typedef {import('../presslens-result').FailedDocument} FailedDocument */
/** @typedef {import('../presslens-result').UserName} UserName */
/** @typedef {import('./protocol').ToPage} ToPage */
/** @typedef {import('./protocol').ToWorker} ToWorker */

/** Sends `msg` to worker `w`. @param {Worker} w @param {ToWorker} msg */
const tell = (w, msg) => w.postMessage(msg);

/**
 * An article of a batch as the page knows it: the core's Document and the title shown.
 * @typedef {{id: string, title?: string, text: string, date?: string, date_order?: import('../presslens-result').DateOrder | ''}} BatchDoc
 */

/**
 * The end of a batch: the AnalysisResult without its documents (they came one by one).
 * @typedef {{clusters: Cluster[], count: number, linking_error?: string}} BatchEnd
 */

/** @typedef {'idle' | 'done' | 'error' | 'cancelled'} Outcome */

/**
 * What the client reports to the page.
 * @typedef {object} ClientHooks
 * @property {(running: boolean, outcome: Outcome | undefined, job: number) => void} onState
 *   a batch started (running) or ended with `outcome`
 * @property {(kind: 'info' | 'error', text: string) => void} onStatus a line for the status area
 * @property {() => void} onStale the results shown no longer match the articles
 * @property {(text: string) => void} onNamesDropped the reader's name list is no longer sent
 * @property {(docs: BatchDoc[]) => void} onAttempt an attempt at the batch starts
 * @property {(done: number, total: number) => void} onProgress
 * @property {(document: DocumentResult, clusters: Cluster[]) => void} onPreview the first
 *   article of the batch analysed alone, before the batch (when `analyse` asked for it)
 * @property {(index: number, document: DocumentResult) => void} onDocument
 * @property {(end: BatchEnd) => void} onResult the last message of a batch (then call `end`)
 */

/** @typedef {{worker: Worker, early: MessageEvent[], errors: ErrorEvent[], samples: Promise<Response>}} Boot */

/**
 * The worker boot.js started before the page's modules loaded (see there), once; null when
 * there is none (boot.js ran late or not at all: it then starts none).
 * @returns {Boot | null}
 */
function takeBoot() {
  const g = /** @type {any} */ (globalThis);
  if (g.presslensBoot === undefined) g.presslensBoot = null; // boot.js has not run: it must not start one now
  const boot = g.presslensBoot;
  if (!boot?.worker) return null;
  const taken = { ...boot };
  boot.worker = null;
  return taken;
}

/**
 * The request for the sample articles boot.js made, once, or null (then make it yourself).
 * @returns {Promise<Response> | null}
 */
export function takeBootSamples() {
  const boot = /** @type {any} */ (globalThis).presslensBoot;
  const samples = boot?.samples ?? null;
  if (boot) boot.samples = null;
  return samples;
}

const SILENT_DEATH = 'the analysis of this article stopped the analysis engine (out of memory?)';

/** @param {ClientHooks} hooks */
export function createWorkerClient(hooks) {
  /** @type {Worker | null} */
  let worker = null;
  let workerCount = 0;
  let job = 0;
  let running = false;
  /** @type {BatchDoc[]} the running batch */
  let sent = [];
  /** @type {{failed: FailedDocument[], linking_failed?: string}} failures of earlier attempts (see recover) */
  let recovery = { failed: [] };
  let attempt = 0; // attempts at the running batch; messages carry it
  let progressDone = 0; // documents the running attempt has finished
  /** @type {UserName[]} the name list sent with the running batch */
  let names = [];
  let preview = false; // ask the worker for the first article alone first (first attempt only)
  let requests = 0;
  /** @type {Map<number, {text: string, resolve: (r: {names: UserName[]} | {error: string}) => void}>} */
  const parsing = new Map();
  /** @type {(limits: Limits) => void} */
  let gotLimits = () => {};
  /** @type {(err: Error) => void} */
  let noLimits = () => {};
  /** @type {Promise<Limits>} */
  const limits = new Promise((resolve, reject) => {
    gotLimits = resolve;
    noLimits = reject;
  });
  limits.catch(() => {}); // reported through onStatus; callers that await it see the rejection

  /** @param {boolean} r @param {Outcome} [outcome] */
  function setRunning(r, outcome) {
    running = r;
    hooks.onState(r, outcome, job);
  }

  function startWorker() {
    const boot = takeBoot();
    const w = boot?.worker ?? inline()?.worker() ?? new Worker(new URL('../worker.js', import.meta.url), { type: 'module' });
    const lock = `presslens-worker-${++workerCount}-${Math.random().toString(36).slice(2)}`;
    let ready = false;
    worker = w;
    w.onmessage = (/** @type {MessageEvent<ToPage>} */ { data }) => {
      if (worker !== w) return; // a worker we already replaced
      if (data?.type === 'watching') {
        // Granted only once the worker is gone. Ours to ignore when we ended it ourselves.
        navigator.locks.request(lock, () => {
          if (worker === w) workerDied(w, 'it stopped without a word');
        });
        return;
      }
      if (data?.type === 'ready') ready = true;
      onWorkerMessage(data);
    };
    w.onerror = (ev) => {
      ev.preventDefault();
      if (worker !== w) return;
      if (!ready) {
        // A module worker that fails to load (www/pkg not built) lands here. Handled: the page
        // says what to do instead of leaving an error in the console.
        stopWorker();
        unavailable('the analyzer could not be loaded');
        setRunning(false, 'error');
        hooks.onStatus('error', 'The analyzer could not be loaded. If you are running the page yourself, build it first: python3 scripts/build_wasm.py release');
        return;
      }
      workerDied(w, `it failed with an error (${ev.message || 'no message'})`);
    };
    // What the worker started by boot.js said before we took it over, in order.
    for (const e of boot?.errors ?? []) /** @type {(e: ErrorEvent) => void} */ (w.onerror)(e);
    for (const e of boot?.early ?? []) w.onmessage(e);
    if (navigator.locks) tell(w, { type: 'watch', lock });
    // Name lists waiting for an answer from a worker that was replaced: asked again.
    for (const [request, { text }] of parsing) tell(w, { type: 'parse-names', request, text });
  }

  /** The module cannot load: whoever waits for the core hears so. @param {string} why */
  function unavailable(why) {
    noLimits(new Error(why));
    for (const { resolve } of parsing.values()) resolve({ error: why });
    parsing.clear();
  }

  function stopWorker() {
    const w = worker;
    worker = null; // first: its lock and late messages are then ignored
    w?.terminate();
  }

  function restartWorker() {
    stopWorker();
    startWorker();
  }

  /** The worker `w` ended without reporting (see above). @param {Worker} w @param {string} how */
  function workerDied(w, how) {
    if (worker !== w) return;
    if (running) recover({ done: progressDone, message: SILENT_DEATH, how }); // replaces it
    else restartWorker(); // ready for the next batch
  }

  /**
   * Analyses `docs` with the reader's `userNames`; a batch already running is replaced.
   * With `preview`, the worker first analyses the first article alone and sends it
   * (onPreview), when that costs little (see PREVIEW_SHARE in worker.js).
   * @param {BatchDoc[]} docs @param {UserName[]} userNames @param {{preview?: boolean}} [options]
   */
  function analyse(docs, userNames, options = {}) {
    if (!worker) startWorker();
    else if (running) restartWorker(); // a newer batch replaces the running one
    job += 1;
    sent = docs;
    names = userNames;
    preview = !!options.preview;
    recovery = { failed: [] };
    attempt = 0;
    setRunning(true);
    send();
  }

  /** Sends the running batch (`sent`) to the worker as a new attempt. */
  function send() {
    const docs = sent;
    attempt += 1;
    hooks.onAttempt(docs);
    progressDone = 0;
    hooks.onProgress(0, docs.length);
    /** @type {import('../presslens-result').Document[]} */
    // Only the fields the core reads, and only when set.
    const payload = docs.map(({ id, text, date, date_order }) => ({ id, text, ...(date ? { date } : {}), ...(date_order ? { date_order } : {}) }));
    /** @type {Recovery | undefined} */
    const rec = recovery.failed.length || recovery.linking_failed ? recovery : undefined;
    performance.mark('presslens:batch-sent');
    if (worker) tell(worker, { type: 'analyze', job, attempt, docs: payload, names, recovery: rec, preview: preview && attempt === 1 });
  }

  /** The article at `index` of the running batch, as the reader knows it. @param {number} index */
  function articleName(index) {
    const doc = sent[index];
    if (!doc) return `article ${index + 1}`;
    return doc.title && doc.title !== doc.id ? `article ${index + 1}, “${doc.id}” (${doc.title})` : `article ${index + 1}, “${doc.id}”`;
  }

  /**
   * The core or its worker died during the running batch with `done` documents finished: the
   * document in progress (or the cross-document step when done == total) is marked failed with
   * `message`, and the batch goes to a fresh worker. Gives up, with a message, when the failure
   * cannot be pinned on something not yet marked (it would fail the same way again).
   * @param {{done: number, message: string, how?: string}} failure
   */
  function recover({ done, message, how }) {
    const total = sent.length;
    const rec = recovery;
    const linking = done >= total;
    const repeat = linking ? !!rec.linking_failed : rec.failed.some((f) => f.index === done);
    if (repeat || attempt > total + 1) {
      restartWorker();
      setRunning(false, 'error');
      const what = linking ? 'while linking the articles' : `on ${articleName(done)}`;
      hooks.onStatus('error', `The analysis stopped: the analysis engine failed again ${what} (${message}${how ? `; ${how}` : ''}). Your articles are kept; remove that article and press Analyse to try the others.`);
      hooks.onStale();
      return;
    }
    if (linking) rec.linking_failed = message;
    else rec.failed.push({ index: done, message });
    restartWorker();
    const note = linking ? 'Linking the articles failed; showing each article’s own result…' : `The analysis engine failed on ${articleName(done)}; analysing the others again…`;
    hooks.onStatus('error', note);
    send();
  }

  /** Stops the running batch, if any; returns whether there was one. */
  function cancel() {
    if (!running) return false;
    // A wasm call cannot be interrupted: the worker is thrown away with its work.
    restartWorker();
    job += 1;
    setRunning(false, 'cancelled');
    return true;
  }

  /** @param {ToPage} msg a message from the worker (see the protocol in worker.js) */
  function onWorkerMessage(msg) {
    if (msg.type === 'fatal') {
      stopWorker();
      unavailable(msg.message);
      setRunning(false, 'error');
      hooks.onStatus('error', `${msg.message}. Reload the page to try again.`);
      return;
    }
    if (msg.type === 'ready') {
      performance.mark('presslens:worker-ready'); // user timing, read by scripts/bench_browser.mjs
      gotLimits(msg.limits);
      return;
    }
    if (msg.type === 'names') {
      const waiting = parsing.get(msg.request);
      parsing.delete(msg.request);
      waiting?.resolve(msg.error !== undefined ? { error: msg.error } : { names: msg.names });
      return;
    }
    // From a batch (or an attempt at it) that was replaced or cancelled.
    if (msg.type === 'watching') return; // handled where the worker starts
    if (!running || msg.job !== job || msg.attempt !== attempt) return;
    if (msg.type === 'progress') {
      progressDone = msg.done;
      hooks.onProgress(msg.done, msg.total);
    } else if (msg.type === 'preview') {
      hooks.onPreview(msg.document, msg.clusters);
    } else if (msg.type === 'document') {
      if (msg.index === 0) performance.mark('presslens:first-document');
      hooks.onDocument(msg.index, unpack(msg.packed, sent[msg.index]?.text ?? ''));
    } else if (msg.type === 'crash') {
      if (msg.stage === 'names') {
        // The core failed on the reader's name list: every batch would, so it is dropped.
        restartWorker();
        hooks.onNamesDropped(`Not used: the analysis engine failed on this list (${msg.message}).`);
        setRunning(false, 'error');
        hooks.onStatus('error', `The analysis failed on your name list, which is no longer used: ${msg.message}. Press Analyse to analyse without it.`);
        return;
      }
      recover({ done: msg.done, message: msg.message || SILENT_DEATH });
    } else if (msg.type === 'error') {
      // The core refused the batch: nothing is lost, the articles stay as they were.
      restartWorker();
      // A refused name list would fail every batch: stop sending it (the text stays in its box).
      if (msg.names) hooks.onNamesDropped(`Not used: ${msg.message}.`);
      setRunning(false, 'error');
      hooks.onStatus('error', `The analysis failed: ${msg.message}`);
    } else if (msg.type === 'result') {
      /** @type {BatchEnd} */
      const end = { clusters: msg.clusters, count: msg.count };
      if (msg.linking_error) end.linking_error = msg.linking_error;
      hooks.onResult(end);
    }
  }

  /**
   * The reader's name list parsed by the core (parseUserNames, in the worker): the entries, or
   * why the list was refused (the core's message names the line).
   * @param {string} text
   * @returns {Promise<{names: UserName[]} | {error: string}>}
   */
  function parseNames(text) {
    return new Promise((resolve) => {
      const request = ++requests;
      parsing.set(request, { text, resolve });
      if (!worker) startWorker(); // posts the request
      else tell(worker, { type: 'parse-names', request, text });
    });
  }

  return {
    start: startWorker,
    analyse,
    cancel,
    parseNames,
    /** The running batch ended with `outcome` (after onResult). @param {Outcome} outcome */
    end: (outcome) => setRunning(false, outcome),
    /** The core's limits, once its module has loaded (rejected when it cannot load). */
    limits,
    /** The articles of the running (or last) batch. */
    get sent() {
      return sent;
    },
    get running() {
      return running;
    },
    get job() {
      return job;
    },
  };
}
