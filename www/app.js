// presslens page, main thread: UI only. The analysis runs in worker.js; this file keeps the
// articles the reader loaded, sends them to the worker, and renders the result it returns.
//
// State lives in one object; views render from it on demand (only the visible view is drawn,
// the others when their tab opens). The body's data-state attribute (idle, analysing, done,
// error, cancelled) tells the reader's assistive tech and the end-to-end tests where we are.
import { h, replace, sliceDeadline, yieldToBrowser } from './modules/dom.js';
import { LABELS, displacyJsonPieces, entityTableCsv, modelBuilder, resultJsonPieces } from './modules/model.js';
import { MAX_BATCH_BYTES, MAX_FILE_BYTES, decodeText, firstLine, mib, parseNameList, readFiles, uniqueId } from './modules/loaders.js';
import { articleParts, describeEntity, focusMark, markNavigation, partAt, renderArticle } from './modules/article.js';
import { renderEntities, renderKwic, renderMatrix, renderQuotes, renderTags, renderTimeline } from './modules/views.js';
import { highlightNetwork, renderNetwork } from './modules/network.js';

const $ = (id) => document.getElementById(id);

const state = {
  docs: [], // {id, title, text, date}: what the reader loaded, in order
  sent: [], // the copy of `docs` sent with the running job
  names: [], // the reader's name list (Analyzer.setUserNames), sent with every batch
  model: null, // view model of the last result (see modules/model.js), with its own copy of docs
  stale: false, // the articles changed since `model` was computed
  job: 0,
  running: false,
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
  recovery: { failed: [] }, // failures of earlier attempts at the running batch (see recover)
  attempt: 0, // attempts at the running batch; messages carry it
  progressDone: 0, // documents the running attempt has finished
};

// ---- the worker ---------------------------------------------------------------------------
//
// One worker at a time. It dies for many reasons: the reader cancels (we terminate it), the
// core traps on one document (a Rust panic ends the wasm instance: the worker reports 'crash'
// and is replaced), or it stops without a word (terminated from outside, out of memory, an
// uncaught error). The last is seen through a Web Lock the worker holds for its whole life
// (the page is granted the lock only when the worker is gone) and through its error event.
// A failed document never loses the others: the batch is sent again to a fresh worker with
// the failed documents named in `recovery` (the core returns them with their `error` and
// analyses the rest); each attempt adds one failure, so a batch of n takes at most n + 1.

let worker = null;
let workerCount = 0;

/** What the page tells the reader when a worker dies without a word during a document. */
const SILENT_DEATH = 'the analysis of this article stopped the analysis engine (out of memory?)';

function startWorker() {
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const lock = `presslens-worker-${++workerCount}-${Math.random().toString(36).slice(2)}`;
  let ready = false;
  worker = w;
  w.onmessage = ({ data }) => {
    if (worker !== w) return; // a worker we already replaced
    if (data?.type === 'watching') {
      // Granted only once the worker is gone. Ours to ignore when we ended it ourselves.
      navigator.locks.request(lock, () => {
        if (worker === w) workerDied(w, 'it stopped without a word');
      });
      return;
    }
    if (data?.type === 'ready') ready = true;
    onWorkerMessage(data);
  };
  w.onerror = (ev) => {
    ev.preventDefault();
    if (worker !== w) return;
    if (!ready) {
      // A module worker that fails to load (www/pkg not built) lands here. Handled: the page
      // says what to do instead of leaving an error in the console.
      stopWorker();
      setRunning(false, 'error');
      say('error', 'The analyzer could not be loaded. If you are running the page yourself, build it first: python3 scripts/build_wasm.py release', { area: 'status' });
      return;
    }
    workerDied(w, `it failed with an error (${ev.message || 'no message'})`);
  };
  if (navigator.locks) w.postMessage({ type: 'watch', lock });
}

function stopWorker() {
  const w = worker;
  worker = null; // first: its lock and late messages are then ignored
  w?.terminate();
}

