// Checks that need no browser: the server (MIME types, traversal, binding), the page's
// security rules read from its files, and the generated corpus.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CSP, serve } from '../../scripts/serve.mjs';
import { ROOT } from './helpers.mjs';

let server;
before(async () => {
  server = await serve({ port: 0 });
});
after(() => server.close());

/** Raw GET without URL normalisation (fetch would resolve ../ before sending). */
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET', headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, raw, body: raw.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

test('the shipped module is built with WebAssembly SIMD (issue #14: .cargo/config.toml)', async () => {
  const bytes = readFileSync(join(ROOT, 'www/pkg/presslens_bg.wasm'));
  const module = await WebAssembly.compile(bytes);
  const [section] = WebAssembly.Module.customSections(module, 'target_features');
  assert.ok(section, 'www/pkg/presslens_bg.wasm has no target_features section: was it built by python3 scripts/build_wasm.py?');
  // Entries: a prefix ('+' used), a length and a feature name.
  const features = [];
  const view = new Uint8Array(section);
  for (let i = 1; i < view.length; ) {
    const prefix = String.fromCharCode(view[i]);
    const len = view[i + 1];
    features.push(prefix + new TextDecoder().decode(view.subarray(i + 2, i + 2 + len)));
    i += 2 + len;
  }
  assert.ok(features.includes('+simd128'), `the module's features are ${features.join(' ')}: without +simd128 the tagger runs about 1.2x slower; keep rustflags = ["-C", "target-feature=+simd128"] in .cargo/config.toml`);
});

test('the server binds to 127.0.0.1 only', () => {
  assert.equal(server.server.address().address, '127.0.0.1', 'serve() must listen on 127.0.0.1, never on all interfaces');
});

test('the server sends the MIME types module scripts and instantiateStreaming need', async () => {
  const cases = {
    '/': 'text/html',
    '/app.js': 'text/javascript',
    '/worker.js': 'text/javascript',
    '/styles.css': 'text/css',
    '/corpus.json': 'application/json',
  };
  for (const [path, type] of Object.entries(cases)) {
    const res = await get(path);
    assert.equal(res.status, 200, `GET ${path}`);
    assert.ok(res.headers['content-type'].startsWith(type), `GET ${path}: content-type ${res.headers['content-type']}, want ${type}`);
    assert.equal(res.headers['content-security-policy'], CSP, `GET ${path} must carry the CSP header (it is the worker's policy)`);
  }
  const wasm = readdirSync(`${ROOT}www/pkg`, { withFileTypes: true }).some((f) => f.name.endsWith('.wasm'));
  if (wasm) {
    const res = await get('/pkg/presslens_bg.wasm');
    assert.equal(res.headers['content-type'], 'application/wasm', '.wasm must be application/wasm for WebAssembly.instantiateStreaming');
  }
});

