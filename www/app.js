// presslens page, main thread: the controller. UI only: the analysis runs in worker.js, which
// modules/worker-client.js drives; modules/corpus.js keeps the articles the reader loaded,
// modules/exports.js writes the files; this file wires them to the page and renders the
// result the core returns.
//
// State lives in one object; views render from it on demand (only the visible view is drawn,
// the others when their tab opens). The body's data-state attribute (idle, analysing, done,
// error, cancelled) tells the reader's assistive tech and the end-to-end tests where we are.
import { h, replace } from './modules/dom.js';
import { LABELS, modelBuilder } from './modules/model.js';
import { decodeText, mib } from './modules/loaders.js';
import { articleParts, describeEntity, focusMark, markNavigation, partAt, renderArticle } from './modules/article.js';
import { NO_ENTITIES_NOTE, renderEntities, renderKwic, renderMatrix, renderQuotes, renderTags, renderTimeline } from './modules/views.js';
import { highlightNetwork, renderNetwork } from './modules/network.js';
import { createWorkerClient } from './modules/worker-client.js';
import { createCorpus } from './modules/corpus.js';
import { setupExports } from './modules/exports.js';

/** The element of the page's own markup (index.html) with this id. @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** The same, for a form control. @param {string} id */
const $input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
/** The form control or element an event of the page's own markup came from. @param {Event} e */
const field = (e) => /** @type {HTMLInputElement} */ (e.target);

/** @typedef {import('./presslens-result').UserName} UserName */
/** @typedef {import('./modules/model.js').ViewModel} ViewModel */
/** @typedef {import('./modules/corpus.js').CorpusDoc} CorpusDoc */

/**
 * @type {{docs: CorpusDoc[], names: UserName[], builder: ReturnType<typeof modelBuilder> | null,
 *   model: ViewModel | null, stale: boolean, selected: string | null, view: string, currentDoc: number,
 *   part: number, table: {text: string, label: string, sort: string, dir: number, limit: number},
 *   dirty: Set<string>, marks: Map<string | null, HTMLElement[]>, renderToken: number,
 *   networkToken: number, timelineToken: number, firstResult: boolean}}
 */
const state = {
  docs: [], // {id, title, text, date, bytes}: what the reader loaded, in order (modules/corpus.js)
  names: [], // the reader's name list (Analyzer.setUserNames), sent with every batch
  builder: null, // the view model of the running attempt, filled one document at a time
  model: null, // view model of the last result (see modules/model.js), with its own copy of docs
  stale: false, // the articles changed since `model` was computed
  selected: null, // entity key selected in any view
  view: 'article',
  currentDoc: 0,
  part: 0, // the part of the current article on screen (long articles: see articleParts)
  table: { text: '', label: '', sort: 'total', dir: -1, limit: 100 },
  dirty: new Set(), // views to redraw when they are next shown
  marks: new Map(), // entity key → <mark> elements of the article on screen
  renderToken: 0,
  networkToken: 0,
  timelineToken: 0,
  firstResult: true,
};

// ---- the analysis -------------------------------------------------------------------------

const client = createWorkerClient({
  onState: setRunning,
  onStatus: (kind, text) => say(kind, text, { area: 'status' }),
  onStale: () => markStale(true),
  onNamesDropped: (text) => {
    state.names = [];
    $('names-status').textContent = text;
  },
  onAttempt: (docs) => {
    state.builder = modelBuilder(docs);
  },
  onProgress: setProgress,
  onDocument: (index, document) => state.builder?.add(index, document),
  onResult,
});

function analyse() {
  if (!state.docs.length) {
    say('error', 'There is nothing to analyse: add articles first (drop files, choose files or paste text).', { area: 'status' });
    return;
  }
  const docs = state.docs.map(({ id, title, text, date }) => ({ id, title, text, date }));
  $('status').replaceChildren();
  client.analyse(docs, state.names);
}

function cancel() {
  if (!client.cancel()) return;
  say('info', state.model ? 'Analysis cancelled. The results shown are from the previous analysis.' : 'Analysis cancelled. Press Analyse to start again.', { area: 'status' });
  markStale(true);
}

