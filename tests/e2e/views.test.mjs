// Every view against a full result on chosen text: the core's module is replaced by
// tests/e2e/fixtures/fake-core.js (the same API, type-checked against the real module's
// declarations; fills clusters, kinds, values, quotes and boilerplate with fixed outcomes), so
// the renderer is tested on every field of the result type, and on failures on demand.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { entityTableDrawn, lastJob, openWithFakeCore, problems, start, waitForAnalysis, parseCsv } from './helpers.mjs';

let env;
let page;

before(async () => {
  env = await start();
  page = await openWithFakeCore(env);
});
after(() => env?.close());

async function download(selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return { name: d.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}


const rowOf = (name) => page.locator('#panel-entities tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${name}$`) }) });

test('entities: one row per cluster with its variants and mentions per article', async () => {
  await page.click('#tab-entities');
  await entityTableDrawn(page);
  const row = rowOf('Sergei Shoigu');
  assert.equal(await row.count(), 1, 'one row for the Shoigu cluster');
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[0], 'PER');
  assert.match(cells[2], /Shoigu/);
  assert.match(cells[2], /Shoygu/, 'the variants column lists the other spelling');
  assert.deepEqual(cells.slice(3, 8), ['4', '8', '0', '0', '0'], 'mentions per article from cluster.documents');
  assert.deepEqual(cells.slice(8), ['2', '12'], 'articles and total mentions');
  const serbia = await rowOf('Serbia').locator('td').allInnerTexts();
  assert.equal(serbia[1], 'country', 'the kind column shows entity.kind');
  const ap = await rowOf('The Associated Press').locator('td').allInnerTexts();
  assert.deepEqual(ap.slice(3, 8), ['0', '0', '0', '1', '0'], 'the mention in article 3’s copyright line (entity.boilerplate) counts nowhere; the one in article 4 counts');
});

test('entities: filter by text and label, sort by column', async () => {
  await page.fill('#ent-filter', 'shoy');
  assert.deepEqual(await page.locator('#panel-entities tbody th').allInnerTexts(), ['Sergei Shoigu'], 'the filter matches variants, case-insensitively');
  await page.fill('#ent-filter', '');
  await page.selectOption('#ent-label', 'DATE');
  assert.deepEqual((await page.locator('#panel-entities tbody th').allInnerTexts()).sort(), ['February 17', 'Oct. 15', 'Oct. 15, 2020', 'Tuesday', 'the past three decades']);
  await page.selectOption('#ent-label', '');
  await page.click('#panel-entities th button.sort:has-text("Entity")');
  const names = await page.locator('#panel-entities tbody th').allInnerTexts();
  assert.deepEqual(names, [...names].sort(new Intl.Collator(undefined, { numeric: true }).compare), 'sorted by name, ascending');
  assert.equal(await page.getAttribute('#panel-entities th:has(button:has-text("Entity"))', 'aria-sort'), 'ascending');
  await page.click('#panel-entities th button.sort:has-text("Mentions")');
  assert.equal(await page.locator('#panel-entities tbody th').first().innerText(), 'Serbia', 'sorted by mentions, most first');
});

test('selecting an entity lists its mentions in context and highlights it in the article', async () => {
  await rowOf('Sergei Shoigu').locator('th button').click();
  const lines = page.locator('#kwic li');
  assert.equal(await lines.count(), 12, 'one keyword-in-context line per mention');
  assert.match(await lines.first().innerText(), /Shoigu/);
  assert.match(await page.locator('#selection-name').innerText(), /Sergei Shoigu — 12 mentions in 2 articles/);
  assert.equal(await page.getAttribute('#panel-entities tr.selected th button', 'aria-pressed'), 'true');
  // "Show in article" from the second line: the article view opens with that mark focused.
  await lines.nth(1).locator('button.kwic-doc').click();
  assert.equal(await page.getAttribute('#tab-article', 'aria-selected'), 'true');
  const focused = await page.evaluate(() => ({ tag: document.activeElement.tagName, text: document.activeElement.textContent, selected: document.activeElement.classList.contains('selected') }));
  assert.deepEqual(focused, { tag: 'MARK', text: 'Shoigu', selected: true }, 'the mention is focused and marked as selected');
  assert.equal(await page.locator('#doc-text mark.selected').count(), 4, 'all four mentions in article 1 are highlighted');
  // Matrix: the same entity is the selected row.
  await page.click('#tab-matrix');
  const cells = await page.locator('#panel-matrix tr.selected td').allInnerTexts();
  assert.deepEqual(cells, ['4', '8', '', '', ''], 'the matrix row of the selection');
  await page.click('#selection-clear');
  assert.equal(await page.locator('#panel-matrix tr.selected').count(), 0, 'clearing the selection clears it everywhere');
});

test('article: tooltip on focus shows label, score, kind, value and entity', async () => {
  await page.click('#tab-article');
  await page.selectOption('#doc-select', '0');
  const mark = page.locator('#doc-text mark.ent', { hasText: /^Serbia$/ }).first();
  await mark.focus();
  const tip = await page.locator('#tip').innerText();
  assert.match(tip, /Location \(LOC\)/);
  assert.match(tip, /score 0\.90/);
  assert.match(tip, /kind: country/);
  assert.match(tip, /entity: Serbia/);
  assert.equal(await mark.getAttribute('aria-describedby'), 'tip', 'the focused mark is described by the tooltip');
  await page.locator('#doc-text mark.ent', { hasText: 'February 17' }).first().hover();
  assert.match(await page.locator('#tip').innerText(), /value: 2020-02-17/);
});

test('article: arrow keys move between entities, Enter selects one', async () => {
  const first = page.locator('#doc-text mark.ent').first();
  await first.focus();
  await page.keyboard.press('ArrowRight');
  const second = await page.evaluate(() => [...document.querySelectorAll('#doc-text mark.ent')].indexOf(document.activeElement));
  assert.equal(second, 1, 'ArrowRight moves focus to the next entity');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#selection').isVisible(), true, 'Enter selects the entity');
  await page.click('#selection-clear');
  // Hidden labels are not stops.
  await page.uncheck('#legend input[data-label="PER"]');
  await page.locator('#doc-text mark.ent[data-label="LOC"]').first().focus();
  const labels = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('ArrowRight');
    labels.push(await page.evaluate(() => document.activeElement.dataset.label));
  }
  assert.ok(!labels.includes('PER'), `arrow keys skip the hidden PER marks: ${labels}`);
  await page.check('#legend input[data-label="PER"]');
});