function restartWorker() {
  stopWorker();
  startWorker();
}

/** The worker `w` ended without reporting (see above). */
function workerDied(w, how) {
  if (worker !== w) return;
  if (state.running) recover({ done: state.progressDone, message: SILENT_DEATH, how }); // replaces it
  else restartWorker(); // ready for the next batch
}

function analyse() {
  if (!state.docs.length) {
    say('error', 'There is nothing to analyse: add articles first (drop files, choose files or paste text).', { area: 'status' });
    return;
  }
  if (!worker) startWorker();
  else if (state.running) restartWorker(); // a newer batch replaces the running one
  const docs = state.docs.map(({ id, title, text, date }) => ({ id, title, text, date }));
  state.job += 1;
  state.sent = docs;
  state.recovery = { failed: [] };
  state.attempt = 0;
  $('status').replaceChildren();
  setRunning(true);
  send();
}

/** Sends the running batch (state.sent) to the worker as a new attempt. */
function send() {
  const docs = state.sent;
  state.attempt += 1;
  state.builder = modelBuilder(docs);
  state.progressDone = 0;
  setProgress(0, docs.length);
  const payload = docs.map(({ id, text, date }) => (date ? { id, text, date } : { id, text }));
  const recovery = state.recovery.failed.length || state.recovery.linking_failed ? state.recovery : undefined;
  worker.postMessage({ type: 'analyze', job: state.job, attempt: state.attempt, docs: payload, names: state.names, recovery });
}

/** The article at `index` of the running batch, as the reader knows it. */
function articleName(index) {
  const doc = state.sent[index];
  if (!doc) return `article ${index + 1}`;
  return doc.title && doc.title !== doc.id ? `article ${index + 1}, “${doc.id}” (${doc.title})` : `article ${index + 1}, “${doc.id}”`;
}

/**
 * The core or its worker died during the running batch with `done` documents finished: the
 * document in progress (or the cross-document step when done == total) is marked failed with
 * `message`, and the batch goes to a fresh worker. Gives up, with a message, when the failure
 * cannot be pinned on something not yet marked (it would fail the same way again).
 */
function recover({ done, message, how }) {
  const total = state.sent.length;
  const rec = state.recovery;
  const linking = done >= total;
  const repeat = linking ? !!rec.linking_failed : rec.failed.some((f) => f.index === done);
  if (repeat || state.attempt > total + 1) {
    restartWorker();
    setRunning(false, 'error');
    const what = linking ? 'while linking the articles' : `on ${articleName(done)}`;
    say('error', `The analysis stopped: the analysis engine failed again ${what} (${message}${how ? `; ${how}` : ''}). Your articles are kept; remove that article and press Analyse to try the others.`, { area: 'status' });
    markStale(true);
    return;
  }
  if (linking) rec.linking_failed = message;
  else rec.failed.push({ index: done, message });
  restartWorker();
  const note = linking ? 'Linking the articles failed; showing each article’s own result…' : `The analysis engine failed on ${articleName(done)}; analysing the others again…`;
  say('error', note, { area: 'status' });
  send();
}

function cancel() {
  if (!state.running) return;
  // A wasm call cannot be interrupted: the worker is thrown away with its work.
  restartWorker();
  state.job += 1;
  setRunning(false, 'cancelled');
  say('info', state.model ? 'Analysis cancelled. The results shown are from the previous analysis.' : 'Analysis cancelled. Press Analyse to start again.', { area: 'status' });
  markStale(true);
}

