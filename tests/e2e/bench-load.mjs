#!/usr/bin/env node
// Page benchmarks in headless Chromium (Debian's, through playwright-core), against the
// server in-process on 127.0.0.1:
//
//   node tests/e2e/bench-load.mjs           # print the figures
//   node tests/e2e/bench-load.mjs --write   # also rewrite the "page" section of BENCHMARKS.md
//
// 1. Page load → first result: navigation start to the page's `presslens:first-result`
//    performance mark (the five sample articles analysed and the article view drawn), in a
//    fresh browser context each time (empty HTTP cache), RUNS times; median, min and max.
// 2. Responsiveness (BATCH_RUNS times, worst reported): the longest main-thread task (PerformanceObserver 'longtask', which
//    reports tasks over 50 ms) while a 5 MB batch of 50 files is read, analysed in the worker
//    and its article view drawn, then while each other view is opened on that result.
// Like the tests, it builds nothing: www/pkg must exist.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT, SEEDS, launch, requireBuild } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

const RUNS = Number(process.env.RUNS ?? 10);
const BATCH_RUNS = Number(process.env.BATCH_RUNS ?? 3); // the worst of these is reported
const BATCH_FILES = 50;
const BATCH_BYTES = 5 * 1000 * 1000; // about: each file is cut back to a character boundary

requireBuild();
const server = await serve({ port: 0 });
const browser = await launch();
const chromium = browser.version();

async function firstResult() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('presslens:first-result').length > 0, null, { timeout: 60_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('presslens:first-result')[0].startTime);
  await context.close();
  return ms;
}

/**
 * 50 files of 100 kB each, cut from the sample articles repeated, written to a temporary
 * folder: files chosen by path reach the page as real files, whereas Playwright turns
 * in-memory buffers into Files with a script on the page's main thread (a long task of its own
 * that would be charged to the page).
 */
function batchFiles(dir) {
  const all = Object.values(SEEDS).join('\n\n');
  const per = Math.floor(BATCH_BYTES / BATCH_FILES);
  return Array.from({ length: BATCH_FILES }, (_, i) => {
    let text = `Batch file ${i + 1}.\n\n`;
    while (Buffer.byteLength(text) < per) text += all + '\n\n';
    const buffer = Buffer.from(text).subarray(0, per);
    // Cut on a character boundary: drop a trailing partial UTF-8 sequence.
    let end = buffer.length;
    while (end > 0 && (buffer[end - 1] & 0xc0) === 0x80) end--;
    if (end > 0 && buffer[end - 1] >= 0xc0) end--;
    const path = join(dir, `batch-${String(i + 1).padStart(2, '0')}.txt`);
    writeFileSync(path, buffer.subarray(0, end));
    return { path, bytes: end };
  });
}

async function responsiveness() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // The bench's own observer (not the page's code): records every long task from the start.
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.dataset.state === 'done', null, { timeout: 60_000 });
  const dir = mkdtempSync(join(os.tmpdir(), 'presslens-bench-'));
  const files = batchFiles(dir);
  const bytes = files.reduce((a, f) => a + f.bytes, 0);
  const job = Number(await page.evaluate(() => document.body.dataset.job));
  const t0 = await page.evaluate(() => performance.now());
  await page.setInputFiles('#file', files.map((f) => f.path));
  await page.waitForFunction((job) => Number(document.body.dataset.job) > job && document.body.dataset.state !== 'analysing', job, { timeout: 600_000, polling: 200 });
  const state = await page.evaluate(() => document.body.dataset.state);
  if (state !== 'done') throw new Error(`the 5 MB batch ended in state ${state}: ${await page.locator('#status').innerText()}`);
  await page.waitForFunction(() => document.querySelector('#doc-text mark.ent'));
  const t1 = await page.evaluate(() => performance.now());
  const during = await page.evaluate(([a, b]) => window.__longtasks.filter((t) => t.start >= a && t.start <= b), [t0, t1]);
  const views = {};
  for (const view of ['entities', 'matrix', 'network', 'timeline', 'quotes', 'tags', 'article']) {
    const s = await page.evaluate(() => performance.now());
    await page.click(`#tab-${view}`);
    await page.waitForFunction((v) => document.querySelector(`#panel-${v} .panel-body`).textContent.trim().length > 0 && !document.querySelector(`#panel-${v} .panel-body`).textContent.startsWith('Laying out'), view, { timeout: 120_000 });
    await page.waitForTimeout(100);
    const e = await page.evaluate(() => performance.now());
    const tasks = await page.evaluate(([a, b]) => window.__longtasks.filter((t) => t.start >= a && t.start <= b), [s, e]);
    views[view] = Math.max(0, ...tasks.map((t) => t.duration));
  }
  // Exporting the full JSON (stringified on the main thread) on that result.
  const xs = await page.evaluate(() => performance.now());
  await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  await page.waitForTimeout(100);
  const xe = await page.evaluate(() => performance.now());
  const exportTasks = await page.evaluate(([a, b]) => window.__longtasks.filter((t) => t.start >= a && t.start <= b), [xs, xe]);
  views['export: full JSON'] = Math.max(0, ...exportTasks.map((t) => t.duration));
  const entities = await page.evaluate(() => document.querySelector('#summary').textContent);
  await context.close();
  rmSync(dir, { recursive: true, force: true });
  return { bytes, seconds: (t1 - t0) / 1000, longest: Math.max(0, ...during.map((t) => t.duration)), count: during.length, views, entities };
}