test('article: label toggles and boilerplate are shown and can be hidden', async () => {
  await page.uncheck('#legend input[data-label="PER"]');
  const bg = await page.locator('#doc-text mark.ent[data-label="PER"]').first().evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.equal(bg, 'rgba(0, 0, 0, 0)', 'an unticked label loses its highlight');
  await page.check('#legend input[data-label="PER"]');
  // Article 3 (AP) has a copyright line the fixture marks as boilerplate.
  await page.selectOption('#doc-select', '2');
  const bp = page.locator('#doc-text .bp');
  assert.equal(await bp.count(), 1);
  assert.match(await bp.innerText(), /^Copyright 2020 The Associated Press/);
  assert.equal(await bp.getAttribute('data-class'), 'copyright');
  const bpMark = bp.locator('mark.ent', { hasText: 'The Associated Press' });
  assert.equal(await bpMark.getAttribute('class'), 'ent in-bp', 'a mention in boilerplate is marked as such');
  assert.equal(await page.locator('#doc-text .blk-headline').innerText(), 'Serbia mulls Russian Defense Ministry presence', 'the headline block is styled');
  assert.ok(await bp.isVisible(), 'boilerplate is shown (greyed) by default');
  await page.check('#hide-bp');
  assert.ok(!(await bp.isVisible()), 'Hide boilerplate hides it');
  await page.uncheck('#hide-bp');
  // Quotes carry their speaker.
  await page.selectOption('#doc-select', '0');
  const speakers = await page.locator('#doc-text .quote-start').evaluateAll((qs) => qs.map((q) => q.dataset.speaker));
  assert.ok(speakers.includes('Aleksandar Vulin'), `a quote in article 1 is attributed to Vulin: ${speakers}`);
});

