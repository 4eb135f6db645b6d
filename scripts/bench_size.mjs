#!/usr/bin/env node
// What the shipped page downloads, piece by piece (issue #14: wasm + the page's JS ≤ 0.7 MB
// gzip). Usage: node scripts/bench_size.mjs [--wasm FILE] [--page DIR]   (default
// www/pkg/presslens_bg.wasm, as built by `python3 scripts/build_wasm.py release`; --page: the
// built page, default target/www, as written by `node scripts/build_page.mjs`, if it exists)
//
// Prints a Markdown table: each data piece embedded in the module (the files as they are
// embedded, each compressed alone), the module's sections (code, data, the rest), the whole
// module, and the JS the page loads (the files scripts/bench_browser.mjs counts: www/ as is, and
// the built page that bash scripts/page.sh serves: boot.js, app.js and worker.js bundled by
// scripts/build_page.mjs, and www/vendor, loaded with the network view), raw, gzip -9
// and brotli quality 11. The pieces compressed alone add up to a little more than the module
// compressed whole (each stream has its own header and starts with no history).
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : null);
const wasmPath = flag('--wasm') ?? join(ROOT, 'www/pkg/presslens_bg.wasm');
const beforePath = flag('--before');
const pageDir = flag('--page') ?? join(ROOT, 'target/www');

const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const br = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;

/** The newest build-script output folder of the wasm release build (names.fst, entries.bin). */
function buildOut() {
  const base = join(ROOT, 'target/wasm32-unknown-unknown/release/build');
  const dirs = existsSync(base) ? readdirSync(base).filter((d) => d.startsWith('presslens-')).map((d) => join(base, d, 'out')).filter((d) => existsSync(join(d, 'names.fst'))) : [];
  if (!dirs.length) throw new Error(`no ${base}/presslens-*/out/names.fst: run python3 scripts/build_wasm.py release first`);
  return dirs.sort((a, b) => statSync(join(b, 'names.fst')).mtimeMs - statSync(join(a, 'names.fst')).mtimeMs)[0];
}

/** The files `include_bytes!`/`include_str!` embed in the library (tests and the CLI aside). */
function embedded() {
  const out = buildOut();
  const pieces = [
    ['tagger model (model/ner.bin)', join(ROOT, 'model/ner.bin')],
    ['sentence model (model/sentences.bin)', join(ROOT, 'model/sentences.bin')],
    ['gazetteer names FST (build.rs, from data/gazetteer/names.tsv)', join(out, 'names.fst')],
    ['gazetteer entries (build.rs, from data/gazetteer/entries.tsv)', join(out, 'entries.bin')],
    ['gazetteer currencies (data/gazetteer/currencies.tsv)', join(ROOT, 'data/gazetteer/currencies.tsv')],
    ['word clusters (build.rs, from src/1-lexicon/clusters.tsv)', [join(out, 'clusters.bin'), join(out, 'clusters-coarse.bin')]],
  ];
  const lists = [];
  for (const dir of ['src/1-lexicon', 'src/1-lexicon/domain', 'src/3-text/boilerplate']) {
    // clusters.tsv is not embedded: build.rs compiles it (the word clusters above).
    for (const f of readdirSync(join(ROOT, dir))) if (/\.(txt|tsv)$/.test(f) && f !== 'clusters.tsv') lists.push(join(ROOT, dir, f));
  }
  pieces.push([`word lists (${lists.length} files of src/1-lexicon, its domain/ and boilerplate phrases)`, lists]);
  pieces.push(['TypeScript declarations (www/presslens-result.d.ts, custom section)', join(ROOT, 'www/presslens-result.d.ts')]);
  return pieces.map(([name, files]) => {
    const fs = (Array.isArray(files) ? files : [files]).filter(existsSync);
    if (!fs.length) return { name: `${name}: not built`, raw: 0, gzip: 0, brotli: 0 };
    const bytes = fs.map((f) => readFileSync(f));
    return { name, raw: bytes.reduce((s, b) => s + b.length, 0), gzip: bytes.reduce((s, b) => s + gz(b), 0), brotli: bytes.reduce((s, b) => s + br(b), 0) };
  });
}

/** The module's sections by kind: code (id 10), data (11), everything else. */
function sections(wasm) {
  const parts = { code: [], data: [], other: [] };
  let p = 8;
  const leb = () => {
    let v = 0, s = 0, b;
    do { b = wasm[p++]; v += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80);
    return v;
  };
  parts.other.push(wasm.subarray(0, 8));
  while (p < wasm.length) {
    const start = p;
    const id = wasm[p++];
    const len = leb();
    const end = p + len;
    (id === 10 ? parts.code : id === 11 ? parts.data : parts.other).push(wasm.subarray(start, end));
    p = end;
  }
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Buffer.concat(v)]));
}

