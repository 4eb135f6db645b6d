#!/usr/bin/env node
// Builds the served page: target/www/, a copy of www/ whose three scripts are bundled and
// minified by esbuild (pinned in package.json), so that the browser makes 3 script requests
// instead of 17 (on HTTP/1.1 six at a time, the worker's and the data's requests queued
// behind the modules') and loads less JavaScript. Issue #14 (page start-up).
//
//   node scripts/build_page.mjs              # needs www/pkg: python3 scripts/build_wasm.py release
//   node scripts/build_page.mjs --out DIR    # writes DIR instead
//   node scripts/serve.mjs --root target/www # serves it (bash scripts/page.sh does both)
//
// www/ stays the one source (type-checked, tested as is); this script only transforms it:
// - boot.js, app.js (with every module it imports) and worker.js (with the wasm-bindgen glue
//   and modules/compact.js, which it imports dynamically) each become one minified file of
//   the same name at the same place, so every relative URL in the page stays valid; code
//   that resolves a URL against import.meta.url keeps resolving it from where its source file
//   sits in www/ (the bundler rewrites import.meta.url per file).
// - index.html loses its modulepreload links (nothing left to preload) and gains preload
//   links for the wasm module and the sample articles, which boot.js requests (the requests
//   then start while the HTML is parsed).
// - pkg/presslens_bg.wasm, vendor/ (d3-force, loaded when the network view opens), styles.css
//   and corpus.json are copied as they are; the types (.d.ts), the glue and modules/ are not.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WWW = join(ROOT, 'www');
export const DEFAULT_OUT = join(ROOT, 'target/www');
/** The scripts index.html and boot.js load by name: each bundled into a file of that name. */
export const ENTRIES = ['boot.js', 'app.js', 'worker.js'];

function fail(message) {
  console.error(`build_page: ${message}`);
  process.exit(1);
}

/**
 * import.meta.url in a file of www/ becomes the URL that file would have in the output (the
 * output mirrors www/), so `new URL('../corpus.json', import.meta.url)` in modules/corpus.js
 * still names corpus.json beside index.html once bundled into app.js.
 */
const keepMetaUrl = {
  name: 'presslens-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const path = relative(WWW, args.path);
      if (path.startsWith('..')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const from = `new URL(${JSON.stringify(`./${path.split('\\').join('/')}`)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', from), loader: 'js' };
    });
  },
};

/** One minified ES module of www/`entry` and everything it imports, as text. */
async function bundle(entry) {
  const result = await esbuild.build({
    entryPoints: [join(WWW, entry)],
    plugins: [keepMetaUrl],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none', // vendor/ is copied with its LICENSES.txt; nothing vendored is bundled
    write: false,
    logLevel: 'silent',
  });
  for (const w of result.warnings) console.error(`build_page: esbuild warning in ${entry}: ${w.text}`);
  return result.outputFiles[0].text;
}

/** Replaces `pattern` in `html`, which must match exactly `count` times (else the page changed: update this script). */
function replaceIn(html, pattern, replacement, count = 1) {
  const found = html.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g')) ?? [];
  if (found.length !== count) fail(`www/index.html: expected ${count} match(es) of ${pattern}, found ${found.length}: update scripts/build_page.mjs`);
  return html.replace(pattern, () => replacement);
}

/** Writes the served page to `out`; returns the bundles' sizes by name. */
export async function buildPage(out = DEFAULT_OUT) {
  for (const f of ['presslens.js', 'presslens_bg.wasm']) {
    if (!existsSync(join(WWW, 'pkg', f))) fail(`www/pkg/${f} is missing: build the wasm module first (python3 scripts/build_wasm.py release)`);
  }
  const scripts = Object.fromEntries(await Promise.all(ENTRIES.map(async (e) => [e, await bundle(e)])));
  let html = readFileSync(join(WWW, 'index.html'), 'utf8');
  // app.js's modules are in the bundle now: only the preload of app.js itself stays.
  html = replaceIn(html, /<link rel="modulepreload" href="modules\/[^"]+">\n/g, '', (html.match(/rel="modulepreload" href="modules\//g) ?? []).length);
  html = replaceIn(
    html,
    /<!-- boot\.js, a classic script[\s\S]*?-->\n/,
    '<!-- boot.js, a classic script before everything else, runs as soon as it arrives and starts the\n     analysis worker, the wasm module\'s compilation and the sample articles\' request, which the\n     preload links start earlier still, with the stylesheet and app.js. -->\n',
  );
  html = replaceIn(
    html,
    /<link rel="preload" href="styles\.css" as="style">\n<link rel="modulepreload" href="app\.js">\n<script src="boot\.js"><\/script>\n/,
    '<link rel="preload" href="pkg/presslens_bg.wasm" as="fetch" crossorigin>\n<link rel="preload" href="corpus.json" as="fetch" crossorigin>\n<link rel="preload" href="styles.css" as="style">\n<link rel="modulepreload" href="app.js">\n<script src="boot.js"></script>\n',
  );
  html = replaceIn(
    html,
    /<html lang="en">\n/,
    '<html lang="en">\n<!-- Built from www/ by node scripts/build_page.mjs: boot.js, app.js and worker.js are bundles of www/\'s sources. -->\n',
  );

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const f of ['styles.css', 'corpus.json']) cpSync(join(WWW, f), join(out, f));
  mkdirSync(join(out, 'pkg'));
  cpSync(join(WWW, 'pkg/presslens_bg.wasm'), join(out, 'pkg/presslens_bg.wasm')); // the glue is in worker.js
  cpSync(join(WWW, 'vendor'), join(out, 'vendor'), { recursive: true });
  for (const [name, text] of Object.entries(scripts)) writeFileSync(join(out, name), text);
  writeFileSync(join(out, 'index.html'), html);
  return Object.fromEntries(Object.entries(scripts).map(([n, t]) => [n, Buffer.byteLength(t)]));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  let out = DEFAULT_OUT;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out' && args[i + 1] !== undefined) out = resolve(args[++i]);
    else fail(`unknown argument ${args[i]}; usage: node scripts/build_page.mjs [--out DIR]`);
  }
  const sizes = await buildPage(out);
  console.error(`build_page: wrote ${relative(process.cwd(), out) || out}/ (${Object.entries(sizes).map(([n, b]) => `${n} ${b} bytes`).join(', ')}); serve it: node scripts/serve.mjs --root ${relative(process.cwd(), out) || out}`);
}