function onWorkerMessage(msg) {
  if (msg.type === 'fatal') {
    stopWorker();
    setRunning(false, 'error');
    say('error', `${msg.message}. Reload the page to try again.`, { area: 'status' });
    return;
  }
  if (msg.type === 'ready') return;
  // From a batch (or an attempt at it) that was replaced or cancelled.
  if (!state.running || msg.job !== state.job || msg.attempt !== state.attempt) return;
  if (msg.type === 'progress') {
    state.progressDone = msg.done;
    setProgress(msg.done, msg.total);
  } else if (msg.type === 'document') {
    state.builder.add(msg.index, msg.document);
  } else if (msg.type === 'crash') {
    if (msg.stage === 'names') {
      // The core failed on the reader's name list: every batch would, so it is dropped.
      restartWorker();
      state.names = [];
      $('names-status').textContent = `Not used: the analysis engine failed on this list (${msg.message}).`;
      setRunning(false, 'error');
      say('error', `The analysis failed on your name list, which is no longer used: ${msg.message}. Press Analyse to analyse without it.`, { area: 'status' });
      return;
    }
    recover({ done: msg.done, message: msg.message || SILENT_DEATH });
  } else if (msg.type === 'error') {
    // The core refused the batch: nothing is lost, the articles stay as they were.
    restartWorker();
    if (msg.names) {
      // A refused name list would fail every batch: stop sending it (the text stays in its box).
      state.names = [];
      $('names-status').textContent = `Not used: ${msg.message}.`;
    }
    setRunning(false, 'error');
    say('error', `The analysis failed: ${msg.message}`, { area: 'status' });
  } else if (msg.type === 'result') {
    let model;
    try {
      if (msg.count !== state.sent.length) throw new Error(`the core returned ${msg.count} documents for ${state.sent.length} sent`);
      const t0 = performance.now();
      model = state.builder.finish(msg.clusters);
      model.linkingError = msg.linking_error ?? null;
      if (model.linkingError) model.result.linking_error = model.linkingError; // exported as the core returned it
      performance.measure('presslens:model', { start: t0 }); // user timing: shows in profiles
    } catch (err) {
      setRunning(false, 'error');
      say('error', `The result could not be shown: ${err.message}`, { area: 'status' });
      return;
    }
    state.model = model;
    if (state.selected && !model.byKey.has(state.selected)) state.selected = null;
    state.currentDoc = Math.min(state.currentDoc, model.docs.length - 1);
    state.part = 0;
    state.table.limit = 100;
    markStale(false);
    setRunning(false, 'done');
    reportResult(model);
    const t1 = performance.now();
    updateCorpusCounts();
    renderResults();
    performance.measure('presslens:render', { start: t1 });
  }
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

function setRunning(running, outcome) {
  state.running = running;
  if (!running && outcome !== 'idle') document.body.dataset.job = String(state.job);
  document.body.dataset.state = running ? 'analysing' : outcome ?? 'idle';
  $('results').setAttribute('aria-busy', running ? 'true' : 'false');
  $('cancel').hidden = !running;
  $('progress-wrap').hidden = !running;
  $('analyse').disabled = running;
}

function setProgress(done, total) {
  const bar = $('progress');
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

const utf8 = new TextEncoder();
/** Size in UTF-8, the unit of the core's limits. */
const bytesOf = (text) => utf8.encode(text).length;

function corpusBytes() {
  return state.docs.reduce((a, d) => a + d.bytes, 0);
}

function addDocs(docs) {
  const taken = new Set(state.docs.map((d) => d.id));
  for (const doc of docs) {
    const id = uniqueId(doc.id, taken);
    taken.add(id);
    const title = doc.title && doc.title !== doc.id ? doc.title : firstLine(doc.text) || id;
    state.docs.push({ id, title, text: doc.text, date: doc.date ?? '', bytes: doc.bytes ?? bytesOf(doc.text) });
  }
  renderCorpus();
}

function renderCorpus() {
  const list = $('doc-list');
  const counts = docNotes();
  replace(
    list,
    state.docs.map((doc, i) =>
      h('li', { class: 'doc' },
        h('span', { class: 'doc-num', 'aria-hidden': 'true' }, `${i + 1}`),
        h('div', { class: 'doc-body' },
          h('span', { class: 'doc-title' }, doc.title),
          h('span', { class: 'muted doc-meta' }, `${doc.id} · ${mib(doc.bytes)}${counts ? ` · ${counts[i]}` : ''}`),
          h('span', { class: 'doc-date' },
            h('label', { for: `date-${i}` }, 'Date'),
            h('input', { type: 'date', id: `date-${i}`, value: doc.date, onchange: (e) => {
              doc.date = e.target.value;
              markStale(true);
            } })),
        ),
        h('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${doc.title}`, title: 'Remove', onclick: () => {
          state.docs.splice(i, 1);
          markStale(true);
          renderCorpus();
          (list.querySelectorAll('button.remove')[Math.min(i, state.docs.length - 1)] ?? $('paste')).focus();
        } }, '×'),
      )),
  );
  $('corpus-count').textContent = state.docs.length ? `${state.docs.length} article${state.docs.length === 1 ? '' : 's'}, ${mib(corpusBytes())}` : 'No articles yet.';
  $('analyse').disabled = state.running || !state.docs.length;
}

