#!/usr/bin/env node
// Time per MB of the wasm build in Node against the batch size (issue #14: "time per MB flat
// within 15 % from 1 to 10 MB"). For each batch size (1, 5 and 10 MB of the sample articles
// repeated as documents, as scripts/bench_browser.mjs builds them) a fresh Node process loads
// the module, analyses the five sample articles (the lazy tables load there, as in the browser
// benchmark's warm-up) and then times one `analyze` of the batch. Each size runs twice: with
// V8's defaults (code starts in the Liftoff baseline tier and hot functions are recompiled by
// TurboFan while it runs) and with --no-liftoff (TurboFan code from the start), so the share of
// the tier-up in the small batch's time per MB shows. Pinned to one core with taskset when
// there is one.
//
//   node scripts/bench_wasm_batches.mjs [PKG_DIR]     # default www/pkg (python3 scripts/build_wasm.py release)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sampleDocs, seedTexts } from './sample_docs.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const [, self, arg, mbArg] = process.argv;

if (mbArg) {
  // Child: one batch of mbArg MB with the module in arg.
  const seeds = seedTexts();
  const { docs, bytes } = sampleDocs(Number(mbArg));
  const pkg = await import(`${arg}/presslens.js`);
  pkg.initSync({ module: readFileSync(`${arg}/presslens_bg.wasm`) });
  const analyzer = new pkg.Analyzer();
  analyzer.analyze(seeds.map((text, i) => ({ id: `s${i}`, text })));
  const t = performance.now();
  analyzer.analyze(docs);
  console.log(JSON.stringify({ bytes, ms: performance.now() - t }));
} else {
  const dir = arg ?? `${ROOT}www/pkg`;
  if (!existsSync(`${dir}/presslens_bg.wasm`)) {
    console.error(`${dir}/presslens_bg.wasm is missing: run python3 scripts/build_wasm.py release`);
    process.exit(1);
  }
  const pin = existsSync('/usr/bin/taskset') ? ['taskset', '-c', '0'] : [];
  const rows = [];
  for (const flags of [[], ['--no-liftoff']]) {
    for (const mb of [1, 5, 10]) {
      const load = loadavg()[0];
      const cmd = [...pin, process.execPath, ...flags, self, dir, String(mb)];
      const r = JSON.parse(execFileSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 }));
      rows.push({ flags: flags.join(' ') || 'defaults', mb, ...r, load });
    }
  }
  console.log(`node scripts/bench_wasm_batches.mjs — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${dir}`);
  console.log('');
  console.log('| V8 flags | batch | time | time per MB | 1-minute load at start |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.flags} | ${r.bytes} bytes | ${(r.ms / 1000).toFixed(2)} s | ${Math.round(r.ms / (r.bytes / 1e6))} ms | ${r.load.toFixed(2)} |`);
  }
  for (const flags of ['defaults', '--no-liftoff']) {
    const per = rows.filter((r) => r.flags === flags).map((r) => r.ms / (r.bytes / 1e6));
    console.log(`${flags}: slowest / fastest time per MB ${(Math.max(...per) / Math.min(...per)).toFixed(2)}`);
  }
}