function pageJs() {
  const ls = (dir) => execFileSync('git', ['ls-files', dir], { cwd: ROOT }).toString().split('\n').filter((f) => f.endsWith('.js')).map((f) => join(ROOT, f));
  return [join(ROOT, 'www/pkg/presslens.js'), ...ls('www/*.js'), ...ls('www/modules'), ...ls('www/vendor')].filter(existsSync);
}

/** The built page's scripts (as bench_browser.mjs counts them), or null if it is not built. */
function builtJs() {
  const files = ['boot.js', 'app.js', 'worker.js'].map((f) => join(pageDir, f));
  if (!files.every(existsSync)) return null;
  const vendor = execFileSync('git', ['ls-files', 'www/vendor'], { cwd: ROOT }).toString().split('\n').filter((f) => f.endsWith('.js')).map((f) => join(ROOT, f));
  return [...files, ...vendor];
}

const kB = (n) => (n / 1000).toFixed(1);
const row = (name, r) => `| ${name} | ${kB(r.raw)} | ${kB(r.gzip)} | ${kB(r.brotli)} |`;
const sizes = (b) => ({ raw: b.length, gzip: gz(b), brotli: br(b) });

const wasm = readFileSync(wasmPath);
const secs = sections(wasm);
const js = pageJs().map((f) => readFileSync(f));
const jsSizes = { raw: js.reduce((s, b) => s + b.length, 0), gzip: js.reduce((s, b) => s + gz(b), 0), brotli: js.reduce((s, b) => s + br(b), 0) };
const whole = sizes(wasm);
const total = (bufs) => ({ raw: bufs.reduce((s, b) => s + b.length, 0), gzip: bufs.reduce((s, b) => s + gz(b), 0), brotli: bufs.reduce((s, b) => s + br(b), 0) });
const plus = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const built = builtJs();
const builtSizes = built && total(built.map((f) => readFileSync(f)));
const lines = [
  `\`node scripts/bench_size.mjs\` — ${new Date().toISOString().slice(0, 10)}, module ${wasmPath.replace(ROOT + '/', '')} (kB = 1000 bytes; each row compressed alone)`,
  '',
  '| piece | raw kB | gzip -9 kB | brotli kB |',
  '|---|---:|---:|---:|',
  ...embedded().map((p) => row(p.name, p)),
  row('module: code section', sizes(secs.code)),
  row('module: data section (the pieces above but the declarations, and constants)', sizes(secs.data)),
  row('module: other sections (types, imports, exports, custom)', sizes(secs.other)),
  row('**wasm module (whole file)**', whole),
  row(`page JS (${js.length} files: glue, worker, app, modules, vendor)`, jsSizes),
  row('**wasm + page JS**', { raw: whole.raw + jsSizes.raw, gzip: whole.gzip + jsSizes.gzip, brotli: whole.brotli + jsSizes.brotli }),
  ...(builtSizes
    ? [
        row(`built page JS (${pageDir.replace(ROOT + '/', '')}: boot.js, app.js, worker.js bundles, vendor; what page.sh serves)`, builtSizes),
        row('**wasm + built page JS**', plus(whole, builtSizes)),
      ]
    : [`| built page JS: ${pageDir.replace(ROOT + '/', '')} is not built (node scripts/build_page.mjs) | | | |`]),
];
if (beforePath) {
  const old = readFileSync(beforePath);
  const oldSecs = sections(old);
  const pair = (name, a, b) => {
    const [x, y] = [sizes(a), sizes(b)];
    return `| ${name} | ${kB(x.raw)} | ${kB(y.raw)} | ${kB(x.gzip)} | ${kB(y.gzip)} | ${kB(x.brotli)} | ${kB(y.brotli)} |`;
  };
  lines.push(
    '',
    `Module sections before (${beforePath.replace(ROOT + '/', '')}) and after:`,
    '',
    '| section | raw kB before | after | gzip -9 kB before | after | brotli kB before | after |',
    '|---|---:|---:|---:|---:|---:|---:|',
    pair('code', oldSecs.code, secs.code),
    pair('data', oldSecs.data, secs.data),
    pair('other', oldSecs.other, secs.other),
    pair('**whole module**', old, wasm),
  );
}
console.log(lines.join('\n'));
