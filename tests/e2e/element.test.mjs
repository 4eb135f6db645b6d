// <presslens-analyzer> in examples/cms/ (issue #15): a writer types a paragraph into the
// body, the suggestions appear, two are accepted, the tags field holds them; events, keyboard
// use, a strict CSP, no request off 127.0.0.1 and no main-thread task over 50 ms while typing.
// Also the README's custom-element snippet, run as written.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { ROOT, SEEDS, isLocal, launch } from './helpers.mjs';
import { EXAMPLE, PACKAGE, requirePackage } from './element-helpers.mjs';

let env;
before(async () => {
  requirePackage();
  // The whole checkout is served (127.0.0.1 only, with the strict CSP header of
  // scripts/serve.mjs), so that the example page reaches the built package as a CMS's static
  // files would.
  const server = await serve({ port: 0, root: ROOT });
  const browser = await launch();
  env = { url: server.url, browser, close: async () => (await browser.close(), await server.close()) };
});
after(() => env?.close());

/** The first paragraph of the first sample article: what the writer types. */
const PARAGRAPH = Object.values(SEEDS)[0].split('\n').slice(0, 2).join('\n');

/**
 * Opens `path` with recorders for requests, console and page errors, CSP violations, the
 * element's events and long tasks, all installed before the page's own scripts run.
 */