test('matrix, timeline, quotes and tags show the expected content', async () => {
  await page.click('#tab-matrix');
  assert.ok((await page.locator('#panel-matrix tbody tr').count()) >= 5);
  assert.ok(await page.locator('#panel-matrix td.heat-5').count(), 'the largest count gets the darkest cell');
  await page.click('#tab-timeline');
  const timeline = await page.locator('#panel-timeline').innerText();
  assert.match(timeline, /2020-02-17[\s\S]*2020-10-15/, 'dates in order');
  assert.match(timeline, /Oct\. 15/, 'the timeline holds Oct. 15 with its sentence');
  assert.match(timeline, /Serbian President Aleksandar Vucic speaks/, 'each date comes with its sentence');
  assert.match(timeline, /Relative dates \(\d+\)[\s\S]*Tuesday/, 'unresolved dates are listed apart, with what to do');
  assert.doesNotMatch(timeline, /the past three decades/, 'durations are not points in time');
  await page.click('#tab-quotes');
  const vulin = page.locator('#panel-quotes section.speaker', { has: page.locator('h3', { hasText: 'Aleksandar Vulin' }) });
  assert.match(await vulin.innerText(), /because it is a guarantee of stability and neutrality/, 'the quote attributed to Vulin');
  await page.click('#tab-network');
  await page.waitForSelector('#panel-network svg.network g.node');
  const node = page.locator('#panel-network g.node[data-key="c:0"]');
  assert.equal(await node.getAttribute('aria-label'), 'Sergei Shoigu, Person, 12 mentions, linked to 3', 'nodes are clusters with their mentions and links');
  await node.focus();
  await page.keyboard.press('Enter');
  assert.equal(await node.getAttribute('aria-pressed'), 'true', 'Enter on a node selects it');
  assert.match(await page.locator('#selection-name').innerText(), /Sergei Shoigu/);
  assert.ok(await page.locator('#panel-network line.hot').count(), 'the selected node’s links are highlighted');
  assert.match(await page.locator('#panel-network .links-list').innerText(), /Serbia — /, 'the strongest links are also listed as text');
  await page.click('#selection-clear');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('#tab-tags');
  const first = page.locator('#panel-tags section.tags').first();
  assert.deepEqual(await first.locator('button.tag').allInnerTexts(), ['Serbia', 'Sergei Shoigu', 'Aleksandar Vulin', 'NATO'], 'the core’s suggestions, in its order');
  await first.locator('button.copy-tags').click();
  await page.waitForFunction(() => document.querySelector('#panel-tags section.tags [role=status]').textContent !== '');
  assert.equal(await first.locator('[role=status]').innerText(), 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Serbia, Sergei Shoigu, Aleksandar Vulin, NATO');
  await first.locator('button.tag', { hasText: 'Aleksandar Vulin' }).click();
  assert.equal(await first.locator('button.tag', { hasText: 'Aleksandar Vulin' }).getAttribute('aria-pressed'), 'true', 'a tag selects its entity and shows it');
  await page.click('#tab-quotes');
  assert.equal(await page.locator('#panel-quotes button.entity-ref', { hasText: 'Aleksandar Vulin' }).getAttribute('aria-pressed'), 'true', 'the same entity is shown selected in the quotes');
  await page.click('#selection-clear');
});

test('exports: full JSON, entity CSV and displaCy JSON parse and agree with the page', async () => {
  const json = await download('#export-json');
  assert.equal(json.name, 'presslens-result.json');
  const result = JSON.parse(json.text);
  assert.equal(result.documents.length, 5);
  assert.ok(result.clusters.some((c) => c.name === 'Sergei Shoigu'));
  const csv = await download('#export-csv');
  const rows = parseCsv(csv.text);
  assert.deepEqual(rows[0].slice(0, 6), ['name', 'label', 'kind', 'variants', 'total', 'articles']);
  const shoigu = rows.find((r) => r[0] === 'Sergei Shoigu');
  assert.ok(shoigu, 'the CSV has the Shoigu row');
  assert.deepEqual(shoigu.slice(4), ['12', '2', '4', '8', '0', '0', '0']);
  const displacy = JSON.parse((await download('#export-displacy')).text);
  assert.match(await page.locator('#status').innerText(), /converted from UTF-16 units to code points/, 'the page says the displaCy offsets are converted');
  assert.equal(displacy.length, 5, 'one displaCy document per article');
  for (const d of displacy) {
    assert.deepEqual(Object.keys(d).sort(), ['ents', 'text', 'title']);
    const cps = [...d.text];
    for (const e of d.ents) assert.ok(cps.slice(e.start, e.end).join('').length > 0);
  }
});

test('pasted hostile text stays text; displaCy offsets are code points', async () => {
  const before = await lastJob(page);
  const text = 'Emoji 😀 Corp hired Vučić. <img src=/x onerror=alert(1)><script>alert(2)</script>';
  await page.fill('#paste', text);
  await page.click('#paste-add');
  await waitForAnalysis(page, { after: before });
  assert.equal(await page.inputValue('#paste'), text, 'the pasted text stays in the box');
  await page.click('#tab-article');
  await page.selectOption('#doc-select', '5');
  assert.equal(await page.locator('#doc-text').evaluate((el) => el.textContent), text);
  assert.equal(await page.locator('#doc-text img, #doc-text script').count(), 0, 'markup in a text must never become elements');
  const displacy = JSON.parse((await download('#export-displacy')).text);
  const d = displacy[5];
  const cps = [...d.text];
  assert.deepEqual(d.ents.map((e) => [cps.slice(e.start, e.end).join(''), e.label]), [['Emoji 😀 Corp', 'ORG'], ['Vučić', 'PER']], 'code-point offsets select the same text in Python');
  assert.equal(d.ents[1].start, text.indexOf('Vučić') - 1, 'one less than the UTF-16 offset after one emoji');
});

test('no request left 127.0.0.1 and nothing was logged as an error', () => {
  assert.ok(!page.requests.some((u) => u.endsWith('/x')), 'the <img> in the pasted text must not load');
  assert.deepEqual(problems(page), []);
});
