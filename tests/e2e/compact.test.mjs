// The worker → page hand-off's compact form (www/modules/compact.js, issue #14): what the page
// unpacks is exactly what the core returned, byte for byte as JSON, on the real core's result
// for the sample articles (the wasm module run in Node) and on results the schema does not
// describe. Plain Node: no browser needed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ROOT, SEEDS, requireBuild } from './helpers.mjs';
import { pack, unpack } from '../../www/modules/compact.js';

/** Packs, moves the result as postMessage would (buffers transferred), unpacks. */
function roundTrip(dr, text) {
  const { packed, transfer } = pack(dr, text);
  assert.equal(transfer.length, 1, 'one buffer per document: each transferred buffer costs');
  const moved = structuredClone(packed, { transfer });
  assert.equal(transfer[0].byteLength, 0, 'the buffer is transferred, not copied');
  return { packed: moved, back: unpack(moved, text) };
}

test('the core’s result for the sample articles comes back exactly as it was', async () => {
  requireBuild();
  const core = await import('../../www/pkg/presslens.js');
  core.initSync({ module: readFileSync(`${ROOT}www/pkg/presslens_bg.wasm`) });
  const docs = Object.entries(SEEDS).map(([id, text]) => ({ id, text }));
  const result = new core.Analyzer().analyze(docs);
  result.documents.forEach((dr, i) => {
    const { packed, back } = roundTrip(dr, docs[i].text);
    assert.equal(JSON.stringify(back), JSON.stringify(dr), `${dr.id}: unpack(pack(x)) must be x, keys in the same order`);
    for (const list of ['entities', 'sentences', 'blocks', 'boilerplate', 'quotes', 'suggestions']) {
      assert.ok(!('plain' in packed.lists[list]), `${dr.id}: ${list} travelled as plain objects: the schema in compact.js no longer matches the result types`);
    }
    assert.ok(dr.entities.length > 10 && dr.quotes.length > 0, `${dr.id}: the sample must exercise entities and quotes`);
  });
});

test('what the schema does not describe travels as it is; absent, null, false and odd text survive', () => {
  const text = 'Shoigu met Vučić in 😀 Belgrade.';
  const dr = {
    id: 'x',
    entities: [
      { start: 0, end: 6, label: 'PER', text: 'Shoigu', score: 0.123456789, cluster: 0 },
      { start: 0, end: 6, label: 'PER', text: 'Shoigu', score: 0, cluster: undefined, kind: null },
      { start: 11, end: 16, label: 'PER', text: 'not the slice', score: 1, kind: 'k', value: 'v', boilerplate: false },
      { start: 23, end: 31, label: 'LOC', text: 'Belgrade', score: 0.5, boilerplate: true },
    ],
    sentences: [{ start: 0, end: 32 }],
    quotes: [
      { start: 0, end: 6, text: 'Shoigu', speaker: null, speaker_text: null },
      { start: 0, end: 6, text: 'Shoigu', speaker: undefined, speaker_text: undefined, boilerplate: undefined },
      { start: 7, end: 10, text: 'met', speaker: 3, speaker_text: 'he', boilerplate: null },
    ],
    boilerplate: [],
    blocks: [{ start: 0, end: 32, class: 'body', extra: 1 }],
    suggestions: [{ cluster: 0, name: 'Shoigu', label: 'PER', score: 2.5 }],
    error: 'partly',
    future: { a: [1, 2] },
  };
  const { packed, back } = roundTrip(dr, text);
  assert.equal(JSON.stringify(back), JSON.stringify(dr), 'unpack(pack(x)) must be x');
  assert.deepStrictEqual(back, dr, 'missing keys, undefined and null values must come back as they were');
  assert.ok('plain' in packed.lists.blocks, 'a list with a field the schema lacks travels as plain objects');
  assert.ok(!('plain' in packed.lists.entities) && !('plain' in packed.lists.quotes), 'entities and quotes fit the schema');
});
