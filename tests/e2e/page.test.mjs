// The page with the real core (www/pkg) on the five sample articles, in headless Chromium.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SEEDS, entityTableDrawn, lastJob, openPage, problems, start, waitForAnalysis } from './helpers.mjs';

let env;
let page;
before(async () => {
  env = await start();
  page = await openPage(env);
  await waitForAnalysis(page);
});
after(() => env?.close());

const ids = Object.keys(SEEDS);

/** The result exactly as the page exports it (Full JSON). */
async function exportedResult() {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

test('the five sample articles are loaded and analysed on first load', async () => {
  const titles = await page.locator('#doc-list .doc-meta').allTextContents();
  assert.equal(titles.length, 5, 'the article list shows the five sample articles');
  ids.forEach((id, i) => assert.ok(titles[i].startsWith(id), `article ${i + 1} should be ${id}, the page shows ${titles[i]}`));
  assert.match(await page.locator('#status').innerText(), /Analysed 5 articles/);
  const result = await exportedResult();
  assert.deepEqual(result.documents.map((d) => d.id), ids, 'the exported result holds the five articles in order');
  for (const d of result.documents) assert.ok(d.sentences.length > 5, `${d.id}: the core returned ${d.sentences.length} sentences`);
});

test('on first load the first article is shown before the whole batch is done (issue #14)', async () => {
  await page.waitForFunction(() => performance.getEntriesByName('presslens:batch-drawn').length > 0, null, { timeout: 30_000 }).catch(() => {}); // asserted below
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  const first = marks['presslens:first-result'];
  const batch = marks['presslens:batch-result'];
  assert.ok(first !== undefined && batch !== undefined, `the page must set the marks presslens:first-result and presslens:batch-result: ${JSON.stringify(marks)}`);
  assert.ok(first < batch, `the first article (${Math.round(first)} ms) must be drawn before the batch's result arrives (${Math.round(batch)} ms): the worker sends a 'preview' of it (worker.js) that app.js draws`);
  const drawn = marks['presslens:batch-drawn'];
  assert.ok(drawn !== undefined && drawn >= batch && drawn > first, `the page must set presslens:batch-drawn once the whole batch is drawn, after its result arrived (${Math.round(batch)} ms) and after the first article (${Math.round(first)} ms), not at ${drawn} (modules/results.js)`);
  assert.match(await page.locator('#summary').innerText(), /^5 articles/, 'the full result replaces the preview');
  assert.equal(await page.locator('#export-json').isDisabled(), false, 'exports are enabled once the whole batch is shown');
});

test('each article is shown with its text intact (text nodes only, nothing added or lost)', async () => {
  for (let i = 0; i < ids.length; i++) {
    await page.selectOption('#doc-select', String(i));
    await page.waitForFunction((id) => document.querySelector('#doc-meta').textContent.startsWith(id), ids[i]);
    const shown = await page.locator('#doc-text').evaluate((el) => el.textContent);
    assert.equal(shown, SEEDS[ids[i]], `article ${ids[i]}: the rendered text differs from seeds/${ids[i]}`);
  }
  await page.selectOption('#doc-select', '0');
});

test('every entity’s UTF-16 offsets slice its text out of the article, in the page', async () => {
  const result = await exportedResult();
  const bad = await page.evaluate(
    ({ result, texts }) =>
      result.documents.flatMap((d, i) => d.entities.filter((e) => texts[i].slice(e.start, e.end) !== e.text).map((e) => `${d.id} ${e.start}-${e.end} ${e.text}`)),
    { result, texts: Object.values(SEEDS) },
  );
  assert.deepEqual(bad, [], 'entities whose text.slice(start, end) differs from entity.text');
  // Non-ASCII before and inside the span: the sentence that names Vučić in seeds/001, located
  // with the core's own UTF-16 offsets by String.prototype.slice in the page.
  const doc = result.documents[1];
  const sentence = await page.evaluate(
    ({ sentences, text }) => sentences.map((s) => text.slice(s.start, s.end)).find((s) => s.includes('Vučić')),
    { sentences: doc.sentences, text: SEEDS[ids[1]] },
  );
  assert.ok(sentence, 'a sentence of 001 containing “Vučić” should be found by slicing with the core’s offsets');
  assert.match(sentence, /^(During his meeting with Aleksandar Vučić|“Vučić has stressed)/, `sentence offsets are off (UTF-16 expected): ${sentence}`);
});

// The shipped tagger's entities, as the page shows them.
test('Shoigu is highlighted as a person in the first article', async () => {
  await page.click('#tab-article');
  await page.selectOption('#doc-select', '0');
  const marks = page.locator('#doc-text mark.ent[data-label="PER"]', { hasText: 'Shoigu' });
  assert.ok((await marks.count()) >= 3, 'seeds/000 names Shoigu at least three times; each should be a PER mark');
  const org = page.locator('#doc-text mark.ent', { hasText: /^Defense Ministry$|^Serbia’s Defense Ministry$/ });
  assert.ok((await org.count()) >= 1, 'the Defense Ministry should be marked');
});

test('Vučić (non-ASCII) is an entity whose offsets slice correctly in the page', async () => {
  const found = await page.evaluate(async (text) => {
    const { default: init, Analyzer } = await import('/pkg/presslens.js');
    await init();
    const r = new Analyzer().analyze([{ id: '001', text }]);
    return r.documents[0].entities.filter((e) => e.text.includes('Vučić')).map((e) => ({ ...e, slice: text.slice(e.start, e.end) }));
  }, SEEDS[ids[1]]);
  assert.ok(found.length >= 2, 'seeds/001 names Vučić three times; the tagger should find at least two');
  for (const e of found) {
    assert.equal(e.slice, e.text, 'text.slice(start, end) must equal entity.text');
    assert.equal(e.label, 'PER');
  }
});

test('the entity table arrives a frame at a time: no one task builds and lays out a hundred rows', async () => {
  await page.click('#tab-entities');
  await entityTableDrawn(page);
  // Sorting redraws the table in the click's task: by mentions ascending, then back.
  const first = await page.evaluate(() => {
    const mentions = () => /** @type {HTMLElement} */ ([...document.querySelectorAll('#panel-entities th button.sort')].find((b) => b.textContent?.startsWith('Mentions')));
    mentions().click();
    mentions().click();
    return document.querySelectorAll('#panel-entities tbody tr').length;
  });
  await entityTableDrawn(page);
  assert.equal(await page.getAttribute('#panel-entities th:has(button:has-text("Mentions"))', 'aria-sort'), 'descending', 'the table is back in its first order');
  const all = await page.locator('#panel-entities tbody tr').count();
  assert.ok(all > 25, `the sample articles should fill more than one slice of the table (${all} rows): choose a corpus that does`);
  assert.ok(first > 0 && first <= 25, `the click's own task should draw the first 25 rows at most, the rest in later frames; it drew ${first} of ${all} (views.js drawBody, appendPerFrame)`);
});

test('"Show more" appends the next page of entities and keeps the rows drawn and the reader\'s place', async () => {
  const p = await openPage(env);
  await waitForAnalysis(p);
  // 130 names the core must find (the reader's list), in one article.
  const first = ['Amber', 'Birch', 'Cobalt', 'Dune', 'Ember', 'Fjord', 'Garnet', 'Heron', 'Indigo', 'Juniper', 'Kestrel', 'Lumen', 'Marlin'];
  const second = ['Holdings', 'Partners', 'Mills', 'Foundry', 'Works', 'Labs', 'Freight', 'Textiles', 'Dairy', 'Optics'];
  const names = first.flatMap((a) => second.map((b) => `${a} ${b}`));
  await p.click('#names-box summary');
  await p.fill('#names', names.map((n) => `${n}\tORG`).join('\n'));
  let before = await lastJob(p);
  await p.click('#names-apply');
  await waitForAnalysis(p, { after: before });
  await p.click('#clear-all');
  before = await lastJob(p);
  const text = names.map((n, i) => `Report ${i + 1} names ${n} as a supplier.`).join('\n');
  await p.setInputFiles('#file', [{ name: 'suppliers.txt', mimeType: 'text/plain', buffer: Buffer.from(text) }]);
  await waitForAnalysis(p, { after: before });
  await p.click('#tab-entities');
  await entityTableDrawn(p);
  const count = p.locator('#panel-entities .filters [aria-live]');
  assert.match(await count.innerText(), /^\d+ of \d+ entities, first 100 shown$/, 'more than one page of entities: the table shows the first 100');
  await p.evaluate(() => {
    /** @type {HTMLElement} */ (document.querySelector('#panel-entities tbody tr')).dataset.drawnFirst = 'yes';
    window.scrollTo(0, document.body.scrollHeight);
  });
  const scrolled = await p.evaluate(() => window.scrollY);
  await p.click('#panel-entities button:has-text("Show more")');
  await entityTableDrawn(p);
  const rows = await p.locator('#panel-entities tbody tr').count();
  assert.ok(rows >= 130, `"Show more" should add the next page: ${rows} rows`);
  assert.equal(await p.getAttribute('#panel-entities tbody tr:first-child', 'data-drawn-first'), 'yes', 'the rows already drawn must stay (appended to, not redrawn)');
  assert.ok(await p.evaluate(() => window.scrollY) >= scrolled, 'the reader must stay where they were');
  assert.deepEqual(problems(p), []);
  await p.context().close();
});

// Issue #7's acceptance on the real core's output for the sample articles.
test('entities view: the Shoigu cluster with its variants and mentions per article', async () => {
  await page.click('#tab-entities');
  await entityTableDrawn(page);
  const row = page.locator('#panel-entities tbody tr', { has: page.locator('th', { hasText: /Shoigu|Shoygu/ }) });
  assert.equal(await row.count(), 1, 'one row for Shoigu, whatever the spelling (a cluster from the core)');
  const cells = await row.locator('td').allInnerTexts();
  const variants = cells.find((c) => c.includes(' · ')) ?? '';
  assert.match(variants, /Shoigu/, `variants: ${variants}`);
  assert.match(variants, /Shoygu/, `the 001 spelling should be a variant of the same cluster: ${variants}`);
  const counts = cells.slice(-7, -2).map(Number);
  assert.ok(counts[0] >= 3 && counts[1] >= 3, `mentions per article for Shoigu: ${counts}`);
});

test('quotes view: a quote attributed to Vulin', async () => {
  await page.click('#tab-quotes');
  const vulin = page.locator('#panel-quotes section.speaker', { has: page.locator('h3', { hasText: 'Vulin' }) });
  assert.ok((await vulin.count()) >= 1, 'a speaker section for Vulin');
  assert.match(await vulin.first().innerText(), /guarantee of stability and neutrality/);
});

test('network view: the sample articles’ names and their links are drawn', async () => {
  await page.click('#tab-network');
  await page.waitForSelector('#panel-network svg.network g.node');
  const names = await page.locator('#panel-network g.node').evaluateAll((gs) => gs.map((g) => g.querySelector('text').textContent));
  assert.ok(names.length >= 20, `expected 20+ names in the network of five articles, got ${names.length}`);
  for (const name of ['Serbia', 'Russia']) assert.ok(names.includes(name), `${name} should be a node: ${names.join(', ')}`);
  assert.ok(names.some((n) => /Shoigu/.test(n)), 'Shoigu should be a node');
  assert.ok((await page.locator('#panel-network line').count()) >= names.length - 1, 'the drawn names are linked');
});

test('timeline view: holds Oct. 15, 2020 with its sentence', async () => {
  await page.click('#tab-timeline');
  const text = await page.locator('#panel-timeline').innerText();
  assert.match(text, /2020-10-15[\s\S]*Oct\. 15/, 'the AP caption date is on the timeline');
});

test('an article’s date lets the core place its relative dates on the timeline', async () => {
  await page.click('#tab-timeline');
  assert.doesNotMatch(await page.locator('#panel-timeline').innerText(), /2020-02-17/, 'without a date, “February 17” has no year');
  await page.fill('#date-0', '2020-02-18');
  assert.ok(await page.locator('#stale').isVisible(), 'changing a date marks the results out of date');
  const before = await lastJob(page);
  await page.click('#stale-analyse');
  await waitForAnalysis(page, { after: before });
  const text = await page.locator('#panel-timeline').innerText();
  assert.match(text, /2020-02-17 \(\d+\)\n1February 17 — [^\n]*Sergei Shoigu on February 17/, 'the date sent with article 1 resolves “February 17” to 2020-02-17');
});

test('no request left 127.0.0.1 and nothing was logged as an error', () => {
  assert.ok(page.requests.some((u) => u.endsWith('/pkg/presslens_bg.wasm')), 'the page should have loaded the wasm module');
  assert.deepEqual(problems(page), []);
});

test('the reader’s name list reaches the core; a bad list is refused with the line', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  await page.click('#names-box summary');
  // The list is parsed by the core (parseUserNames, in the worker): its message names the line.
  await page.fill('#names', '# our list\nPolitika\tNEWSPAPER');
  let before = await lastJob(page);
  await page.click('#names-apply');
  await page.locator('#names-status', { hasText: /^Not used:/ }).waitFor({ timeout: 10_000 });
  assert.match(await page.locator('#names-status').innerText(), /^Not used: line 2: unknown label "NEWSPAPER": use one of PER ORG LOC/, 'a list with an unknown label should be refused with the core’s message naming line 2');
  assert.equal(await lastJob(page), before, 'a refused list must not start an analysis');
  await page.fill('#names', '# our list\nPolitika\tORG\tnewspaper\tPolitika (Belgrade daily)');
  before = await lastJob(page);
  await page.click('#names-apply');
  await waitForAnalysis(page, { after: before });
  assert.match(await page.locator('#names-status').innerText(), /Using 1 name/, 'a valid list should be in use once the core has parsed it');
  await page.click('#tab-entities');
  await entityTableDrawn(page);
  const row = page.locator('#panel-entities tbody tr', { has: page.locator('th', { hasText: /^Politika$/ }) });
  assert.equal(await row.locator('td').nth(1).innerText(), 'newspaper', 'the kind from the reader’s list is on the entity');
  // A list the core refuses when it compiles it (too many words in a pattern) is refused by
  // the same parse, with the line; the list in use stays in use.
  await page.fill('#names', `${'word '.repeat(17).trim()}\tORG`);
  before = await lastJob(page);
  await page.click('#names-apply');
  await page.locator('#names-status', { hasText: /^Not used:/ }).waitFor({ timeout: 10_000 });
  assert.match(await page.locator('#names-status').innerText(), /^Not used: line 1: .*more than 16 words/, 'a pattern of 17 words should be refused by the core’s parser, naming line 1');
  assert.equal(await lastJob(page), before, 'a refused list must not start an analysis');
  before = await lastJob(page);
  await page.click('#analyse');
  await waitForAnalysis(page, { after: before });
  await page.click('#tab-entities');
  await entityTableDrawn(page);
  assert.equal(await row.locator('td').nth(1).innerText(), 'newspaper', 'the list in use before the refused one should still be applied');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});
