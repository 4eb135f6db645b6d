// The browser benchmark's page (issue #14), loaded by scripts/bench_browser.mjs from a folder it
// assembles under target/bench-browser/ (never shipped). Main thread, no UI: the bench drives it
// with page.evaluate and measures here with performance.now().
//
// Three engines on the same documents: presslens (release wasm, full analysis of the batch),
// compromise + compromise-dates (people, places, organizations, dates of each document) and
// wink-nlp with its English lite model (its entities of each document: dates, numbers…; it
// finds no names).

/** @type {{[name: string]: any}} */
const engines = {};
let seeds = null;

async function samples() {
  if (!seeds) seeds = await (await fetch('seeds.json')).json();
  return seeds;
}

/** Documents of at least `bytes` UTF-8 bytes: the sample articles repeated, each copy its own document. */
async function corpus(bytes) {
  const s = await samples();
  const enc = new TextEncoder();
  const docs = [];
  let total = 0;
  for (let round = 0; total < bytes; round++) {
    for (const { id, text } of s) {
      if (total >= bytes) break;
      docs.push({ id: `${round}-${id}`, text });
      total += enc.encode(text).length;
    }
  }
  return { docs, bytes: total };
}

const now = () => performance.now();

const LOADERS = {
  // Breaks the cold start into its steps (sequential, not streamed, so each can be timed):
  // glue import, wasm fetch, compile, instantiate, model load (the tagger's model is parsed by
  // `new Analyzer()`), first analyze (the five sample articles; the other lexicons load lazily here).
  async presslens(stream) {
    const steps = {};
    let t = now();
    const glue = await import('./pkg/presslens.js');
    steps.import_js = now() - t;
    const url = new URL('pkg/presslens_bg.wasm', location.href);
    if (stream) {
      // What the page does: instantiateStreaming compiles while the bytes arrive.
      t = now();
      const exports = await glue.default({ module_or_path: fetch(url) });
      steps.fetch_compile_instantiate_streaming = now() - t;
      engines.presslensMemory = exports.memory;
    } else {
      t = now();
      const bytes = await (await fetch(url)).arrayBuffer();
      steps.fetch = now() - t;
      t = now();
      const module = await WebAssembly.compile(bytes);
      steps.compile = now() - t;
      t = now();
      const exports = await glue.default({ module_or_path: module });
      steps.instantiate = now() - t;
      engines.presslensMemory = exports.memory;
    }
    t = now();
    const analyzer = new glue.Analyzer();
    steps.model_load = now() - t;
    engines.presslens = (docs) => {
      const r = analyzer.analyze(docs);
      engines.presslensLast = { docs, result: r };
      let n = 0;
      for (const d of r.documents) n += d.entities.length;
      return n;
    };
    return steps;
  },
  async compromise() {
    const steps = {};
    let t = now();
    const nlp = (await import('./compromise.mjs')).default;
    const dates = (await import('./compromise-dates.mjs')).default;
    steps.import_js = now() - t;
    t = now();
    nlp.plugin(dates);
    steps.model_load = now() - t;
    engines.compromise = (docs) => {
      let n = 0;
      for (const { text } of docs) {
        const doc = nlp(text);
        n += doc.people().json().length + doc.places().json().length + doc.organizations().json().length + doc.dates().json().length;
      }
      return n;
    };
    return steps;
  },
  async wink() {
    const steps = {};
    let t = now();
    const { winkNLP, model, its } = await import('./wink.js');
    steps.import_js = now() - t;
    t = now();
    const nlp = winkNLP(model);
    steps.model_load = now() - t;
    engines.wink = (docs) => {
      let n = 0;
      for (const { text } of docs) n += nlp.readDoc(text).entities().out(its.detail).length;
      return n;
    };
    return steps;
  },
};

/**
 * The worker → page hand-off of presslens's last result (both halves timed on this thread):
 * structured clone of its documents as objects (what the worker sent before issue #14), and
 * the compact form (www/modules/compact.js: pack in the worker, clone with its buffers
 * transferred, unpack on the page). Checks that unpack gives back exactly what was packed.
 */
async function handoff() {
  const { pack, unpack } = await import('./compact.js');
  const { docs, result } = engines.presslensLast;
  const json = JSON.stringify(result.documents);
  let t = now();
  structuredClone(result.documents);
  const objects = now() - t;
  t = now();
  const packed = result.documents.map((d, i) => pack(d, docs[i].text));
  const packMs = now() - t;
  t = now();
  const moved = structuredClone(packed.map((p) => p.packed), { transfer: packed.flatMap((p) => p.transfer) });
  const cloneMs = now() - t;
  t = now();
  const back = moved.map((p, i) => unpack(p, docs[i].text));
  const unpackMs = now() - t;
  const same = JSON.stringify(back) === json;
  return { documents: docs.length, jsonBytes: new TextEncoder().encode(json).length, objects, pack: packMs, clone: cloneMs, unpack: unpackMs, same };
}

window.bench = {
  handoff,
  /** Loads `engine` (once per page) and runs it on the sample articles: the cold start. */
  async load(engine, { stream = false } = {}) {
    const steps = await LOADERS[engine](stream);
    const docs = (await samples()).map((s) => ({ ...s }));
    const t = now();
    const found = engines[engine](docs);
    steps.first_analyze = now() - t;
    return { steps, found };
  },
  /** Runs a loaded `engine` over a corpus of at least `bytes`: {ms, bytes, docs, found, memory}. */
  async run(engine, bytes) {
    const { docs, bytes: actual } = await corpus(bytes);
    const t = now();
    const found = engines[engine](docs);
    const ms = now() - t;
    const memory = engine === 'presslens' ? engines.presslensMemory.buffer.byteLength : null;
    return { ms, bytes: actual, docs: docs.length, found, memory };
  },
};
document.body.dataset.ready = 'yes';
