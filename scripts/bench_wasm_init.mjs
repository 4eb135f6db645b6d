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
//   PKGS=before=DIR,after=DIR node scripts/bench_wasm_init.mjs 40        # builds in alternation, a process each in turn:
//                                                                        # medians, and for two builds the paired differences
//
// Between runs of the same build the medians move by a few ms on a shared machine; compare
// builds with PKGS, in one run, rather than run against run.
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
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  /** One fresh process on the build in `pkg` (undefined: PKG or www/pkg): the step times. */
  const once = (pkg) => {
    const env = { ...process.env, BENCH_WASM_INIT_CHILD: '1', ...(pkg ? { PKG: pkg } : {}) };
    return JSON.parse(execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { env, encoding: 'utf8' }));
  };
  const cmd = `node ${[...process.execArgv, 'scripts/bench_wasm_init.mjs'].join(' ')}`;
  if (process.env.PKGS) {
    const builds = process.env.PKGS.split(',').map((kv) => {
      const at = kv.indexOf('=');
      if (at < 1) throw new Error(`bench_wasm_init: PKGS takes name=DIR pairs separated by commas, not ${JSON.stringify(kv)}`);
      return { name: kv.slice(0, at), dir: kv.slice(at + 1), runs: [] };
    });
    for (let i = 0; i < runs; i++) for (const b of builds) b.runs.push(once(b.dir));
    console.log(`PKGS=${process.env.PKGS} ${cmd} — ${runs} fresh processes per build, in turns, ms (median)`);
    console.log(`${'step'.padEnd(16)} ${builds.map((b) => b.name.padStart(12)).join(' ')}`);
    steps.forEach((s, k) => console.log(`${s.padEnd(16)} ${builds.map((b) => median(b.runs.map((r) => r[k])).toFixed(1).padStart(12)).join(' ')}`));
    if (builds.length === 2) {
      const [a, b] = builds;
      console.log(`paired, ${b.name} − ${a.name} in the same turn: median difference (${b.name} faster in how many of ${runs} turns)`);
      steps.forEach((s, k) => {
        const d = a.runs.map((r, i) => b.runs[i][k] - r[k]);
        console.log(`${s.padEnd(16)} ${median(d).toFixed(1).padStart(7)} ms   (${d.filter((x) => x < 0).length} of ${runs})`);
      });
    }
  } else {
    const all = [];
    for (let i = 0; i < runs; i++) all.push(once(undefined));
    console.log(`${process.env.PKG ? `PKG=${process.env.PKG} ` : ''}${cmd} — ${runs} fresh processes, ms (median; each run)`);
    steps.forEach((s, k) => console.log(`${s.padEnd(16)} ${median(all.map((r) => r[k])).toFixed(1).padStart(7)}   ${all.map((r) => r[k].toFixed(1)).join(', ')}`));
  }
}
