// The corpus: the articles the reader loaded (files, pasted text, the samples), in order,
// and their list on the page. The core's size limits (Limits, from the worker) are checked
// here before anything is added, with a message saying what to do.
import { h, replace } from './dom.js';
import { firstLine, mib, readFiles, uniqueId } from './loaders.js';
import { inline } from './inline.js';
import { takeBootSamples } from './worker-client.js';

/** @typedef {import('../presslens-result').Limits} Limits */
/** @typedef {import('./worker-client.js').BatchDoc} BatchDoc */

/**
 * An article the reader loaded. `date` is '' when none was given.
 * `dateOrder` is '' when the core should read it from the text (issue #16).
 * @typedef {{id: string, title: string, text: string, date: string, dateOrder: import('../presslens-result').DateOrder | '', bytes: number}} CorpusDoc
 */

/**
 * An article to add: `title` and `bytes` are filled in when absent.
 * @typedef {{id: string, title?: string, text: string, date?: string, bytes?: number}} NewDoc
 */

/**
 * What the corpus needs from the page.
 * @typedef {object} CorpusContext
 * @property {{docs: CorpusDoc[], model: import('./model.js').ViewModel | null, stale: boolean}} state
 * @property {{readonly running: boolean, readonly limits: Promise<Limits>}} client
 * @property {(kind: 'info' | 'error', text: string, options?: {append?: boolean, area?: string}) => void} say
 * @property {(stale: boolean) => void} markStale
 * @property {() => void} analyse
 */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const $input = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/** @param {CorpusContext} app */
