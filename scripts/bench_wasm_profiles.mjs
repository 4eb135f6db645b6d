#!/usr/bin/env node
// Size against speed of the wasm build profiles (issue #14): for each module directory given,
// its size (raw, gzip -9, brotli) and its throughput in Node on the same 1 MB of news text (the
// sample articles repeated as documents), alternating between the modules for ROUNDS rounds
// (default 3) and keeping each one's median. Run by scripts/bench_wasm_profiles.sh.
//
//   node scripts/bench_wasm_profiles.mjs NAME=DIR NAME=DIR ...
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { loadavg } from 'node:os';
import { sampleDocs } from './sample_docs.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const { docs, bytes: corpusBytes } = sampleDocs(1);
const mb = corpusBytes / 1e6;

const modules = [];
for (const arg of process.argv.slice(2)) {
  const [name, dir] = arg.split('=');
  const bytes = readFileSync(`${dir}/presslens_bg.wasm`);
  const pkg = await import(`${dir}/presslens.js`);
  pkg.initSync({ module: bytes });
  const analyzer = new pkg.Analyzer();
  analyzer.analyze(docs.slice(0, 5)); // warm: lazy tables, first compilation tier
  modules.push({
    name, analyzer, times: [],
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}
for (let r = 0; r < ROUNDS; r++) {
  for (const m of modules) {
    const t = performance.now();
    m.analyzer.analyze(docs);
    m.times.push((performance.now() - t) / 1000);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${mb.toFixed(2)} MB of sample articles, ${ROUNDS} rounds alternating, load average at the end ${loadavg()[0].toFixed(2)} (${new Date().toISOString().slice(0, 10)})`);
console.log('| profile | raw B | gzip -9 B | brotli B | MB/s (median) |');
console.log('|---|---:|---:|---:|---:|');
for (const m of modules) {
  console.log(`| ${m.name} | ${m.raw} | ${m.gzip} | ${m.brotli} | ${(mb / median(m.times)).toFixed(2)} |`);
}
const [a, ...rest] = modules;
for (const b of rest) {
  console.log(`${b.name} / ${a.name}: gzip size ${(b.gzip / a.gzip).toFixed(3)}×, speed ${(median(a.times) / median(b.times)).toFixed(2)}×`);
}
