// Loading articles: picking and dropping files (text and HTML), refusals with a message
// (binary, wrong type, too large, empty), pasted text kept, and cancelling a running batch.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROOT, lastJob, openPage, openWithFakeCore, problems, start, waitForAnalysis } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

const HTML = `<!doctype html><html><head><title>Belgrade talks</title><style>p{color:red}</style>
<script>document.title = 'pwned'; fetch('https://example.com/leak')</script></head>
<body onload="alert(0)"><h1 style="color: red">Belgrade talks</h1><p class="lead" data-x='a > b' onclick="alert(1)">Serbian   President Aleksandar Vučić met
the envoy.</p><script>alert(1)</script><p>Talks <b>resumed</b> on Thursday.</p>
<img src="https://example.com/pixel.png"><ul><li>one</li><li>two</li></ul></body></html>`;

async function articleTexts(page) {
  // The article view shows one article at a time: walk them through the selector.
  const n = await page.locator('#doc-select option').count();
  const texts = [];
  for (let i = 0; i < n; i++) {
    await page.selectOption('#doc-select', String(i));
    await page.waitForFunction((i) => document.querySelector('#doc-select').value === String(i) && document.querySelector('#doc-text').childNodes.length > 0, i);
    texts.push(await page.locator('#doc-text').evaluate((el) => el.textContent));
  }
  return texts;
}

test('choosing two files (.txt and .html) adds both and analyses them', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  const before = await lastJob(page);
  await page.setInputFiles('#file', [
    { name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('\ufeffA short note about Kosovo.\n') },
    { name: 'talks.html', mimeType: 'text/html', buffer: Buffer.from(HTML) },
  ]);
  await waitForAnalysis(page, { after: before });
  assert.match(await page.locator('#messages').innerText(), /Added 2 articles: note\.txt, talks\.html/);
  const titles = await page.locator('#doc-list .doc-title').allTextContents();
  assert.equal(titles.length, 7, 'five samples and two files');
  assert.equal(titles[6], 'Belgrade talks', 'an HTML file is titled by its <title>');
  const texts = await articleTexts(page);
  assert.equal(texts[5], 'A short note about Kosovo.\n', 'a UTF-8 BOM is dropped, the text kept exactly');
  assert.equal(texts[6], 'Belgrade talks\n\nSerbian President Aleksandar Vučić met the envoy.\n\nTalks resumed on Thursday.\n\none\ntwo', 'HTML → text: blocks become lines, scripts and styles dropped, spaces collapsed');
  assert.equal(await page.title(), 'presslens — who, what, where and when in a bundle of articles', 'a script in the HTML file must not run');
  assert.deepEqual(problems(page), [], 'the HTML file’s scripts, image and fetch must not run or load');
  await page.context().close();
});

