// The result on screen: the views and their tabs, the article view's controls and parts,
// the selection linked across views, the tooltip. Renders what the core returned (the view
// model of modules/model.js) from the page's state; views are drawn when their tab opens.
import { h, replace } from './dom.js';
import { LABELS } from './model.js';
import { articleParts, describeEntity, focusMark, markNavigation, partAt, renderArticle } from './article.js';
import { NO_ENTITIES_NOTE, renderEntities, renderKwic, renderMatrix, renderQuotes, renderTags, renderTimeline } from './views.js';
import { highlightNetwork, renderNetwork } from './network.js';

/** @typedef {import('./model.js').ViewModel} ViewModel */

/** The element of the page's own markup (index.html) with this id. @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** The same, for a form control. @param {string} id */
const $input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
/** The form control or element an event of the page's own markup came from. @param {Event} e */
const field = (e) => /** @type {HTMLInputElement} */ (e.target);

/**
 * The page's state the views read and write (app.js owns it).
 * @typedef {object} ResultsState
 * @property {ViewModel | null} model
 * @property {string | null} selected
 * @property {string} view
 * @property {number} currentDoc
 * @property {number} part
 * @property {{text: string, label: string, sort: string, dir: number, limit: number}} table
 * @property {Set<string>} dirty
 * @property {Map<string | null, HTMLElement[]>} marks
 * @property {number} renderToken
 * @property {number} networkToken
 * @property {number} timelineToken
 * @property {boolean} firstResult
 * @property {boolean} batchDrawn
 */

