// Issue #12, the page's half ("Survive other people's copy"): one failing document never
// loses the others, a dead worker is replaced, a 16 MiB article opens in every view without a
// long task, the entity CSV is safe to open in a spreadsheet, and hostile HTML leaves nothing
// but its text.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SEEDS, lastJob, openPage, openWithFakeCore, problems, start, waitForAnalysis, parseCsv } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}


/** Records every Worker the page creates (window.__workers), so a test can kill one. */
async function recordWorkers(page) {
  await page.addInitScript(() => {
    window.__workers = [];
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        window.__workers.push(this);
      }
    };
  });
}

test('a worker killed mid-batch is replaced: the others are analysed, the article in progress is named, nothing is lost', async () => {
  const page = await openPage(env, { path: null });
  await recordWorkers(page);
  await page.context().route('**/pkg/presslens.js', (route) => route.fulfill({ path: new URL('./fixtures/fake-core.js', import.meta.url).pathname, contentType: 'text/javascript' }));
  await page.goto(env.url);
  await waitForAnalysis(page);
  const before = await lastJob(page);
  // The fixture core spends 1.5 s on each document marked [slow].
  const files = [1, 2, 3].map((i) => ({ name: `slow${i}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`[slow] report ${i} on Serbia and Shoigu.`) }));
  await page.setInputFiles('#file', files);
  // Article 7 (slow2.txt) is in progress once six are done.
  await page.waitForFunction(() => document.body.dataset.state === 'analysing' && document.querySelector('#progress').value >= 6, null, { timeout: 15_000 });
  const killed = await page.evaluate(() => {
    const w = window.__workers.at(-1);
    w.terminate(); // as the browser would on a crash: the page is not told
    return window.__workers.length;
  });
  await waitForAnalysis(page, { after: before, timeout: 20_000 });
  assert.ok(await page.evaluate(() => window.__workers.length) > killed, 'the page must start a new worker after its worker died');
  const status = await page.locator('#status').innerText();
  assert.match(status, /Analysed 7 of 8 articles/, `the seven other articles must be analysed; the page says: ${status}`);
  assert.match(status, /Article 7, “slow2\.txt”.*was not analysed: .*stopped the analysis engine/, `the article in progress when the worker died must be named with the reason; the page says: ${status}`);
  assert.ok(await page.locator('#progress-wrap').isHidden(), 'the progress line must go away');
  assert.equal(await page.locator('#doc-list li').count(), 8, 'every article stays in the list');
  const metas = await page.locator('#doc-list .doc-meta').allTextContents();
  assert.match(metas[6], /not analysed/, `the list marks the failed article: ${metas[6]}`);
  assert.match(metas[7], /\d+ entities/, `slow3.txt, after the dead one, must be analysed: ${metas[7]}`);
  // The failed article's text is still there, shown unmarked, with why.
  await page.click('#tab-article');
  await page.selectOption('#doc-select', '6');
  await page.waitForFunction(() => document.querySelector('#doc-meta').textContent.startsWith('slow2.txt'));
  assert.equal(await page.locator('#doc-text').evaluate((el) => el.textContent), files[1].buffer.toString(), 'the text of the failed article is kept and shown');
  assert.match(await page.locator('#article-empty').innerText(), /not analysed/);
  // And the next batch runs on the new worker.
  await page.locator('#doc-list button.remove').nth(6).click();
  const again = await lastJob(page);
  await page.click('#analyse');
  await waitForAnalysis(page, { after: again, timeout: 20_000 });
  assert.match(await page.locator('#status').innerText(), /Analysed 7 articles/);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('fixture core: two documents that trap are named; every other document’s result is shown', async () => {
  const page = await openWithFakeCore(env);
  const before = await lastJob(page);
  await page.setInputFiles('#file', [
    { name: 'bad-one.txt', mimeType: 'text/plain', buffer: Buffer.from('[panic] the first poisoned report on Serbia.') },
    { name: 'good.txt', mimeType: 'text/plain', buffer: Buffer.from('A good report on Serbia and NATO.') },
    { name: 'bad-two.txt', mimeType: 'text/plain', buffer: Buffer.from('[panic] the second poisoned report.') },
  ]);
  await waitForAnalysis(page, { after: before });
  const status = await page.locator('#status').innerText();
  assert.match(status, /Analysed 6 of 8 articles/, status);
  assert.match(status, /Article 6, “bad-one\.txt”.*was not analysed: .*fake core panicked on document "bad-one\.txt"/, status);
  assert.match(status, /Article 8, “bad-two\.txt”.*was not analysed: .*fake core panicked on document "bad-two\.txt"/, status);
  assert.doesNotMatch(status, /unreachable/, 'the reader gets the panic’s message, not the trap’s');
  const metas = await page.locator('#doc-list .doc-meta').allTextContents();
  assert.match(metas[6], /good\.txt · .* · \d+ entities/, `good.txt, between the two, is analysed: ${metas[6]}`);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('entity CSV: file names and entity text cannot become spreadsheet formulas', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  const before = await lastJob(page);
  const names = ['=HYPERLINK("https://example.com/x","click").txt', '+1+1.txt', '-2-3.txt', '@SUM(A1).txt', '\tTAB.txt'];
  await page.setInputFiles('#file', names.map((name, i) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(`Report ${i}: Sergei Shoigu met Aleksandar Vučić in Belgrade.`) })));
  await waitForAnalysis(page, { after: before });
  const csv = await download(page, '#export-csv');
  const rows = parseCsv(csv);
  const header = rows[0].slice(-names.length);
  assert.deepEqual(header, names.map((n) => `'${n}`), `each file name starting with = + - @ or a tab must be written with a leading ' in the CSV header: ${JSON.stringify(header)}`);
  for (const row of rows) {
    for (const cell of row) assert.ok(!/^[=+\-@\t\r]/.test(cell), `a CSV cell starts like a formula: ${JSON.stringify(cell)}`);
  }
  assert.match(csv.split('\r\n')[0], /,"'=HYPERLINK\(""https:\/\/example\.com\/x"",""click""\)\.txt"/, 'the cell is quoted with its quotes doubled');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

const HOSTILE = `<!doctype html><html><head><title>Hostile <b>copy</b></title></head><body>
<p>Before <img src=x onerror=a=1> the talks in Belgrade.</p>
<p>Shoigu<img/src=x/onerror=alert(2)> arrived.</p>
<svg/onload=alert(1)><p>After the svg, Vučić spoke.</p>
<p title='a > b' onmouseover=alert(3)//>Quoted &lt;img src=x onerror=alert(4)&gt; stays text.</p>
<!-- <p onclick=alert(5)>commented</p> --></body></html>`;

test('hostile HTML import: no event handler or markup survives, only the text', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  const before = await lastJob(page);
  await page.setInputFiles('#file', [{ name: 'hostile.html', mimeType: 'text/html', buffer: Buffer.from(HOSTILE) }]);
  await waitForAnalysis(page, { after: before });
  await page.click('#tab-article');
  await page.selectOption('#doc-select', '5');
  await page.waitForFunction(() => document.querySelector('#doc-meta').textContent.startsWith('hostile.html'));
  const text = await page.locator('#doc-text').evaluate((el) => el.textContent);
  assert.equal(text, 'Before the talks in Belgrade.\n\nShoigu arrived.\n\nAfter the svg, Vučić spoke.\n\nQuoted <img src=x onerror=alert(4)> stays text.', 'the article’s text, and nothing else');
  assert.equal(await page.locator('#doc-text *:not(mark):not(span)').count(), 0, 'no element from the file reaches the page');
  assert.equal(await page.locator('#doc-list .doc-title').last().textContent(), 'Hostile <b>copy</b>', 'the title is text');
  // What DOMParser is given holds bare tags only: not one attribute, comment or handler.
  const rebuilt = await page.evaluate(async (html) => (await import('/modules/loaders.js')).tagsAndText(html), HOSTILE);
  for (const tag of rebuilt.match(/<[^>]*>/g)) assert.match(tag, /^<\/?[a-z][a-z0-9:._-]*\/?>$/, `a tag with more than its name reached DOMParser: ${tag}`);
  // The one handler left is the escaped text the author wrote as text (&lt;img …&gt;).
  assert.doesNotMatch(rebuilt.replace('&lt;img src=x onerror=alert(4)&gt;', ''), /onerror|onload|onmouseover|onclick/, 'no event handler may reach DOMParser');
  // Chromium reports every inline handler it was asked to run (the CSP blocks it): none.
  assert.deepEqual(problems(page), [], 'no handler from the file may be run or even attempted (CSP reports)');
  await page.context().close();
});

test('a 16 MiB article: opening each view and moving through it runs no main-thread task over 50 ms', { timeout: 600_000 }, async () => {
  const page = await openPage(env, { path: null });
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(env.url);
  await waitForAnalysis(page);
  // Written to a file and chosen by path: a 16 MiB in-memory buffer would be turned into a File
  // by a script on the page's main thread, a long task of Playwright's, not the page's.
  const dir = mkdtempSync(join(os.tmpdir(), 'presslens-16mib-'));
  const all = Object.values(SEEDS).join('\n\n');
  const target = 16 * 1024 * 1024;
  let text = '';
  while (Buffer.byteLength(text) < target) text += all + '\n\n';
  let buf = Buffer.from(text).subarray(0, target);
  let end = buf.length;
  while (end > 0 && (buf[end - 1] & 0xc0) === 0x80) end--; // cut on a character boundary
  if (end > 0 && buf[end - 1] >= 0xc0) end--;
  const path = join(dir, 'huge.txt');
  writeFileSync(path, buf.subarray(0, end));
  buf = null;
  text = null;
  try {
    await page.click('#clear-all');
    const before = await lastJob(page);
    await page.setInputFiles('#file', [path]);
    await waitForAnalysis(page, { after: before, timeout: 480_000 });
    await page.waitForFunction(() => document.querySelector('#doc-text mark.ent'));
    // Each action is measured twice over: the longest task PerformanceObserver 'longtask'
    // reports (wall-clock time, as tests/e2e/bench-load.mjs measures), and the longest
    // main-thread task in Chrome's trace by its thread time (tdur: time the page's main thread
    // actually ran). This machine is shared (a load of 3 to 4 per core is common while others
    // build and fuzz), which stretches a 15 ms task past 50 ms of wall-clock time; the
    // assertion is on the thread time, and both figures are printed.
    const longest = {};
    const wall = {};
    const measure = async (what, act, ready, arg = null) => {
      await page.waitForTimeout(300);
      const s = await page.evaluate(() => performance.now());
      await env.browser.startTracing(page, { categories: ['toplevel'] });
      await act();
      await page.waitForFunction(ready, arg, { timeout: 120_000 });
      await page.waitForTimeout(300);
      const { traceEvents } = JSON.parse((await env.browser.stopTracing()).toString());
      const e = await page.evaluate(() => performance.now());
      const tasks = await page.evaluate(([a, b]) => window.__longtasks.filter((t) => t.start >= a && t.start <= b), [s, e]);
      wall[what] = Math.round(Math.max(0, ...tasks.map((t) => t.duration)));
      const mains = new Set(traceEvents.filter((t) => t.ph === 'M' && t.name === 'thread_name' && t.args?.name === 'CrRendererMain').map((t) => `${t.pid}:${t.tid}`));
      const run = traceEvents.filter((t) => t.ph === 'X' && t.name === 'ThreadControllerImpl::RunTask' && mains.has(`${t.pid}:${t.tid}`));
      assert.ok(run.length > 0, 'Chrome’s trace must hold the page’s main-thread tasks');
      longest[what] = Math.round(Math.max(0, ...run.map((t) => (t.tdur ?? t.dur) / 1000)));
    };
    for (const view of ['entities', 'matrix', 'network', 'timeline', 'quotes', 'tags', 'article']) {
      await measure(view, () => page.click(`#tab-${view}`), (v) => {
        const body = document.querySelector(`#panel-${v} .panel-body`);
        return body.textContent.trim().length > 0 && !body.textContent.startsWith('Laying out') && (v !== 'network' || body.querySelector('g.node'));
      }, view);
    }
    const tooLong = () => Object.entries(longest).filter(([, ms]) => ms > 50);
    const figures = () => `longest task per action, thread time (ms): ${JSON.stringify(longest)}; wall-clock longtask (ms): ${JSON.stringify(wall)}`;
    assert.deepEqual(tooLong(), [], `main-thread tasks over 50 ms opening the views of a 16 MiB article: ${figures()}; render only what is visible, or in slices that yield`);
    // The article is shown in parts; moving to another part is as quick.
    await measure('article: next part', () => page.click('#doc-parts .part-next'), () => document.querySelector('#doc-parts .part-input')?.value === '2' && document.querySelector('#doc-text mark.ent'));
    const parts = Number(await page.getAttribute('#doc-parts .part-input', 'max'));
    assert.ok(parts > 100, `a 16 MiB article is shown in parts (${parts})`);
    await measure('article: last part', async () => {
      await page.fill('#doc-parts .part-input', String(parts));
      await page.press('#doc-parts .part-input', 'Enter');
    }, () => document.querySelector('#doc-parts .part-next')?.disabled === true && document.querySelector('#doc-text').textContent.length > 0);
    console.log(`16 MiB article: ${figures()}`);
    assert.deepEqual(tooLong(), [], `main-thread tasks over 50 ms moving through a 16 MiB article: ${figures()}; render only what is visible, or in slices that yield`);
    assert.deepEqual(problems(page), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await page.context().close();
  }
});
