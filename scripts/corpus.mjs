#!/usr/bin/env node
// Generates www/corpus.json, the page's default corpus, from seeds/*.txt and seeds/README.md.
//
//   node scripts/corpus.mjs           # rewrite www/corpus.json
//   node scripts/corpus.mjs --check   # exit 1 if www/corpus.json differs from what it would write
//
// The page serves www/ only, so the sample articles must be inside it; a generated file (rather
// than a copy step at serve time) keeps any static server working. tests/e2e/corpus.test.mjs
// runs --check so the file cannot drift from seeds/.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const OUT = `${ROOT}www/corpus.json`;

export async function buildCorpus() {
  const names = (await readdir(`${ROOT}seeds`)).filter((n) => n.endsWith('.txt')).sort();
  const documents = [];
  for (const id of names) {
    const text = await readFile(`${ROOT}seeds/${id}`, 'utf8');
    documents.push({ id, text });
  }
  const readme = await readFile(`${ROOT}seeds/README.md`, 'utf8');
  const corpus = {
    generator: 'node scripts/corpus.mjs (from seeds/*.txt and seeds/README.md; do not edit)',
    readme,
    documents,
  };
  return JSON.stringify(corpus, null, 1) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fresh = await buildCorpus();
  if (process.argv.includes('--check')) {
    const old = await readFile(OUT, 'utf8').catch(() => '');
    if (old !== fresh) {
      console.error('www/corpus.json is stale: run `node scripts/corpus.mjs` and commit it');
      process.exit(1);
    }
    console.log('www/corpus.json is up to date');
  } else {
    await writeFile(OUT, fresh);
    console.log(`wrote ${OUT}`);
  }
}