/** @param {ResultsState} state */
export function createResults(state) {
  const VIEWS = ['article', 'entities', 'matrix', 'network', 'timeline', 'quotes', 'tags'];

  const ctx = {
    state,
    get model() {
      return /** @type {ViewModel} */ (state.model); // the views are drawn only with a result
    },
    select,
    openArticle: (d, offset) => showArticle(d, offset),
    showMention: (d, i) => showMention(d, i),
  };

  function renderResults() {
    const has = !!state.model;
    for (const b of document.querySelectorAll('.exports button')) /** @type {HTMLButtonElement} */ (b).disabled = !has || !!state.model?.preview;
    $('no-results').hidden = has;
    if (!has) {
      $('summary').textContent = '';
      state.renderToken++; // an article still being drawn stops
      replace($('doc-text'));
      return;
    }
    const m = /** @type {ViewModel} */ (state.model);
    $('summary').textContent = m.preview
      ? `The first article · ${m.rows.length} entities · ${m.rows.reduce((a, r) => a + r.total, 0)} mentions (analysing the others…)`
      : `${m.docs.length} articles · ${m.rows.length} entities · ${m.rows.reduce((a, r) => a + r.total, 0)} mentions`;
    state.dirty = new Set(VIEWS);
    renderView(state.view);
    renderSelection();
  }

  async function renderView(view) {
    if (!state.model || !state.dirty.has(view)) return;
    const shown = state.model;
    state.dirty.delete(view);
    const panel = /** @type {HTMLElement} */ ($(`panel-${view}`).querySelector('.panel-body'));
    if (view === 'article') await drawArticle();
    else if (view === 'entities') renderEntities(panel, ctx);
    else if (view === 'matrix') await renderMatrix(panel, ctx);
    else if (view === 'network') {
      const token = ++state.networkToken;
      await renderNetwork(panel, ctx, () => token !== state.networkToken || state.view !== 'network');
      // Left mid-layout for another tab (quick keyboard users, a busy machine): the drawing was
      // abandoned, so draw it again when the network is shown next.
      if (token === state.networkToken && state.view !== 'network') state.dirty.add('network');
    }
    else if (view === 'timeline') {
      const token = ++state.timelineToken;
      const m = state.model;
      const drawn = await renderTimeline(panel, ctx, () => token !== state.timelineToken || state.model !== m);
      if (drawn === false && state.view !== 'timeline') state.dirty.add('timeline');
    }
    else if (view === 'quotes') renderQuotes(panel, ctx);
    else if (view === 'tags') renderTags(panel, ctx);
    // User timing, read by scripts/bench_browser.mjs and tests/e2e/page.test.mjs (issue #14):
    // the first analysed article drawn (the preview, or the whole batch if no preview came), and
    // the whole batch drawn (every article, linked across the batch).
    if (state.firstResult && view === state.view) {
      state.firstResult = false;
      performance.mark('presslens:first-result');
    }
    if (!state.batchDrawn && view === state.view && !shown.preview && state.model === shown) {
      state.batchDrawn = true;
      performance.mark('presslens:batch-drawn');
    }
  }

  // The article view's controls are built once; the text is redrawn per article.
  function buildArticleControls() {
    const legend = $('legend');
    replace(
      legend,
      LABELS.map(([label, name]) =>
        h('label', { class: 'legend-item', 'data-for': label },
          h('input', { type: 'checkbox', checked: true, 'data-label': label, onchange: (e) => toggleLabel(label, field(e).checked) }),
          h('mark', { class: 'swatch', 'data-label': label }, label),
          ` ${name}`,
          h('span', { class: 'muted legend-count' }))),
    );
    $('doc-select').addEventListener('change', (e) => showArticle(Number(field(e).value)));
    $('show-tags').addEventListener('change', (e) => $('doc-text').classList.toggle('no-tags', !field(e).checked));
    $('hide-bp').addEventListener('change', (e) => $('doc-text').classList.toggle('hide-bp', field(e).checked));
    markNavigation($('doc-text'), selectMark);
  }

  function toggleLabel(label, on) {
    // A class on the text, not a redraw: the marks stay, CSS drops their highlight.
    $('doc-text').classList.toggle(`hide-${label}`, !on);
  }

  async function drawArticle() {
    const m = /** @type {ViewModel} */ (state.model); // drawn only with a result
    const d = state.currentDoc;
    const dr = m.result.documents[d];
    replace($('doc-select'), m.docs.map((doc, i) => h('option', { value: i, selected: i === d }, `${i + 1}. ${doc.title}`)));
    // Counted once per article and result: a long article holds hundreds of thousands.
    m.perLabel ??= [];
    const perLabel = (m.perLabel[d] ??= dr.entities.reduce((acc, e) => ((acc[e.label] = (acc[e.label] ?? 0) + 1), acc), /** @type {Record<string, number>} */ ({})));
    for (const item of /** @type {HTMLCollectionOf<HTMLElement>} */ ($('legend').children)) {
      const n = perLabel[item.dataset.for ?? ''] ?? 0;
      /** @type {HTMLElement} */ (item.querySelector('.legend-count')).textContent = ` ${n}`;
      item.classList.toggle('absent', n === 0);
      // Labels the core found nowhere in the batch have nothing to explain.
      item.hidden = !m.labels.has(/** @type {import('../presslens-result').Label} */ (item.dataset.for));
    }
    const doc = m.docs[d];
    const date = dr.date?.value && `dated ${dr.date.value}${dr.date.source === 'inferred' ? ` (found in the ${dr.date.found_in ?? 'text'})` : ''}`;
    $('doc-meta').textContent = [doc.id, date, `${dr.entities.length} entities`, `${dr.sentences.length} sentences`, `${dr.quotes.length} quotes`, `${dr.boilerplate.length} boilerplate ranges`]
      .filter(Boolean)
      .join(' · ');
    $input('hide-bp').disabled = dr.boilerplate.length === 0;
    $('hide-bp-note').textContent = dr.boilerplate.length ? '' : ' (none in this article)';
    $('article-empty').hidden = dr.entities.length > 0 && !dr.error;
    $('article-empty').textContent = dr.error
      ? `This article was not analysed, so nothing is marked in it: ${dr.error}`
      : dr.entities.length ? '' : `The core found no entity in this article. ${NO_ENTITIES_NOTE}`;
    const parts = partsOf(m, d);
    state.part = Math.max(0, Math.min(state.part, parts.length - 1));
    drawPartNav(parts, state.part, doc.text.length);
    const token = ++state.renderToken;
    const marks = await renderArticle($('doc-text'), m, d, () => token !== state.renderToken, parts[state.part]);
    if (marks) {
      state.marks = marks;
      highlightSelected();
    }
  }

  /** The parts article `d` is shown in (computed once per result). */
  /** @param {ViewModel} m @param {number} d */
  function partsOf(m, d) {
    m.parts ??= [];
    m.parts[d] ??= articleParts(m.docs[d].text, m.result.documents[d].entities);
    return m.parts[d];
  }

  /** @type {Intl.NumberFormat | undefined} */
  let numbers; // made on first use, as model.js's collator (see compareText there)
  /** @param {number} n */
  const fmtInt = (n) => (numbers ??= new Intl.NumberFormat('en')).format(n);

  /** Previous / part / next controls above and below a long article; hidden for a short one. */
  /** @param {[number, number][]} parts @param {number} k @param {number} length */
  function drawPartNav(parts, k, length) {
    for (const [id, end] of /** @type {[string, boolean][]} */ ([['doc-parts', false], ['doc-parts-end', true]])) {
      const nav = $(id);
      nav.hidden = parts.length < 2;
      if (nav.hidden) {
        nav.replaceChildren();
        continue;
      }
      const [a, b] = parts[k];
      const go = (/** @type {number} */ to) => (/** @type {Event} */ e) => showPart(to, end, `#${id} .${/** @type {Element} */ (e.currentTarget).className}`);
      replace(
        nav,
        h('button', { type: 'button', class: 'part-prev', disabled: k === 0, onclick: go(k - 1) }, '← Previous part'),
        end
          ? h('span', { class: 'muted' }, `Part ${k + 1} of ${parts.length}`)
          : h('label', {}, 'Part ',
              // A number field, not a menu: a 16 MiB article has a thousand parts.
              h('input', { type: 'number', class: 'part-input', min: 1, max: parts.length, value: String(k + 1), 'aria-label': `Part of the article, 1 to ${parts.length}`, onchange: (e) => {
                const to = Math.round(Number(field(e).value));
                if (Number.isFinite(to) && to >= 1 && to <= parts.length) showPart(to - 1, false, '#doc-parts .part-input');
                else field(e).value = String(state.part + 1);
              } }),
              ` of ${parts.length}`),
        h('span', { class: 'muted part-range' }, `characters ${fmtInt(a + 1)}–${fmtInt(b)} of ${fmtInt(length)}`),
        h('button', { type: 'button', class: 'part-next', disabled: k === parts.length - 1, onclick: go(k + 1) }, 'Next part →'),
      );
    }
  }

  /** Shows part `k` of the current article, from its start; keeps focus on the control used. */
  /** @param {number} k @param {boolean} [fromEnd] @param {string | null} [control] */
  async function showPart(k, fromEnd = false, control = null) {
    state.part = k;
    state.dirty.add('article');
    await activateTab('article');
    if (fromEnd) $('doc-parts').scrollIntoView({ block: 'start' });
    $('doc-text').scrollTop = 0;
    const again = control ? /** @type {HTMLButtonElement | HTMLInputElement | null} */ (document.querySelector(control)) : null;
    if (again && !again.disabled) again.focus({ preventScroll: true });
    else if (again) /** @type {HTMLElement | null} */ ($('doc-parts').querySelector('button:not([disabled])'))?.focus({ preventScroll: true });
  }

  function showArticle(d, offset) {
    state.currentDoc = d;
    state.part = offset === undefined || !state.model ? 0 : partAt(partsOf(state.model, d), offset);
    state.dirty.add('article');
    return activateTab('article').then(() => {
      if (offset !== undefined) scrollToOffset(offset);
    });
  }

  /** @param {number} d @param {number} i */
  async function showMention(d, i) {
    const model = /** @type {ViewModel} */ (state.model); // a mention is shown from a result
    state.currentDoc = d;
    state.part = partAt(partsOf(model, d), model.result.documents[d].entities[i]?.start ?? 0);
    state.dirty.add('article');
    await activateTab('article');
    const mark = $('doc-text').querySelector(`mark.ent[data-e="${Number(i)}"]`);
    if (mark) focusMark($('doc-text'), mark);
  }

  function scrollToOffset(offset) {
    // Finds the text node holding `offset` and scrolls to it (used by quotes).
    const walker = document.createTreeWalker($('doc-text'), NodeFilter.SHOW_TEXT);
    let pos = state.model ? partsOf(state.model, state.currentDoc)[state.part]?.[0] ?? 0 : 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (pos + /** @type {Text} */ (n).data.length > offset) {
        n.parentElement?.scrollIntoView({ block: 'center' });
        return;
      }
      pos += /** @type {Text} */ (n).data.length;
    }
  }

  // ---- linked selection ---------------------------------------------------------------------

  /** @param {HTMLElement} mark */
  function selectMark(mark) {
    const key = /** @type {ViewModel} */ (state.model).keysByDoc[Number(mark.dataset.doc)][Number(mark.dataset.e)];
    if (key !== null) select(key); // boilerplate mentions belong to no entity
  }

  function select(key) {
    state.selected = state.selected === key ? null : key;
    renderSelection();
  }

  function renderSelection() {
    const row = state.selected && state.model?.byKey.get(state.selected);
    $('selection').hidden = !row;
    $('selection-name').replaceChildren(row ? h('span', {}, h('span', { class: 'badge', 'data-label': row.label }, row.label), ` ${row.name} — ${row.total} mentions in ${row.articles} article${row.articles === 1 ? '' : 's'}`) : '');
    highlightSelected();
    // Rows already drawn are updated in place; views drawn later read state.selected.
    for (const tr of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('tr[data-key]'))) {
      const on = tr.dataset.key === state.selected;
      tr.classList.toggle('selected', on);
      tr.querySelector('button[aria-pressed]')?.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    // Speaker headings and tag suggestions name an entity too.
    for (const b of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('button.entity-ref[data-key]'))) {
      b.setAttribute('aria-pressed', b.dataset.key === state.selected ? 'true' : 'false');
    }
    renderKwic($('kwic'), ctx);
    highlightNetwork($('panel-network'), state.selected);
  }

  function highlightSelected() {
    for (const m of $('doc-text').querySelectorAll('mark.selected')) m.classList.remove('selected');
    for (const m of state.marks.get(state.selected) ?? []) m.classList.add('selected');
  }

  // ---- tabs ---------------------------------------------------------------------------------

  function activateTab(view, { focus = false } = {}) {
    state.view = view;
    for (const v of VIEWS) {
      const tab = $(`tab-${v}`);
      const on = v === view;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      $(`panel-${v}`).hidden = !on;
    }
    if (focus) $(`tab-${view}`).focus();
    return renderView(view);
  }

  function setupTabs() {
    const tabs = VIEWS.map((v) => $(`tab-${v}`));
    tabs.forEach((tab, i) => {
      tab.addEventListener('click', () => activateTab(VIEWS[i]));
      // WAI-ARIA tabs: arrows move between tabs and activate them; Home and End jump.
      tab.addEventListener('keydown', (ev) => {
        const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[ev.key];
        if (next === undefined) return;
        ev.preventDefault();
        activateTab(VIEWS[(next + tabs.length) % tabs.length], { focus: true });
      });
    });
  }

  // ---- tooltip ------------------------------------------------------------------------------

  function setupTooltip() {
    const tip = $('tip');
    const text = $('doc-text');
    const show = (mark) => {
      const d = Number(mark.dataset.doc);
      const i = Number(mark.dataset.e);
      if (!state.model || Number.isNaN(i)) return;
      const info = describeEntity(state.model, d, i);
      replace(tip, h('strong', {}, info.title), info.lines.map((l) => h('span', {}, l)));
      tip.hidden = false;
      const r = mark.getBoundingClientRect();
      const w = tip.offsetWidth;
      tip.style.left = `${Math.max(4, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - w - 4))}px`;
      tip.style.top = `${window.scrollY + r.bottom + 6}px`;
      mark.setAttribute('aria-describedby', 'tip');
    };
    const hide = (mark) => {
      tip.hidden = true;
      mark?.removeAttribute('aria-describedby');
    };
    text.addEventListener('mouseover', (e) => field(e).closest('mark.ent') && show(field(e).closest('mark.ent')));
    text.addEventListener('mouseout', (e) => field(e).closest('mark.ent') && hide(field(e).closest('mark.ent')));
    text.addEventListener('focusin', (e) => field(e).matches('mark.ent') && show(e.target));
    text.addEventListener('focusout', (e) => field(e).matches('mark.ent') && hide(e.target));
    document.addEventListener('keydown', (e) => e.key === 'Escape' && hide(document.activeElement?.closest?.('mark.ent')));
    text.addEventListener('click', (e) => {
      const mark = /** @type {HTMLElement | null} */ (field(e).closest('mark.ent'));
      if (mark) {
        focusMark(text, mark);
        selectMark(mark);
      }
    });
  }

  return { renderResults, select, setupTabs, setupTooltip, buildArticleControls };
}
