// <presslens-analyzer>: entity and tag suggestions for a CMS editor (issue #15).
//
//   <textarea id="body"></textarea>
//   <presslens-analyzer for="body" date="2026-12-01"></presslens-analyzer>
//   <script type="module">import 'presslens/element';</script>
//
// The text comes from, in this order: the `text` property when it has been set; the element
// named by `for` (a textarea, an input or a contenteditable element, looked up by id in the
// element's own root: the document or the shadow root it lives in); else the element's own
// text content (slotted text). It is analysed again as it changes, after `debounce`
// milliseconds without a change (default 250). The analysis runs in a Web Worker (the
// package's createAnalyzer({ worker: true })), so the page never waits for the core; at most
// one analysis is in flight, and a result for text that has changed since is dropped (a job
// counter), never shown.
//
// The element shows, in its shadow DOM, the suggested tags exactly as the core ranks them
// (the document's `suggestions`, best first) with an accept and a dismiss button each, the
// tags accepted so far, and the entities found (the document's clusters in order of first
// mention). Events (all bubble and cross shadow boundaries):
//   presslens-result  detail: the AnalysisResult, as the core returned it
//   presslens-tags    detail: the accepted tags (string[]), after each accept or remove
//   presslens-error   detail: an Error (bad input refused by the core, the worker failing, a
//                     missing `for` target)
//
// Theming: CSS custom properties on the element (--presslens-font, --presslens-fg,
// --presslens-bg, --presslens-muted, --presslens-accent, --presslens-accent-fg,
// --presslens-border, --presslens-radius, --presslens-gap, --presslens-focus) and parts
// (container, status, heading, suggestions, suggestion, name, label, accept, dismiss, tags,
// tag, remove, entities, entity, count, error).
//
// Strict Content-Security-Policy: no inline script or style is needed. The styles are a
// constructed stylesheet adopted by the shadow root (adoptedStyleSheets), which style-src does
// not govern; the worker and the wasm module load from the package's own URL ('self'), and the
// wasm needs script-src 'wasm-unsafe-eval'. Text from the document reaches the DOM only as
// text (textContent), never as markup.
import { createAnalyzer } from './index.js';

/** @typedef {import('./index.js').PresslensAnalyzer} Analyzer */
/** @typedef {import('./presslens-result.js').AnalysisResult} AnalysisResult */
/** @typedef {import('./presslens-result.js').DocumentResult} DocumentResult */
/** @typedef {import('./presslens-result.js').Document} InputDocument */
/** @typedef {import('./presslens-result.js').Suggestion} Suggestion */
/** @typedef {import('./presslens-result.js').Label} Label */
/** @typedef {'idle' | 'analysing' | 'done' | 'error'} State */

const DEFAULT_DEBOUNCE_MS = 250;

/** Words a screen reader says for a label (the visible badge shows the short code). */
const LABEL_NAMES = /** @type {Record<Label, string>} */ ({
  PER: 'person',
  ORG: 'organisation',
  LOC: 'place',
  MISC: 'other name',
  DATE: 'date',
  TIME: 'time',
  MONEY: 'money',
  PERCENT: 'percentage',
  QUANTITY: 'quantity',
  CARDINAL: 'number',
  ORDINAL: 'ordinal',
});