/** The last message of a batch: the view model is finished and shown. */
function onResult(msg) {
  let model;
  try {
    if (msg.count !== client.sent.length) throw new Error(`the core returned ${msg.count} documents for ${client.sent.length} sent`);
    const t0 = performance.now();
    if (!state.builder) throw new Error('the result came before its batch started');
    model = state.builder.finish(msg.clusters);
    model.linkingError = msg.linking_error ?? null;
    if (model.linkingError) model.result.linking_error = model.linkingError; // exported as the core returned it
    performance.measure('presslens:model', { start: t0 }); // user timing: shows in profiles
  } catch (err) {
    client.end('error');
    say('error', `The result could not be shown: ${err.message}`, { area: 'status' });
    return;
  }
  state.model = model;
  if (state.selected && !model.byKey.has(state.selected)) state.selected = null;
  state.currentDoc = Math.min(state.currentDoc, model.docs.length - 1);
  state.part = 0;
  state.table.limit = 100;
  markStale(false);
  client.end('done');
  reportResult(model);
  const t1 = performance.now();
  corpus.updateCorpusCounts();
  renderResults();
  performance.measure('presslens:render', { start: t1 });
}

/** The status lines for a finished batch: counts, then each failed article by name. */
function reportResult(model) {
  const n = model.rows.reduce((a, r) => a + r.total, 0);
  const failed = model.result.documents.map((dr, d) => (dr.error ? d : -1)).filter((d) => d >= 0);
  const total = model.docs.length;
  const analysed = total - failed.length;
  const head = failed.length
    ? `Analysed ${analysed} of ${total} articles: ${n} entity mention${n === 1 ? '' : 's'}. ${failed.length} article${failed.length === 1 ? '' : 's'} could not be analysed; the others are complete.`
    : `Analysed ${total} article${total === 1 ? '' : 's'}: ${n} entity mention${n === 1 ? '' : 's'}.`;
  say('info', head, { area: 'status' });
  for (const d of failed) {
    const doc = model.docs[d];
    say('error', `Article ${d + 1}, “${doc.id}”${doc.title && doc.title !== doc.id ? ` (${doc.title})` : ''}, was not analysed: ${model.result.documents[d].error}`, { area: 'status', append: true });
  }
  if (model.linkingError) {
    say('error', `The articles were not linked to one another (no shared entities across articles): ${model.linkingError}`, { area: 'status', append: true });
  }
}

function setRunning(running, outcome, job) {
  if (!running && outcome !== 'idle') document.body.dataset.job = String(job);
  document.body.dataset.state = running ? 'analysing' : outcome ?? 'idle';
  $('results').setAttribute('aria-busy', running ? 'true' : 'false');
  $('cancel').hidden = !running;
  $('progress-wrap').hidden = !running;
  $input('analyse').disabled = running;
}

function setProgress(done, total) {
  const bar = /** @type {HTMLProgressElement} */ ($('progress'));
  bar.max = total;
  bar.value = done;
  $('progress-text').textContent = done < total ? `Analysing article ${done + 1} of ${total}…` : `Linking ${total} articles…`;
}

function markStale(stale) {
  state.stale = stale && !!state.model;
  $('stale').hidden = !state.stale;
}

// ---- messages -----------------------------------------------------------------------------

// Two live regions: #messages for what happened to the reader's input (kept until their next
// action, so a skipped file's reason is not wiped by the analysis finishing), #status for the
// analysis itself.
function say(kind, text, { append = false, area = 'messages' } = {}) {
  const box = $(area);
  if (!append) box.replaceChildren();
  box.append(h('p', { class: `msg msg-${kind}` }, text));
}

// ---- the articles -------------------------------------------------------------------------

const corpus = createCorpus({ state, client, say, markStale, analyse });

// ---- results ------------------------------------------------------------------------------

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
  for (const b of document.querySelectorAll('.exports button')) /** @type {HTMLButtonElement} */ (b).disabled = !has;
  $('no-results').hidden = has;
  if (!has) return;
  const m = /** @type {ViewModel} */ (state.model);
  $('summary').textContent = `${m.docs.length} articles · ${m.rows.length} entities · ${m.rows.reduce((a, r) => a + r.total, 0)} mentions`;
  state.dirty = new Set(VIEWS);
  renderView(state.view);
  renderSelection();
}