/** Per article of the current result: its entity count, or that it failed. Null when stale. */
function docNotes() {
  if (!state.model || state.stale) return null;
  return state.model.result.documents.map((dr) => (dr.error ? 'not analysed (see the message above)' : `${dr.entities.length} entities`));
}

/** Writes the entity counts into the article list in place (rebuilding it costs a layout of
 * every row and date field, a long task for a large batch). */
function updateCorpusCounts() {
  const metas = $('doc-list').querySelectorAll('.doc-meta');
  if (metas.length !== state.docs.length) return renderCorpus();
  const counts = docNotes();
  state.docs.forEach((doc, i) => {
    metas[i].textContent = `${doc.id} · ${mib(doc.bytes)}${counts ? ` · ${counts[i]}` : ''}`;
  });
}

async function onFiles(files) {
  files = [...files];
  if (!files.length) return;
  say('info', `Reading ${files.length} file${files.length === 1 ? '' : 's'}…`);
  const { docs, problems } = await readFiles(files, corpusBytes());
  if (docs.length) {
    addDocs(docs);
    markStale(true);
  }
  say(docs.length ? 'info' : 'error', docs.length ? `Added ${docs.length} article${docs.length === 1 ? '' : 's'}: ${docs.map((d) => d.id).join(', ')}.` : 'No article was added.');
  for (const p of problems) say('error', p, { append: true });
  if (docs.length) analyse();
}

function addPasted() {
  const text = $('paste').value;
  if (!text.trim()) {
    say('error', 'The text box is empty: paste an article into it first.');
    $('paste').focus();
    return;
  }
  const bytes = bytesOf(text);
  if (bytes > MAX_FILE_BYTES) {
    say('error', `This text is ${mib(bytes)}; the limit is ${mib(MAX_FILE_BYTES)} per article. Split it into several articles.`);
    return;
  }
  if (corpusBytes() + bytes > MAX_BATCH_BYTES) {
    say('error', `With this text the articles would exceed ${mib(MAX_BATCH_BYTES)} in all. Remove some articles or analyse in several batches.`);
    return;
  }
  if (state.docs.some((d) => d.text === text)) {
    say('info', 'This text is already in the articles.');
    return;
  }
  // The text stays in the box until the reader clears it: nothing they typed is lost if the
  // analysis fails.
  const title = $('paste-title').value.trim() || firstLine(text) || 'Pasted text';
  addDocs([{ id: 'pasted text', title, text, bytes }]);
  say('info', `Added “${title}”. The text stays in the box until you clear it.`);
  analyse();
}

