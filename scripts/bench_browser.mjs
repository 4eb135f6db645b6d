#!/usr/bin/env node
// The browser benchmark of issue #14: presslens beside compromise (+ compromise-dates) and
// wink-nlp (+ wink-eng-lite-web-model) in one headless-Chromium page, on the same corpus.
//
//   bash scripts/bench_browser.sh            # builds the release wasm and CLI, then runs this with --write
//   node scripts/bench_browser.mjs [--write] [--smoke]
//   node scripts/bench_browser.mjs --only pageload   # part 4 alone (ONLY=pageload also works)
//   node scripts/bench_browser.mjs --only memory     # part 3 alone
//
// --write replaces the "browser" section of BENCHMARKS.md; --smoke runs everything on tiny
// inputs (a few seconds of work, figures meaningless) to check that the benchmark itself works.
// --only pageload runs part 4 alone (the real page's load → first result, with its marks and
// the JS bytes the page loads) and prints it; it never writes BENCHMARKS.md. BASELINE=DIR adds
// the page in DIR to its turns, e.g. www/ of an older commit for a before/after in one run:
//   git archive COMMIT www | tar -x -C DIR --strip-components=1 && cp -r www/pkg DIR/
// Environment: MB (corpus size, default 5), ROUNDS (3), COLD (5 cold starts per engine),
// LOADS (10 cold page loads), LOAD_MAX (wait while the 1-minute load average is above it;
// default: the number of cores), MAX_WAIT (seconds to wait for a quiet machine per run, 60; about
// 40 runs wait, so a machine that never quietens adds at most about 40 minutes).
//
// What it measures, each figure printed with how it was taken:
// 1. Throughput: the sample articles repeated into documents until the corpus holds MB
//    megabytes (UTF-8; 1 MB = 10^6 bytes), given to each engine in turn on the main thread of one
//    page, ROUNDS rounds in alternation (the order rotates each round), after waiting for a quiet
//    machine before each run. presslens: one `analyze` call on the whole batch (full pipeline,
//    result converted to JS objects); compromise: people, places, organizations and dates of each
//    document; wink-nlp: readDoc and its entities of each document.
// 2. Cold start (each in a fresh browser context, so nothing is cached): presslens split into
//    glue import / wasm fetch / compile / instantiate / model load / first analyze (the five
//    sample articles), and the streamed variant the page uses (instantiateStreaming); the others'
//    import, model set-up and first analyze.
// 3. presslens alone on 1, 5 and 10 MB batches, each in a fresh page: wasm memory
//    (WebAssembly.Memory buffer byteLength) after the batch, and time per MB. The page's first
//    1 MB batch is timed apart ("first batch": V8 recompiles the hot code with TurboFan while it
//    runs, a fixed cost per page, which made the 1 MB figure 1.29× the 10 MB one on 2026-12-01),
//    and the time per MB of each size is taken on the batch after it.
// 4. The real page, served by scripts/serve.mjs: navigation start → `presslens:first-result`
//    (the five sample articles analysed and drawn), LOADS cold loads, with the page's other marks,
//    the analysis worker's (its start, instance, analyzer, warm-up, preview: where the cold start's
//    time goes in the real page) and the JS it requested; the built page (target/www, scripts/build_page.mjs, what
//    scripts/page.sh serves: the acceptance figure) and www/ as is, in turns.
// 5. Payload sizes raw / gzip -9 / brotli -q 11 of each engine, and what scripts/serve.mjs sends
//    for the wasm module by Accept-Encoding.
// 6. The native CLI (target/release/presslens analyze) on the same corpus as JSON Lines, pinned
//    to one core and then to two (taskset), when the binary exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { ROOT, SEEDS, launch, markEvents, requireBuild } from '../tests/e2e/helpers.mjs';
import { serve } from './serve.mjs';
import { DEFAULT_OUT as BUILT_DIR, buildPage } from './build_page.mjs';

const SMOKE = process.argv.includes('--smoke');
const onlyArg = process.argv.indexOf('--only');
const ONLY = onlyArg >= 0 ? process.argv[onlyArg + 1] : process.env.ONLY;
if (ONLY !== undefined && ONLY !== 'pageload' && ONLY !== 'memory') {
  console.error(`bench_browser: --only/ONLY knows two parts, pageload and memory, not ${JSON.stringify(ONLY)}`);
  process.exit(2);
}
const WRITE = process.argv.includes('--write') && !SMOKE && !ONLY;
const env = (name, dflt) => Number(process.env[name] ?? dflt);
const MB = SMOKE ? 0.1 : env('MB', 5);
const ROUNDS = SMOKE ? 1 : env('ROUNDS', 3);
const COLD = SMOKE ? 1 : env('COLD', 5);
const LOADS = SMOKE ? 2 : env('LOADS', 10);
const SIZES = SMOKE ? [0.05, 0.1, 0.2] : [1, 5, 10];
const CORES = os.cpus().length;
const LOAD_MAX = env('LOAD_MAX', CORES);
const MAX_WAIT = SMOKE ? 0 : env('MAX_WAIT', 60);
const ENGINES = ['presslens', 'compromise', 'wink'];
const NAMES = { presslens: 'presslens', compromise: 'compromise + compromise-dates', wink: 'wink-nlp + wink-eng-lite-web-model' };
const OUT = join(ROOT, 'target/bench-browser');

