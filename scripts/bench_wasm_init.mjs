#!/usr/bin/env node
// The wasm core's start-up in Node, step by step (issue #14, page start-up): instantiate the
// release module (www/pkg, `python3 scripts/build_wasm.py release`), `new Analyzer()` (the
// tagger model's decoding), the first analysis of a short text (the word lists, gazetteer and
// sentence model built on first use, and V8's lazy compilation of the code it runs) and a
// second one. Each run is a fresh Node process, so nothing is compiled or built before it;
// prints each run and the medians. V8 flags go before the script, e.g. to see what lazy
// compilation costs:
//
//   node scripts/bench_wasm_init.mjs [RUNS]                              # default RUNS 5
//   node --no-wasm-lazy-compilation scripts/bench_wasm_init.mjs [RUNS]   # every function compiled at instantiation
//   PKG=DIR node scripts/bench_wasm_init.mjs                             # another build (glue and module) than www/pkg
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PKG = process.env.PKG ? `${pathToFileURL(resolve(process.env.PKG)).href}/` : new URL('../www/pkg/', import.meta.url).href;
const TEXT = 'On 3 March 2024 President Aleksandar Vučić of Serbia met the Russian defence minister in Belgrade to discuss S-400 air defence systems, the agency Reuters reported on Monday.';

if (process.env.BENCH_WASM_INIT_CHILD) {
  const glue = await import(`${PKG}presslens.js`);
  const bytes = readFileSync(new URL('presslens_bg.wasm', PKG));
  const t = [performance.now()];
  await glue.default({ module_or_path: bytes });
  t.push(performance.now());
  const analyzer = new glue.Analyzer();
  t.push(performance.now());
  for (let i = 0; i < 2; i++) {
    analyzer.analyze([{ id: 'a', text: TEXT }], undefined, undefined);
    t.push(performance.now());
  }
  console.log(JSON.stringify(t.slice(1).map((x, i) => x - t[i])));
} else {
  const runs = Number(process.argv[2] ?? 5);
  const steps = ['instantiate', 'new Analyzer()', 'first analysis', 'second analysis'];
  const all = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_WASM_INIT_CHILD: '1' }, encoding: 'utf8' });
    all.push(JSON.parse(out));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`${process.env.PKG ? `PKG=${process.env.PKG} ` : ''}node ${[...process.execArgv, 'scripts/bench_wasm_init.mjs'].join(' ')} — ${runs} fresh processes, ms (median; each run)`);
  steps.forEach((s, k) => console.log(`${s.padEnd(16)} ${median(all.map((r) => r[k])).toFixed(1).padStart(7)}   ${all.map((r) => r[k].toFixed(1)).join(', ')}`));
}