async function renderView(view) {
  if (!state.model || !state.dirty.has(view)) return;
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
  if (state.firstResult && view === state.view) {
    state.firstResult = false;
    performance.mark('presslens:first-result'); // read by tests/e2e/bench-load.mjs
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
    item.hidden = !m.labels.has(/** @type {import('./presslens-result').Label} */ (item.dataset.for));
  }
  const doc = m.docs[d];
  $('doc-meta').textContent = [doc.id, doc.date && `dated ${doc.date}`, `${dr.entities.length} entities`, `${dr.sentences.length} sentences`, `${dr.quotes.length} quotes`, `${dr.boilerplate.length} boilerplate ranges`]
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

const fmtInt = new Intl.NumberFormat('en');

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
      h('span', { class: 'muted part-range' }, `characters ${fmtInt.format(a + 1)}–${fmtInt.format(b)} of ${fmtInt.format(length)}`),
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
// ---- loading ------------------------------------------------------------------------------

function setupLoading() {
  $('file').addEventListener('change', async (e) => {
    await corpus.onFiles(field(e).files);
    field(e).value = ''; // the same files can be chosen again
  });
  const drop = $('drop');
  // The whole page accepts drops, so a file dropped beside the zone is not opened by the
  // browser as a page (which would lose the reader's work).
  document.addEventListener('dragover', (e) => {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    e.preventDefault();
    drop.classList.add('over');
  });
  document.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) drop.classList.remove('over');
  });
  document.addEventListener('drop', (e) => {
    if (!e.dataTransfer?.files?.length) return;
    e.preventDefault();
    drop.classList.remove('over');
    corpus.onFiles(e.dataTransfer.files);
  });
  $('paste-add').addEventListener('click', corpus.addPasted);
  $('paste-clear').addEventListener('click', () => {
    $input('paste').value = '';
    $input('paste-title').value = '';
    $('paste').focus();
  });
  $('load-samples').addEventListener('click', corpus.loadSamples);
  $('names-file').addEventListener('change', async (e) => {
    const file = field(e).files?.[0];
    field(e).value = '';
    if (!file) return;
    let limits;
    try {
      limits = await client.limits;
    } catch (err) {
      $('names-status').textContent = `Not loaded: ${err.message}.`;
      return;
    }
    const decoded = file.size > limits.max_document_bytes ? { error: `it is ${mib(file.size)}, too large for a name list.` } : decodeText(new Uint8Array(await file.arrayBuffer()));
    if (decoded.error) {
      $('names-status').textContent = `${file.name}: ${decoded.error}`;
      return;
    }
    $input('names').value = decoded.text ?? '';
    $('names-status').textContent = `Loaded ${file.name}: press “Use this list”.`;
  });
  $('names-apply').addEventListener('click', async () => {
    // Parsed by the core (its one parser of the format, in the worker): a refused list leaves
    // the list in use as it was.
    $('names-status').textContent = 'Reading the list…';
    const parsed = await client.parseNames($input('names').value);
    if ('error' in parsed) {
      $('names-status').textContent = `Not used: ${parsed.error}.`;
      return;
    }
    state.names = parsed.names;
    $('names-status').textContent = parsed.names.length ? `Using ${parsed.names.length} name${parsed.names.length === 1 ? '' : 's'}.` : 'No list in use.';
    markStale(true);
    if (state.docs.length) analyse();
  });
  $('clear-all').addEventListener('click', () => {
    state.docs = [];
    markStale(true);
    corpus.renderCorpus();
    say('info', 'All articles removed. The last results stay on screen until the next analysis.');
  });
  $('analyse').addEventListener('click', analyse);
  $('stale-analyse').addEventListener('click', analyse);
  $('cancel').addEventListener('click', () => {
    cancel();
    $('analyse').focus(); // the Cancel button is gone: keep keyboard focus on the next action
  });
  $('selection-clear').addEventListener('click', () => select(null));
}

setRunning(false, 'idle', client.job);
// On a phone the text matters more than the legend: the label tags after each entity already
// name its label, so the display options start folded there.
if (window.matchMedia('(max-width: 700px)').matches) /** @type {HTMLDetailsElement} */ ($('display-options')).open = false;
setupTabs();
setupTooltip();
setupExports(() => state.model, say);
setupLoading();
buildArticleControls();
corpus.renderCorpus();
renderResults();
client.start();
corpus.loadSamples();
