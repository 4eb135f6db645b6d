#!/usr/bin/env node
// The single file's figures (issue #15), measured in one run:
//
//   node scripts/bench_single.mjs           # print the BENCHMARKS.md section
//   node scripts/bench_single.mjs --write   # also replace the section "single-file" of BENCHMARKS.md
//
// 1. Its size, raw and gzip -9, part by part (scripts/build_single.mjs builds it first), beside
//    the files of www/ that the served page loads, each gzipped alone and summed.
// 2. Open → first result: navigation start to the page's `presslens:first-result` mark (the
//    five sample articles analysed, the first drawn), for target/single/presslens.html from
//    file:// and for the served page (scripts/serve.mjs on 127.0.0.1, compressed), in turns,
//    each load in a fresh browser context; medians and their ratio. The single file unpacks its
//    wasm module (base64, then gzip) in the worker before compiling it; the served page streams it.
// The machine's load average is printed with the figures: on a shared machine they are noisy.
// Like the tests, it needs www/pkg (python3 scripts/build_wasm.py release).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSingle, DEFAULT_OUT, sizeTable } from './build_single.mjs';
import { ROOT, launch, requireBuild } from '../tests/e2e/helpers.mjs';
import { serve } from './serve.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const loadBefore = load();

requireBuild();
const sizes = await buildSingle(DEFAULT_OUT);

// The files the served page can load: everything in www/ but the type declarations.
function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.d\.ts$|LICENSES\.txt$/.test(n) ? [] : [p];
  });
}
const served = files(join(ROOT, 'www')).map((p) => readFileSync(p));
const servedRaw = served.reduce((a, b) => a + b.length, 0);
const servedGzip = served.reduce((a, b) => a + gzipSync(b, { level: 9 }).length, 0);

const server = await serve({ port: 0 });
const browser = await launch();
const single = pathToFileURL(DEFAULT_OUT).href;

async function firstResult(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('presslens:first-result').length > 0, null, { timeout: 60_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('presslens:first-result')[0].startTime);
  const state = await page.evaluate(() => document.body.dataset.state);
  await context.close();
  if (state === 'error') throw new Error(`${url} ended in an error`);
  return ms;
}

const times = { single: [], served: [] };
try {
  await firstResult(single); // warm the browser process itself, not measured
  for (let i = 0; i < RUNS; i++) {
    times.single.push(await firstResult(single));
    times.served.push(await firstResult(server.url));
  }
} finally {
  await browser.close();
  await server.close();
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`;
const [mSingle, mServed] = [median(times.single), median(times.served)];
const date = new Date().toISOString().slice(0, 10);
const report = [
  '## Single file (issue #15)',
  '',
  `\`node scripts/bench_single.mjs --write\`, ${date}, commit ${sizes.commit}, headless Chromium ${browser.version()}, ${os.cpus().length} cores, load average ${loadBefore} before and ${load()} after (a shared machine: the times are noisy). ` +
    '`target/single/presslens.html` (`node scripts/build_single.mjs`) is the whole page, with every view, the five sample articles, the worker and the wasm module, in one file that works from disk.',
  '',
  sizeTable(sizes),
  `| for comparison: the files of www/ the served page can load (${served.length}, no .d.ts), raw / each gzip -9, summed | ${servedRaw} / ${servedGzip} |`,
  '',
  `Single file gzip / served files gzip: **${(sizes.gzip / servedGzip).toFixed(2)}x**. The wasm module is ${(sizes.wasmBlock / sizes.wasm).toFixed(2)}x its raw size in the page (gzip then base64).`,
  '',
  '| open → first result (5 sample articles analysed, the first drawn) | median | all runs |',
  '| --- | ---: | --- |',
  `| single file from file:// | ${ms(mSingle)} | ${times.single.map(ms).join(', ')} |`,
  `| served page (scripts/serve.mjs, 127.0.0.1, compressed) | ${ms(mServed)} | ${times.served.map(ms).join(', ')} |`,
  '',
  `Single file / served page: **${(mSingle / mServed).toFixed(2)}x** (medians of ${RUNS} cold loads each, in turns, a fresh browser context each).`,
].join('\n');
console.log(report);
if (process.argv.includes('--write')) {
  execFileSync('python3', [join(ROOT, 'scripts/bench_section.py'), 'single-file'], { input: report, stdio: ['pipe', 'inherit', 'inherit'] });
}
