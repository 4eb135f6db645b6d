// The first code of target/single/presslens.html (scripts/build_single.mjs bundles it before
// www/boot.js and www/app.js): sets `globalThis.presslensInline` (www/modules/inline.js) from the
// data blocks the build wrote into the page, so that the page fetches nothing. Inline module
// scripts run once the document is parsed: the blocks at the end of <body> are there.
import * as d3force from '../../www/vendor/d3-force.js';
import { blockText, blockResponse } from './blocks.js';

/** @type {string | null} the worker's blob: URL, made once (each restart reuses it) */
let workerUrl = null;

/** @type {import('../../www/modules/inline.js').PageInline} */
const inline = {
  worker() {
    if (workerUrl === null) {
      // The worker's bundle, preceded by the wasm module (gzip, then base64) as a string that
      // scripts/single/worker.js decodes in the worker: the page's thread only joins strings.
      // A blob: URL, because a page opened from disk may not start a worker from a file.
      // The string goes first, so that it is set when the bundle's first statement runs.
      const wasm = /** @type {HTMLElement} */ (document.getElementById('presslens-wasm'));
      if (wasm.dataset.encoding !== 'gzip+base64') throw new Error('presslens.html: the wasm block must be gzip+base64');
      // 'use strict' first: the bundle's sources are ES modules, strict; a classic script is not.
      const source = ['"use strict";\nglobalThis.presslensWasm = "', blockText('presslens-wasm'), '";\n', blockText('presslens-worker')];
      workerUrl = URL.createObjectURL(new Blob(source, { type: 'text/javascript' }));
    }
    return new Worker(workerUrl); // classic: see scripts/build_single.mjs
  },
  samples: () => Promise.resolve(blockResponse('presslens-samples', 'application/json')),
  d3force: () => Promise.resolve(d3force),
};
/** @type {any} */ (globalThis).presslensInline = inline;