async function open(path = EXAMPLE) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.requests = [];
  page.errors = [];
  context.on('request', (r) => page.requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && page.errors.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => page.errors.push(`page error: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && page.errors.push(`worker console error: ${m.text()}`)));
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__csp = [];
    w.__events = [];
    w.__longtasks = [];
    w.__workers = 0; // workers started by the page (each element starts one)
    const NativeWorker = w.Worker;
    w.Worker = class extends NativeWorker {
      constructor(...args) {
        super(...args);
        w.__workers++;
      }
    };
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    for (const type of ['presslens-result', 'presslens-tags', 'presslens-error']) {
      document.addEventListener(type, (e) => {
        const detail = /** @type {CustomEvent} */ (e).detail;
        w.__events.push({ type, at: performance.now(), isError: detail instanceof Error, detail: detail instanceof Error ? detail.message : structuredClone(detail) });
      });
    }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(env.url + path);
  return page;
}

const events = (page, type) => page.evaluate((t) => window.__events.filter((e) => e.type === t), type);
/** The accept button of the suggestion `name`. */
const accept = (page, name) => page.locator(`presslens-analyzer button[aria-label^="Accept tag ${name} ("]`);
const suggestionNames = (page) => page.locator('presslens-analyzer [part~="suggestion"] [part~="name"]').allTextContents();

/** What must hold at the end of every test: no request off the machine, no error, no CSP report. */
async function assertClean(page) {
  const outside = page.requests.filter((u) => !isLocal(u));
  assert.deepEqual(outside, [], 'every request must stay on 127.0.0.1 (the element and its worker load only the package’s own files)');
  assert.deepEqual(page.errors, [], 'no console error, page error or worker error');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'the strict CSP must not be violated (no inline style or script; styles are adopted stylesheets)');
}

test('the CMS example: typing a paragraph brings suggestions in the core’s order; accepting two fills the tags field, without blocking the typing', { timeout: 180_000 }, async () => {
  const page = await open();
  const body = page.locator('#body-textarea');
  await body.click();
  const s = await page.evaluate(() => performance.now());
  await env.browser.startTracing(page, { categories: ['toplevel'] });
  // Character by character, as a writer types (keydown, keypress, input, keyup for each),
  // sentence by sentence with a pause after each, long enough for the element to analyse the
  // text so far while the next sentence is typed.
  for (const sentence of PARAGRAPH.match(/[^.!?]+[.!?]*\s*/g)) {
    await page.keyboard.type(sentence);
    await page.waitForTimeout(400);
  }
  await page.locator('presslens-analyzer [part~="accept"]').first().waitFor({ timeout: 60_000 });
  // The last result is for the whole paragraph (results for text typed over are dropped).
  await page.waitForFunction((n) => {
    const r = window.__events.filter((e) => e.type === 'presslens-result').at(-1);
    const ents = r?.detail.documents[0].entities ?? [];
    return ents.length > 0 && ents.every((e) => e.end <= n);
  }, PARAGRAPH.length, { timeout: 60_000 });
  await page.waitForTimeout(600); // anything still in flight lands now, or never
  const { traceEvents } = JSON.parse((await env.browser.stopTracing()).toString());
  const e = await page.evaluate(() => performance.now());

  assert.equal(await body.inputValue(), PARAGRAPH, 'the body holds exactly what was typed: typing must never be lost or reordered');
  const results = await events(page, 'presslens-result');
  assert.ok(results.length >= 2, `presslens-result must fire as the writer pauses (${results.length} results for ${PARAGRAPH.match(/[.!?]/g).length} pauses)`);
  assert.ok(results.length < PARAGRAPH.length / 4, `the element must debounce: ${results.length} results for ${PARAGRAPH.length} keystrokes`);
  const last = results.at(-1).detail;
  const doc = last.documents[0];
  for (const ent of doc.entities) assert.equal(PARAGRAPH.slice(ent.start, ent.end), ent.text, 'the last result shown must be for the text as it is now (a stale result was shown)');
  assert.ok(doc.suggestions.length >= 2, `the paragraph should give at least two suggestions: ${JSON.stringify(doc.suggestions)}`);
  assert.deepEqual(await suggestionNames(page), doc.suggestions.map((x) => x.name), 'the element must show the core’s suggestions, in the core’s (salience) order');
  const shownEntities = await page.locator('presslens-analyzer [part~="entity"] [part~="name"]').allTextContents();
  for (const sug of doc.suggestions) assert.ok(shownEntities.includes(sug.name), `the entities list must show ${sug.name}: ${shownEntities}`);

  // Typing is never blocked: the page's main thread ran no task over 50 ms while the paragraph
  // was typed and analysed. Measured as tests/e2e/hardening.test.mjs does: the assertion is on
  // the thread time of each task in Chrome's trace (a shared machine stretches wall-clock
  // time), and PerformanceObserver's wall-clock long tasks are printed with it.
  const mains = new Set(traceEvents.filter((t) => t.ph === 'M' && t.name === 'thread_name' && t.args?.name === 'CrRendererMain').map((t) => `${t.pid}:${t.tid}`));
  const run = traceEvents.filter((t) => t.ph === 'X' && t.name === 'ThreadControllerImpl::RunTask' && mains.has(`${t.pid}:${t.tid}`));
  assert.ok(run.length > PARAGRAPH.length, 'Chrome’s trace must hold the page’s main-thread tasks');
  const longest = Math.round(Math.max(0, ...run.map((t) => (t.tdur ?? t.dur) / 1000)));
  const wall = (await page.evaluate(([a, b]) => window.__longtasks.filter((t) => t.start >= a && t.start <= b), [s, e])).map((t) => Math.round(t.duration));
  console.log(`typing ${PARAGRAPH.length} characters: longest main-thread task ${longest} ms (thread time); wall-clock long tasks: ${JSON.stringify(wall)}; ${results.length} results`);
  assert.ok(longest <= 50, `a main-thread task ran ${longest} ms (thread time) while the writer typed: the analysis must stay in the worker and the rendering must be small`);

  // Accept the first two suggestions with the mouse.
  const [first, second] = doc.suggestions.map((x) => x.name);
  await accept(page, first).click();
  await accept(page, second).click();
  assert.equal(await page.inputValue('#tags'), `${first}, ${second}`, 'the tags field must hold the two accepted tags, in the order accepted');
  const tagEvents = await events(page, 'presslens-tags');
  assert.deepEqual(tagEvents.map((t) => t.detail), [[first], [first, second]], 'presslens-tags must fire once per accept, with every accepted tag');
  assert.deepEqual(await suggestionNames(page), doc.suggestions.slice(2).map((x) => x.name), 'accepted tags leave the suggestions');
  assert.deepEqual(await page.locator('presslens-analyzer [part~="tag"] [part~="name"]').allTextContents(), [first, second], 'accepted tags are listed');

  // Dismiss one: it goes, and does not come back when the text changes.
  const third = doc.suggestions[2]?.name;
  if (third) {
    await page.locator(`presslens-analyzer button[aria-label="Dismiss ${third}"]`).click();
    assert.ok(!(await suggestionNames(page)).includes(third), 'a dismissed suggestion leaves the list');
    const before = results.length;
    await body.press('End');
    await page.keyboard.type(' More.');
    await page.waitForFunction((n) => window.__events.filter((e) => e.type === 'presslens-result').length > n, before, { timeout: 60_000 });
    assert.ok(!(await suggestionNames(page)).includes(third), 'a dismissed suggestion stays dismissed after the next analysis');
  }
  assert.deepEqual(await events(page, 'presslens-error'), [], 'no presslens-error');
  await assertClean(page);
  await page.context().close();
});

test('keyboard only: Tab reaches the accept buttons, Enter accepts, focus moves to the next suggestion; the suggestions are announced', { timeout: 120_000 }, async () => {
  const page = await open();
  await page.locator('#body-textarea').focus();
  await page.keyboard.type(PARAGRAPH.split('\n')[0]);
  await page.locator('presslens-analyzer [part~="accept"]').first().waitFor({ timeout: 60_000 });
  const names = await suggestionNames(page);
  assert.ok(names.length >= 2, `two suggestions at least: ${names}`);
  // Every button says what it does to a screen reader.
  const labels = await page.locator('presslens-analyzer [part~="suggestion"] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(labels.filter((_, i) => i % 2 === 0).map((l) => l.replace(/^Accept tag (.*) \(.*\)$/, '$1')), names, 'each accept button is labelled with its tag');
  assert.deepEqual(labels.filter((_, i) => i % 2 === 1), names.map((n) => `Dismiss ${n}`), 'each dismiss button is labelled with its tag');
  const live = page.locator('presslens-analyzer [part~="status"]');
  assert.equal(await live.getAttribute('aria-live'), 'polite', 'the suggestions are announced in a polite live region');
  assert.match(await live.textContent(), new RegExp(`${names.length} tag suggestions: ${names[0]}`), 'the live region announces the suggestions');
  // What a screen reader is given (the accessibility tree): a labelled list whose items say the
  // tag and its type in words, each with its two buttons.
  const tree = await page.locator('presslens-analyzer').ariaSnapshot();
  assert.match(tree, /heading "Suggested tags"/, `the suggestions need a heading: ${tree}`);
  assert.match(tree, /list "Suggested tags"/, `the suggestions list is labelled by its heading: ${tree}`);
  const name0 = names[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.match(tree, new RegExp(`- text: ${name0} \\((person|place|organisation|other name)\\)\\n\\s*- button "Accept tag ${name0} `), `a suggestion says its type in words, not a code, then its buttons: ${tree}`);

  // The CMS's theme reaches inside: a custom property and a ::part rule (examples/cms/cms.css).
  const theme = await page.evaluate(() => {
    const root = document.querySelector('presslens-analyzer').shadowRoot;
    return {
      accept: getComputedStyle(root.querySelector('[part~="accept"]')).borderColor,
      heading: getComputedStyle(root.querySelector('[part~="heading"]')).textTransform,
    };
  });
  assert.deepEqual(theme, { accept: 'rgb(26, 127, 55)', heading: 'uppercase' }, 'the page’s --presslens-accent and ::part(heading) must style the element');
  // From the body: Tab, Tab… to the first accept button (inside the shadow DOM).
  const focused = () => page.evaluate(() => {
    const host = document.activeElement;
    const inner = host?.shadowRoot?.activeElement;
    return inner ? `${host.tagName.toLowerCase()} ${inner.getAttribute('aria-label')}` : host?.id;
  });
  let presses = 0;
  while (!(await focused()).startsWith('presslens-analyzer Accept')) {
    assert.ok(++presses < 10, `Tab must reach the first accept button from the body (focus is on ${await focused()})`);
    await page.keyboard.press('Tab');
  }
  assert.match(await focused(), new RegExp(`Accept tag ${names[0]}`), 'the first accept button is the first suggestion’s');
  await page.keyboard.press('Enter');
  assert.match(await focused(), new RegExp(`Accept tag ${names[1]}`), 'after accepting, focus moves to the next suggestion’s accept button');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#tags'), `${names[0]}, ${names[1]}`, 'the tags field holds the two tags accepted with the keyboard');
  assert.match(await live.textContent(), new RegExp(`Added tag ${names[1]}`), 'the live region says what was added');
  // The focus ring is visible on the buttons.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement.shadowRoot.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'a focused button must show a focus ring');
  await assertClean(page);
  await page.context().close();
});