const log = (...a) => console.error('bench_browser:', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const load1 = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
const loads = []; // the 1-minute load average at the start of each timed run

/** Waits (up to MAX_WAIT s) while the machine is busier than LOAD_MAX; records the load. */
async function quiet() {
  const start = Date.now();
  while (load1() > LOAD_MAX && Date.now() - start < MAX_WAIT * 1000) await sleep(5000);
  const l = load1();
  loads.push(l);
  return l;
}

// ---- the page's folder ----------------------------------------------------------------------

/**
 * A CommonJS bundle as an ES module (wink-nlp ships CommonJS only, and the page has no bundler):
 * every file reachable from `entries` through relative require() calls, each wrapped in a
 * function, with a small require(). `entries`: export name → file.
 */
function bundleCommonJs(entries) {
  const files = [];
  const ids = new Map();
  const add = (file) => {
    if (ids.has(file)) return ids.get(file);
    const id = files.length;
    ids.set(file, id);
    const m = { file, deps: {} };
    files.push(m);
    const src = readFileSync(file, 'utf8');
    if (file.endsWith('.json')) {
      m.code = `module.exports = ${src};`;
      return id;
    }
    m.code = src;
    for (const [, spec] of src.matchAll(/require\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
      let target = resolve(dirname(file), spec);
      if (!existsSync(target) && existsSync(`${target}.js`)) target += '.js';
      m.deps[spec] = add(target);
    }
    return id;
  };
  const exported = Object.entries(entries).map(([name, file]) => [name, add(file)]);
  const defs = files.map((m) => `// ${m.file.slice(ROOT.length)}\nfunction (module, exports, require) {\n${m.code}\n}`);
  return [
    '// Generated by scripts/bench_browser.mjs for the benchmark page only (never shipped). MIT, see the packages.',
    `const defs = [\n${defs.join(',\n')}\n];`,
    `const deps = ${JSON.stringify(files.map((m) => m.deps))};`,
    'const cache = [];',
    'function load(id) {',
    '  if (cache[id]) return cache[id].exports;',
    '  const module = (cache[id] = { exports: {} });',
    '  defs[id](module, module.exports, (spec) => { if (!(spec in deps[id])) throw new Error(`not bundled: ${spec}`); return load(deps[id][spec]); });',
    '  return module.exports;',
    '}',
    ...exported.map(([name, id]) => `export const ${name} = load(${id});`),
  ].join('\n');
}

const NM = join(ROOT, 'node_modules');
const pkgVersion = (name) => JSON.parse(readFileSync(join(NM, name, 'package.json'), 'utf8')).version;

/** Writes the benchmark page and everything it loads to target/bench-browser/. */
function assemble() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'pkg'), { recursive: true });
  for (const f of ['presslens.js', 'presslens_bg.wasm']) copyFileSync(join(ROOT, 'www/pkg', f), join(OUT, 'pkg', f));
  copyFileSync(join(NM, 'compromise/builds/three/compromise-three.mjs'), join(OUT, 'compromise.mjs'));
  copyFileSync(join(NM, 'compromise-dates/builds/compromise-dates.mjs'), join(OUT, 'compromise-dates.mjs'));
  writeFileSync(
    join(OUT, 'wink.js'),
    bundleCommonJs({
      winkNLP: join(NM, 'wink-nlp/src/wink-nlp.js'),
      its: join(NM, 'wink-nlp/src/its.js'),
      model: join(NM, 'wink-eng-lite-web-model/dist/model.js'),
    }),
  );
  copyFileSync(join(ROOT, 'scripts/bench_browser/page.js'), join(OUT, 'page.js'));
  copyFileSync(join(ROOT, 'www/modules/compact.js'), join(OUT, 'compact.js'));
  writeFileSync(join(OUT, 'seeds.json'), JSON.stringify(Object.entries(SEEDS).map(([id, text]) => ({ id, text }))));
  writeFileSync(join(OUT, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>presslens benchmark</title><script type="module" src="page.js"></script></head><body></body></html>\n');
}

// ---- measurements ---------------------------------------------------------------------------

async function benchPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.waitForFunction(() => document.body?.dataset.ready === 'yes', null, { timeout: 60_000 });
  const call = async (fn, ...args) => {
    try {
      return await page.evaluate(fn, args);
    } catch (err) {
      throw new Error(`${err.message}\npage errors: ${errors.join('; ')}`);
    }
  };
  return { page, context, call };
}