test('the server compresses as the browser asks: brotli, else gzip, else nothing (issue #14)', async () => {
  const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
  const wasm = readdirSync(`${ROOT}www/pkg`, { withFileTypes: true }).some((f) => f.name.endsWith('.wasm'));
  const path = wasm ? '/pkg/presslens_bg.wasm' : '/app.js';
  const file = readFileSync(`${ROOT}www${path}`);
  const br = await get(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
  assert.equal(br.headers['content-encoding'], 'br', `${path}: a browser that accepts brotli gets brotli`);
  assert.ok(br.raw.length < file.length / 1.5, `${path}: brotli must shrink it (${br.raw.length} of ${file.length} bytes)`);
  assert.ok(brotliDecompressSync(br.raw).equals(file), `${path}: brotli body must decompress to the file`);
  assert.equal(br.headers.vary, 'Accept-Encoding', 'caches must keep the encodings apart');
  const gz = await get(path, { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(gz.raw).equals(file), `${path}: gzip body must decompress to the file`);
  const plain = await get(path, { 'accept-encoding': 'br;q=0, gzip;q=0' });
  assert.equal(plain.headers['content-encoding'], undefined, 'q=0 refuses an encoding');
  assert.ok(plain.raw.equals(file));
  const none = await get(path);
  assert.equal(none.headers['content-encoding'], undefined, 'no Accept-Encoding, no compression');
});

test('the server refuses paths outside www/', async () => {
  for (const path of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/package.json', '/%2e%2e%2fseeds/README.md', '/modules/../../Cargo.toml', '/%00', '/%E0%A4%A']) {
    const res = await get(path);
    assert.equal(res.status, 404, `GET ${path} returned ${res.status}: the server must not serve files outside www/`);
    assert.ok(!res.body.includes('"devDependencies"') && !res.body.includes('[package]'), `GET ${path} leaked a file from outside www/`);
  }
  const res = await get('/modules');
  assert.equal(res.status, 301, 'a directory without trailing slash redirects');
});

const page = readFileSync(`${ROOT}www/index.html`, 'utf8');

test('index.html has a strict CSP and no inline script or style', () => {
  const meta = page.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(meta, 'index.html needs a Content-Security-Policy meta tag');
  const csp = meta[1];
  for (const want of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    assert.ok(csp.includes(want), `the CSP must contain ${want}: ${csp}`);
  }
  assert.ok(!/unsafe-inline|unsafe-eval'|\*/.test(csp.replace("'wasm-unsafe-eval'", '')), `the CSP must not allow inline code, eval or wildcards: ${csp}`);
  for (const tag of page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    assert.ok(/\bsrc=/.test(tag[0]) && tag[1].trim() === '', `inline script in index.html: ${tag[0].slice(0, 80)}`);
  }
  assert.ok(!/<style\b/.test(page), 'index.html must not contain <style> (CSP style-src self)');
  assert.ok(!/\sstyle=/.test(page), 'index.html must not use style attributes (CSP style-src self)');
  assert.ok(!/\son[a-z]+=/.test(page), 'index.html must not use inline event handlers');
});

test('the page credits the data its core carries, as CC BY and ODbL ask (NOTICE has the full notices)', () => {
  const footer = page.match(/<footer class="credits[^"]*">([\s\S]*?)<\/footer>/)?.[1];
  assert.ok(footer, 'index.html needs its credits footer (<footer class="credits">)');
  for (const credit of [/GeoNames \(geonames\.org, CC BY 4\.0\)/, /world-countries \(ODbL 1\.0\)/, /GloVe/, /NOTICE/]) {
    assert.match(footer, credit, `the credits footer must name ${credit}, as NOTICE does`);
  }
  const notice = readFileSync(join(ROOT, 'NOTICE'), 'utf8');
  for (const source of ['GeoNames', 'world-countries', 'GloVe', 'wink-embeddings']) {
    assert.ok(notice.includes(source), `NOTICE must have the notice of ${source}, which the page footer credits`);
  }
});

test('index.html preloads exactly the modules app.js imports statically (issue #14: no level-by-level waterfall)', () => {
  const graph = new Set();
  const walk = (file) => {
    const src = readFileSync(`${ROOT}www/${file}`, 'utf8');
    for (const [, spec] of src.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const dep = new URL(spec, `http://x/${file}`).pathname.slice(1);
      if (!graph.has(dep)) {
        graph.add(dep);
        walk(dep);
      }
    }
  };
  walk('app.js');
  const preloaded = [...page.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual([...preloaded].sort(), ['app.js', ...graph].sort(), 'the modulepreload links in www/index.html must list app.js and every module it imports (directly or not), and nothing else');
  assert.ok(page.indexOf('src="boot.js"') >= 0 && page.indexOf('src="boot.js"') < page.indexOf('src="app.js"'), 'boot.js (which starts the worker) must come before app.js');
});

function jsFiles(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = `${dir}/${n}`;
    if (n === 'pkg') return []; // generated by wasm-bindgen
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

test('the page asks the core for its limits and its name-list parser instead of copying them', () => {
  // Hand copies drifted before (64 MiB in the page for the core's 256 MiB batch limit).
  const copies = /\b\d+\s*\*\s*1024\s*\*\s*1024\b|\b\d+\s*<<\s*20\b|\bMAX_(FILE|DOCUMENT|BATCH)_BYTES\b|\bparseNameList\b/;
  const files = jsFiles(`${ROOT}www`).filter((f) => !f.includes('/vendor/'));
  for (const f of files) {
    readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      assert.ok(!copies.test(line), `${f.slice(ROOT.length)}:${i + 1} copies a limit or the name-list format of the core; read limits() and call parseUserNames() in the worker instead: ${line.trim()}`);
    });
  }
  const worker = readFileSync(`${ROOT}www/worker.js`, 'utf8');
  assert.match(worker, /core\.limits\(\)/, 'worker.js should send the core\'s limits() to the page');
  assert.match(worker, /core\.parseUserNames\(/, 'worker.js should parse name lists with the core\'s parseUserNames()');
});

test('no page script parses strings as HTML or code', () => {
  const banned = /\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\s*\(|new Function\s*\(|createContextualFragment|setHTMLUnsafe|\.srcdoc\b/;
  const files = jsFiles(`${ROOT}www`);
  assert.ok(files.length >= 5, 'expected the page scripts under www/');
  for (const f of files) {
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim().startsWith('//')) return; // comments may name what is banned
        assert.ok(!banned.test(line), `${f.slice(ROOT.length)}:${i + 1} uses an HTML/code sink; build DOM nodes with h() and text nodes instead: ${line.trim()}`);
      });
  }
});

test('the one HTML parser (a dropped .html file, in an inert document) never reaches the page', () => {
  // htmlToText in www/modules/loaders.js parses dropped HTML with DOMParser and keeps only the
  // text of its nodes. No other script may parse HTML, and no node of a parsed document may be
  // moved or copied into the live page.
  const files = jsFiles(`${ROOT}www`);
  for (const f of files) {
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim().startsWith('//') || line.trim().startsWith('*')) return;
        const where = `${f.slice(ROOT.length)}:${i + 1}`;
        if (/\bDOMParser\b|parseFromString/.test(line)) {
          assert.ok(f.endsWith('www/modules/loaders.js'), `${where} parses HTML; only htmlToText in www/modules/loaders.js may, and it keeps text only: ${line.trim()}`);
        }
        assert.ok(!/\b(importNode|adoptNode)\s*\(/.test(line), `${where} moves nodes between documents; a parsed file's nodes must never reach the page, take their text instead: ${line.trim()}`);
      });
  }
  const loaders = readFileSync(`${ROOT}www/modules/loaders.js`, 'utf8');
  assert.equal((loaders.match(/new DOMParser\(\)/g) ?? []).length, 1, 'www/modules/loaders.js should parse HTML in exactly one place (htmlToText)');
});

test('www/corpus.json is regenerated from seeds/ without a difference', () => {
  try {
    execFileSync(process.execPath, [`${ROOT}scripts/corpus.mjs`, '--check'], { stdio: 'pipe' });
  } catch (err) {
    assert.fail(`${err.stderr}`.trim() || 'scripts/corpus.mjs --check failed');
  }
  const corpus = JSON.parse(readFileSync(`${ROOT}www/corpus.json`, 'utf8'));
  assert.match(corpus.generator, /scripts\/corpus\.mjs/, 'corpus.json must name its generator');
  assert.equal(corpus.documents.length, 5, 'the five sample articles');
});

test('www/vendor/ is regenerated from node_modules without a difference', () => {
  try {
    execFileSync(process.execPath, [`${ROOT}scripts/vendor.mjs`, '--check'], { stdio: 'pipe' });
  } catch (err) {
    assert.fail(`${err.stderr}`.trim() || 'scripts/vendor.mjs --check failed');
  }
});