test('the text property, slotted text and a contenteditable editor are analysed; bad input fires presslens-error with the core’s message', { timeout: 120_000 }, async () => {
  const page = await open();
  await page.evaluate(() => document.querySelector('presslens-analyzer').ready);
  const before = await page.evaluate(() => window.__workers);
  const text = Object.values(SEEDS)[1];
  const outcome = await page.evaluate(async (text) => {
    const once = (el, type) => new Promise((ok) => el.addEventListener(type, (e) => ok(e.detail), { once: true }));
    const names = (r) => r.documents[0].suggestions.map((s) => s.name);
    // 0. a property set before the element is defined still counts (here: on an element made
    //    in another document, where it is not upgraded, then adopted)
    const early = document.implementation.createHTMLDocument('').createElement('presslens-analyzer');
    early.tags = ['Serbia'];
    document.body.append(early);
    const earlyTags = early.tags;
    const earlyShown = [...early.shadowRoot.querySelectorAll('[part~="tag"] [part~="name"]')].map((n) => n.textContent);
    early.remove();
    // 1. slotted text
    const slotted = document.createElement('presslens-analyzer');
    slotted.textContent = text;
    const r1 = once(slotted, 'presslens-result');
    document.body.append(slotted);
    const fromSlot = names(await r1);
    // 2. the text property wins over the slot
    const r2 = once(slotted, 'presslens-result');
    slotted.text = 'Angela Merkel met Emmanuel Macron in Paris.';
    const fromProperty = names(await r2);
    // 2b. moved within the page, it keeps working (and keeps its engine)
    document.body.prepend(slotted);
    const r2b = once(slotted, 'presslens-result');
    slotted.text = 'Olaf Scholz visited Warsaw.';
    const afterMove = names(await r2b);
    // 2c. the reader's own names: a bad list is refused with the core's message, a good one used
    let refused = null;
    await slotted.setUserNames([{ pattern: '', label: 'LOC' }]).catch((e) => (refused = e instanceof Error ? e.message : `not an Error: ${e}`));
    const r2c = once(slotted, 'presslens-result');
    await slotted.setUserNames([{ pattern: 'blue harbour', label: 'LOC' }]);
    slotted.text = 'The ministers met at blue harbour on Monday.';
    const userEntities = (await r2c).documents[0].entities.map((e) => `${e.label} ${e.text}`);
    // 3. a contenteditable editor named by `for`
    const editable = document.createElement('div');
    editable.id = 'editable';
    editable.contentEditable = 'true';
    editable.style.whiteSpace = 'pre-wrap'; // as editors set it: the line breaks are the text's
    editable.textContent = text;
    document.body.append(editable);
    const viaFor = document.createElement('presslens-analyzer');
    viaFor.setAttribute('for', 'editable');
    const r3 = once(viaFor, 'presslens-result');
    document.body.append(viaFor);
    const fromEditable = names(await r3);
    // 4. a date the core refuses
    const bad = document.createElement('presslens-analyzer');
    bad.setAttribute('date', '2026-13-45');
    bad.text = text;
    const err = once(bad, 'presslens-error');
    document.body.append(bad);
    const e = await err;
    // 5. `for` naming nothing
    const orphan = document.createElement('presslens-analyzer');
    orphan.setAttribute('for', 'no-such-editor');
    const err2 = once(orphan, 'presslens-error');
    document.body.append(orphan);
    const e2 = await err2;
    const shownError = bad.shadowRoot.querySelector('[part~="error"]').textContent;
    for (const el of [slotted, viaFor, bad, orphan]) el.remove();
    return { earlyTags, earlyShown, fromSlot, fromProperty, afterMove, refused, userEntities, fromEditable, error: { isError: e instanceof Error, message: e.message }, orphan: e2.message, shownError };
  }, text);
  assert.deepEqual([outcome.earlyTags, outcome.earlyShown], [['Serbia'], ['Serbia']], 'tags set before the element was upgraded must be taken');
  assert.ok(outcome.fromSlot.length >= 2, `slotted text is analysed: ${outcome.fromSlot}`);
  assert.deepEqual(outcome.fromEditable, outcome.fromSlot, 'the same text from a contenteditable editor gives the same suggestions');
  assert.ok(outcome.fromProperty.includes('Angela Merkel') || outcome.fromProperty.includes('Emmanuel Macron'), `the text property is analysed instead of the slot: ${outcome.fromProperty}`);
  assert.ok(outcome.afterMove.includes('Olaf Scholz') || outcome.afterMove.includes('Warsaw'), `an element moved within the page keeps analysing: ${outcome.afterMove}`);
  assert.ok(typeof outcome.refused === 'string' && outcome.refused.length > 0 && !outcome.refused.startsWith('not an Error'), `setUserNames must reject a bad list with an Error: ${outcome.refused}`);
  assert.ok(outcome.userEntities.includes('LOC blue harbour'), `the reader's names must be used by the next analysis: ${outcome.userEntities}`);
  assert.equal((await page.evaluate(() => window.__workers)) - before, 5, 'one worker per element (five made here): a move within the page must keep its engine');
  assert.ok(outcome.error.isError, 'presslens-error’s detail is an Error');
  assert.match(outcome.error.message, /2026-13-45/, 'the error is the core’s message about the date');
  assert.equal(outcome.shownError, outcome.error.message, 'the element shows the error as text');
  assert.match(outcome.orphan, /for="no-such-editor"/, 'a `for` that names nothing is reported');
  await assertClean(page);
  await page.context().close();
});