const CSS = `
:host {
  display: block;
  font: var(--presslens-font, 14px/1.4 system-ui, sans-serif);
  color: var(--presslens-fg, #1d1d1f);
}
:host([hidden]) { display: none; }
[part~="container"] {
  background: var(--presslens-bg, #fff);
  border: 1px solid var(--presslens-border, #c9ccd1);
  border-radius: var(--presslens-radius, 6px);
  padding: var(--presslens-gap, 0.75em);
  display: grid;
  gap: var(--presslens-gap, 0.75em);
}
h2 { font-size: 1em; margin: 0 0 0.35em; }
ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4em; }
li { display: inline-flex; align-items: center; gap: 0.3em; border: 1px solid var(--presslens-border, #c9ccd1);
  border-radius: var(--presslens-radius, 6px); padding: 0.15em 0.2em 0.15em 0.5em; }
[part~="label"] { font-size: 0.75em; font-weight: 600; color: var(--presslens-muted, #5f6368); }
[part~="count"] { font-size: 0.8em; color: var(--presslens-muted, #5f6368); padding-right: 0.3em; }
[part~="status"], .empty { color: var(--presslens-muted, #5f6368); font-size: 0.9em; margin: 0; }
[part~="error"] { color: var(--presslens-error, #b3261e); font-size: 0.9em; margin: 0; }
[part~="error"]:empty { display: none; }
button { font: inherit; font-size: 0.85em; cursor: pointer; border-radius: var(--presslens-radius, 6px);
  border: 1px solid var(--presslens-border, #c9ccd1); background: transparent; color: inherit; padding: 0.1em 0.5em; }
button[part~="accept"] { background: var(--presslens-accent, #0b57d0); border-color: var(--presslens-accent, #0b57d0);
  color: var(--presslens-accent-fg, #fff); }
button:focus-visible { outline: 2px solid var(--presslens-focus, #0b57d0); outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

/** @type {CSSStyleSheet | null} one sheet, shared by every instance, made on first use */
let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

/**
 * An element with its attributes and children (strings become text nodes: never markup).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attrs]
 * @param {Array<Node | string>} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/**
 * A label's badge: the short code drawn, the word said (screen readers spell codes out).
 * @param {Label} label
 */
function labelBadge(label) {
  const word = LABEL_NAMES[label] ?? label;
  return [h('span', { part: 'label', title: word, 'aria-hidden': 'true' }, [label]), h('span', { class: 'visually-hidden' }, [` (${word})`])];
}

/** @param {unknown} err */
function toError(err) {
  return err instanceof Error ? err : new Error(String(err));
}

/** The writer's text of an editor element: a form field's value, else its rendered text. */
function editorText(/** @type {Element} */ el) {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value;
  if (el instanceof HTMLElement) return el.innerText;
  return el.textContent ?? '';
}

export class PresslensAnalyzerElement extends HTMLElement {
  static observedAttributes = ['for', 'date', 'debounce'];

  /** @type {ShadowRoot} */
  #root;
  #parts = /** @type {{status: HTMLElement, error: HTMLElement, suggestions: HTMLUListElement, tags: HTMLUListElement, entities: HTMLUListElement, live: HTMLElement}} */ ({});
  /** @type {Promise<Analyzer> | null} */
  #analyzer = null;
  /** @type {AbortController | null} aborts whatever is in flight when the element leaves the page */
  #life = null;
  /** @type {string | null} set through the `text` property; wins over `for` and slotted text */
  #text = null;
  /** @type {Element | null} the editor named by `for` that is being listened to */
  #source = null;
  /** @type {MutationObserver | null} watches slotted text */
  #observer = null;
  /** @type {ReturnType<typeof setTimeout> | null} */
  #timer = null;
  /** The number of the latest request for analysis; a result for an older one is dropped. */
  #job = 0;
  #running = false;
  /** The input (text and date) of the result shown, to skip analysing the same input twice. */
  #shown = '';
  /** @type {AnalysisResult | null} */
  #result = null;
  /** @type {string[]} */
  #tags = [];
  /** @type {Set<string>} */
  #dismissed = new Set();
  #announced = '';
  /** @type {import('./presslens-result.js').UserName[] | null} the reader's names, given again to a new engine */
  #names = null;
  /** @type {State} */
  #state = 'idle';
  /** The state of the input shown (what `state` goes back to when a newer input is the same). */
  /** @type {State} */
  #settled = 'idle';

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styles()];
    const live = h('p', { part: 'status', role: 'status', 'aria-live': 'polite' });
    const error = h('p', { part: 'error', role: 'alert' });
    const suggestions = h('ul', { part: 'suggestions', 'aria-labelledby': 'h-suggestions' });
    const tags = h('ul', { part: 'tags', 'aria-labelledby': 'h-tags' });
    const entities = h('ul', { part: 'entities', 'aria-labelledby': 'h-entities' });
    this.#root.append(
      h('div', { part: 'container' }, [
        live,
        error,
        h('section', {}, [h('h2', { id: 'h-suggestions', part: 'heading', tabindex: '-1' }, ['Suggested tags']), suggestions]),
        h('section', {}, [h('h2', { id: 'h-tags', part: 'heading', tabindex: '-1' }, ['Accepted tags']), tags]),
        h('section', {}, [h('h2', { id: 'h-entities', part: 'heading' }, ['Entities found']), entities]),
        // Slotted text is the text to analyse when neither `text` nor `for` is given; it is
        // read, not shown.
        h('div', { hidden: '' }, [h('slot')]),
      ]),
    );
    this.#parts = { status: live, error, suggestions, tags, entities, live };
    this.#render();
  }

  /** The text analysed when set (a string); `null` gives the text back to `for` or the slot. */
  get text() {
    return this.#text ?? this.#readText();
  }
  set text(value) {
    this.#text = value === null || value === undefined ? null : String(value);
    this.#schedule();
  }

  /** The publication date (YYYY-MM-DD) that places relative dates; the `date` attribute. */
  get date() {
    return this.getAttribute('date') ?? '';
  }
  set date(value) {
    if (value) this.setAttribute('date', String(value));
    else this.removeAttribute('date');
  }

  /** Milliseconds without a change before the text is analysed again (`debounce` attribute). */
  get debounce() {
    const n = Number(this.getAttribute('debounce'));
    return this.hasAttribute('debounce') && Number.isFinite(n) && n >= 0 ? n : DEFAULT_DEBOUNCE_MS;
  }
  set debounce(ms) {
    this.setAttribute('debounce', String(ms));
  }

  /** The accepted tags. Setting them (e.g. from the CMS's tags field) hides those suggestions. */
  get tags() {
    return [...this.#tags];
  }
  set tags(list) {
    this.#tags = [...new Set(Array.from(list ?? [], String).map((t) => t.trim()).filter(Boolean))];
    this.#render();
  }

  /** The last result shown, as the core returned it, or null. */
  get result() {
    return this.#result;
  }

  /**
   * Resolves once the analysis engine (the worker and its wasm) has loaded; rejects with the
   * Error that stopped it (also sent as presslens-error).
   * @returns {Promise<void>}
   */
  get ready() {
    return this.#start().then(() => {});
  }

  /**
   * 'idle' (nothing analysed yet), 'analysing', 'done' or 'error'.
   * @returns {State}
   */
  get state() {
    return this.#state;
  }

  /**
   * The reader's own names (the core's UserName list), for every later analysis.
   * @param {import('./presslens-result.js').UserName[]} list
   */
  async setUserNames(list) {
    const analyzer = await this.#start();
    await analyzer.setUserNames(list); // rejects with the core's message, keeping the old list
    this.#names = list;
    this.#shown = '';
    this.#schedule();
  }

  connectedCallback() {
    // Properties a page set before this element was defined are own properties that hide the
    // accessors: set them again through the accessors.
    const self = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (this));
    for (const name of ['text', 'tags', 'date', 'debounce']) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = self[name];
        delete self[name];
        self[name] = value;
      }
    }
    // A move within the page (disconnected, then connected in the same task) keeps the engine.
    this.#life ??= new AbortController();
    this.#start().catch((err) => this.#fail(err));
    this.#observer = new MutationObserver(() => {
      if (this.#text === null && !this.hasAttribute('for')) this.#schedule();
    });
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
    this.#bind();
  }

  disconnectedCallback() {
    this.#unbind();
    this.#observer?.disconnect();
    this.#observer = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#job++; // whatever is in flight is stale now
    // Gone for good unless connected again before the microtasks run out (a move): then the
    // request in flight is cancelled and the worker ends.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#life?.abort(new DOMException('the element left the page', 'AbortError'));
      this.#life = null;
      const analyzer = this.#analyzer;
      this.#analyzer = null;
      analyzer?.then((a) => a.dispose(), () => {});
    });
  }

  /** @param {string} name */
  attributeChangedCallback(name) {
    if (!this.isConnected) return;
    if (name === 'for') this.#bind();
    else if (name === 'date') {
      this.#schedule();
    }
  }

  /** The engine, created on first use; after a failure to start, the next use tries again. */
  #start() {
    if (!this.#analyzer) {
      const started = createAnalyzer({ worker: true }).then(async (analyzer) => {
        if (this.#names) await analyzer.setUserNames(this.#names);
        return analyzer;
      });
      this.#analyzer = started;
      started.catch(() => {
        if (this.#analyzer === started) this.#analyzer = null;
      });
    }
    return this.#analyzer;
  }

  #onInput = () => this.#schedule();

  /** Listens to the editor named by `for` (looked up again when it was not there yet). */
  #bind() {
    this.#unbind();
    const id = this.getAttribute('for');
    if (id) {
      const root = /** @type {Document | ShadowRoot} */ (this.getRootNode());
      const target = root.getElementById?.(id) ?? null;
      if (!target) {
        if (document.readyState === 'loading') {
          document.addEventListener('DOMContentLoaded', () => this.isConnected && this.#bind(), { once: true });
        } else {
          this.#fail(new Error(`presslens-analyzer: for="${id}" names no element in this document; give it the id of the editor (a textarea, an input or a contenteditable element)`));
        }
        return;
      }
      this.#source = target;
      target.addEventListener('input', this.#onInput);
    }
    this.#schedule(0);
  }

  #unbind() {
    this.#source?.removeEventListener('input', this.#onInput);
    this.#source = null;
  }

  #readText() {
    if (this.#source) return editorText(this.#source);
    if (this.hasAttribute('for')) return '';
    return this.textContent ?? '';
  }

  /** Analyses the text again once it has not changed for `debounce` ms. */
  #schedule(delay = this.debounce) {
    if (!this.isConnected) return;
    this.#job++; // a result in flight is for older text: it will be dropped
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#run();
    }, delay);
  }

  async #run() {
    if (!this.isConnected || !this.#life) return;
    if (this.#running) return; // the run in flight starts the next one when it ends
    const text = this.text;
    const date = this.date;
    const input = JSON.stringify([text, date]);
    if (input === this.#shown) {
      if (this.#state === 'analysing') this.#setState(this.#settled);
      return;
    }
    if (!text.trim()) {
      this.#shown = input;
      this.#result = null;
      this.#setState('idle');
      this.#render();
      return;
    }
    const job = this.#job;
    const signal = /** @type {AbortController} */ (this.#life).signal;
    this.#running = true;
    this.#setState('analysing');
    /** @type {AnalysisResult | null} */
    let result = null;
    /** @type {Error | null} */
    let error = null;
    try {
      const analyzer = await this.#start();
      /** @type {InputDocument} */
      const doc = { id: this.id || 'presslens-analyzer', text };
      if (date) doc.date = date;
      result = await analyzer.analyze([doc], { signal });
      const failed = result.documents[0]?.error;
      if (failed) error = new Error(failed);
    } catch (err) {
      error = toError(err);
    } finally {
      this.#running = false;
    }
    if (signal.aborted) return;
    if (job !== this.#job) {
      // The text changed while the core worked: this result is stale. Analyse the new text
      // now unless a debounce timer is still waiting to.
      if (this.#timer === null) this.#run();
      return;
    }
    this.#shown = input;
    if (error) {
      this.#fail(error);
      return;
    }
    this.#result = /** @type {AnalysisResult} */ (result);
    this.#parts.error.textContent = '';
    this.#setState('done');
    this.#render(true);
    this.dispatchEvent(new CustomEvent('presslens-result', { detail: result, bubbles: true, composed: true }));
  }

  /** @param {State} state */
  #setState(state) {
    if (state !== 'analysing') this.#settled = state;
    this.#state = state;
    this.#parts.live.setAttribute('aria-busy', String(state === 'analysing'));
  }

  /** @param {unknown} err */
  #fail(err) {
    const error = toError(err);
    this.#setState('error');
    this.#parts.error.textContent = error.message;
    this.dispatchEvent(new CustomEvent('presslens-error', { detail: error, bubbles: true, composed: true }));
  }

  /** The suggestions still to offer: the core's order, less those accepted or dismissed. */
  #offered() {
    const doc = this.#result?.documents[0];
    const taken = new Set(this.#tags.map((t) => t.toLowerCase()));
    return (doc?.suggestions ?? []).filter((s) => !taken.has(s.name.toLowerCase()) && !this.#dismissed.has(s.name));
  }

  /** @param {string} name */
  #accept(name) {
    if (!this.#tags.includes(name)) this.#tags.push(name);
    this.#say(`Added tag ${name}.`);
    this.#changedTags();
  }

  /** @param {string} name */
  #dismiss(name) {
    this.#dismissed.add(name);
    this.#say(`Dismissed ${name}.`);
    this.#render();
  }

  /** @param {string} name */
  #remove(name) {
    this.#tags = this.#tags.filter((t) => t !== name);
    this.#say(`Removed tag ${name}.`);
    this.#changedTags();
  }

  #changedTags() {
    this.#render();
    this.dispatchEvent(new CustomEvent('presslens-tags', { detail: this.tags, bubbles: true, composed: true }));
  }

  /** @param {string} message */
  #say(message) {
    this.#announced = message;
    this.#parts.live.textContent = message;
  }

  /**
   * Draws the lists from the result. Keyboard focus survives a redraw: it goes back to the
   * same button when it is still there, else to the next suggestion's accept button (after an
   * accept or a dismiss), else to the list's heading.
   * @param {boolean} [announce] a new result: say its suggestions in the live region
   */
  #render(announce = false) {
    const focused = this.#root.activeElement;
    const focusKey = focused instanceof HTMLElement ? focused.dataset.key : undefined;
    const focusIndex = focused instanceof HTMLElement ? Number(focused.dataset.index) : NaN;
    const { suggestions, tags, entities } = this.#parts;

    const offered = this.#offered();
    suggestions.replaceChildren(
      ...offered.map((s, i) =>
        h('li', { part: 'suggestion', 'data-label': s.label }, [
          h('span', { part: 'name' }, [s.name]),
          ...labelBadge(s.label),
          this.#button('accept', `Accept tag ${s.name} (${LABEL_NAMES[s.label] ?? s.label})`, 'Accept', i, () => this.#accept(s.name)),
          this.#button('dismiss', `Dismiss ${s.name}`, '×', i, () => this.#dismiss(s.name)),
        ]),
      ),
    );
    if (!offered.length) suggestions.append(h('li', { class: 'empty' }, [this.#result ? 'No more suggestions.' : 'Suggestions appear as you write.']));

    tags.replaceChildren(
      ...this.#tags.map((t, i) =>
        h('li', { part: 'tag' }, [h('span', { part: 'name' }, [t]), this.#button('remove', `Remove tag ${t}`, '×', i, () => this.#remove(t))]),
      ),
    );
    if (!this.#tags.length) tags.append(h('li', { class: 'empty' }, ['None yet.']));

    const doc = this.#result?.documents[0];
    const clusters = this.#result?.clusters ?? [];
    /** @type {Map<number, number>} cluster → this document's mention count, in order of first mention */
    const seen = new Map();
    for (const e of doc?.entities ?? []) {
      if (e.cluster === undefined || e.boilerplate || seen.has(e.cluster)) continue;
      const c = clusters[e.cluster];
      if (c) seen.set(e.cluster, c.documents.find((d) => d.document === 0)?.mentions ?? 0);
    }
    entities.replaceChildren(
      ...[...seen].map(([id, mentions]) => {
        const c = clusters[id];
        return h('li', { part: 'entity', 'data-label': c.label }, [
          h('span', { part: 'name' }, [c.name]),
          ...labelBadge(c.label),
          h('span', { part: 'count', 'aria-hidden': 'true' }, [`×${mentions}`]),
          h('span', { class: 'visually-hidden' }, [`, ${mentions} mention${mentions === 1 ? '' : 's'}`]),
        ]);
      }),
    );
    if (!seen.size) entities.append(h('li', { class: 'empty' }, ['None yet.']));

    // A new result is announced once (its suggestions); redraws for an accept, a dismiss or
    // a remove leave the live region to the message about that.
    if (announce) {
      const summary = this.#result ? `${offered.length} tag suggestion${offered.length === 1 ? '' : 's'}${offered.length ? ': ' : ''}${offered.map((s) => s.name).join(', ')}.` : '';
      if (summary && summary !== this.#announced) this.#say(summary);
    } else if (!this.#result && !this.#announced) {
      this.#parts.live.textContent = 'Suggestions appear as you write.';
    }

    if (focusKey) {
      const buttons = [...this.#root.querySelectorAll('button')];
      const part = focused?.getAttribute('part');
      const index = Number.isFinite(focusIndex) ? String(focusIndex) : '0';
      const same = part === 'remove' ? 'remove' : 'accept';
      const next =
        buttons.find((b) => b.dataset.key === focusKey) ??
        buttons.find((b) => b.getAttribute('part') === part && b.dataset.index === index) ??
        buttons.find((b) => b.getAttribute('part') === same) ??
        this.#root.getElementById(same === 'remove' ? 'h-tags' : 'h-suggestions');
      next?.focus();
    }
  }

  /**
   * @param {'accept' | 'dismiss' | 'remove'} part
   * @param {string} label what a screen reader says
   * @param {string} shown what is drawn
   * @param {number} index
   * @param {() => void} act
   */
  #button(part, label, shown, index, act) {
    const b = h('button', { type: 'button', part, 'aria-label': label, 'data-key': `${part}:${label}`, 'data-index': String(index) }, [shown]);
    b.addEventListener('click', act);
    return b;
  }
}

if (!customElements.get('presslens-analyzer')) customElements.define('presslens-analyzer', PresslensAnalyzerElement);