export function createCorpus({ state, client, say, markStale, analyse }) {
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
      state.docs.push({ id, title, text: doc.text, date: doc.date ?? '', dateOrder: '', bytes: doc.bytes ?? bytesOf(doc.text) });
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
              h('input', { type: 'date', id: `date-${i}`, value: doc.date || inferredDate(i), 'aria-describedby': `date-note-${i}`, onchange: (e) => {
                doc.date = e.target.value;
                markStale(true);
              } })),
            h('span', { class: 'doc-date' },
              h('label', { for: `order-${i}` }, 'Numeric dates'),
              h('select', { id: `order-${i}`, title: 'How this article writes dates such as 8/10/2012', onchange: (e) => {
                doc.dateOrder = /** @type {CorpusDoc['dateOrder']} */ (e.target.value);
                markStale(true);
              } },
                h('option', { value: '', selected: doc.dateOrder === '' }, 'as the text shows'),
                h('option', { value: 'month-first', selected: doc.dateOrder === 'month-first' }, '8/10 = August 10'),
                h('option', { value: 'day-first', selected: doc.dateOrder === 'day-first' }, '8/10 = 8 October'))),
            h('span', { class: 'muted date-note', id: `date-note-${i}` }, dateNote(i)),
          ),
          h('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${doc.title}`, title: 'Remove', onclick: () => {
            state.docs.splice(i, 1);
            markStale(true);
            renderCorpus();
            (/** @type {HTMLElement | undefined} */ (list.querySelectorAll('button.remove')[Math.min(i, state.docs.length - 1)]) ?? $('paste')).focus();
          } }, '×'),
        )),
    );
    $('corpus-count').textContent = state.docs.length ? `${state.docs.length} article${state.docs.length === 1 ? '' : 's'}, ${mib(corpusBytes())}` : 'No articles yet.';
    $input('analyse').disabled = client.running || !state.docs.length;
  }

  /** Per article of the current result: its entity count, or that it failed. Null when stale. */
  function docNotes() {
    if (!state.model || state.stale) return null;
    return state.model.result.documents.map((dr) => (dr.error ? 'not analysed (see the message above)' : `${dr.entities.length} entities`));
  }

  /** The date the core found in article `i`'s text, or '' (none, given, or no current result). */
  function inferredDate(i) {
    if (!state.model || state.stale) return '';
    const date = state.model.result.documents[i]?.date;
    return date?.source === 'inferred' ? date.value ?? '' : '';
  }

  /** Where article `i`'s date came from, as the reader reads it (issue #16). */
  function dateNote(i) {
    if (!state.model || state.stale) return '';
    const dr = state.model.result.documents[i];
    const date = dr?.date;
    if (!date || dr.error) return '';
    if (date.source === 'given') return 'Date as given.';
    if (date.source === 'none') return 'No date found in the text: set one to place its relative dates.';
    const found = date.span ? state.docs[i].text.slice(date.span.start, date.span.end) : '';
    return `Date found in the ${date.found_in ?? 'text'}: “${found}”. If it is wrong, set the right one and analyse again.`;
  }

  /** Writes the entity counts into the article list in place (rebuilding it costs a layout of
   * every row and date field, a long task for a large batch). */
  function updateCorpusCounts() {
    const metas = $('doc-list').querySelectorAll('.doc-meta');
    if (metas.length !== state.docs.length) return renderCorpus();
    const counts = docNotes();
    const notes = $('doc-list').querySelectorAll('.date-note');
    state.docs.forEach((doc, i) => {
      metas[i].textContent = `${doc.id} · ${mib(doc.bytes)}${counts ? ` · ${counts[i]}` : ''}`;
      notes[i].textContent = dateNote(i);
      const input = /** @type {HTMLInputElement} */ ($(`date-${i}`));
      if (!doc.date && input.value !== inferredDate(i)) input.value = inferredDate(i);
    });
  }

  async function onFiles(files) {
    files = [...files];
    if (!files.length) return;
    say('info', `Reading ${files.length} file${files.length === 1 ? '' : 's'}…`);
    const limits = await coreLimits();
    if (!limits) return;
    const { docs, problems } = await readFiles(files, corpusBytes(), limits);
    if (docs.length) {
      addDocs(docs);
      markStale(true);
    }
    say(docs.length ? 'info' : 'error', docs.length ? `Added ${docs.length} article${docs.length === 1 ? '' : 's'}: ${docs.map((d) => d.id).join(', ')}.` : 'No article was added.');
    for (const p of problems) say('error', p, { append: true });
    if (docs.length) analyse();
  }

  /** The core's limits, or null (said to the reader) when the core cannot load. */
  async function coreLimits() {
    try {
      return await client.limits;
    } catch (err) {
      say('error', `Nothing can be added: ${err instanceof Error ? err.message : err}. Reload the page to try again.`);
      return null;
    }
  }

  async function addPasted() {
    const text = $input('paste').value;
    if (!text.trim()) {
      say('error', 'The text box is empty: paste an article into it first.');
      $('paste').focus();
      return;
    }
    const limits = await coreLimits();
    if (!limits) return;
    const bytes = bytesOf(text);
    if (bytes > limits.max_document_bytes) {
      say('error', `This text is ${mib(bytes)}; the limit is ${mib(limits.max_document_bytes)} per article. Split it into several articles.`);
      return;
    }
    if (corpusBytes() + bytes > limits.max_batch_bytes) {
      say('error', `With this text the articles would exceed ${mib(limits.max_batch_bytes)} in all. Remove some articles or analyse in several batches.`);
      return;
    }
    if (state.docs.some((d) => d.text === text)) {
      say('info', 'This text is already in the articles.');
      return;
    }
    // The text stays in the box until the reader clears it: nothing they typed is lost if the
    // analysis fails.
    const title = $input('paste-title').value.trim() || firstLine(text) || 'Pasted text';
    addDocs([{ id: 'pasted text', title, text, bytes }]);
    say('info', `Added “${title}”. The text stays in the box until you clear it.`);
    analyse();
  }

  async function loadSamples() {
    say('info', 'Loading the sample articles…');
    let corpus;
    try {
      const res = await (takeBootSamples() ?? inline()?.samples() ?? fetch(new URL('../corpus.json', import.meta.url)));
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

  return { addDocs, renderCorpus, updateCorpusCounts, onFiles, addPasted, loadSamples };
}