test('a result for text that changed while the core worked is dropped, never shown', { timeout: 120_000 }, async () => {
  const page = await open();
  const [a, b] = Object.values(SEEDS);
  const out = await page.evaluate(async ([a, b]) => {
    const el = document.createElement('presslens-analyzer');
    el.setAttribute('debounce', '0');
    document.body.append(el);
    await el.ready;
    const results = [];
    el.addEventListener('presslens-result', (e) => results.push(e.detail));
    el.text = a.repeat(20); // long enough to be still in the worker when b arrives
    while (el.state !== 'analysing') await new Promise((r) => setTimeout(r, 1));
    el.text = b;
    while (el.state !== 'done' || results.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 300));
    const shown = [...el.shadowRoot.querySelectorAll('[part~="suggestion"] [part~="name"]')].map((n) => n.textContent);
    return { count: results.length, ends: results.map((r) => Math.max(...r.documents[0].entities.map((e) => e.end))), shown, names: results.map((r) => r.documents[0].suggestions.map((s) => s.name)) };
  }, [a, b]);
  assert.equal(out.count, 1, `only the result for the latest text may be sent (got ${out.count}, for texts ending at ${out.ends})`);
  assert.ok(out.ends[0] <= b.length, 'the result sent must be for the latest text, not the one typed over');
  assert.deepEqual(out.shown, out.names[0], 'the suggestions shown are the latest result’s');
  await assertClean(page);
  await page.context().close();
});

