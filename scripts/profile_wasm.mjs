#!/usr/bin/env node
// Where the wasm module's time goes (issue #14): V8's sampling profiler over `analyze` on the
// same 1 MB of sample articles as scripts/bench_wasm_profiles.mjs (the five articles repeated
// as documents), after one warm-up call, and each function's share of the samples by self time.
// The module must keep its functions' names:
//
//   python3 scripts/build_wasm.py release --names --out-dir target/pkg-names
//   node scripts/profile_wasm.mjs target/pkg-names [ROUNDS] [TOP]
//
// ROUNDS (default 3) calls on the whole megabyte are profiled; TOP (default 30) functions are
// printed. A sample is counted where V8 took it: a function inlined by LLVM or binaryen counts
// in its caller. Not part of the test run; figures go to BENCHMARKS.md by hand, with this
// command and its date.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { sampleDocs } from './sample_docs.mjs';

const [dirArg, roundsArg, topArg] = process.argv.slice(2);
if (!dirArg) {
  console.error('usage: node scripts/profile_wasm.mjs MODULE_DIR [ROUNDS] [TOP] (build it with python3 scripts/build_wasm.py release --names --out-dir DIR)');
  process.exit(2);
}
const dir = resolve(dirArg);
const rounds = Number(roundsArg ?? 3);
const top = Number(topArg ?? 30);

const { docs, bytes: corpusBytes } = sampleDocs(1);

const bytes = readFileSync(`${dir}/presslens_bg.wasm`);
if (!WebAssembly.Module.customSections(new WebAssembly.Module(bytes), 'name').length) {
  console.error(`profile_wasm: ${dir}/presslens_bg.wasm has no name section: build it with --names`);
  process.exit(1);
}
const pkg = await import(`${dir}/presslens.js`);
pkg.initSync({ module: bytes });
const analyzer = new pkg.Analyzer();
analyzer.analyze(docs.slice(0, 5)); // warm: lazy tables, first compilation tier

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const t = performance.now();
for (let r = 0; r < rounds; r++) analyzer.analyze(docs);
const seconds = (performance.now() - t) / 1000;
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
for (const id of profile.samples) {
  const f = byId.get(id).callFrame;
  const name = f.functionName || `(${f.url.split('/').pop() || 'anonymous'})`;
  if (name === '(idle)' || name === '(program)') continue;
  // Rust's symbol hashes (`::h0123abcd…`) say nothing to a reader.
  const shown = name.replace(/::h[0-9a-f]{16}$/, '');
  self.set(shown, (self.get(shown) ?? 0) + 1);
  total += 1;
}
const mb = corpusBytes / 1e6;
console.log(`\`node scripts/profile_wasm.mjs ${dirArg}${roundsArg ? ` ${roundsArg}` : ''}${topArg ? ` ${topArg}` : ''}\` — ${new Date().toISOString().slice(0, 10)}, `
  + `${rounds} × ${mb.toFixed(2)} MB in ${seconds.toFixed(2)} s under the profiler, ${total} samples, load average ${loadavg()[0].toFixed(2)}`);
console.log();
console.log('| self | function |');
console.log('|---:|---|');
for (const [name, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`| ${(100 * n / total).toFixed(1)} % | \`${name}\` |`);
}
