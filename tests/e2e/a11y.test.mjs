// Keyboard-only use, visible focus, WCAG AA contrast, narrow and wide layouts, and the two
// screenshots the README shows (written to docs/screenshots/ by this test).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ROOT, openPage, problems, start, waitForAnalysis } from './helpers.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.close());

const VIEWS = ['article', 'entities', 'matrix', 'network', 'timeline', 'quotes', 'tags'];

/** Presses Tab until `selector` has focus; fails after `max` presses. */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with ${max} Tab presses: it must be in the tab order`);
}

/** The focused element's outline, as the reader sees it. */
function focusRing(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const css = getComputedStyle(el);
    // SVG nodes show focus on their circle.
    const ring = el instanceof SVGElement ? getComputedStyle(el.querySelector('circle')) : css;
    return { tag: el.tagName, outline: css.outlineStyle, width: parseFloat(css.outlineWidth), strokeWidth: parseFloat(ring.strokeWidth) };
  });
}

test('keyboard only: every view is reached and shows its content, with a visible focus ring', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip', 'the first Tab stop is the skip link');
  await tabTo(page, '#tab-article');
  let ring = await focusRing(page);
  assert.ok(ring.outline !== 'none' && ring.width >= 2, `a focused tab needs a visible outline: ${JSON.stringify(ring)}`);
  for (let i = 0; i < VIEWS.length; i++) {
    const view = VIEWS[i];
    if (i > 0) await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), `tab-${view}`, `ArrowRight moves to the ${view} tab`);
    await page.waitForFunction((v) => document.querySelector(`#panel-${v} .panel-body`).textContent.trim().length > 0, view);
    assert.ok(await page.locator(`#panel-${view}`).isVisible(), `the ${view} panel is shown`);
    for (const other of VIEWS.filter((v) => v !== view)) assert.ok(await page.locator(`#panel-${other}`).isHidden());
  }
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-article', 'Home goes to the first tab');
  // Into the article: the text is one Tab stop; arrows move between entities.
  await tabTo(page, '#doc-text mark.ent');
  ring = await focusRing(page);
  assert.ok(ring.outline !== 'none' && ring.width >= 2, `a focused entity needs a visible outline: ${JSON.stringify(ring)}`);
  assert.ok(await page.locator('#tip').isVisible(), 'focusing an entity shows its tooltip');
  const first = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.evaluate(() => document.activeElement.textContent), first, 'ArrowRight goes to the next entity');
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('#selection').isVisible(), 'Enter selects the entity');
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#tip').isHidden(), 'Escape hides the tooltip');
  await page.evaluate(() => document.querySelector('#selection-clear').focus());
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('#selection').isHidden(), 'Clear selection works from the keyboard');
  // The entity table selects from the keyboard.
  await page.evaluate(() => document.querySelector('#tab-entities').focus());
  await page.keyboard.press('Enter');
  await tabTo(page, '#panel-entities tbody th button');
  await page.keyboard.press('Enter');
  assert.ok((await page.locator('#kwic li').count()) > 0, 'Enter on an entity lists its mentions');
  // The network's nodes are reachable too.
  await page.evaluate(() => document.querySelector('#tab-network').focus());
  await page.keyboard.press('Enter');
  await page.waitForSelector('#panel-network g.node');
  await tabTo(page, '#panel-network g.node');
  ring = await focusRing(page);
  assert.ok(ring.strokeWidth >= 3, `a focused network node needs a visible ring: ${JSON.stringify(ring)}`);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('every text on the page meets WCAG AA contrast', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  const failures = [];
  for (const view of VIEWS) {
    await page.click(`#tab-${view}`);
    await page.waitForFunction((v) => document.querySelector(`#panel-${v} .panel-body`).textContent.trim().length > 0, view);
    if (view === 'network') await page.waitForSelector('#panel-network svg.network');
    failures.push(
      ...(await page.evaluate(() => {
        const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]) => {
          const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const background = (el) => {
          for (let e = el; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
          }
          return [255, 255, 255];
        };
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!n.data.trim() || !el.checkVisibility?.() || el.closest('svg, [hidden], option')) continue;
          const css = getComputedStyle(el);
          if (el.matches(':disabled, :disabled *')) continue; // WCAG 1.4.3 exempts inactive controls
          const [a, b] = [lum(rgb(css.color).slice(0, 3)), lum(background(el))];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          const large = parseFloat(css.fontSize) >= 24 || (parseFloat(css.fontSize) >= 18.66 && Number(css.fontWeight) >= 700);
          if (ratio < (large ? 3 : 4.5)) out.push(`${ratio.toFixed(2)}:1 for “${n.data.trim().slice(0, 30)}” (${el.tagName}.${el.className}, ${css.color} on ${background(el)})`);
        }
        return out;
      })),
    );
  }
  assert.deepEqual([...new Set(failures)], [], 'texts below 4.5:1 (3:1 when large)');
  await page.context().close();
});

test('the page fits 390 px and 1440 px wide without horizontal scrolling; screenshots', async () => {
  mkdirSync(`${ROOT}docs/screenshots`, { recursive: true });
  for (const [width, height] of [[390, 844], [1440, 900], [1280, 800]]) {
    const page = await openPage(env, { viewport: { width, height } });
    await waitForAnalysis(page);
    for (const view of VIEWS) {
      await page.click(`#tab-${view}`);
      await page.waitForFunction((v) => document.querySelector(`#panel-${v} .panel-body`).textContent.trim().length > 0, view);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `at ${width} px the ${view} view scrolls sideways by ${overflow} px`);
    }
    if (width !== 1440) {
      // The README's screenshots: the article view with its entities, in a second article.
      await page.click('#tab-article');
      await page.selectOption('#doc-select', '1');
      await page.waitForFunction(() => document.querySelector('#doc-meta').textContent.startsWith('001'));
      if (width === 390) await page.locator('#results').evaluate((el) => el.scrollIntoView());
      await page.screenshot({ path: `${ROOT}docs/screenshots/page-${width}x${height}.png` });
    }
    assert.deepEqual(problems(page), []);
    await page.context().close();
  }
});

test('leaving the network tab mid-layout and coming back draws the network', async () => {
  const page = await openPage(env);
  await waitForAnalysis(page);
  // A slow machine (CPU throttled 20×) makes the layout outlast a quick visit to the tab.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await page.evaluate(() => document.querySelector('#tab-network').focus());
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight'); // on to the timeline before the layout is done
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-timeline');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.keyboard.press('ArrowLeft'); // back to the network
  await page.waitForSelector('#panel-network g.node', { timeout: 20_000 }).catch(() => {
    throw new Error('the network was never drawn after coming back to its tab: an abandoned layout must leave the view dirty (www/app.js renderView)');
  });
  assert.deepEqual(problems(page), []);
  await page.context().close();
});
