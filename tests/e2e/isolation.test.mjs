// Issue #12 with the real core: a batch holding a document that makes the core panic. The
// page is served with a second build of the core, made with the cargo feature
// `fault-injection` (never shipped; `python3 scripts/build_wasm.py release --features
// fault-injection --out-dir target/wasm-fault`, run by scripts/test.sh): there a document
// containing PRESSLENS-FAULT-DOCUMENT panics during its own analysis and one containing
// PRESSLENS-FAULT-LINKING makes the cross-document step panic. In wasm a panic traps
// ("unreachable") and the instance is lost; the page must replace its worker, analyse the
// others and name the failing article with the panic's message.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ROOT, SEEDS, lastJob, openPage, problems, start, waitForAnalysis } from './helpers.mjs';

const FAULT = `${ROOT}target/wasm-fault/`;

let env;
before(async () => {
  for (const f of ['presslens.js', 'presslens_bg.wasm']) {
    if (!existsSync(FAULT + f)) {
      throw new Error(`target/wasm-fault/${f} is missing: build the fault-injection core first: python3 scripts/build_wasm.py release --features fault-injection --out-dir target/wasm-fault (scripts/test.sh does)`);
    }
  }
  env = await start();
});
after(() => env?.close());

/** A page whose core is the fault-injection build, on the five sample articles. */
async function openWithFaultCore() {
  const page = await openPage(env, { path: null });
  await page.context().route('**/pkg/presslens.js', (route) => route.fulfill({ path: `${FAULT}presslens.js`, contentType: 'text/javascript' }));
  await page.context().route('**/pkg/presslens_bg.wasm', (route) => route.fulfill({ path: `${FAULT}presslens_bg.wasm`, contentType: 'application/wasm' }));
  await page.goto(env.url);
  await waitForAnalysis(page);
  return page;
}

/** Problems other than the panic's own report (the core's panic hook logs it as an error). */
function unexpected(page) {
  return problems(page).filter((p) => !/panicked at|PRESSLENS-FAULT|fault injected|RuntimeError: unreachable/.test(p));
}

async function exportedResult(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const seed = Object.values(SEEDS);

test('a poisoned document: every other document’s result is shown, the failing one is named with its message', async () => {
  const page = await openWithFaultCore();
  const before = await lastJob(page);
  await page.click('#clear-all');
  await page.setInputFiles('#file', [
    { name: 'first.txt', mimeType: 'text/plain', buffer: Buffer.from(seed[0]) },
    { name: 'poisoned.txt', mimeType: 'text/plain', buffer: Buffer.from(`${seed[1]}\n\nPRESSLENS-FAULT-DOCUMENT\n`) },
    { name: 'third.txt', mimeType: 'text/plain', buffer: Buffer.from(seed[2]) },
  ]);
  await waitForAnalysis(page, { after: before, timeout: 60_000 });
  const status = await page.locator('#status').innerText();
  assert.match(status, /Analysed 2 of 3 articles/, `the two other articles must be analysed; the page says: ${status}`);
  assert.match(status, /Article 2, “poisoned\.txt”.*was not analysed: .*PRESSLENS-FAULT-DOCUMENT/s, `the failing article must be named with the core's message; the page says: ${status}`);
  assert.doesNotMatch(status, /unreachable/, 'the reader must get the panic’s message, not the trap’s “unreachable”');
  assert.match(status, /other/, 'the message says the others were analysed');
  assert.ok(await page.locator('#progress-wrap').isHidden(), 'the progress line must not stick');
  const result = await exportedResult(page);
  assert.deepEqual(result.documents.map((d) => d.id), ['first.txt', 'poisoned.txt', 'third.txt']);
  assert.ok(result.documents[1].error, 'the poisoned document carries its error');
  assert.equal(result.documents[1].entities.length, 0);
  for (const i of [0, 2]) {
    assert.ok(!result.documents[i].error, `${result.documents[i].id} must not fail`);
    assert.ok(result.documents[i].entities.length > 10, `${result.documents[i].id}: its entities must be shown (${result.documents[i].entities.length})`);
  }
  assert.ok(result.clusters.length > 0, 'the others are still linked into clusters');
  // The next batch, without the poisoned article, runs normally on the new worker.
  await page.locator('#doc-list button.remove').nth(1).click();
  const again = await lastJob(page);
  await page.click('#analyse');
  await waitForAnalysis(page, { after: again, timeout: 60_000 });
  assert.match(await page.locator('#status').innerText(), /^Analysed 2 articles/);
  assert.deepEqual(unexpected(page), []);
  await page.context().close();
});

test('a panic in the cross-document step: each article’s own result is shown, the linking failure is said', async () => {
  const page = await openWithFaultCore();
  const before = await lastJob(page);
  await page.click('#clear-all');
  await page.setInputFiles('#file', [
    { name: 'one.txt', mimeType: 'text/plain', buffer: Buffer.from(seed[0]) },
    { name: 'linker.txt', mimeType: 'text/plain', buffer: Buffer.from(`${seed[1]}\n\nPRESSLENS-FAULT-LINKING\n`) },
  ]);
  await waitForAnalysis(page, { after: before, timeout: 60_000 });
  const status = await page.locator('#status').innerText();
  assert.match(status, /Analysed 2 articles/, status);
  assert.match(status, /not linked to one another.*fault injected/s, `the linking failure must be reported with its message; the page says: ${status}`);
  assert.doesNotMatch(status, /unreachable/);
  const result = await exportedResult(page);
  assert.ok(result.linking_error, 'the result carries linking_error');
  assert.equal(result.clusters.length, 0);
  for (const d of result.documents) assert.ok(d.entities.length > 10, `${d.id}: its own entities are shown`);
  assert.deepEqual(unexpected(page), []);
  await page.context().close();
});
