// presslens page, main thread: the controller. UI only: the analysis runs in worker.js, which
// modules/worker-client.js drives; modules/corpus.js keeps the articles the reader loaded,
// modules/exports.js writes the files, modules/results.js renders the result the core
// returns; this file holds the state and wires them to the page.
//
// State lives in one object; views render from it on demand (only the visible view is drawn,
// the others when their tab opens). The body's data-state attribute (idle, analysing, done,
// error, cancelled) tells the reader's assistive tech and the end-to-end tests where we are.
import { h, replace } from './modules/dom.js';
import { modelBuilder, textCollator } from './modules/model.js';
import { decodeText, mib } from './modules/loaders.js';
import { createWorkerClient } from './modules/worker-client.js';
import { createCorpus } from './modules/corpus.js';
import { setupExports } from './modules/exports.js';
import { createResults } from './modules/results.js';

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
 *   networkToken: number, timelineToken: number, firstResult: boolean, batchDrawn: boolean}}
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
  batchDrawn: false, // the page's first whole-batch result was drawn (a user-timing mark)
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
  onPreview,
  onDocument: (index, document) => state.builder?.add(index, document),
  onResult,
});

function analyse() {
  if (!state.docs.length) {
    say('error', 'There is nothing to analyse: add articles first (drop files, choose files or paste text).', { area: 'status' });
    return;
  }
  const docs = state.docs.map(({ id, title, text, date, dateOrder }) => ({ id, title, text, date, date_order: dateOrder }));
  $('status').replaceChildren();
  // With nothing on screen yet (the page has just opened), the first article is shown as soon
  // as it is analysed, and the whole batch when it is done.
  client.analyse(docs, state.names, { preview: !state.model });
  // The collator the views sort with, made in the next task, while the main thread waits for
  // the worker, rather than when the first result is drawn (see compareText; a no-op once
  // made). Not in an idle callback: during the page's start Chromium ran those only after the
  // first result.
  setTimeout(textCollator);
}

/**
 * The first article of the running batch, analysed alone: shown (article view only, exports
 * off) while the rest runs, unless a result is already on screen. The batch's result replaces
 * it; a batch that ends otherwise takes it away (see setRunning).
 */
function onPreview(document, clusters) {
  if (state.model || !client.sent.length) return;
  const builder = modelBuilder([client.sent[0]]);
  builder.add(0, document);
  const model = builder.finish(clusters);
  model.preview = true;
  state.model = model;
  state.currentDoc = 0;
  state.part = 0;
  renderResults();
}

function cancel() {
  if (!client.cancel()) return;
  say('info', state.model && !state.model.preview ? 'Analysis cancelled. The results shown are from the previous analysis.' : 'Analysis cancelled. Press Analyse to start again.', { area: 'status' });
  markStale(true);
}

/** The last message of a batch: the view model is finished and shown. */
function onResult(msg) {
  performance.mark('presslens:batch-result');
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
  if (!running && outcome !== 'done' && state.model?.preview) {
    // A batch that did not finish leaves no partial result on screen.
    state.model = null;
    renderResults();
  }
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

// ---- the result on screen -----------------------------------------------------------------

const { renderResults, select, setupTabs, setupTooltip, buildArticleControls } = createResults(state);

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
