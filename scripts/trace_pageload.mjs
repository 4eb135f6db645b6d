#!/usr/bin/env node
// One cold load of the page traced with the Chrome DevTools Protocol, to see where the time to
// the first result goes (issue #14, page start-up): the page's and the worker's user-timing marks,
// when boot.js ran, when the worker was created, started and had its script, when the wasm
// module was compiled and instantiated, how much of each worker stage was V8's lazy (baseline)
// compilation, and the page's long main-thread tasks.
//
//   node scripts/trace_pageload.mjs                      # the built page, target/www (node scripts/build_page.mjs)
//   node scripts/trace_pageload.mjs --root www           # www/ as is, or any folder holding a page
//   node scripts/trace_pageload.mjs --out trace.json     # also where the raw trace goes (default target/trace-pageload.json;
//                                                        # it opens in Chrome DevTools' Performance panel or ui.perfetto.dev)
//   node scripts/trace_pageload.mjs --js-profile         # and one more cold load with V8's sampling profiler on the
//                                                        # page's main thread, to the first result: the JavaScript
//                                                        # functions that took longest (target/pageload.cpuprofile;
//                                                        # with --root www the names are the sources', not minified)
//
// One load that is not traced comes first (scripts/serve.mjs compresses each file on its first
// request). Tracing slows everything down and the figures vary from load to load: use it to see
// the order and the shares of the steps, and scripts/bench_browser.mjs --only pageload for times.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, launch, markEvents } from '../tests/e2e/helpers.mjs';
import { serve } from './serve.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const root = resolve(opt('--root', join(ROOT, 'target/www')));
const out = resolve(opt('--out', join(ROOT, 'target/trace-pageload.json')));
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'v8.execute', 'blink.user_timing', 'loading', 'blink', 'toplevel'];

const server = await serve({ port: 0, root });
const browser = await launch();
const firstResult = (page) => page.waitForFunction(() => performance.getEntriesByName('presslens:first-result').length > 0, null, { timeout: 60_000 });
let events;
/** @type {any} the V8 CPU profile of the --js-profile load */
let profile = null;
try {
  const warm = await browser.newContext();
  const warmPage = await warm.newPage();
  await warmPage.goto(server.url);
  await firstResult(warmPage);
  await warm.close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const marks = await markEvents(page);
  const cdp = await context.newCDPSession(page);
  events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  await page.goto(server.url);
  // Waiting without polling the page (see markEvents), so the trace holds the page's work alone.
  await marks.seen('presslens:first-result', 60_000);
  await marks.seen('presslens:batch-result', 60_000).catch(() => {});
  await page.waitForTimeout(200); // the last drawing
  await cdp.send('Tracing.end');
  await complete;
  writeFileSync(out, JSON.stringify({ traceEvents: events }));
  await context.close();

  if (args.includes('--js-profile')) {
    // Another cold load, not traced: the profiler's own overhead would distort the trace.
    const pctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const ppage = await pctx.newPage();
    const pmarks = await markEvents(ppage);
    const pcdp = await pctx.newCDPSession(ppage);
    await pcdp.send('Profiler.enable');
    await pcdp.send('Profiler.setSamplingInterval', { interval: 100 }); // µs
    await pcdp.send('Profiler.start');
    await ppage.goto(server.url);
    await pmarks.seen('presslens:first-result', 60_000);
    ({ profile } = await pcdp.send('Profiler.stop'));
    writeFileSync(join(ROOT, 'target/pageload.cpuprofile'), JSON.stringify(profile));
    await pctx.close();
  }
} finally {
  await browser.close();
  await server.close();
}

// ---- the summary ------------------------------------------------------------------------------
const threads = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame !== false && e.args?.data?.documentLoaderURL?.startsWith('http')) ?? events.find((e) => e.name === 'navigationStart');
if (!nav) throw new Error('trace_pageload: the trace has no navigationStart event');
const t0 = nav.ts;
const pid = nav.pid;
const ms = (ts) => (ts - t0) / 1000;
const thread = (e) => threads.get(`${e.pid}:${e.tid}`) ?? '?';
const isWorker = (e) => e.pid === pid && thread(e).startsWith('DedicatedWorker');
const isMain = (e) => e.pid === pid && thread(e) === 'CrRendererMain';
const fmt = (x) => `${x.toFixed(1).padStart(7)} ms`;

const marks = new Map();
for (const e of events) {
  if (e.name?.startsWith('presslens:') && ['I', 'R', 'i', 'n'].includes(e.ph) && !marks.has(e.name)) marks.set(e.name, ms(e.ts));
}
const lines = [`trace_pageload: ${root}, one cold load; the raw trace: ${out}`, '', 'Marks (page and worker, ms after navigation start):'];
for (const [name, t] of [...marks].sort((a, b) => a[1] - b[1])) lines.push(`  ${fmt(t)}  ${name}`);