async function loadSamples() {
  say('info', 'Loading the sample articles…');
  let corpus;
  try {
    const res = await fetch(new URL('./corpus.json', import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    corpus = await res.json();
  } catch (err) {
    say('error', `The sample articles could not be loaded (${err.message}). Add your own articles instead.`);
    return;
  }
  const have = new Set(state.docs.map((d) => d.text));
  const fresh = corpus.documents.filter((d) => !have.has(d.text));
  addDocs(fresh);
  say('info', fresh.length ? `Added the ${fresh.length} sample articles.` : 'The sample articles are already loaded.');
  $('corpus-note').textContent = firstLine(corpus.readme.replace(/^#+\s*/, ''), 120);
  analyse();
}

// ---- results ------------------------------------------------------------------------------

const VIEWS = ['article', 'entities', 'matrix', 'network', 'timeline', 'quotes', 'tags'];

const ctx = {
  state,
  get model() {
    return state.model;
  },
  select,
  openArticle: (d, offset) => showArticle(d, offset),
  showMention: (d, i) => showMention(d, i),
  noEntitiesReason: () => 'The page shows what the core returns and adds nothing of its own.',
};

function renderResults() {
  const has = !!state.model;
  for (const b of document.querySelectorAll('.exports button')) b.disabled = !has;
  $('no-results').hidden = has;
  if (!has) return;
  const m = state.model;
  $('summary').textContent = `${m.docs.length} articles · ${m.rows.length} entities · ${m.rows.reduce((a, r) => a + r.total, 0)} mentions`;
  state.dirty = new Set(VIEWS);
  renderView(state.view);
  renderSelection();
}

async function renderView(view) {
  if (!state.model || !state.dirty.has(view)) return;
  state.dirty.delete(view);
  const panel = $(`panel-${view}`).querySelector('.panel-body');
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
        h('input', { type: 'checkbox', checked: true, 'data-label': label, onchange: (e) => toggleLabel(label, e.target.checked) }),
        h('mark', { class: 'swatch', 'data-label': label }, label),
        ` ${name}`,
        h('span', { class: 'muted legend-count' }))),
  );
  $('doc-select').addEventListener('change', (e) => showArticle(Number(e.target.value)));
  $('show-tags').addEventListener('change', (e) => $('doc-text').classList.toggle('no-tags', !e.target.checked));
  $('hide-bp').addEventListener('change', (e) => $('doc-text').classList.toggle('hide-bp', e.target.checked));
  markNavigation($('doc-text'), selectMark);
}

function toggleLabel(label, on) {
  // A class on the text, not a redraw: the marks stay, CSS drops their highlight.
  $('doc-text').classList.toggle(`hide-${label}`, !on);
}

async function drawArticle() {
  const m = state.model;
  const d = state.currentDoc;
  const dr = m.result.documents[d];
  replace($('doc-select'), m.docs.map((doc, i) => h('option', { value: i, selected: i === d }, `${i + 1}. ${doc.title}`)));
  // Counted once per article and result: a long article holds hundreds of thousands.
  m.perLabel ??= [];
  const perLabel = (m.perLabel[d] ??= dr.entities.reduce((acc, e) => ((acc[e.label] = (acc[e.label] ?? 0) + 1), acc), {}));
  for (const item of $('legend').children) {
    const n = perLabel[item.dataset.for] ?? 0;
    item.querySelector('.legend-count').textContent = ` ${n}`;
    item.classList.toggle('absent', n === 0);
    // Labels the core found nowhere in the batch have nothing to explain.
    item.hidden = !m.labels.has(item.dataset.for);
  }
  const doc = m.docs[d];
  $('doc-meta').textContent = [doc.id, doc.date && `dated ${doc.date}`, `${dr.entities.length} entities`, `${dr.sentences.length} sentences`, `${dr.quotes.length} quotes`, `${dr.boilerplate.length} boilerplate ranges`]
    .filter(Boolean)
    .join(' · ');
  $('hide-bp').disabled = dr.boilerplate.length === 0;
  $('hide-bp-note').textContent = dr.boilerplate.length ? '' : ' (none in this article)';
  $('article-empty').hidden = dr.entities.length > 0 && !dr.error;
  $('article-empty').textContent = dr.error
    ? `This article was not analysed, so nothing is marked in it: ${dr.error}`
    : dr.entities.length ? '' : `The core found no entity in this article. ${ctx.noEntitiesReason()}`;
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
function partsOf(m, d) {
  m.parts ??= [];
  m.parts[d] ??= articleParts(m.docs[d].text, m.result.documents[d].entities);
  return m.parts[d];
}

const fmtInt = new Intl.NumberFormat('en');

/** Previous / part / next controls above and below a long article; hidden for a short one. */
function drawPartNav(parts, k, length) {
  for (const [id, end] of [['doc-parts', false], ['doc-parts-end', true]]) {
    const nav = $(id);
    nav.hidden = parts.length < 2;
    if (nav.hidden) {
      nav.replaceChildren();
      continue;
    }
    const [a, b] = parts[k];
    const go = (to) => (e) => showPart(to, end, `#${id} .${e.currentTarget.className}`);
    replace(
      nav,
      h('button', { type: 'button', class: 'part-prev', disabled: k === 0, onclick: go(k - 1) }, '← Previous part'),
      end
        ? h('span', { class: 'muted' }, `Part ${k + 1} of ${parts.length}`)
        : h('label', {}, 'Part ',
            // A number field, not a menu: a 16 MiB article has a thousand parts.
            h('input', { type: 'number', class: 'part-input', min: 1, max: parts.length, value: String(k + 1), 'aria-label': `Part of the article, 1 to ${parts.length}`, onchange: (e) => {
              const to = Math.round(Number(e.target.value));
              if (Number.isFinite(to) && to >= 1 && to <= parts.length) showPart(to - 1, false, '#doc-parts .part-input');
              else e.target.value = String(state.part + 1);
            } }),
            ` of ${parts.length}`),
      h('span', { class: 'muted part-range' }, `characters ${fmtInt.format(a + 1)}–${fmtInt.format(b)} of ${fmtInt.format(length)}`),
      h('button', { type: 'button', class: 'part-next', disabled: k === parts.length - 1, onclick: go(k + 1) }, 'Next part →'),
    );
  }
}

/** Shows part `k` of the current article, from its start; keeps focus on the control used. */
async function showPart(k, fromEnd = false, control = null) {
  state.part = k;
  state.dirty.add('article');
  await activateTab('article');
  if (fromEnd) $('doc-parts').scrollIntoView({ block: 'start' });
  $('doc-text').scrollTop = 0;
  const again = control && document.querySelector(control);
  if (again && !again.disabled) again.focus({ preventScroll: true });
  else if (again) $('doc-parts').querySelector('button:not([disabled])')?.focus({ preventScroll: true });
}

function showArticle(d, offset) {
  state.currentDoc = d;
  state.part = offset === undefined || !state.model ? 0 : partAt(partsOf(state.model, d), offset);
  state.dirty.add('article');
  return activateTab('article').then(() => {
    if (offset !== undefined) scrollToOffset(offset);
  });
}

async function showMention(d, i) {
  state.currentDoc = d;
  state.part = partAt(partsOf(state.model, d), state.model.result.documents[d].entities[i]?.start ?? 0);
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
    if (pos + n.data.length > offset) {
      n.parentElement.scrollIntoView({ block: 'center' });
      return;
    }
    pos += n.data.length;
  }
}

// ---- linked selection ---------------------------------------------------------------------

function selectMark(mark) {
  const key = state.model.keysByDoc[+mark.dataset.doc][+mark.dataset.e];
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
  for (const tr of document.querySelectorAll('tr[data-key]')) {
    const on = tr.dataset.key === state.selected;
    tr.classList.toggle('selected', on);
    tr.querySelector('button[aria-pressed]')?.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  // Speaker headings and tag suggestions name an entity too.
  for (const b of document.querySelectorAll('button.entity-ref[data-key]')) {
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
  text.addEventListener('mouseover', (e) => e.target.closest('mark.ent') && show(e.target.closest('mark.ent')));
  text.addEventListener('mouseout', (e) => e.target.closest('mark.ent') && hide(e.target.closest('mark.ent')));
  text.addEventListener('focusin', (e) => e.target.matches('mark.ent') && show(e.target));
  text.addEventListener('focusout', (e) => e.target.matches('mark.ent') && hide(e.target));
  document.addEventListener('keydown', (e) => e.key === 'Escape' && hide(document.activeElement?.closest?.('mark.ent')));
  text.addEventListener('click', (e) => {
    const mark = e.target.closest('mark.ent');
    if (mark) {
      focusMark(text, mark);
      selectMark(mark);
    }
  });
}

// ---- exports ------------------------------------------------------------------------------

/**
 * Turns text pieces into Blob parts, yielding to the browser whenever a slice of time is used
 * up. Strings are encoded into small Blobs as they come: one Blob made from all the text of a
 * large result at once was itself a long task (UTF-8 encoding of megabytes).
 */
async function collect(pieces) {
  const blobs = [];
  let pending = [];
  let size = 0;
  let expired = sliceDeadline();
  for (const piece of pieces) {
    pending.push(piece);
    size += piece.length;
    if (size > 256 * 1024) {
      blobs.push(new Blob(pending)); // encode in small steps
      pending = [];
      size = 0;
    }
    if (expired()) {
      await yieldToBrowser();
      expired = sliceDeadline();
    }
  }
  blobs.push(new Blob(pending));
  return blobs;
}

function download(name, type, parts) {
  // A blob: URL from this page: the file is made here, nothing is uploaded.
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function setupExports() {
  const saved = (what) => say('info', `Saved ${what}. It was made in this tab; nothing was uploaded.`, { area: 'status' });
  $('export-json').addEventListener('click', async () => {
    download('presslens-result.json', 'application/json', await collect(resultJsonPieces(state.model.result)));
    saved('presslens-result.json (the full result, as the core returned it)');
  });
  $('export-csv').addEventListener('click', () => {
    download('presslens-entities.csv', 'text/csv', [entityTableCsv(state.model)]);
    saved('presslens-entities.csv (every row of the entity table, one count column per article)');
  });
  $('export-displacy').addEventListener('click', async () => {
    download('presslens-displacy.json', 'application/json', await collect(displacyJsonPieces(state.model)));
    // displaCy (Python) counts code points; the core counts UTF-16 units, as JavaScript does.
    saved('presslens-displacy.json (one {text, ents, title} per article; offsets converted from UTF-16 units to code points, as displaCy counts them)');
  });
}

// ---- loading ------------------------------------------------------------------------------

function setupLoading() {
  $('file').addEventListener('change', async (e) => {
    await onFiles(e.target.files);
    e.target.value = ''; // the same files can be chosen again
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
    onFiles(e.dataTransfer.files);
  });
  $('paste-add').addEventListener('click', addPasted);
  $('paste-clear').addEventListener('click', () => {
    $('paste').value = '';
    $('paste-title').value = '';
    $('paste').focus();
  });
  $('load-samples').addEventListener('click', loadSamples);
  $('names-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (!file) return;
    const decoded = file.size > MAX_FILE_BYTES ? { error: `it is ${mib(file.size)}, too large for a name list.` } : decodeText(new Uint8Array(await file.arrayBuffer()));
    if (decoded.error) {
      $('names-status').textContent = `${file.name}: ${decoded.error}`;
      return;
    }
    $('names').value = decoded.text;
    $('names-status').textContent = `Loaded ${file.name}: press “Use this list”.`;
  });
  $('names-apply').addEventListener('click', () => {
    const parsed = parseNameList($('names').value, LABELS.map(([l]) => l));
    if (parsed.error) {
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
    renderCorpus();
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

setRunning(false, 'idle');
// On a phone the text matters more than the legend: the label tags after each entity already
// name its label, so the display options start folded there.
if (window.matchMedia('(max-width: 700px)').matches) $('display-options').open = false;
setupTabs();
setupTooltip();
setupExports();
setupLoading();
buildArticleControls();
renderCorpus();
renderResults();
startWorker();
loadSamples();