async function throughput(browser, url) {
  const { context, call } = await benchPage(browser, url);
  const cold = {};
  for (const e of ENGINES) cold[e] = await call(([e]) => window.bench.load(e), e);
  const runs = Object.fromEntries(ENGINES.map((e) => [e, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = ENGINES.map((_, i) => ENGINES[(i + round) % ENGINES.length]);
    for (const e of order) {
      const load = await quiet();
      const r = await call(([e, b]) => window.bench.run(e, b), e, MB * 1e6);
      r.load = load;
      r.mbs = r.bytes / 1e6 / (r.ms / 1000);
      runs[e].push(r);
      log(`round ${round + 1}: ${e} ${r.mbs.toFixed(3)} MB/s (${(r.ms / 1000).toFixed(1)} s, ${r.found} found, load ${load})`);
    }
  }
  // The hand-off of presslens's result for the whole corpus (its last run), three times.
  const handoffs = [];
  for (let i = 0; i < ROUNDS; i++) {
    await call(([b]) => window.bench.run('presslens', b), MB * 1e6);
    await quiet();
    handoffs.push(await call(() => window.bench.handoff()));
  }
  await context.close();
  if (!handoffs.every((h) => h.same)) throw new Error('www/modules/compact.js: unpack(pack(x)) differs from x on the benchmark corpus');
  runs.handoff = Object.fromEntries(['objects', 'pack', 'clone', 'unpack'].map((k) => [k, median(handoffs.map((h) => h[k]))]));
  Object.assign(runs.handoff, { documents: handoffs[0].documents, jsonBytes: handoffs[0].jsonBytes });
  return runs;
}

async function coldStarts(browser, url) {
  const variants = [['presslens', { stream: false }], ['presslens', { stream: true }], ['compromise', {}], ['wink', {}]];
  const out = variants.map(() => []);
  for (let i = 0; i < COLD; i++) {
    for (const [k, [e, opts]] of variants.entries()) {
      await quiet();
      const { context, call } = await benchPage(browser, url);
      out[k].push((await call(([e, o]) => window.bench.load(e, o), e, opts)).steps);
      await context.close();
    }
  }
  const med = (list) => Object.fromEntries(Object.keys(list[0]).map((s) => [s, median(list.map((x) => x[s]))]));
  return { presslens: med(out[0]), streamed: med(out[1]), compromise: med(out[2]), wink: med(out[3]) };
}

async function memory(browser, url) {
  const rows = [];
  for (const mb of SIZES) {
    await quiet();
    const { context, call } = await benchPage(browser, url);
    await call(() => window.bench.load('presslens'));
    const before = await call(() => window.bench.run('presslens', 0)); // memory after the warm-up
    // The first big batch in a fresh page runs while V8 still recompiles the hot functions
    // from Liftoff to TurboFan (a fixed cost per page, not per MB): timed on its own as the
    // cold figure, so that the timed batch after it measures how the time grows with the size.
    const cold = await call(([b]) => window.bench.run('presslens', b), SIZES[0] * 1e6);
    await quiet();
    const r = await call(([b]) => window.bench.run('presslens', b), mb * 1e6);
    rows.push({ mb, ...r, before: before.memory, msPerMb: r.ms / (r.bytes / 1e6), coldMsPerMb: cold.ms / (cold.bytes / 1e6) });
    log(`memory: ${mb} MB batch → ${(r.memory / 2 ** 20).toFixed(1)} MiB wasm memory, ${(r.ms / 1000).toFixed(1)} s (first ${SIZES[0]} MB batch of the page: ${(cold.ms / 1000).toFixed(1)} s)`);
    await context.close();
  }
  return rows;
}

/**
 * The JS files one load of the real page requests before its first result (the module graph,
 * the worker and its imports, the glue), each with its size as sent decoded and gzip -9 alone.
 * Its load is also the server's warm-up: scripts/serve.mjs compresses each file on its first
 * request (a static host serves precompressed files), so the timed loads start after it.
 */
async function pageScripts(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pending = [];
  context.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.m?js$/.test(path)) pending.push(r.body().then((b) => ({ path, raw: b.length, gzip: gzipSync(b, { level: 9 }).length }), () => null));
  });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('presslens:first-result').length > 0, null, { timeout: 60_000 });
  const files = (await Promise.all(pending)).filter(Boolean).sort((a, b) => (a.path < b.path ? -1 : 1));
  await context.close();
  return { files, raw: files.reduce((a, f) => a + f.raw, 0), gzip: files.reduce((a, f) => a + f.gzip, 0) };
}

/**
 * The analysis worker's own user-timing marks (worker.js: instantiated, analyzer, warmed-up,
 * preview) and its start (the worker's time origin), in ms after the page's navigation start,
 * named `worker: …`; none when the page has no worker (yet) or it cannot be read.
 */
