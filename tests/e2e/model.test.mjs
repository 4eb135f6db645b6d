// The page's view model (www/modules/model.js) under Node: grouping, counts, keyword in
// context, exports and the UTF-16 → code point conversion for displaCy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModel, displacyJsonPieces, entityTableCsv, kwic, resultJsonPieces, sentenceAt, toCsv, toDisplacy, utf16ToCodePoints } from '../../www/modules/model.js';

const text = 'Shoigu met 😀 Vučić. Shoigu left.';
const at = (s, from = 0) => text.indexOf(s, from);
const ent = (s, label, from = 0, extra = {}) => ({ start: at(s, from), end: at(s, from) + s.length, label, text: s, score: 0.9, ...extra });

test('utf16ToCodePoints counts an astral character as one', () => {
  const cp = utf16ToCodePoints(text);
  assert.equal(cp(at('Vučić')), [...text.slice(0, at('Vučić'))].length, 'offset after 😀 must be one less than in UTF-16');
  assert.equal(cp(at('Vučić')), at('Vučić') - 1);
  assert.equal(cp(0), 0);
  assert.equal(cp(text.length), [...text].length);
  // An unpaired surrogate is one code point (Python sees U+FFFD after the core's replacement).
  const lone = utf16ToCodePoints('a\ud800b');
  assert.deepEqual([0, 1, 2, 3].map(lone), [0, 1, 2, 3]);
});

test('buildModel groups by label + text without clusters and counts per article', () => {
  const docs = [{ id: 'a', title: 'A', text }, { id: 'b', title: 'B', text: 'Nothing here.' }];
  const result = {
    documents: [
      { id: 'a', entities: [ent('Shoigu', 'PER'), ent('Vučić', 'PER'), ent('Shoigu', 'PER', 5)], sentences: [{ start: 0, end: 20 }, { start: 21, end: text.length }], quotes: [], boilerplate: [] },
      { id: 'b', entities: [], sentences: [], quotes: [], boilerplate: [] },
    ],
    clusters: [],
  };
  const m = buildModel(docs, result);
  assert.equal(m.rows.length, 2);
  assert.equal(m.rows[0].name, 'Shoigu', 'rows sorted by mentions');
  assert.deepEqual(m.rows[0].counts, [2, 0]);
  assert.equal(m.rows[0].articles, 1);
  assert.equal(m.keysByDoc[0][0], m.keysByDoc[0][2], 'both Shoigu mentions share one key');
  const k = kwic(text, result.documents[0].sentences, result.documents[0].entities[2]);
  assert.equal(k.match, 'Shoigu');
  assert.equal(k.left + k.match + k.right, text.slice(21, text.length), 'kwic is the sentence around the mention');
  const csv = entityTableCsv(m);
  assert.equal(csv.split('\r\n')[0], 'name,label,kind,variants,total,articles,a,b');
  assert.equal(csv.split('\r\n')[1], 'Shoigu,PER,,Shoigu,2,1,2,0');
  const displacy = toDisplacy(m);
  assert.equal(displacy[0].ents[1].start, at('Vučić') - 1, 'displaCy offsets are code points');
  assert.equal([...displacy[0].text].slice(displacy[0].ents[1].start, displacy[0].ents[1].end).join(''), 'Vučić');
  assert.equal(displacy[0].title, 'A');
  assert.deepEqual(JSON.parse([...displacyJsonPieces(m)].join('')), displacy, 'the displaCy export in pieces is the same JSON');
  assert.deepEqual(JSON.parse([...resultJsonPieces(m.result)].join('')), result, 'the full JSON export in pieces is the result');
});