test('document text reaches the element’s DOM only as text', { timeout: 120_000 }, async () => {
  const page = await open();
  const text = 'Angela Merkel met <img src=x onerror="window.__pwned=1"> Emmanuel Macron and <b>Olaf Scholz</b> in Paris on Monday.';
  await page.locator('#body-textarea').fill(text);
  await page.locator('presslens-analyzer [part~="accept"]').first().waitFor({ timeout: 60_000 });
  const inner = await page.evaluate(() => ({
    imgs: document.querySelector('presslens-analyzer').shadowRoot.querySelectorAll('img, b, script').length,
    pwned: window.__pwned ?? null,
  }));
  assert.deepEqual(inner, { imgs: 0, pwned: null }, 'no markup from the text may become elements');
  for (const f of ['npm/element.js', 'examples/cms/cms.js']) {
    const src = readFileSync(`${ROOT}${f}`, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    assert.doesNotMatch(src, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|setHTMLUnsafe|createContextualFragment|\beval\s*\(|new Function\s*\(/, `${f} must build its DOM with text nodes only`);
  }
  await assertClean(page);
  await page.context().close();
});

test('examples/cms/index.html has a strict CSP and nothing inline; the element injects no <style>', () => {
  const html = readFileSync(`${ROOT}examples/cms/index.html`, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
  assert.ok(csp, 'examples/cms/index.html needs a Content-Security-Policy meta tag');
  for (const want of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    assert.ok(csp.includes(want), `the example's CSP must contain ${want}: ${csp}`);
  }
  assert.doesNotMatch(csp.replace("'wasm-unsafe-eval'", ''), /unsafe-inline|unsafe-eval|\*/, `the example's CSP must not allow inline code, eval or wildcards: ${csp}`);
  for (const tag of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) assert.ok(/\bsrc=/.test(tag[0]) && tag[1].trim() === '', `inline script: ${tag[0]}`);
  assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/, 'no <style>, style attribute or inline handler in the example');
  const element = readFileSync(`${ROOT}npm/element.js`, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
  assert.doesNotMatch(element, /createElement\(\s*['"]style|h\(\s*['"]style|\.style\./, 'npm/element.js must style through its adopted stylesheet only (a <style> or style attribute needs unsafe-inline)');
  assert.match(element, /adoptedStyleSheets/, 'npm/element.js styles its shadow root with adoptedStyleSheets');
});

test('the README’s custom-element snippet runs as written (its bare import resolved to the built package, as a bundler would)', { timeout: 120_000 }, async () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('\n## Custom element'));
  assert.ok(section.length > 0 && readme.includes('\n## Custom element'), 'README.md needs a "## Custom element" section');
  const html = section.match(/```html\n([\s\S]*?)```/)?.[1];
  const js = section.match(/```js\n([\s\S]*?)```/)?.[1];
  assert.ok(html && js, 'the README’s custom-element section needs an ```html and a ```js block');
  const base = `${env.url}readme-snippet/`;
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await context.route(`${base}**`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    const headers = { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'" };
    if (name === 'index.html') {
      return route.fulfill({ contentType: 'text/html', headers, body: `<!doctype html><meta charset="utf-8"><body>${html}<script type="module" src="app.js"></script></body>` });
    }
    if (name === 'app.js') {
      return route.fulfill({ contentType: 'text/javascript', headers, body: js.replaceAll("'presslens/element'", `'/${PACKAGE}element.js'`) });
    }
    return route.fulfill({ status: 404 });
  });
  await page.goto(`${base}index.html`);
  await page.locator('textarea').fill(Object.values(SEEDS)[0]);
  await page.locator('presslens-analyzer [part~="accept"]').first().waitFor({ timeout: 60_000 });
  const first = await page.locator('presslens-analyzer [part~="suggestion"] [part~="name"]').first().textContent();
  await page.locator('presslens-analyzer [part~="accept"]').first().click();
  assert.equal(await page.inputValue('#tags'), first, 'the snippet’s presslens-tags listener must put the accepted tag into #tags');
  assert.deepEqual(errors, []);
  await context.close();
});

test('npm/element.js type-checks (--checkJs), matches npm/element.d.ts, and a TypeScript consumer gets typed events', () => {
  const pkg = `${ROOT}${PACKAGE}`;
  const dir = mkdtempSync(join(tmpdir(), 'presslens-element-types-'));
  const tsc = (project) => {
    try {
      execFileSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', project], { cwd: dir, stdio: 'pipe' });
      return '';
    } catch (err) {
      return `${err.stdout}${err.stderr}`;
    }
  };
  try {
    const base = { noEmit: true, strict: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', types: [], skipLibCheck: false, lib: ['esnext', 'dom', 'dom.iterable'] };
    // The implementation alone (its declarations left out, so that tsc reads its JSDoc).
    mkdirSync(join(dir, 'impl'));
    for (const f of readdirSync(pkg)) if (f !== 'element.d.ts') cpSync(join(pkg, f), join(dir, 'impl', f));
    // The packed package as a consumer installs it.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(pkg, join(dir, 'node_modules', 'presslens'), 'dir');
    writeFileSync(join(dir, 'consumer.ts'), [
      "import 'presslens/element';",
      "import type { PresslensAnalyzerElement } from 'presslens/element';",
      "import { PresslensAnalyzerElement as Impl } from './impl/element.js';",
      '// The implementation can stand for its declarations.',
      'export const checked: typeof PresslensAnalyzerElement = Impl;',
      "const el = document.querySelector('presslens-analyzer');",
      'if (el) {',
      "  el.addEventListener('presslens-tags', (e) => { const tags: string[] = e.detail; console.log(tags.join(', ')); });",
      "  el.addEventListener('presslens-result', (e) => console.log(e.detail.documents[0]?.suggestions[0]?.score.toFixed(2)));",
      "  el.addEventListener('presslens-error', (e) => console.log(e.detail.message));",
      "  el.text = 'Angela Merkel met Emmanuel Macron.';",
      '  el.text = null;',
      "  el.tags = ['Serbia'];",
      "  el.date = '2026-12-01';",
      '  el.debounce = 100;',
      "  void el.ready.then(() => el.setUserNames([{ pattern: 'Paris', label: 'ORG' }]));",
      "  const state: 'idle' | 'analysing' | 'done' | 'error' = el.state;",
      '  console.log(state, el.result?.documents.length);',
      '}',
      '',
    ].join('\n'));
    writeFileSync(join(dir, 'wrong.ts'), "import 'presslens/element';\ndocument.querySelector('presslens-analyzer')?.addEventListener('presslens-result', (e) => console.log(e.detail.documents[0]?.suggestions[0]?.salience));\n");
    writeFileSync(join(dir, 'impl.json'), JSON.stringify({ compilerOptions: { ...base, allowJs: true, checkJs: true }, files: ['impl/element.js'] }));
    writeFileSync(join(dir, 'consumer.json'), JSON.stringify({ compilerOptions: { ...base, allowJs: true }, files: ['consumer.ts'] }));
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ compilerOptions: base, files: ['wrong.ts'] }));
    assert.equal(tsc('impl.json'), '', 'npm/element.js must type-check against its JSDoc and the package’s declarations');
    assert.equal(tsc('consumer.json'), '', 'a TypeScript consumer of presslens/element must type-check, and element.js must match element.d.ts');
    assert.match(tsc('wrong.json'), /salience/, 'tsc must reject a field that Suggestion does not have: the events must be typed from the generated declarations');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
