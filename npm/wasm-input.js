// Where the core's WebAssembly module comes from: the packaged presslens_bg.wasm, found with
// `new URL(..., import.meta.url)` so that Vite and webpack 5 emit it as an asset (esbuild
// leaves the expression as it is: copy the file next to the bundle), unless `init(input)`
// names another place (a CMS that hosts the file itself).

/** The module file shipped beside this one. */
export const DEFAULT_WASM = new URL('./presslens_bg.wasm', import.meta.url);

/** @type {import('./index.js').WasmInput | undefined} */
let configured;

/**
 * Sets where every analyzer created after this call loads the core from: a URL or a string
 * (fetched where the analysis runs: in the worker with `worker: true`), a Response, the
 * module's bytes, or a compiled WebAssembly.Module. Loads nothing by itself.
 * @param {import('./index.js').WasmInput} input
 */
export function init(input) {
  if (input === undefined || input === null) throw new TypeError('presslens init(input): give a URL, a string, a Response, bytes or a WebAssembly.Module');
  configured = input;
}

/** The input `init` set, else the packaged module. @returns {import('./index.js').WasmInput} */
export function wasmInput() {
  return configured ?? DEFAULT_WASM;
}