test('buildModel makes one row per cluster with the core’s per-article counts', () => {
  const docs = [{ id: 'a', text }, { id: 'b', text: 'Shoygu.' }];
  const result = {
    documents: [
      { id: 'a', entities: [ent('Shoigu', 'PER', 0, { cluster: 0 }), ent('Vučić', 'PER'), ent('Shoigu', 'PER', 5, { cluster: 0 })], sentences: [], quotes: [], boilerplate: [] },
      { id: 'b', entities: [{ start: 0, end: 6, label: 'PER', text: 'Shoygu', score: 1, cluster: 0 }], sentences: [], quotes: [], boilerplate: [] },
    ],
    clusters: [{ id: 0, name: 'Sergei Shoigu', label: 'PER', forms: ['Shoigu', 'Shoygu'], documents: [{ document: 0, mentions: 2 }, { document: 1, mentions: 1 }] }],
  };
  const m = buildModel(docs, result);
  const row = m.byKey.get('c:0');
  assert.equal(row.name, 'Sergei Shoigu');
  assert.deepEqual(row.forms, ['Shoigu', 'Shoygu']);
  assert.deepEqual(row.counts, [2, 1]);
  assert.equal(row.mentions.length, 3);
  assert.equal(m.rows.length, 2, 'the unclustered Vučić keeps a label+text row');
});

test('buildModel refuses a result that does not match the input', () => {
  assert.throws(() => buildModel([{ id: 'a', text: 'x' }], { documents: [], clusters: [] }), /returned 0 documents for 1/);
});

test('sentenceAt and toCsv', () => {
  const s = [{ start: 0, end: 5 }, { start: 6, end: 10 }];
  assert.equal(sentenceAt(s, 7), 1);
  assert.equal(sentenceAt(s, 5), -1, 'between sentences');
  assert.equal(toCsv([['a,b', 'say "hi"', 'line\nbreak', 3]]), '"a,b","say ""hi""","line\nbreak",3\r\n');
});

test('csvCell: formula-like text gets a leading quote and is quoted; numbers stay numbers', async () => {
  const { csvCell } = await import('../../www/modules/model.js');
  for (const s of ['=HYPERLINK("https://example.com","x")', '+1', '-2+3', '@SUM(A1)', '\tTab', '\rCR']) {
    assert.equal(csvCell(s), `"'${s.replace(/"/g, '""')}"`, `${JSON.stringify(s)} must be written as text, not a formula`);
  }
  assert.equal(csvCell('a;=cmd()'), '"a;=cmd()"', 'a semicolon (a separator in many locales) is quoted');
  assert.equal(csvCell(-3), '-3', 'numbers are not text');
  assert.equal(csvCell('Shoigu'), 'Shoigu');
});

test('tagsAndText: only bare tags and text reach DOMParser', async () => {
  const { tagsAndText } = await import('../../www/modules/loaders.js');
  assert.equal(tagsAndText('<p>a <img src=x onerror=a=1> b</p>'), '<p>a <img> b</p>', 'an unquoted value holding = ends at the space or >');
  assert.equal(tagsAndText('<svg/onload=alert(1)><p>x</p>'), '<svg><p>x</p>', 'a / in a tag does not end its attributes');
  assert.equal(tagsAndText('<p title="a>b" onclick=1>t</p><br/>'), '<p>t</p><br/>', 'a quoted > does not end the tag');
  assert.equal(tagsAndText('<!-- <p onclick=1> -->a < b<script>x="</p>"</script>c'), 'a &lt; b c'.replace(' c', 'c'), 'comments and script contents go; a stray < stays text');
  assert.equal(tagsAndText('<img src=x onerror="alert(1)"'), '', 'a tag cut off by the end of the file is dropped');
});

test('model.js makes its collator on first use, not when it loads (issue #14, page start-up)', async () => {
  const Real = Intl.Collator;
  let made = 0;
  Intl.Collator = function (...args) {
    made += 1;
    return new Real(...args);
  };
  try {
    const m = await import('../../www/modules/model.js?collator-test');
    assert.equal(made, 0, "loading model.js must not construct an Intl.Collator: the page's first Intl object loads ICU data on the start-up path (it held up the analysis worker's start); make it in compareText, on first use");
    assert.ok(m.compareText('item 2', 'item 10') < 0, 'compareText collates numerically: item 2 before item 10');
    assert.ok(m.compareText('b', 'a') > 0);
    assert.equal(made, 1, 'compareText makes one collator and reuses it');
  } finally {
    Intl.Collator = Real;
  }
});
