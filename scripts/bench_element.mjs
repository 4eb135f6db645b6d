#!/usr/bin/env node
// The custom element's first suggestions after the first keystroke (issue #15), in headless
// Chromium on examples/cms/ (the built package, served from 127.0.0.1 with the strict CSP).
//
//   node scripts/bench_element.mjs            # prints the report
//   node scripts/bench_element.mjs --write    # also writes the "element" section of BENCHMARKS.md
//   node scripts/bench_element.mjs --smoke    # one article, one round: checks that it works
//
// The package must be built first (python3 scripts/build_npm.py; scripts/test.sh does).
// The keystroke: each sample article (seeds/) arrives in the empty body in one input event (a
// paste: Playwright's insertText), the way a writer brings in copy; the clock runs from that
// input event (performance.now() in a listener on the body) to the presslens-result event,
// which the element sends right after drawing the suggestions. Two cases, ROUNDS times per
// article, each on a fresh page:
//   cold: the paste comes as soon as the page has loaded (the element is loading its worker
//         and the wasm meanwhile);
//   warm: the paste comes once the element says its engine is ready (`element.ready`).
// Both with the default debounce (250 ms, part of the figure by design: the element waits for
// the writer to pause) and with debounce="0" (what the worker and the drawing cost alone).
// The machine is shared: each page waits (up to MAX_WAIT s, TOTAL_WAIT s in all) while the
// 1-minute load average is above LOAD_MAX, and the report gives the loads seen.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { ROOT, SEEDS, launch, isLocal } from '../tests/e2e/helpers.mjs';
import { EXAMPLE, requirePackage } from '../tests/e2e/element-helpers.mjs';

const args = new Set(process.argv.slice(2));
const SMOKE = args.has('--smoke');
const WRITE = args.has('--write') && !SMOKE;
const ROUNDS = SMOKE ? 1 : Number(process.env.ROUNDS ?? 5);
const LOAD_MAX = Number(process.env.LOAD_MAX ?? 3);
const MAX_WAIT = Number(process.env.MAX_WAIT ?? 20); // per page, seconds
const TOTAL_WAIT = Number(process.env.TOTAL_WAIT ?? 300); // over the whole run, seconds

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const load1 = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};
const loads = [];
let waited = 0;
async function quiet() {
  const start = Date.now();
  while (load1() > LOAD_MAX && Date.now() - start < MAX_WAIT * 1000 && waited + (Date.now() - start) < TOTAL_WAIT * 1000) await sleep(2000);
  waited += Date.now() - start;
  loads.push(load1());
}

requirePackage();
const server = await serve({ port: 0, root: ROOT });
let browser = await launch();
const articles = Object.entries(SEEDS).slice(0, SMOKE ? 1 : undefined);

/** One measurement: ms from the paste's input event to the first presslens-result. */
async function measure(text, { warm, debounce }) {
  await quiet();
  if (!browser.isConnected()) browser = await launch(); // a long wait for a quieter machine can lose it
  const context = await browser.newContext();
  const page = await context.newPage();
  const outside = [];
  context.on('request', (r) => isLocal(r.url()) || outside.push(r.url()));
  await page.addInitScript((debounce) => {
    const w = /** @type {any} */ (window);
    w.__first = null;
    w.__input = null;
    document.addEventListener('presslens-result', (e) => {
      w.__first ??= { at: performance.now(), suggestions: /** @type {CustomEvent} */ (e).detail.documents[0].suggestions.length };
    });
    document.addEventListener('presslens-error', (e) => (w.__error = /** @type {CustomEvent} */ (e).detail.message));
    document.addEventListener('DOMContentLoaded', () => {
      document.querySelector('presslens-analyzer')?.setAttribute('debounce', String(debounce));
      document.getElementById('body-textarea')?.addEventListener('input', () => (w.__input ??= performance.now()), { once: true });
    });
  }, debounce);
  await page.goto(server.url + EXAMPLE);
  if (warm) await page.evaluate(() => document.querySelector('presslens-analyzer').ready);
  await page.focus('#body-textarea');
  await page.keyboard.insertText(text);
  await page.waitForFunction(() => window.__first || window.__error, null, { timeout: 60_000 });
  const r = await page.evaluate(() => ({ first: window.__first, input: window.__input, error: window.__error ?? null }));
  await context.close();
  if (r.error) throw new Error(`the element reported an error: ${r.error}`);
  if (outside.length) throw new Error(`requests left 127.0.0.1: ${outside}`);
  if (!r.first.suggestions) throw new Error('the article gave no suggestions');
  return r.first.at - r.input;
}

const rows = [];
for (const debounce of [250, 0]) {
  for (const warm of [false, true]) {
    const times = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [, text] of articles) times.push(await measure(text, { warm, debounce }));
    }
    rows.push({ debounce, warm, times });
    console.error(`bench_element: debounce ${debounce} ms, ${warm ? 'warm' : 'cold'}: median ${median(times).toFixed(0)} ms`);
  }
}
const version = browser.version();
await browser.close();
await server.close();

const fmt = (ms) => `${Math.round(ms)} ms`;
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const chars = articles.map(([, t]) => t.length);
const warm0 = median(rows.find((r) => r.warm && r.debounce === 0).times);
const cold0 = median(rows.find((r) => !r.warm && r.debounce === 0).times);
const lines = [
  '## Custom element: first suggestions after the first keystroke (issue #15)',
  '',
  `Command: \`node scripts/bench_element.mjs --write\` — ${new Date().toISOString().slice(0, 10)}, commit ${commit}, headless Chromium ${version}, ` +
    `examples/cms/ on the built package (target/npm), ${articles.length} sample articles (seeds/, ${Math.min(...chars)}–${Math.max(...chars)} characters) × ${ROUNDS} rounds, a fresh page each; ` +
    `1-minute load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on 2 shared cores (noisy).`,
  '',
  'The keystroke pastes the article into the empty body (one input event); the time runs from that event to `presslens-result`, sent once the suggestions are drawn. ' +
    '*Cold*: pasted as soon as the page has loaded, while the element still loads its worker and the wasm; *warm*: pasted once `element.ready` has resolved.',
  '',
  '| debounce | case | median | fastest | slowest |',
  '|---:|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.debounce} ms | ${r.warm ? 'warm' : 'cold'} | ${fmt(median(r.times))} | ${fmt(Math.min(...r.times))} | ${fmt(Math.max(...r.times))} |`),
  '',
  `Cold over warm, debounce 0 (medians, this run): ${(cold0 / warm0).toFixed(1)}x — what loading the engine adds to the first suggestions. ` +
    'No request left 127.0.0.1 in any run.',
];
const report = lines.join('\n');
console.log(report);
if (WRITE) execFileSync('python3', [`${ROOT}scripts/bench_section.py`, 'element'], { input: report, stdio: ['pipe', 'inherit', 'inherit'] });
