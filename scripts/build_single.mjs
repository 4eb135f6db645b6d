#!/usr/bin/env node
// Builds target/single/presslens.html: the whole page of www/ in one file that works when
// opened from disk (file://), with no server and no request at all. Issue #15.
//
//   node scripts/build_single.mjs            # needs www/pkg: python3 scripts/build_wasm.py release
//   node scripts/build_single.mjs --out F    # writes F instead
//   node scripts/build_single.mjs --pkg DIR  # the core from DIR instead of www/pkg (tests: target/wasm-fault)
//   node scripts/bench_single.mjs --write    # its size and start-up time: BENCHMARKS.md "Single file"
//
// www/ stays the one source; this script transforms it:
// - www/index.html gives the markup; its stylesheet becomes a <style>, its scripts (boot.js,
//   app.js and their modules) one inline <script type="module"> bundled by esbuild (pinned in
//   package.json), preceded by scripts/single/page.js, which sets `presslensInline`
//   (www/modules/inline.js): where the page asks for the worker, the sample articles and d3-force.
// - The worker (scripts/single/worker.js, then www/worker.js, its glue and modules), bundled the
//   same way, goes into a text block; the page starts it from a blob: URL (a page opened from
//   disk may not start a worker from a file), with the wasm module gzip-compressed and
//   base64-encoded in another block, unpacked in the worker with DecompressionStream.
// - The sample articles (www/corpus.json) are a data block, compressed when that makes it
//   smaller; presslens's licence, the notices of the data in the wasm (NOTICE) and the vendored
//   code's licences one in plain text.
// - Content-Security-Policy: no 'unsafe-inline': the inline script and style are allowed by
//   their SHA-256 hashes, computed here; workers only from blob:; no connect-src, so no fetch.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WWW = join(ROOT, 'www');
export const DEFAULT_OUT = join(ROOT, 'target/single/presslens.html');

function fail(message) {
  console.error(`build_single: ${message}`);
  process.exit(1);
}

/**
 * One esbuild bundle of `imports` (paths from the repository root, in order): an ES module
 * ('esm', for the page's inline module script), or a classic script ('iife', for the worker:
 * Chromium refuses a module worker from the blob: URL of a page opened from disk, whose
 * origin is opaque; a classic one starts).
 */
async function bundle(imports, label, format, pkg = join(WWW, 'pkg')) {
  // Another core than www/pkg (a test build): worker.js's import of ./pkg/presslens.js goes there.
  const glue = join(WWW, 'pkg/presslens.js');
  const plugins = pkg === join(WWW, 'pkg') ? [] : [
    {
      name: 'presslens-pkg',
      setup(b) {
        b.onResolve({ filter: /\/pkg\/presslens\.js$/ }, (a) => (join(a.resolveDir, a.path) === glue ? { path: join(pkg, 'presslens.js') } : undefined));
      },
    },
  ];
  const result = await esbuild.build({
    plugins,
    stdin: { contents: imports.map((p) => `import './${p}';`).join('\n'), resolveDir: ROOT, sourcefile: `${label}.js` },
    bundle: true,
    format,
    // A classic script has no import.meta; the code reads it only where presslensInline is
    // absent (never in this file), to find files beside it.
    define: format === 'iife' ? { 'import.meta.url': 'self.location.href' } : {},
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none', // the vendored code's licences go into their own block
    write: false,
    logLevel: 'silent',
  });
  for (const w of result.warnings) console.error(`build_single: esbuild warning in ${label}: ${w.text}`);
  return result.outputFiles[0].text;
}

/**
 * Text that goes between <script …> and </script> verbatim: the HTML parser would end or
 * change it at these, and it normalises line breaks, which would change the CSP hash.
 */