test('dropping two files on the page adds both', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  const before = await lastJob(page);
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['First dropped report from Belgrade.'], 'one.txt', { type: 'text/plain' }));
    dt.items.add(new File(['# Second\n\nDropped *markdown* from Moscow.'], 'two.md', { type: 'text/markdown' }));
    return dt;
  });
  await page.dispatchEvent('#drop', 'dragover', { dataTransfer });
  assert.ok(await page.locator('#drop.over').count(), 'the drop zone shows that it will take the files');
  await page.dispatchEvent('#drop', 'drop', { dataTransfer });
  await waitForAnalysis(page, { after: before });
  const metas = await page.locator('#doc-list .doc-meta').allTextContents();
  assert.equal(metas.length, 7);
  assert.ok(metas[5].startsWith('one.txt') && metas[6].startsWith('two.md'), `dropped files in order: ${metas.slice(5)}`);
  const texts = await articleTexts(page);
  assert.equal(texts[6], '# Second\n\nDropped *markdown* from Moscow.', 'markdown is kept as written (offsets refer to it)');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('binary, unsupported, empty and oversized files are refused with a message', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  const big = Buffer.alloc(16 * 1024 * 1024 + 1, 'a');
  await page.setInputFiles('#file', [
    { name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]) },
    { name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from([0x63, 0x61, 0x66, 0xe9]) },
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
    { name: 'blank.txt', mimeType: 'text/plain', buffer: Buffer.from('  \n\n ') },
    { name: 'huge.txt', mimeType: 'text/plain', buffer: big },
  ]);
  await page.waitForFunction(() => /No article was added/.test(document.querySelector('#messages').textContent));
  const msg = await page.locator('#messages').innerText();
  assert.match(msg, /photo\.txt: skipped — it looks like a binary file/);
  assert.match(msg, /latin1\.txt: skipped — it is not UTF-8 text/);
  assert.match(msg, /report\.pdf: skipped — only \.txt, \.md and \.html/);
  assert.match(msg, /blank\.txt: skipped — it contains no text/);
  assert.match(msg, /huge\.txt: skipped — it is 16\.0 MiB; the limit is 16\.0 MiB per article/);
  assert.equal(await page.locator('#doc-list li').count(), 5, 'nothing was added');
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done', 'the page stays usable');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('an empty paste is refused; pasted text stays in the box after it is added', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  await page.fill('#paste', '   \n ');
  await page.click('#paste-add');
  assert.match(await page.locator('#messages').innerText(), /The text box is empty/);
  const text = 'Reporter’s draft: Vulin met Shoigu in Moscow.';
  const before = await lastJob(page);
  await page.fill('#paste-title', 'Draft');
  await page.fill('#paste', text);
  await page.click('#paste-add');
  await waitForAnalysis(page, { after: before });
  assert.equal(await page.inputValue('#paste'), text, 'the reader’s text must stay until they clear it');
  assert.equal(await page.locator('#doc-list .doc-title').last().textContent(), 'Draft');
  await page.click('#paste-add');
  assert.match(await page.locator('#messages').innerText(), /already in the articles/, 'adding the same text twice is caught');
  await page.click('#paste-clear');
  assert.equal(await page.inputValue('#paste'), '');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('Cancel stops a running batch at once and the page can analyse again', async () => {
  const page = await openWithFakeCore(env);
  const before = await lastJob(page);
  // The fixture core spends 1.5 s on each document marked [slow].
  await page.setInputFiles('#file', [1, 2, 3].map((i) => ({ name: `slow${i}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`[slow] report ${i} on Serbia.`) })));
  await page.waitForFunction(() => document.body.dataset.state === 'analysing' && document.querySelector('#progress').value >= 1, null, { timeout: 10_000 });
  assert.match(await page.locator('#progress-text').innerText(), /Analysing article \d of 8/, 'per-document progress is shown');
  const clicked = Date.now();
  await page.click('#cancel');
  await waitForAnalysis(page, { after: before, expect: 'cancelled' });
  assert.ok(Date.now() - clicked < 2500, 'cancelling must not wait for the documents still to analyse (3 s of them)');
  assert.ok(await page.locator('#progress-wrap').isHidden(), 'the progress bar goes away');
  assert.ok(await page.locator('#stale').isVisible(), 'the previous results are marked out of date');
  assert.equal(await page.locator('#doc-list li').count(), 8, 'cancelling keeps every article');
  // A late message from the cancelled worker must not overwrite anything: wait past it.
  await page.waitForTimeout(1600);
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'cancelled');
  // Remove the slow ones and analyse again with the fresh worker.
  for (let i = 0; i < 3; i++) await page.locator('#doc-list button.remove').last().click();
  const again = await lastJob(page);
  await page.click('#analyse');
  await waitForAnalysis(page, { after: again });
  assert.match(await page.locator('#status').innerText(), /Analysed 5 articles/);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('a core error is reported, the reader’s text is kept, and the next analysis works', async () => {
  const page = await openWithFakeCore(env);
  const text = 'A draft the fixture core refuses: [fail]';
  let before = await lastJob(page);
  await page.fill('#paste', text);
  await page.click('#paste-add');
  await waitForAnalysis(page, { after: before, expect: 'error' });
  assert.match(await page.locator('#status').innerText(), /The analysis failed: document "pasted text" made the fake core fail/);
  assert.equal(await page.inputValue('#paste'), text, 'the pasted text is still in the box');
  assert.equal(await page.locator('#doc-list li').count(), 6, 'the article stays in the list');
  await page.locator('#doc-list button.remove').last().click();
  before = await lastJob(page);
  await page.click('#analyse');
  await waitForAnalysis(page, { after: before });
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('a missing wasm build is reported on the page with the command that builds it', async () => {
  const page = await openPage(env, { path: null });
  await page.context().route('**/pkg/presslens.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(env.url);
  await waitForAnalysis(page, { expect: 'error' });
  assert.match(await page.locator('#status').innerText(), /could not be loaded.*python3 scripts\/build_wasm\.py release/);
  // The 404 itself is logged by the browser; nothing else may be.
  assert.deepEqual(problems(page).filter((p) => !/404/.test(p)), []);
  await page.context().close();
});

test('the first article shown early is taken away when its batch fails (issue #14 preview)', async () => {
  const page = await openPage(env, { path: null });
  await page.context().route('**/pkg/presslens.js', (route) => route.fulfill({ path: `${ROOT}tests/e2e/fixtures/fake-core.js`, contentType: 'text/javascript' }));
  // A first article small enough to be previewed, then one the fixture core refuses.
  const documents = [
    { id: 'first.txt', text: 'Shoigu met Vucic.' },
    { id: 'second.txt', text: `A long report from Serbia. ${'More on NATO. '.repeat(20)}` },
    { id: 'third.txt', text: `The fixture core refuses this one: [fail] ${'Serbia. '.repeat(20)}` },
  ];
  await page.context().route('**/corpus.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ readme: '# Test corpus', documents }) }));
  await page.addInitScript(() => {
    // Records every summary the page shows, to prove the preview was drawn before it went.
    window.__summaries = [];
    new MutationObserver(() => window.__summaries.push(document.getElementById('summary')?.textContent ?? '')).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(env.url);
  await waitForAnalysis(page, { expect: 'error' });
  const summaries = await page.evaluate(() => window.__summaries);
  assert.ok(summaries.some((s) => s.startsWith('The first article')), `the first article must have been shown while the batch ran: summaries seen ${JSON.stringify([...new Set(summaries)])}`);
  assert.equal(await page.locator('#summary').innerText(), '', 'no partial result stays on screen after the batch failed');
  assert.equal(await page.locator('#no-results').isVisible(), true, '“The analysis appears here.” is shown again');
  assert.equal(await page.locator('#doc-text').evaluate((el) => el.childNodes.length), 0, 'the first article’s marks are gone');
  assert.equal(await page.locator('#export-json').isDisabled(), true, 'nothing to export');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});
