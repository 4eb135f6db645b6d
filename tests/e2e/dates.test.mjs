// Issue #16 in the page with the real core: the five sample articles come without dates; each
// article whose text carries a full date gets it (inferred, with where it was found, shown
// beside the article), the timeline places that article's relative dates, and a date the reader
// sets instead is used on the next analysis.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SEEDS, lastJob, openPage, problems, start, waitForAnalysis } from './helpers.mjs';

let env;
let page;
before(async () => {
  env = await start();
  page = await openPage(env);
  await waitForAnalysis(page);
});
after(() => env?.close());

const ids = Object.keys(SEEDS);
const texts = Object.values(SEEDS);
const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
/** A fully written date (day, month and year) near the top of a text: what the core may use. */
const FULL_DATE = new RegExp(`\\b(${MONTHS})[a-z]*\\.? \\d{1,2}, \\d{4}\\b|\\b\\d{1,2} (${MONTHS})[a-z]* \\d{4}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b`);

async function exportedResult() {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

test('every sample article whose text carries a full date gets it, and says where it came from', async () => {
  const result = await exportedResult();
  const carrying = texts.map((t) => FULL_DATE.test(t.slice(0, 3000)));
  assert.ok(carrying.some(Boolean), 'at least one sample article carries a full date near its top (seeds/002: the AP caption)');
  result.documents.forEach((d, i) => {
    if (carrying[i]) {
      assert.equal(d.date.source, 'inferred', `${d.id}: its text carries a full date, the core should infer it`);
      const found = texts[i].slice(d.date.span.start, d.date.span.end);
      assert.ok(found.includes(String(Number(d.date.value.slice(8)))), `${d.id}: the span “${found}” should be the date ${d.date.value}`);
    } else {
      assert.equal(d.date.source, 'none', `${d.id}: no full date in its text, so no guess (got ${JSON.stringify(d.date)})`);
    }
  });
  const ap = result.documents[2].date;
  assert.deepEqual([ap.value, ap.found_in, texts[2].slice(ap.span.start, ap.span.end)], ['2020-10-15', 'caption', 'Thursday, Oct. 15, 2020'], 'seeds/002: the AP photo caption’s date');
});

test('the page shows each article’s date and where it came from, beside the article', async () => {
  assert.equal(await page.inputValue('#date-2'), '2020-10-15', 'the inferred date fills the article’s date field');
  assert.match(await page.locator('#date-note-2').innerText(), /found in the caption: “Thursday, Oct\. 15, 2020”[\s\S]*set the right one/, 'the note says where the date came from and how to correct it');
  assert.equal(await page.inputValue('#date-0'), '', 'no date is shown where none was found');
  assert.match(await page.locator('#date-note-0').innerText(), /No date found in the text/);
  await page.selectOption('#doc-select', '2');
  await page.waitForFunction(() => /dated 2020-10-15 \(found in the caption\)/.test(document.querySelector('#doc-meta').textContent));
  await page.selectOption('#doc-select', '0');
});

test('the timeline places the relative dates of an article with an inferred date', async () => {
  await page.click('#tab-timeline');
  const text = await page.locator('#panel-timeline').innerText();
  // seeds/002: “said in a statement Tuesday”, two days before Thursday, Oct. 15, 2020.
  assert.match(text, /2020-10-13 \(\d+\)\n[^\n]*Tuesday — [^\n]*said in a statement Tuesday/, 'seeds/002’s “Tuesday” is placed on 2020-10-13');
  const relative = text.split(/Relative dates \(\d+\)/)[1] ?? '';
  assert.doesNotMatch(relative, /said in a statement Tuesday/, 'seeds/002’s “Tuesday” is no longer among the unplaced dates');
});

test('a date the reader sets replaces the inferred one on the next analysis', async () => {
  await page.fill('#date-2', '2020-10-20');
  await page.fill('#date-0', '2020-02-20');
  assert.ok(await page.locator('#stale').isVisible(), 'a changed date marks the results out of date');
  const before = await lastJob(page);
  await page.click('#stale-analyse');
  await waitForAnalysis(page, { after: before });
  const result = await exportedResult();
  assert.deepEqual(result.documents[2].date, { source: 'given', value: '2020-10-20' }, 'the corrected date is used as given');
  assert.match(await page.locator('#date-note-2').innerText(), /Date as given/);
  await page.click('#tab-timeline');
  const text = await page.locator('#panel-timeline').innerText();
  assert.match(text, /2020-10-20 \(\d+\)\n[^\n]*Tuesday — [^\n]*said in a statement Tuesday/, 'with the corrected date, “Tuesday” is that Tuesday, 2020-10-20');
  assert.match(text, /2020-02-17 \(\d+\)\n[^\n]*February 17 — [^\n]*Shoigu on February 17/, 'seeds/000’s “February 17” is placed with the date the reader set');
});

test('the numeric date order chosen beside an article reads its ambiguous dates', async () => {
  await page.fill('#paste-title', 'Contract');
  await page.fill('#paste', 'The contract was signed on 8/10/2012 in Belgrade, the ministry said.');
  await page.click('#paste-add');
  const d = ids.length; // the pasted article comes after the samples
  const valueOf = async () => {
    const result = await exportedResult();
    return result.documents[d].entities.find((e) => e.text === '8/10/2012')?.value;
  };
  let before = await lastJob(page);
  await page.click('#analyse');
  await waitForAnalysis(page, { after: before });
  assert.equal(await valueOf(), '2012-08-10', 'as the text shows: a slash date without other evidence is read month first');
  await page.selectOption(`#order-${d}`, 'day-first');
  assert.ok(await page.locator('#stale').isVisible(), 'a changed order marks the results out of date');
  before = await lastJob(page);
  await page.click('#stale-analyse');
  await waitForAnalysis(page, { after: before });
  assert.equal(await valueOf(), '2012-10-08', 'day first: 8/10/2012 is 8 October (corpus.js sends date_order, the core reads it)');
});

test('nothing was logged as an error', () => {
  assert.deepEqual(problems(page), []);
});