async function workerMarks(page) {
  const [worker] = page.workers();
  if (!worker) return {};
  const read = () => ({ origin: performance.timeOrigin, marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('presslens:')).map((m) => [m.name, m.startTime]) });
  try {
    const [p, w] = await Promise.all([page.evaluate(read), worker.evaluate(read)]);
    const shift = w.origin - p.origin;
    return { 'worker: started (its time origin)': shift, ...Object.fromEntries(w.marks.map(([name, t]) => [`worker: ${name}`, t + shift])) };
  } catch {
    return {};
  }
}

/**
 * LOADS cold loads of each page in `pages` ({name: url}), in turns (so that a busy spell of
 * the shared machine falls on both), each in a fresh context: navigation start →
 * `presslens:first-result`, with the page's other marks and the worker's (medians) and its scripts.
 */
async function firstResults(browser, pages) {
  const names = Object.keys(pages);
  const out = {};
  for (const n of names) out[n] = { scripts: await pageScripts(browser, pages[n]), all: [] };
  for (let i = 0; i < LOADS; i++) {
    for (const n of names) {
      await quiet();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const marks = await markEvents(page);
      await page.goto(pages[n]);
      await marks.seen('presslens:first-result', 60_000);
      // The whole batch drawn, too (a page from before that mark: its batch result, or give up after 10 s).
      await Promise.any([marks.seen('presslens:batch-drawn', 10_000), marks.seen('presslens:render', 10_000)]).catch(() => {});
      out[n].all.push({ ...(await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('presslens:')).map((m) => [m.name, m.startTime])))), ...(await workerMarks(page)) });
      await context.close();
    }
  }
  for (const r of Object.values(out)) {
    const marks = [...new Set(r.all.flatMap((m) => Object.keys(m)))];
    r.runs = r.all.map((m) => m['presslens:first-result']);
    r.batchRuns = r.all.map((m) => m['presslens:batch-drawn']).filter((x) => x !== undefined);
    r.marks = Object.fromEntries(marks.map((k) => [k, median(r.all.map((m) => m[k]).filter((x) => x !== undefined))]));
  }
  return out;
}

const BUILT = 'target/www (node scripts/build_page.mjs: bundled, minified; what bash scripts/page.sh serves)';
const SOURCES = 'www/ as is (17 module files)';

/** Part 4: the built page and www/, each served by scripts/serve.mjs; Markdown lines. */
async function pageLoad(browser) {
  await buildPage();
  const built = await serve({ port: 0, root: BUILT_DIR });
  const source = await serve({ port: 0 });
  // BASELINE=DIR: a third page in the turns, e.g. www/ of an older commit (a before/after in one run).
  const base = process.env.BASELINE ? await serve({ port: 0, root: resolve(process.env.BASELINE) }) : null;
  try {
    const pages = { [BUILT]: built.url, [SOURCES]: source.url };
    if (base) pages[`${process.env.BASELINE} (BASELINE)`] = base.url;
    const r = await firstResults(browser, pages);
    const med = Object.fromEntries(Object.entries(r).map(([n, x]) => [n, median(x.runs)]));
    const medBatch = Object.fromEntries(Object.entries(r).map(([n, x]) => [n, median(x.batchRuns)]));
    const marks = [...new Set(Object.values(r).flatMap((x) => Object.keys(x.marks)))].sort((a, b) => r[BUILT].marks[a] - r[BUILT].marks[b]);
    const lines = [
      `Navigation start → \`presslens:first-result\` (the five sample articles sent to the worker, the first analysed alone and drawn in the article view), ${LOADS} cold loads of each page in turns, a fresh browser context each:`,
      '',
      ...Object.entries(r).map(([n, x]) => `- ${n}: median **${ms(med[n])}**, each: ${x.runs.map((v) => Math.round(v)).join(', ')} ms`),
      '',
      'Navigation start → `presslens:batch-drawn` (the whole batch, linked across the articles, drawn; a page without that mark shows —):',
      '',
      ...Object.entries(r).map(([n, x]) => `- ${n}: median ${x.batchRuns.length ? `**${ms(medBatch[n])}**, each: ${x.batchRuns.map((v) => Math.round(v)).join(', ')} ms` : '—'}`),
      '',
      `| page mark (median, ms after navigation start) | ${Object.keys(r).map((n) => n.split(' (')[0]).join(' | ')} |`,
      `|---|${Object.keys(r).map(() => '---:').join('|')}|`,
      ...marks.map((m) => `| ${m} | ${Object.values(r).map((x) => (x.marks[m] === undefined ? '—' : ms(x.marks[m]))).join(' | ')} |`),
      '',
      'JavaScript each page requested before its first result (one load; sizes as decoded, and gzip -9 of each file alone):',
      '',
      '| page | files | raw | gzip |',
      '|---|---:|---:|---:|',
      ...Object.entries(r).map(([n, x]) => `| ${n.split(' (')[0]} | ${x.scripts.files.length} (${[...new Set(x.scripts.files.map((f) => f.path))].join(', ')}) | ${kb(x.scripts.raw)} | ${kb(x.scripts.gzip)} |`),
    ];
    return { median: med[BUILT], sourceMedian: med[SOURCES], batchMedian: medBatch[BUILT], lines };
  } finally {
    await built.close();
    await source.close();
    await base?.close();
  }
}

