// Shared set-up for the end-to-end tests: the static server in-process on 127.0.0.1:0, Debian's
// headless Chromium through playwright-core, and a page that records every request and every
// console error so that each test can fail on either.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The sample articles as the page loads them (file name → text). */
export const SEEDS = Object.fromEntries(
  readdirSync(`${ROOT}seeds`)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => [n, readFileSync(`${ROOT}seeds/${n}`, 'utf8')]),
);

/** Fails early, with the fix, when the wasm build the page needs is missing. */
export function requireBuild() {
  for (const f of ['www/pkg/presslens.js', 'www/pkg/presslens_bg.wasm']) {
    if (!existsSync(`${ROOT}${f}`)) {
      throw new Error(`${f} is missing: the e2e tests do not build anything. Run \`python3 scripts/build_wasm.py release\` (or bash scripts/test.sh) first.`);
    }
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (bash scripts/setup.sh)`);
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Starts the server and a browser. Returns {url, browser, close()}. One per test file.
 */
export async function start() {
  requireBuild();
  const server = await serve({ port: 0 });
  const browser = await launch();
  return {
    url: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Is `url` on this machine? blob: URLs made by a local page count as local. */
export function isLocal(url) {
  const u = new URL(url.startsWith('blob:') ? url.slice(5) : url);
  if (u.protocol === 'data:') return true;
  return (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:') && u.hostname === '127.0.0.1';
}

/**
 * A fresh context and page that record requests, console errors, page errors and CSP
 * violations. `problems()` lists them; tests end with assertClean(page).
 */
export async function openPage(env, { viewport = { width: 1280, height: 800 }, path = '' } = {}) {
  const context = await env.browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(`worker console error: ${m.text()}`)));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.requests = requests;
  page.errors = errors;
  if (path !== null) await page.goto(env.url + path);
  return page;
}

/** Fails on any request that left 127.0.0.1 and on any console or page error. */
export function problems(page) {
  const outside = page.requests.filter((u) => !isLocal(u));
  return [
    ...outside.map((u) => `request outside 127.0.0.1: ${u}`),
    ...page.errors,
  ];
}

/** The number of the last batch the page finished (body[data-job]). */
export async function lastJob(page) {
  return Number(await page.evaluate(() => document.body.dataset.job ?? 0));
}

/**
 * Waits until the page has finished a batch newer than `after` and throws, with the page's
 * message, unless it ended in state 'done'.
 */
export async function waitForAnalysis(page, { after = 0, timeout = 30_000, expect = 'done' } = {}) {
  await page.waitForFunction(
    (after) => Number(document.body.dataset.job ?? 0) > after && document.body.dataset.state !== 'analysing',
    after,
    { timeout },
  );
  const state = await page.evaluate(() => document.body.dataset.state);
  if (state !== expect) {
    const msg = `${await page.locator('#status').innerText()} ${await page.locator('#messages').innerText()}`;
    throw new Error(`the analysis ended in state ${state}, not ${expect}; the page says: ${msg}`);
  }
}

/**
 * Waits until the entity table holds every row its count line says is shown (the rows arrive
 * a frame at a time: www/modules/views.js, drawBody).
 */
export async function entityTableDrawn(page) {
  await page.waitForFunction(() => {
    const line = document.querySelector('#panel-entities .filters [aria-live]')?.textContent ?? '';
    const m = line.match(/^(\d+) of \d+ entities(?:, first (\d+) shown)?/);
    return m !== null && document.querySelectorAll('#panel-entities tbody tr').length === Number(m[2] ?? m[1]);
  });
}

/**
 * A page whose core module is tests/e2e/fixtures/fake-core.js (same API as www/pkg, fills
 * every field of the result). Used to test the renderer on data the core does not give yet.
 */
export async function openWithFakeCore(env, options = {}) {
  const page = await openPage(env, { ...options, path: null });
  await page.context().route('**/pkg/presslens.js', (route) =>
    route.fulfill({ path: `${ROOT}tests/e2e/fixtures/fake-core.js`, contentType: 'text/javascript' }),
  );
  await page.goto(env.url);
  await waitForAnalysis(page);
  return page;
}

/** RFC 4180 parser (quoted fields, "" inside them, CRLF rows), strict enough to prove an
 * export is well-formed CSV: it must end with CRLF. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  assert.equal(field + row.join(''), '', 'the CSV must end with CRLF');
  return rows;
}

/**
 * The page's `presslens:` marks as they happen, for the benchmarks of its load
 * (scripts/bench_browser.mjs, scripts/trace_pageload.mjs), without running anything in the page
 * while it loads: a PerformanceObserver, added before the page's own scripts (an init script of the
 * page, not Playwright's injected script), logs each mark to the console, which arrives
 * over the DevTools protocol. Polling with `page.waitForFunction` made Playwright evaluate its
 * injected script in the page (a 44 ms main-thread task in a trace of one load) before the
 * first result, which a reader's browser never does. `seen(name, ms)` resolves when the mark
 * was made, or rejects after `ms`.
 */
export async function markEvents(page) {
  const PREFIX = 'presslens-bench-mark:';
  const made = new Set();
  const waiting = new Map();
  await page.addInitScript((prefix) => {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name.startsWith('presslens:')) console.debug(prefix + e.name);
    }).observe({ type: 'mark', buffered: true });
  }, PREFIX);
  page.on('console', (m) => {
    const text = m.text();
    if (!text.startsWith(PREFIX)) return;
    const name = text.slice(PREFIX.length);
    made.add(name);
    for (const resolve of waiting.get(name) ?? []) resolve();
    waiting.delete(name);
  });
  return {
    seen: (name, ms) =>
      made.has(name)
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no ${name} mark within ${ms} ms`)), ms);
            waiting.set(name, [...(waiting.get(name) ?? []), () => (clearTimeout(timer), resolve())]);
          }),
  };
}
