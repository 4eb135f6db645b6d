// The wasm benchmarks' corpus (issue #14): the sample articles in seeds/ repeated as documents
// `d0`, `d1`, … until their text holds the given number of megabytes (the same corpus as the
// browser benchmark and scripts/bench_native.sh). Shared by scripts/bench_wasm_profiles.mjs,
// scripts/bench_wasm_batches.mjs and scripts/profile_wasm.mjs.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The sample articles' texts, in file-name order. @returns {string[]} */
export function seedTexts() {
  return readdirSync(`${ROOT}seeds`).filter((n) => n.endsWith('.txt')).sort()
    .map((n) => readFileSync(`${ROOT}seeds/${n}`, 'utf8'));
}

/**
 * The articles repeated until they hold `megabytes` MB of UTF-8 text, and that size.
 * @param {number} megabytes
 * @returns {{ docs: { id: string, text: string }[], bytes: number }}
 */
export function sampleDocs(megabytes) {
  const seeds = seedTexts();
  const docs = [];
  let bytes = 0;
  for (let i = 0; bytes < megabytes * 1e6; i++) {
    const text = seeds[i % seeds.length];
    docs.push({ id: `d${i}`, text });
    bytes += Buffer.byteLength(text);
  }
  return { docs, bytes };
}