function sizes(files) {
  const bufs = files.map((f) => readFileSync(f));
  const raw = Buffer.concat(bufs);
  // Each file compressed alone, as a server sends it.
  const sum = (fn) => bufs.reduce((a, b) => a + fn(b).length, 0);
  return {
    raw: raw.length,
    gzip: sum((b) => gzipSync(b, { level: 9 })),
    brotli: sum((b) => brotliCompressSync(b, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: b.length } })),
  };
}

function payloads() {
  const www = (f) => join(ROOT, 'www', f);
  const ls = (dir) => execFileSync('git', ['ls-files', dir], { cwd: ROOT }).toString().split('\n').filter((f) => f.endsWith('.js')).map((f) => join(ROOT, f));
  const pageJs = [...ls('www/*.js'), ...ls('www/modules'), ...ls('www/vendor')];
  return {
    'presslens: wasm module': sizes([www('pkg/presslens_bg.wasm')]),
    'presslens: wasm + glue (pkg/presslens.js)': sizes([www('pkg/presslens_bg.wasm'), www('pkg/presslens.js')]),
    'presslens: wasm + all JS the page loads (glue, worker, app, modules, vendor)': sizes([www('pkg/presslens_bg.wasm'), www('pkg/presslens.js'), ...pageJs]),
    'presslens: the whole page (the above + index.html, styles.css, corpus.json)': sizes([www('pkg/presslens_bg.wasm'), www('pkg/presslens.js'), ...pageJs, www('index.html'), www('styles.css'), www('corpus.json')]),
    'presslens: wasm + the built page\'s JS (target/www: boot.js, app.js, worker.js bundles, vendor)': sizes([www('pkg/presslens_bg.wasm'), ...['boot.js', 'app.js', 'worker.js'].map((f) => join(BUILT_DIR, f)), ...ls('www/vendor')]),
    [`compromise ${pkgVersion('compromise')} + compromise-dates ${pkgVersion('compromise-dates')} (builds/*.mjs)`]: sizes([join(OUT, 'compromise.mjs'), join(OUT, 'compromise-dates.mjs')]),
    [`wink-nlp ${pkgVersion('wink-nlp')} + wink-eng-lite-web-model ${pkgVersion('wink-eng-lite-web-model')} (sources as published, bundled unminified)`]: sizes([join(OUT, 'wink.js')]),
  };
}

/** What scripts/serve.mjs sends for the wasm module, by Accept-Encoding. */
async function served(url) {
  const rows = [];
  for (const accept of ['gzip, deflate, br, zstd', 'gzip', 'identity']) {
    const res = await fetch(new URL('pkg/presslens_bg.wasm', url), { headers: { 'accept-encoding': accept } });
    const body = Buffer.from(await res.arrayBuffer()); // Node's fetch decodes: count the bytes on the wire instead
    rows.push({ accept, type: res.headers.get('content-type'), encoding: res.headers.get('content-encoding') ?? 'none', wire: Number(res.headers.get('content-length')), decoded: body.length });
  }
  return rows;
}

/** The CLI on the corpus as JSON Lines, on one core then two (taskset), best of ROUNDS. */
/** CoNLL-2003 test F1 of the whole pipeline (scripts/tagger_e2e.py through the release CLI), or null. */
function conllF1() {
  if (SMOKE || !existsSync(join(ROOT, 'target/release/presslens'))) return null;
  const r = spawnSync('python3', ['scripts/tagger_e2e.py', '--split', 'test'], { cwd: ROOT, encoding: 'utf8' });
  const m = /presslens analyze \+ score\.py: .*F1 ([0-9.]+)/.exec(`${r.stdout}${r.stderr}`);
  return m ? Number(m[1]) : null;
}