const milestones = [
  ['boot.js evaluated', (e) => isMain(e) && e.name === 'EvaluateScript' && /boot\.js/.test(e.args?.data?.url ?? '')],
  ['worker created (browser asked for worker.js)', (e) => e.name === 'DedicatedWorkerHostFactoryImpl::CreateWorkerHostAndStartScriptLoad'],
  ['worker.js response in the browser', (e) => e.name === 'DedicatedWorkerHost::DidStartScriptLoad'],
  ['worker thread started', (e) => isWorker(e) && e.name === 'V8PerIsolateData::Initialize'],
  ['worker.js compiled', (e) => isWorker(e) && e.name === 'v8.compileModule'],
  ['wasm streaming compilation finished', (e) => e.pid === pid && e.name === 'wasm.FinishStreaming'],
  ['wasm instantiated', (e) => isWorker(e) && e.name === 'wasm.SyncInstantiate'],
];
lines.push('', 'Milestones (first occurrence):');
for (const [label, test] of milestones) {
  const e = events.find((x) => x.ts && test(x));
  lines.push(`  ${e ? fmt(ms(e.ts)) : '      —   '}  ${label}`);
}

const lazy = events.filter((e) => isWorker(e) && e.name === 'wasm.CompileLazy' && e.dur !== undefined);
const stages = [
  ['worker-instantiated', 'worker-analyzer', 'new Analyzer()'],
  ['worker-analyzer', 'worker-warmed-up', 'warm-up'],
  ['worker-warmed-up', 'worker-preview', 'the first article alone'],
  ['worker-analyzer', 'worker-preview', 'the first article alone (no warm-up ran)'],
];
lines.push('', 'Worker stages (between its marks) and the lazy compilation inside them:');
for (const [a, b, label] of stages) {
  const ta = marks.get(`presslens:${a}`);
  const tb = marks.get(`presslens:${b}`);
  if (ta === undefined || tb === undefined) continue;
  if (label.includes('no warm-up') && marks.has('presslens:worker-warmed-up')) continue;
  const inside = lazy.filter((e) => ms(e.ts) >= ta && ms(e.ts) < tb);
  const compiling = inside.reduce((s, e) => s + e.dur, 0) / 1000;
  lines.push(`  ${fmt(tb - ta)}  ${label}: ${compiling.toFixed(1)} ms compiling ${inside.length} functions lazily`);
}
// Thread time (`tdur`), not wall time: the compile threads wait for a core most of the time on
// a small machine, and the jobs overlap.
const topTier = events.filter((e) => e.pid === pid && e.name === 'wasm.TopTierCompilation');
const cpu = (list) => list.reduce((s, e) => s + (e.tdur ?? e.dur ?? 0), 0) / 1000;
const firstAt = marks.get('presslens:first-result') ?? Infinity;
const beforeFirst = topTier.filter((e) => ms(e.ts) < firstAt);
lines.push(`  optimizing (TurboFan) compilation of wasm on background threads: ${topTier.length} jobs, ${cpu(topTier).toFixed(1)} ms of thread time (${beforeFirst.length} jobs, ${cpu(beforeFirst).toFixed(1)} ms started before the first result)`);

const end = marks.get('presslens:first-result') ?? Infinity;
const long = events.filter((e) => isMain(e) && e.name === 'RunTask' && (e.dur ?? 0) >= 15_000 && ms(e.ts) < end);
lines.push('', 'The page\'s main-thread tasks of 15 ms or more before the first result (the worker is started from this thread):');
for (const e of long) {
  const inner = events.filter((x) => isMain(x) && x.ts >= e.ts && x.ts < e.ts + e.dur && ['v8.evaluateModule', 'EvaluateScript', 'Layout', 'UpdateLayoutTree', 'ParseHTML', 'FunctionCall'].includes(x.name) && (x.dur ?? 0) >= 3000);
  const what = inner.map((x) => `${x.name} ${(x.dur / 1000).toFixed(0)}`).join(', ');
  lines.push(`  ${fmt(ms(e.ts))}  ${(e.dur / 1000).toFixed(1)} ms${what ? ` (${what})` : ''}`);
}
if (profile) {
  // Inclusive time of each function (file:line), from the samples' stacks, each function
  // counted once per sample however deep it recurs.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() || ''}:${n.callFrame.lineNumber + 1}`;
  const inclusive = new Map();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id).callFrame.functionName;
    if (!['(idle)', '(program)', '(root)'].includes(leaf)) busy += dt;
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const n = byId.get(x);
      if (['(root)', '(program)', '(idle)'].includes(n.callFrame.functionName)) continue;
      const k = name(n);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  });
  lines.push('', `The page's JavaScript to the first result (another cold load, sampled every 0.1 ms; ${busy.toFixed(1)} ms in JavaScript and garbage collection; target/pageload.cpuprofile), the longest by inclusive time:`);
  for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${fmt(v)}  ${k}`);
}
console.log(lines.join('\n'));
