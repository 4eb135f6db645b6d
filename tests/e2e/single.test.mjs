// The single file (issue #15): target/single/presslens.html, built by the README's command
// (node scripts/build_single.mjs), opened from disk (file://) in headless Chromium with no flag
// that a reader's browser lacks: the samples are analysed as on the served page and by the CLI,
// a chosen and a dropped file are analysed, the exports download, every view opens, a cancelled
// batch's worker is replaced, and no request is made but the file itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { ROOT, SEEDS, lastJob, openPage, parseCsv, start, waitForAnalysis } from './helpers.mjs';

const FILE = `${ROOT}target/single/presslens.html`;
const URL_ = pathToFileURL(FILE).href;
const FAULT = `${ROOT}target/wasm-fault/`;

let env; // the served page and the browser
let html;
let page;
let requests;
let errors;

/**
 * `file` opened from disk in a fresh context that records every request and every console
 * error, page error and CSP violation (the page's and its workers').
 */
async function openSingle(file) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(`worker console error: ${m.text()}`)));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(pathToFileURL(file).href);
  await waitForAnalysis(page);
  return { page, requests, errors };
}

before(async () => {
  // The README's command, as a reader runs it.
  execFileSync(process.execPath, ['scripts/build_single.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  html = readFileSync(FILE, 'utf8');
  env = await start();
  ({ page, requests, errors } = await openSingle(FILE));
});
after(() => env?.close());

/** A file the page offers for download, as text. */
async function download(p, button) {
  const [file] = await Promise.all([p.waitForEvent('download'), p.click(button)]);
  const chunks = [];
  for await (const c of await file.createReadStream()) chunks.push(c);
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/** What the core found, without the scores (native and wasm floats may differ in the last bits). */
const entities = (result) =>
  result.documents.map((d) => ({ id: d.id, entities: d.entities.map(({ start, end, label, text, kind, value }) => ({ start, end, label, text, kind, value })) }));

test('the file needs nothing beside it; its CSP allows its own script and style by hash, no unsafe-inline, no fetch', () => {
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1];
  assert.ok(csp, 'presslens.html must carry a Content-Security-Policy meta tag');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"], 'default-src must be none: connect-src and the rest fall back to it');
  assert.ok(!/'unsafe-inline'|'unsafe-eval'|\*|https?:|'self'/.test(csp), `the policy must allow nothing by origin or by unsafe-inline: ${csp}`);
  assert.deepEqual(directives['worker-src'], ['blob:'], 'workers only from blob: URLs');
  const scripts = [...html.matchAll(/<script( [^>]*)?>([\s\S]*?)<\/script>/g)];
  const executable = scripts.filter((m) => /type="module"/.test(m[1] ?? '') || !/type=/.test(m[1] ?? ''));
  assert.equal(executable.length, 1, 'one inline script (the bundle); the others are data blocks');
  const hash = (t) => `'sha256-${createHash('sha256').update(t, 'utf8').digest('base64')}'`;
  assert.deepEqual(directives['script-src'], [hash(executable[0][2]), "'wasm-unsafe-eval'"], 'script-src: the hash of the inline script and wasm compilation, nothing else');
  const style = html.match(/<style>([\s\S]*?)<\/style>/)[1];
  assert.deepEqual(directives['style-src'], [hash(style)], 'style-src: the hash of the inline stylesheet');
  const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  const refs = [...markup.matchAll(/\b(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:'));
  assert.deepEqual(refs, [], 'the markup must not point at any file');
  for (const id of ['presslens-wasm', 'presslens-worker', 'presslens-samples', 'presslens-licenses']) {
    assert.match(html, new RegExp(`<script type="[^"]+" id="${id}" data-encoding="(text|gzip\\+base64)">`), `the data block #${id} is missing`);
  }
});

test('the file carries the licence and the notices of what it bundles: presslens MIT, the data in the wasm, d3', () => {
  const block = html.match(/<script type="text\/plain" id="presslens-licenses" data-encoding="text">([\s\S]*?)<\/script>/)?.[1];
  assert.ok(block, 'the plain-text block #presslens-licenses is missing');
  for (const credit of [/MIT License/, /GeoNames \(geonames\.org\)/, /CC BY 4\.0/, /world-countries/, /ODbL-1\.0/, /GloVe/, /Permission to use, copy, modify, and\/or distribute/]) {
    assert.match(block, credit, `#presslens-licenses must hold ${credit}: scripts/build_single.mjs joins LICENSE, NOTICE and www/vendor/LICENSES.txt into it`);
  }
});

test('opened from disk, the sample articles come out with the same entities as on the served page and from the CLI', async () => {
  assert.match(await page.locator('#status').innerText(), /Analysed 5 articles/);
  const single = JSON.parse((await download(page, '#export-json')).text);
  assert.deepEqual(single.documents.map((d) => d.id), Object.keys(SEEDS), 'the five sample articles, in order');
  const served = await openPage(env);
  await waitForAnalysis(served);
  const fromServer = JSON.parse((await download(served, '#export-json')).text);
  await served.context().close();
  assert.deepEqual(single, fromServer, 'the single file must return exactly what the served page returns (same core, same samples)');

  // The CLI: the newest of the release and debug builds (scripts/test.sh builds the debug one).
  const bins = ['release', 'debug'].map((p) => `${ROOT}target/${p}/presslens`).filter(existsSync);
  assert.ok(bins.length, 'no CLI to compare with: cargo build --release --bin presslens (or cargo test) first');
  const bin = bins.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  const cli = JSON.parse(execFileSync(bin, ['analyze', ...Object.keys(SEEDS).map((n) => `seeds/${n}`)], { cwd: ROOT, maxBuffer: 64 << 20 }).toString());
  const total = single.documents.reduce((a, d) => a + d.entities.length, 0);
  assert.ok(total > 100, `the samples hold hundreds of entities; the single file found ${total}`);
  assert.deepEqual(entities(single), entities(cli).map((d) => ({ ...d, id: d.id.replace(/^seeds\//, '') })), `the single file's entities must equal ${bin.slice(ROOT.length)} analyze seeds/*.txt (rebuild the CLI if it is older than the wasm)`);
});

test('a file chosen with the file input and one dropped on the page are analysed', async () => {
  let before = await lastJob(page);
  const chosen = 'Angela Merkel met Emmanuel Macron in Paris on Tuesday.\n';
  await page.setInputFiles('#file', [{ name: 'chosen.txt', mimeType: 'text/plain', buffer: Buffer.from(chosen) }]);
  await waitForAnalysis(page, { after: before });
  before = await lastJob(page);
  const dropped = 'The United Nations said Serbia and Kosovo resumed talks in Brussels.\n';
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
    return dt;
  }, dropped);
  await page.dispatchEvent('#drop', 'dragover', { dataTransfer });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer });
  await waitForAnalysis(page, { after: before });
  const metas = await page.locator('#doc-list .doc-meta').allTextContents();
  assert.equal(metas.length, 7, `five samples, the chosen file and the dropped one: ${metas}`);
  assert.ok(metas[5].startsWith('chosen.txt') && metas[6].startsWith('dropped.txt'), `the added files, in order: ${metas.slice(5)}`);
  const result = JSON.parse((await download(page, '#export-json')).text);
  const found = (i) => result.documents[i].entities.map((e) => `${e.label} ${e.text}`);
  for (const want of ['PER Angela Merkel', 'PER Emmanuel Macron', 'LOC Paris']) assert.ok(found(5).includes(want), `chosen.txt: ${want} not among ${found(5)}`);
  for (const want of ['ORG United Nations', 'LOC Serbia', 'LOC Brussels']) assert.ok(found(6).includes(want), `dropped.txt: ${want} not among ${found(6)}`);
});

test('the exports download: entity CSV and full JSON', async () => {
  const csv = await download(page, '#export-csv');
  assert.equal(csv.name, 'presslens-entities.csv');
  const rows = parseCsv(csv.text);
  assert.deepEqual(rows[0].slice(0, 6), ['name', 'label', 'kind', 'variants', 'total', 'articles']);
  assert.ok(rows.some((r) => r[0] === 'Sergei Shoigu' && r[1] === 'PER'), 'the CSV has the Shoigu row');
  const json = await download(page, '#export-json');
  assert.equal(json.name, 'presslens-result.json');
  assert.equal(JSON.parse(json.text).documents.length, 7);
  const displacy = await download(page, '#export-displacy');
  assert.equal(JSON.parse(displacy.text).length, 7, 'one displaCy document per article');
});

test('every view opens; the network is drawn with the inlined d3-force', async () => {
  for (const view of ['entities', 'matrix', 'network', 'timeline', 'quotes', 'tags', 'article']) {
    await page.click(`#tab-${view}`);
    await page.waitForFunction((v) => !document.getElementById(`panel-${v}`).hidden && document.querySelector(`#panel-${v} .panel-body, #panel-${v}`).textContent.trim().length > 0, view);
  }
  await page.click('#tab-network');
  await page.waitForFunction(() => document.querySelectorAll('#panel-network svg circle').length > 5, null, { timeout: 15_000 });
  const names = await page.locator('#panel-network svg text').allTextContents();
  assert.ok(names.some((n) => /Shoigu/.test(n)), `Shoigu should be a node of the network: ${names.slice(0, 20)}`);
  await page.click('#tab-article');
});

test('a cancelled batch’s worker is replaced by a fresh one from the same file, and the next analysis works', async () => {
  // About 3 MB of text: long enough to cancel while it runs.
  const big = Object.values(SEEDS).join('\n\n').repeat(220);
  let before = await lastJob(page);
  await page.setInputFiles('#file', [{ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(big) }]);
  await page.waitForFunction(() => document.body.dataset.state === 'analysing', null, { timeout: 10_000 });
  await page.click('#cancel');
  await waitForAnalysis(page, { after: before, expect: 'cancelled' });
  await page.locator('#doc-list button.remove').last().click();
  before = await lastJob(page);
  await page.click('#analyse');
  await waitForAnalysis(page, { after: before });
  assert.match(await page.locator('#status').innerText(), /Analysed 7 articles/);
  const workers = requests.filter((u) => u.startsWith('blob:'));
  assert.ok(workers.length >= 2, `the fresh worker is started from a blob: URL too: ${workers}`);
});

test('no request but the file itself (blob: and data: stay in the tab), and nothing logged as an error', () => {
  const outside = requests.filter((u) => u !== URL_ && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(outside, [], 'the single file must make no request: inline what it needs in scripts/build_single.mjs');
  assert.equal(requests.filter((u) => u === URL_).length, 1, 'the file is loaded once');
  assert.deepEqual(errors, [], 'no console error, page error or CSP violation');
});

test('from disk too, a document that makes the core panic fails alone: the others are analysed, the next batch runs', async () => {
  // The single file built around the fault-injection core (never shipped; scripts/test.sh builds
  // it for tests/e2e/isolation.test.mjs): the page must replace its trapped worker from the
  // blob: URL and send the batch again with the recovery.
  for (const f of ['presslens.js', 'presslens_bg.wasm']) {
    assert.ok(existsSync(FAULT + f), `target/wasm-fault/${f} is missing: python3 scripts/build_wasm.py release --features fault-injection --out-dir target/wasm-fault (scripts/test.sh does)`);
  }
  const faulty = `${ROOT}target/single/presslens-fault.html`;
  execFileSync(process.execPath, ['scripts/build_single.mjs', '--pkg', 'target/wasm-fault', '--out', faulty], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const { page: p, requests: asked, errors: logged } = await openSingle(faulty);
  const seed = Object.values(SEEDS);
  const before = await lastJob(p);
  await p.click('#clear-all');
  await p.setInputFiles('#file', [
    { name: 'first.txt', mimeType: 'text/plain', buffer: Buffer.from(seed[0]) },
    { name: 'poisoned.txt', mimeType: 'text/plain', buffer: Buffer.from(`${seed[1]}\n\nPRESSLENS-FAULT-DOCUMENT\n`) },
    { name: 'third.txt', mimeType: 'text/plain', buffer: Buffer.from(seed[2]) },
  ]);
  await waitForAnalysis(p, { after: before, timeout: 60_000 });
  const status = await p.locator('#status').innerText();
  assert.match(status, /Analysed 2 of 3 articles/, `the two other articles must be analysed; the page says: ${status}`);
  assert.match(status, /Article 2, “poisoned\.txt”.*was not analysed: .*PRESSLENS-FAULT-DOCUMENT/s, `the failing article must be named with the core's message; the page says: ${status}`);
  await p.locator('#doc-list button.remove').nth(1).click();
  const again = await lastJob(p);
  await p.click('#analyse');
  await waitForAnalysis(p, { after: again, timeout: 60_000 });
  assert.match(await p.locator('#status').innerText(), /^Analysed 2 articles/);
  assert.ok(asked.filter((u) => u.startsWith('blob:')).length >= 2, `the trapped worker is replaced from a blob: URL: ${asked}`);
  assert.deepEqual(asked.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:')), [], 'no request');
  // The core's panic hook logs the panic as an error: that one is expected.
  assert.deepEqual(logged.filter((e) => !/panicked at|PRESSLENS-FAULT|fault injected|RuntimeError: unreachable/.test(e)), []);
  await p.context().close();
});