try {
  const loads = [];
  for (let i = 0; i < RUNS; i++) loads.push(await firstResult());
  loads.sort((a, b) => a - b);
  const median = (loads[(RUNS - 1) >> 1] + loads[RUNS >> 1]) / 2;
  const runs = [];
  for (let i = 0; i < BATCH_RUNS; i++) runs.push(await responsiveness());
  // Every figure below is the worst of the runs, with each run's value beside it: a shared
  // machine makes single runs noisy, and the lucky one is not the one to report.
  const worst = (pick) => {
    const all = runs.map(pick);
    const shown = (ms) => (ms ? fmt(ms) : '<50 ms');
    return `${Math.max(...all) ? fmt(Math.max(...all)) : 'none over 50 ms'} (runs: ${all.map(shown).join(', ')})`;
  };
  const r = runs[0];
  const wasm = readFileSync(`${ROOT}www/pkg/presslens_bg.wasm`).length;
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'www', 'tests/e2e', 'scripts/serve.mjs'], { cwd: ROOT }).toString().trim() !== '';
  const date = new Date().toISOString().slice(0, 10);
  const fmt = (ms) => `${Math.round(ms)} ms`;
  const report = [
    '## Page',
    '',
    `Command: \`node tests/e2e/bench-load.mjs --write\` — ${date}, page code at commit ${commit}${dirty ? ' (with uncommitted changes)' : ''}, headless Chromium ${chromium}, ` +
      `${os.cpus().length} cores (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end: the machine is shared, so the figures are noisy), wasm ${wasm} bytes (www/pkg as built).`,
    '',
    '| measure | figure |',
    '|---|---:|',
    `| page load → first result (5 sample articles analysed and drawn), median of ${RUNS} cold loads | ${fmt(median)} |`,
    `| … fastest / slowest of the ${RUNS} | ${fmt(loads[0])} / ${fmt(loads.at(-1))} |`,
    `| 5 MB batch (${BATCH_FILES} files, ${r.bytes} bytes): files chosen → result drawn, ${BATCH_RUNS} runs | ${runs.map((x) => `${x.seconds.toFixed(1)} s`).join(', ')} |`,
    `| … longest main-thread task meanwhile, worst of ${BATCH_RUNS} runs | ${worst((x) => x.longest)} |`,
    ...Object.keys(r.views).map((v) => `| … longest task ${v.startsWith('export') ? `for the ${v}` : `opening the ${v} view`} on that result | ${worst((x) => x.views[v])} |`),
    '',
    `The batch result: ${r.entities}. A long task is one over 50 ms (PerformanceObserver 'longtask'); "none" means none was reported.`,
  ].join('\n');
  console.log(report);
  if (process.argv.includes('--write')) {
    execFileSync('python3', [`${ROOT}scripts/bench_section.py`, 'page'], { input: report, stdio: ['pipe', 'inherit', 'inherit'] });
  }
} finally {
  await browser.close();
  await server.close();
}