async function cli() {
  const bin = join(ROOT, 'target/release/presslens');
  if (!existsSync(bin) || !existsSync('/usr/bin/taskset')) return null;
  const lines = [];
  let bytes = 0;
  for (let round = 0; bytes < MB * 1e6; round++) {
    for (const [id, text] of Object.entries(SEEDS)) {
      if (bytes >= MB * 1e6) break;
      lines.push(JSON.stringify({ id: `${round}-${id}`, text }));
      bytes += Buffer.byteLength(text);
    }
  }
  const input = join(OUT, 'corpus.jsonl');
  writeFileSync(input, lines.join('\n') + '\n');
  const out = {};
  for (const [name, cpus] of [['one', '0'], ['two', '0,1']]) {
    if (name === 'two' && CORES < 2) break;
    const times = [];
    for (let i = 0; i < ROUNDS; i++) {
      await quiet(); // like every other timed run: the one-core figure is the one most hurt by a busy machine
      const t = process.hrtime.bigint();
      const r = spawnSync('taskset', ['-c', cpus, bin, 'analyze'], { input: readFileSync(input), stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
      if (r.status !== 0) throw new Error(`presslens analyze failed: ${r.stderr}`);
      times.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
    out[name] = { seconds: Math.min(...times), mbs: bytes / 1e6 / Math.min(...times) };
  }
  out.bytes = bytes;
  return out;
}

// ---- the report -----------------------------------------------------------------------------

const ms = (x) => `${Math.round(x)} ms`;
const kb = (b) => `${(b / 1e3).toFixed(1)} kB`;
const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

/** Today's date, the commit, and whether the measured code has uncommitted changes. */
function stamp() {
  const git = (...args) => execFileSync('git', args, { cwd: ROOT }).toString().trim();
  return {
    date: new Date().toISOString().slice(0, 10),
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: git('status', '--porcelain', '--', 'src', 'www', 'scripts', 'Cargo.toml', 'model') !== '',
  };
}

/** The acceptance line on wasm memory after the largest batch. */
function memoryLine(mem) {
  const last = mem.at(-1);
  return `${verdict(last.memory <= 64 * 2 ** 20)} ${last.mb} MB batch ≤ 64 MB wasm memory: ${mib(last.memory)}`;
}

/** The acceptance line on time per MB: the batches timed after the page's first batch. */
function flatLine(mem) {
  const perMb = mem.map((r) => r.msPerMb);
  const flat = Math.max(...perMb) / Math.min(...perMb);
  const cold = median(mem.map((r) => r.coldMsPerMb));
  return (
    `${verdict(flat <= 1.15)} time per MB flat within 15 % from ${SIZES[0]} to ${SIZES.at(-1)} MB (each batch in a fresh page, after that page's first ${SIZES[0]} MB batch): ` +
    `slowest / fastest ${flat.toFixed(2)} (${perMb.map((x) => ms(x)).join(', ')} per MB); the first ${SIZES[0]} MB batch of a fresh page, while V8 tiers the code up: ${ms(cold)} per MB (median of ${mem.length})`
  );
}

function memTable(mem) {
  return [
    `Each batch size in a fresh page: the five sample articles (the cold start), then a first ${SIZES[0]} MB batch (timed as "first batch": V8 compiles the hot functions again with TurboFan while it runs, a fixed cost per page), then the batch timed for time per MB. The memory is read after the last batch.`,
    '',
    `| batch | documents | wasm memory after | time | time per MB | first ${SIZES[0]} MB batch of the page, per MB |`,
    '|---:|---:|---:|---:|---:|---:|',
    ...mem.map((r) => `| ${r.bytes} bytes | ${r.docs} | ${mib(r.memory)} (after the 5 sample articles: ${mib(r.before)}) | ${(r.ms / 1000).toFixed(2)} s | ${ms(r.msPerMb)} | ${ms(r.coldMsPerMb)} |`),
  ];
}

requireBuild();
if (ONLY === 'memory') {
  // Part 3 alone, printed (never written to BENCHMARKS.md).
  assemble();
  const bench = await serve({ port: 0, root: OUT });
  const browser = await launch();
  try {
    const mem = await memory(browser, bench.url);
    const { date, commit, dirty } = stamp();
    console.log(
      [
        `Command: \`node scripts/bench_browser.mjs --only memory\` — ${date}, commit ${commit}${dirty ? ' (with uncommitted changes)' : ''}, headless Chromium ${browser.version()}, ${CORES} cores; load at the runs' starts ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}.`,
        '',
        memoryLine(mem),
        flatLine(mem),
        '',
        ...memTable(mem),
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await bench.close();
  }
  process.exit(0);
}
if (ONLY === 'pageload') {
  // Part 4 alone, printed (never written to BENCHMARKS.md).
  const browser = await launch();
  try {
    log(`page load → first result only, ${LOADS} cold loads of each page, waiting while the load average is above ${LOAD_MAX}`);
    const first = await pageLoad(browser);
    const { date, commit, dirty } = stamp();
    console.log(
      [
        `Command: \`node scripts/bench_browser.mjs --only pageload\` — ${date}, commit ${commit}${dirty ? ' (with uncommitted changes)' : ''}, headless Chromium ${browser.version()}, ${CORES} cores; ` +
          `each load waited (at most ${MAX_WAIT} s) for a 1-minute load average ≤ ${LOAD_MAX}: load at the loads' starts ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (median ${median(loads).toFixed(2)}).`,
        '',
        `${verdict(first.median <= 200)} page load → first result ≤ 200 ms (median of ${LOADS} cold loads of the built page): ${ms(first.median)}; the whole batch drawn: ${ms(first.batchMedian)}`,
        '',
        ...first.lines,
      ].join('\n'),
    );
  } finally {
    await browser.close();
  }
  process.exit(0);
}
assemble();
const bench = await serve({ port: 0, root: OUT });
const site = await serve({ port: 0 });
const browser = await launch();
let report;
try {
  log(`corpus ${MB} MB, ${ROUNDS} rounds, waiting while the load average is above ${LOAD_MAX}`);
  const runs = await throughput(browser, bench.url);
  log('cold starts');
  const cold = await coldStarts(browser, bench.url);
  log('memory and time per MB');
  const mem = await memory(browser, bench.url);
  log('page load → first result');
  const first = await pageLoad(browser);
  const pay = payloads();
  const wire = await served(site.url);
  log('native CLI');
  const native = await cli();
  log('CoNLL-2003 test F1 end to end');
  const f1 = conllF1();

  const mbs = Object.fromEntries(ENGINES.map((e) => [e, median(runs[e].map((r) => r.mbs))]));
  const vsCompromise = mbs.presslens / mbs.compromise;
  const vsWink = mbs.presslens / mbs.wink;
  const firstMedian = first.median;
  // What ships: the module and the built page's JS, which bash scripts/page.sh serves.
  const shipped = Object.entries(pay).find(([k]) => k.includes('built page'))[1];
  const loose = Object.entries(pay).find(([k]) => k.includes('all JS'))[1];
  const { date, commit, dirty } = stamp();
  const corpusBytes = runs.presslens[0].bytes;

  const acceptance = [
    `${verdict(mbs.presslens >= 2)} presslens full pipeline in Chromium ≥ 2 MB/s on one core (goal 5): ${mbs.presslens.toFixed(2)} MB/s`,
    `${verdict(vsCompromise >= 40)} presslens ≥ 40× compromise in the same run: ${vsCompromise.toFixed(1)}×`,
    native
      ? `${verdict(native.one.mbs >= 5)} native CLI ≥ 5 MB/s on one core: ${native.one.mbs.toFixed(2)} MB/s`
      : 'FAIL native CLI ≥ 5 MB/s on one core: not measured (target/release/presslens or taskset missing: run bash scripts/bench_browser.sh)',
    native?.two
      ? `${verdict(native.two.mbs / native.one.mbs >= 1.7)} native CLI ≥ 1.7× on two cores: ${(native.two.mbs / native.one.mbs).toFixed(2)}× (${native.two.mbs.toFixed(2)} MB/s)`
      : 'FAIL native CLI ≥ 1.7× on two cores: not measured (needs two cores and the CLI)',
    `${verdict(firstMedian <= 200)} page load → first result ≤ 200 ms (median of ${LOADS} cold loads of the built page, target/www): ${ms(firstMedian)} (www/ as is: ${ms(first.sourceMedian)}); the whole batch drawn: ${ms(first.batchMedian)}`,
    `${verdict(shipped.gzip <= 0.7e6 && f1 !== null && f1 >= 0.8663 - 0.003)} wasm + JS ≤ 0.7 MB gzip (the built page that page.sh serves, target/www): ${(shipped.gzip / 1e6).toFixed(3)} MB (www/'s loose files instead: ${(loose.gzip / 1e6).toFixed(3)} MB), with CoNLL test F1 end to end within 0.3 point of 0.8663: ${f1 === null ? 'not measured (needs target/release/presslens and python3)' : f1.toFixed(4)} (python3 scripts/tagger_e2e.py --split test)`,
    memoryLine(mem),
    flatLine(mem),
  ].map((l) => `- ${l}`);
  if (SMOKE) acceptance.unshift('(smoke run: tiny inputs, the figures below mean nothing)');

  const stepRow = (name, s) =>
    `| ${name} | ${['import_js', 'fetch', 'compile', 'instantiate', 'fetch_compile_instantiate_streaming', 'model_load', 'first_analyze'].map((k) => (s[k] === undefined ? '—' : ms(s[k]))).join(' | ')} |`;
  report = [
    '## Browser: presslens beside compromise and wink-nlp (issue #14)',
    '',
    `Command: \`bash scripts/bench_browser.sh\` (\`node scripts/bench_browser.mjs --write\` after building the release wasm and CLI; \`--smoke\` checks the benchmark in seconds) — ${date}, commit ${commit}${dirty ? ' (with uncommitted changes)' : ''}, ` +
      `headless Chromium ${browser.version()}, ${CORES} cores; each timed run waited (at most ${MAX_WAIT} s) for a 1-minute load average ≤ ${LOAD_MAX}: ` +
      `load at the runs' starts ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (median ${median(loads).toFixed(2)}; the machine is shared, so figures are noisy).`,
    '',
    '### Acceptance (issue #14)',
    '',
    ...acceptance,
    '',
    `### Throughput: ${corpusBytes} bytes (${runs.presslens[0].docs} documents: the five sample articles repeated), main thread, ${ROUNDS} rounds in alternation`,
    '',
    '| engine | MB/s, median | each round | found (one run) |',
    '|---|---:|---|---:|',
    ...ENGINES.map((e) => `| ${NAMES[e]} | ${mbs[e].toFixed(3)} | ${runs[e].map((r) => `${r.mbs.toFixed(3)} (${(r.ms / 1000).toFixed(1)} s)`).join(', ')} | ${runs[e][0].found} |`),
    '',
    `Ratios of the medians: presslens / compromise **${vsCompromise.toFixed(1)}×**, presslens / wink-nlp **${vsWink.toFixed(2)}×**. ` +
      'presslens: one `analyze` call on the whole batch, full pipeline, result converted to JS objects (entities counted); compromise: `nlp(text)` then people, places, organizations and dates (`.json()`) of each document; wink-nlp: `readDoc(text).entities().out(its.detail)` of each document (its entities are dates, numbers and the like: it has no names).',
    '',
    `### Worker → page hand-off of presslens's result for the corpus (${runs.handoff.documents} documents; ${(runs.handoff.jsonBytes / 1e6).toFixed(1)} MB as JSON), median of ${ROUNDS}, timed on one thread`,
    '',
    '| form | worker side | structured clone (serialize + deserialize) | page side | page\'s main thread in all |',
    '|---|---:|---:|---:|---:|',
    `| objects, as the core returns them (before issue #14) | — | ${ms(runs.handoff.objects)} | — | about half the clone: the deserialization |`,
    `| compact (www/modules/compact.js: typed-array columns transferred, strings once, entity text sliced from the article) | pack ${ms(runs.handoff.pack)} | ${ms(runs.handoff.clone)} | unpack ${ms(runs.handoff.unpack)} | ${ms(runs.handoff.unpack)} + deserialization (under ${ms(runs.handoff.clone)}) |`,
    '',
    'The worker sends each document in its own message, so the page handles these costs in many small tasks (one per document) rather than one.',
    '',
    `### Cold start, median of ${COLD}, each in a fresh browser context (empty cache), benchmark page served by scripts/serve.mjs (compressed)`,
    '',
    '| engine | import JS | fetch wasm | compile | instantiate | fetch + compile + instantiate, streamed | model load | first analyze (5 sample articles) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    stepRow('presslens, step by step (fetch, then `WebAssembly.compile`, then instantiate)', cold.presslens),
    stepRow('presslens, streamed (`instantiateStreaming`, as the page does)', cold.streamed),
    stepRow(NAMES.compromise + ' (model load: `nlp.plugin(dates)`)', cold.compromise),
    stepRow(NAMES.wink + ' (import includes parsing the model module; model load: `winkNLP(model)`)', cold.wink),
    '',
    'presslens model load is `new Analyzer()` (the tagger model parsed from the embedded bytes); the lexicons, gazetteer and sentence model load lazily within the first analyze.',
    '',
    '### presslens: batch size, wasm memory and time per MB (each batch in a fresh page)',
    '',
    ...memTable(mem),
    '',
    `### Page load → first result (served by scripts/serve.mjs, compressed; ${LOADS} cold loads of each page)`,
    '',
    ...first.lines,
    '',
    '### Payload (each file compressed alone: gzip -9, brotli quality 11)',
    '',
    '| what | raw | gzip | brotli |',
    '|---|---:|---:|---:|',
    ...Object.entries(pay).map(([k, s]) => `| ${k} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`),
    '',
    'What scripts/serve.mjs sends for `pkg/presslens_bg.wasm`:',
    '',
    '| Accept-Encoding | Content-Type | Content-Encoding | bytes sent |',
    '|---|---|---|---:|',
    ...wire.map((w) => `| ${w.accept} | ${w.type} | ${w.encoding} | ${w.wire} |`),
    '',
    'A static host decides this itself (not measured here: from the hosts\' documented defaults): nginx as installed sends the module uncompressed ' +
      '(`gzip off`; even with `gzip on` only `text/html` is compressed unless `gzip_types` lists `application/wasm`; brotli needs a third-party module), with ' +
      '`Content-Type: application/wasm` from its stock mime.types since 1.21 (older ones need a `types` entry, or streaming compilation fails). ' +
      'GitHub Pages serves `.wasm` as `application/wasm` and compresses with gzip at its CDN when asked. So on such hosts the download is the raw or the gzip column above; ' +
      'brotli needs a server that does it (or precompressed `.br` files and a rule to send them).',
    '',
    native
      ? `### Native CLI (\`target/release/presslens analyze\`, the same corpus as ${native.bytes} bytes of JSON Lines text, best of ${ROUNDS}, pinned with taskset)\n\n` +
        `| cores | time | MB/s |\n|---:|---:|---:|\n| 1 | ${native.one.seconds.toFixed(2)} s | ${native.one.mbs.toFixed(2)} |\n` +
        (native.two ? `| 2 | ${native.two.seconds.toFixed(2)} s | ${native.two.mbs.toFixed(2)} (${(native.two.mbs / native.one.mbs).toFixed(2)}×) |\n` : '')
      : '',
  ].join('\n');
  console.log(report);
  if (WRITE) execFileSync('python3', [join(ROOT, 'scripts/bench_section.py'), 'browser'], { input: report, stdio: ['pipe', 'inherit', 'inherit'] });
} finally {
  await browser.close();
  await bench.close();
  await site.close();
}
