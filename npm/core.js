// The part of the package that touches the WebAssembly core, shared by the analyzer that runs
// on the calling thread (index.js) and by the worker script (worker-thread.js, bundled into
// presslens.worker.js by scripts/build_npm.py). `./presslens.js` is wasm-bindgen's glue
// (`--target web`), copied next to this file by the build from www/pkg/.
import initGlue, * as glue from './presslens.js';
import { wasmInput } from './wasm-input.js';

/** @typedef {import('./presslens-result.js').AnalysisResult} AnalysisResult */
/** @typedef {import('./presslens-result.js').Document} Document */
/** @typedef {import('./presslens-result.js').Recovery} Recovery */

/** @type {Promise<WebAssembly.Module> | null} the thread's load, once started */
let loading = null;

/**
 * Loads the core once per thread from `input` (a URL, a string, a Response, bytes or a
 * compiled WebAssembly.Module; what `init` set, else the packaged module, when undefined).
 * The first call on a thread decides (later ones get the same module: the glue keeps one
 * instance per thread) unless it failed. Returns the compiled module, which the next worker
 * is given instead of fetching and compiling it again.
 * @param {import('./index.js').WasmInput | undefined} input
 * @returns {Promise<WebAssembly.Module>}
 */
export function loadCore(input) {
  if (!loading) {
    loading = compileAndStart(input);
    loading.catch(() => {
      loading = null; // a failed load may be tried again (another input, the network back)
    });
  }
  return loading;
}

/** @param {import('./index.js').WasmInput | undefined} input @returns {Promise<WebAssembly.Module>} */
async function compileAndStart(input) {
  let source = await (input ?? wasmInput());
  if (typeof source === 'string' || source instanceof URL || (typeof Request === 'function' && source instanceof Request)) {
    source = await fetch(source);
  }
  /** @type {WebAssembly.Module} */
  let module;
  if (source instanceof WebAssembly.Module) module = source;
  else if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`${source.url || 'the wasm module'} could not be fetched: HTTP ${source.status}`);
    // Compiled while it downloads when served as application/wasm, as the glue would.
    module = source.headers.get('content-type')?.startsWith('application/wasm')
      ? await WebAssembly.compileStreaming(source)
      : await WebAssembly.compile(await source.arrayBuffer());
  } else module = await WebAssembly.compile(/** @type {BufferSource} */ (source)); // bytes
  await initGlue({ module_or_path: module });
  return module;
}

export const { Analyzer, limits, parseUserNames } = glue;

/** The message of an exception, as the core wrote it. @param {unknown} err */
export function describe(err) {
  return String(/** @type {{message?: unknown}} */ (err)?.message ?? err);
}

/** The message of the last Rust panic, once (the core's panic hook records it), if any. */
function takePanic() {
  try {
    const m = glue.takePanicMessage();
    return typeof m === 'string' && m ? m : null;
  } catch {
    return null; // the instance is too broken to say
  }
}

/**
 * Was `err` the instance dying (a trap: Rust panics end in `unreachable`; running out of memory
 * or stack) rather than the core refusing its input (an Error with the core's message)? Then
 * the instance cannot be used again. Returns the panic's message when it was, else null.
 * @param {unknown} err
 * @returns {string | null}
 */
export function trapMessage(err) {
  const panic = takePanic();
  if (panic !== null) return panic;
  if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError || /** @type {{name?: unknown}} */ (err)?.name === 'RuntimeError') {
    return describe(err);
  }
  return null;
}

/**
 * Runs one batch on `analyzer`. The outcome, never thrown: `{result}`, `{error}` (the core
 * refused the input: its message, as a real Error) or `{trap, done}` (the instance died while
 * document `done` was analysed, or in the cross-document step when `done` equals the batch's
 * length: it cannot be used again).
 * @param {InstanceType<typeof glue.Analyzer>} analyzer
 * @param {Document[]} docs
 * @param {((done: number, total: number) => void) | undefined} onProgress
 * @param {Recovery | undefined} recovery
 * @returns {{result: AnalysisResult} | {error: Error} | {trap: string, done: number}}
 */
export function runBatch(analyzer, docs, onProgress, recovery) {
  let done = 0;
  const progress = (/** @type {number} */ d, /** @type {number} */ total) => {
    done = d;
    onProgress?.(d, total);
  };
  try {
    return { result: analyzer.analyze(docs, progress, recovery) };
  } catch (err) {
    const trap = trapMessage(err);
    if (trap !== null) return { trap, done };
    return { error: err instanceof Error ? err : new Error(describe(err)) };
  }
}
