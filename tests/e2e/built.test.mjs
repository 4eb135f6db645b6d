// The served build of the page (scripts/build_page.mjs → target/www, what bash scripts/page.sh
// serves): www/'s scripts bundled into boot.js, app.js and worker.js. The same page as www/,
// with three script requests; and the wasm module is requested once, by the page, which hands
// it to the worker compiled (boot.js), in the build and in www/ alike. Issue #14.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildPage } from '../../scripts/build_page.mjs';
import { serve } from '../../scripts/serve.mjs';
import { launch, lastJob, openPage, problems, requireBuild, start, waitForAnalysis } from './helpers.mjs';

let dir;
let server;
let env;
before(async () => {
  requireBuild();
  dir = mkdtempSync(join(os.tmpdir(), 'presslens-built-'));
  await buildPage(dir);
  server = await serve({ port: 0, root: dir });
  env = { url: server.url, browser: await launch() };
});
after(async () => {
  await env?.browser.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const path = (u) => new URL(u).pathname;

test('the built page analyses the sample articles with three scripts, the wasm module fetched once', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  assert.match(await page.locator('#status').innerText(), /Analysed 5 articles/, 'the built page should analyse the five sample articles');
  const scripts = page.requests.map(path).filter((p) => p.endsWith('.js')).sort();
  assert.deepEqual(scripts, ['/app.js', '/boot.js', '/worker.js'], 'the built page should load only its three bundles (a request for modules/ or pkg/presslens.js means the bundling missed an import)');
  const wasm = page.requests.map(path).filter((p) => p === '/pkg/presslens_bg.wasm');
  assert.equal(wasm.length, 1, `the wasm module should be requested once (boot.js compiles it and hands it to the worker; its preload link is the same request), not ${wasm.length} times`);
  assert.equal(page.requests.map(path).filter((p) => p === '/corpus.json').length, 1, 'the sample articles should be requested once (the preload link and boot.js share the request)');
  assert.deepEqual(problems(page), [], 'no console error, page error, CSP violation or request off this machine');
  await page.context().close();
});

test('the built page draws the network view (d3-force loaded from vendor/ beside the bundle)', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  await page.click('#tab-network');
  await page.waitForSelector('#panel-network svg.network g.node', { timeout: 15_000 });
  assert.ok(page.requests.some((u) => path(u) === '/vendor/d3-force.js'), 'd3-force should come from vendor/d3-force.js beside the built page');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('a worker started again by the page (after Cancel) fetches the module itself and analyses', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  let job = await lastJob(page);
  // In one task: the five articles take too little time to press Cancel between the two.
  await page.evaluate(() => {
    document.getElementById('analyse')?.click();
    document.getElementById('cancel')?.click();
  });
  await waitForAnalysis(page, { after: job, expect: 'cancelled' });
  job = await lastJob(page);
  await page.click('#analyse');
  await waitForAnalysis(page, { after: job });
  assert.match(await page.locator('#status').innerText(), /Analysed 5 articles/, 'the replacement worker should analyse the batch');
  assert.ok(page.requests.map(path).filter((p) => p === '/worker.js').length >= 2, 'Cancel should have started a second worker from the bundled worker.js');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('the built index.html preloads what boot.js requests and keeps the page\'s policy', () => {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.deepEqual([...html.matchAll(/rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]), ['app.js'], 'the built page preloads app.js (its bundle) and no module of www/modules/, which are in the bundle');
  assert.match(html, /<link rel="preload" href="pkg\/presslens_bg\.wasm" as="fetch" crossorigin>/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/, 'the built page keeps www/index.html\'s Content-Security-Policy');
  assert.ok(html.indexOf('src="boot.js"') < html.indexOf('src="app.js"'), 'boot.js must come before app.js');
});

test('www/ as is: the worker gets the module compiled by the page (one request for it)', async () => {
  const source = await start();
  try {
    const page = await openPage(source);
    await waitForAnalysis(page);
    const wasm = page.requests.map(path).filter((p) => p === '/pkg/presslens_bg.wasm');
    assert.equal(wasm.length, 1, `www/: the wasm module should be requested once, by boot.js (the worker waits for it), not ${wasm.length} times`);
    assert.ok(page.requests.some((u) => path(u) === '/worker.js' && new URL(u).search === '?wasm=page'), 'boot.js should start worker.js?wasm=page');
    assert.deepEqual(problems(page), []);
  } finally {
    await source.close();
  }
});
