// The first code of the single file's worker (scripts/build_single.mjs bundles it before
// www/worker.js): sets `self.presslensInline` (www/modules/inline.js) so that worker.js takes the
// wasm module from here instead of fetching it. scripts/single/page.js puts the module before
// this code, as the string `globalThis.presslensWasm` (gzip, then base64).
import { encodedResponse } from './blocks.js';

const g = /** @type {any} */ (globalThis);
const packed = g.presslensWasm;
delete g.presslensWasm;

/** @type {import('../../www/modules/inline.js').WorkerInline} */
const inline = {
  wasm: async () => {
    if (typeof packed !== 'string') throw new Error('the single file carries no wasm module');
    return encodedResponse(packed, 'gzip+base64', 'application/wasm');
  },
};
g.presslensInline = inline;