function rawText(text, what) {
  for (const bad of ['</script', '<!--', '<script', '\0']) {
    if (text.toLowerCase().includes(bad)) fail(`${what} contains ${JSON.stringify(bad)}: it cannot be inlined in a <script> as is`);
  }
  return text.replace(/\r\n?/g, '\n');
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const gzip = (buf) => gzipSync(buf, { level: 9 });

/** A data block's text and encoding: gzip + base64 when smaller than the text itself. */
function dataBlock(id, type, text, { compress = true } = {}) {
  let encoding = 'text';
  let body = text;
  if (compress) {
    const packed = gzip(Buffer.from(text, 'utf8')).toString('base64');
    if (packed.length < Buffer.byteLength(text, 'utf8')) [encoding, body] = ['gzip+base64', packed];
  }
  if (encoding === 'text' && type === 'application/json') body = body.replace(/</g, '\\u003c'); // no tag can end it
  return { html: `<script type="${type}" id="${id}" data-encoding="${encoding}">${rawText(body, `block #${id}`)}</script>`, encoding, bytes: Buffer.byteLength(body) };
}

/** Replaces `pattern` in `html`, which must match exactly `count` times (else the page changed: update this script). */
function replaceIn(html, pattern, replacement, count = 1) {
  const found = html.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g')) ?? [];
  if (found.length !== count) fail(`www/index.html: expected ${count} match(es) of ${pattern}, found ${found.length}: update scripts/build_single.mjs`);
  return html.replace(pattern, () => replacement); // a function: `$&` and the like in the inlined code stay as written
}

/**
 * Writes the single file to `out`; `pkg`: the folder of the core (wasm-bindgen's glue and
 * module), www/pkg unless a test build is asked for. Returns the sizes of its parts.
 */
export async function buildSingle(out = DEFAULT_OUT, pkg = join(WWW, 'pkg')) {
  for (const f of ['presslens.js', 'presslens_bg.wasm']) {
    try {
      statSync(join(pkg, f));
    } catch {
      fail(`${relative(ROOT, join(pkg, f))} is missing: build the wasm module first (python3 scripts/build_wasm.py release)`);
    }
  }
  const wasm = readFileSync(join(pkg, 'presslens_bg.wasm'));
  const css = readFileSync(join(WWW, 'styles.css'), 'utf8');
  const corpus = readFileSync(join(WWW, 'corpus.json'), 'utf8');
  // presslens's licence, the notices of the data compiled into the wasm, the vendored code's licences.
  const licences = ['LICENSE', 'NOTICE', 'www/vendor/LICENSES.txt'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n\n');
  let html = readFileSync(join(WWW, 'index.html'), 'utf8');

  const pageJs = rawText(await bundle(['scripts/single/page.js', 'www/boot.js', 'www/app.js'], 'page', 'esm'), 'the page bundle');
  const workerJs = await bundle(['scripts/single/worker.js', 'www/worker.js'], 'worker', 'iife', pkg);
  const style = rawText(css, 'www/styles.css').trim();
  if (/<\/style/i.test(style)) fail('www/styles.css contains "</style"');
  if (/url\(\s*['"]?(?!data:|#)/i.test(style)) fail('www/styles.css refers to a file (url(…)): inline it as data: or drop it');

  const wasmBlock = `<script type="application/octet-stream" id="presslens-wasm" data-encoding="gzip+base64">${gzip(wasm).toString('base64')}</script>`;
  const blocks = [
    { html: wasmBlock },
    dataBlock('presslens-worker', 'text/javascript+presslens-worker', workerJs, { compress: false }), // read synchronously
    dataBlock('presslens-samples', 'application/json', corpus),
    dataBlock('presslens-licenses', 'text/plain', licences, { compress: false }), // for people to read in the source
  ];

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(pageJs)} 'wasm-unsafe-eval'`,
    'worker-src blob:',
    `style-src ${sha256(style)}`,
    'img-src data:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  const commit = (() => {
    try {
      const git = (...a) => execFileSync('git', a, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
      const dirty = git('status', '--porcelain', '--', 'www', 'scripts/build_single.mjs', 'scripts/single') !== '';
      return git('rev-parse', '--short', 'HEAD') + (dirty ? ' with uncommitted changes' : '');
    } catch {
      return 'unknown';
    }
  })();

  html = replaceIn(html, /<!--[\s\S]*?-->\n?/g, '', (html.match(/<!--/g) ?? []).length); // they describe the served page
  html = replaceIn(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  html = replaceIn(html, /<link rel="preload" href="styles\.css" as="style">\n/, ''); // the style is inline
  html = replaceIn(html, /<link rel="stylesheet" href="styles\.css">/, `<style>${style}</style>`);
  html = replaceIn(html, /<script src="boot\.js"><\/script>/, `<script type="module">${pageJs}</script>`);
  html = replaceIn(html, /<script type="module" src="app\.js"><\/script>\n/, '');
  html = replaceIn(html, /<link rel="modulepreload" href="[^"]+">\n/g, '', (html.match(/rel="modulepreload"/g) ?? []).length);
  html = replaceIn(html, /<\/body>/, `${blocks.map((b) => b.html).join('\n')}\n</body>`);
  html = replaceIn(
    html,
    /<html lang="en">\n/,
    `<html lang="en">\n<!-- presslens, the whole page in one file: open it in a browser, no server needed; nothing leaves the tab.\n     Built from www/ (commit ${commit}) by node scripts/build_single.mjs. Licences of the bundled code: the block #presslens-licenses. -->\n`,
  );

  // Nothing in the markup may point at a file: the page must need nothing beside itself.
  const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  const refs = [...markup.matchAll(/\b(?:src|href|action|poster|srcset)\s*=\s*"([^"]*)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('#') && !u.startsWith('data:'));
  if (refs.length) fail(`the page still refers to files: ${refs.join(', ')}`);

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  const raw = Buffer.byteLength(html);
  const sizes = {
    out,
    raw,
    gzip: gzip(Buffer.from(html)).length,
    wasm: wasm.length,
    wasmBlock: Buffer.byteLength(wasmBlock),
    pageJs: Buffer.byteLength(pageJs),
    workerJs: Buffer.byteLength(workerJs),
    css: Buffer.byteLength(style),
    samples: blocks[2],
    commit,
  };
  return sizes;
}

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

/** The sizes as a Markdown table, measured in this run (scripts/bench_single.mjs prints it). */
export function sizeTable(s) {
  return [
    '| part | bytes |',
    '| --- | ---: |',
    `| **presslens.html, raw** | **${s.raw}** (${kb(s.raw)}) |`,
    `| **presslens.html, gzip -9** | **${s.gzip}** (${kb(s.gzip)}) |`,
    `| wasm module (www/pkg/presslens_bg.wasm), raw | ${s.wasm} |`,
    `| its block in the page (gzip, then base64) | ${s.wasmBlock} |`,
    `| page script (boot.js, app.js, modules, d3-force; esbuild, minified) | ${s.pageJs} |`,
    `| worker script (worker.js, wasm-bindgen glue, compact.js; minified) | ${s.workerJs} |`,
    `| styles | ${s.css} |`,
    `| sample articles (www/corpus.json, ${s.samples.encoding}) | ${s.samples.bytes} |`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opts = { '--out': DEFAULT_OUT, '--pkg': undefined };
  for (let i = 0; i < args.length; i++) {
    if (!Object.hasOwn(opts, args[i])) fail(`unknown argument ${args[i]}; usage: node scripts/build_single.mjs [--out FILE] [--pkg DIR]`);
    if (args[i + 1] === undefined) fail(`${args[i]} needs a value`);
    opts[args[i]] = args[++i];
  }
  const [out, pkg] = [opts['--out'], opts['--pkg']];
  const s = await buildSingle(resolve(out), pkg ? resolve(pkg) : undefined);
  console.error(`build_single: wrote ${relative(process.cwd(), s.out) || s.out}: ${s.raw} bytes, ${s.gzip} gzipped; open it from disk (file://)`);
}
