// The views other than the article: entity table with keyword-in-context, entity × article
// matrix, timeline, quotes, network and tag suggestions. Each `render*` fills its panel from
// the view model and the shared context; every piece of text goes in through text nodes.
import { appendInSlices, appendPerFrame, h, replace, sliceDeadline, yieldToBrowser } from './dom.js';
import { LABELS, LABEL_NAME, compareText, kwic, quotesBySpeaker, sentenceOf, timelineItems } from './model.js';

/**
 * What the views need from the page (app.js): its state, the result on screen and the
 * actions that link the views.
 * @typedef {object} ViewContext
 * @property {{selected: string | null, table: {text: string, label: string, sort: string, dir: number, limit: number}, marks: Map<string | null, HTMLElement[]>}} state
 * @property {import('./model.js').ViewModel} model
 * @property {(key: string | null) => void} select
 * @property {(d: number, offset?: number) => Promise<void>} openArticle
 * @property {(d: number, i: number) => Promise<void>} showMention
 */

/** What an empty view says about why: the page adds nothing to what the core returned. */
export const NO_ENTITIES_NOTE = 'The page shows what the core returns and adds nothing of its own.';

const PAGE = 100; // table rows shown at once; "Show more" adds another page

/**
 * A short column name per article: its number, with the full title in a tooltip.
 * @param {import('./model.js').ViewModel} model
 * @param {number} d
 * @param {ViewContext} ctx
 */
function docHeader(model, d, ctx) {
  const doc = model.docs[d];
  return h('button', { type: 'button', class: 'link', title: doc.title, 'aria-label': `Article ${d + 1}: ${doc.title}`, onclick: () => ctx.openArticle(d) }, `${d + 1}`);
}

function labelBadge(label) {
  return h('span', { class: 'badge', 'data-label': label, title: LABEL_NAME[label] ?? label }, label);
}

function emptyState(text, detail) {
  return h('div', { class: 'empty' }, h('p', {}, text), detail ? h('p', { class: 'muted' }, detail) : null);
}

// ---- entities ---------------------------------------------------------------------------

const COLUMNS = {
  name: (a, b) => compareText(a.name, b.name),
  label: (a, b) => compareText(a.label, b.label) || compareText(a.name, b.name),
  total: (a, b) => a.total - b.total || compareText(b.name, a.name),
  articles: (a, b) => a.articles - b.articles || a.total - b.total,
};

/** @param {HTMLElement} panel @param {ViewContext} ctx */
export function renderEntities(panel, ctx) {
  const { model, state } = ctx;
  if (!model.rows.length) {
    replace(panel, emptyState('No entities in these articles.', NO_ENTITIES_NOTE));
    return;
  }
  const f = state.table;
  const labels = LABELS.map(([l]) => l).filter((l) => model.rows.some((r) => r.label === l));
  const manyDocs = model.docs.length > 12;
  const hasKinds = model.rows.some((r) => r.kinds.length);
  const hasVariants = model.clusters.length > 0;

  const search = h('input', { type: 'search', id: 'ent-filter', value: f.text, placeholder: 'name or variant', oninput: (e) => ((f.text = e.target.value), (f.limit = PAGE), drawBody()) });
  const labelSelect = h(
    'select',
    { id: 'ent-label', onchange: (e) => ((f.label = e.target.value), (f.limit = PAGE), drawBody()) },
    h('option', { value: '' }, 'All labels'),
    labels.map((l) => h('option', { value: l, selected: f.label === l }, `${l} — ${LABEL_NAME[l]}`)),
  );
  const count = h('span', { class: 'muted', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', onclick: () => ((f.limit += PAGE), drawBody({ keep: true })) }, 'Show more');

  const sortButton = (col, text) => {
    const active = f.sort === col;
    return h(
      'th',
      { scope: 'col', 'aria-sort': active ? (f.dir > 0 ? 'ascending' : 'descending') : 'none', class: col === 'name' ? '' : 'num' },
      h('button', { type: 'button', class: 'sort', onclick: () => {
        f.dir = f.sort === col ? -f.dir : col === 'name' || col === 'label' ? 1 : -1;
        f.sort = col;
        renderEntities(panel, ctx);
        /** @type {HTMLElement | null} */ (panel.querySelector(`th[aria-sort]:not([aria-sort="none"]) button`))?.focus();
      } }, text, h('span', { 'aria-hidden': 'true', class: 'arrow' }, active ? (f.dir > 0 ? ' ▲' : ' ▼') : '')),
    );
  };
  const head = h(
    'tr',
    {},
    sortButton('name', 'Entity'),
    sortButton('label', 'Label'),
    hasKinds ? h('th', { scope: 'col' }, 'Kind') : null,
    hasVariants ? h('th', { scope: 'col' }, 'Variants') : null,
    manyDocs ? null : model.docs.map((_, d) => h('th', { scope: 'col', class: 'num' }, docHeader(model, d, ctx))),
    sortButton('articles', 'Articles'),
    sortButton('total', 'Mentions'),
  );

  function matching() {
    const needle = f.text.trim().toLowerCase();
    const rows = model.rows.filter(
      (r) => (!f.label || r.label === f.label) && (!needle || r.forms.some((x) => x.toLowerCase().includes(needle)) || r.name.toLowerCase().includes(needle)),
    );
    const cmp = COLUMNS[f.sort] ?? COLUMNS.total;
    return rows.sort((a, b) => f.dir * cmp(a, b));
  }

  const drawRow = (/** @type {import('./model.js').Row} */ r) =>
    h(
      'tr',
      { class: state.selected === r.key ? 'selected' : '', 'data-key': r.key },
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', 'aria-pressed': state.selected === r.key ? 'true' : 'false', onclick: () => {
        ctx.select(r.key);
        // Below the table (narrow screens) the mentions would be out of sight.
        const box = /** @type {HTMLElement} */ (panel.querySelector('#kwic'));
        if (box.getBoundingClientRect().top > window.innerHeight) box.scrollIntoView({ block: 'start' });
      } }, r.name)),
      h('td', {}, labelBadge(r.label)),
      hasKinds ? h('td', {}, r.kinds.join(', ')) : null,
      hasVariants ? h('td', {}, r.forms.join(' · ')) : null,
      manyDocs ? null : r.counts.map((n) => h('td', { class: n ? 'num' : 'num zero' }, String(n))),
      h('td', { class: 'num' }, String(r.articles)),
      h('td', { class: 'num' }, String(r.total)),
    );

  // The rows a frame at a time: a hundred rows of an auto-layout table cost more in style and
  // layout than in script, and in one task they made a long one on a busy machine. "Show more"
  // keeps the rows drawn (the reader's scroll position with them) and appends the next page.
  let drawing = 0;
  function drawBody({ keep = false } = {}) {
    const rows = matching();
    const shown = rows.slice(0, f.limit);
    const token = ++drawing;
    if (!keep) replace(tbody);
    const from = tbody.childElementCount;
    void appendPerFrame(tbody, shown.slice(from), drawRow, () => token !== drawing || !tbody.isConnected);
    count.textContent = `${rows.length} of ${model.rows.length} entities${rows.length > shown.length ? `, first ${shown.length} shown` : ''}`;
    more.hidden = rows.length <= shown.length;
  }

  replace(
    panel,
    h('div', { class: 'filters' },
      h('label', { for: 'ent-filter' }, 'Filter'), search,
      h('label', { for: 'ent-label' }, 'Label'), labelSelect,
      count),
    // Wide screens: the mentions in context beside the table (sticky); narrow: below it.
    h('div', { class: 'entities-layout' },
      h('div', {},
        h('div', { class: 'table-wrap' }, h('table', { class: 'entities' }, h('caption', { class: 'visually-hidden' }, 'Entities with their mentions per article; column buttons sort'), h('thead', {}, head), tbody)),
        more),
      h('section', { id: 'kwic', class: 'kwic-box', 'aria-live': 'polite', 'aria-label': 'Mentions in context' })),
  );
  drawBody();
  renderKwic(/** @type {HTMLElement | null} */ (panel.querySelector('#kwic')), ctx);
}

/**
 * Every mention of the selected entity with the sentence around it.
 * @param {HTMLElement | null} box
 * @param {ViewContext} ctx
 */
export function renderKwic(box, ctx) {
  const { model, state } = ctx;
  if (!box) return;
  const row = state.selected && model.byKey.get(state.selected);
  if (!row) {
    replace(box, h('p', { class: 'muted' }, 'Choose an entity to list its mentions in context.'));
    return;
  }
  const LIMIT = 500;
  const lines = row.mentions.slice(0, LIMIT).map(({ doc, index }) => {
    const dr = model.result.documents[doc];
    const k = kwic(model.docs[doc].text, dr.sentences, dr.entities[index]);
    return h(
      'li',
      {},
      h('button', { type: 'button', class: 'link kwic-doc', title: `Show in article: ${model.docs[doc].title}`, onclick: () => ctx.showMention(doc, index) }, `${doc + 1}`),
      h('span', { class: 'kwic-left' }, k.left),
      h('mark', { class: 'ent', 'data-label': row.label }, k.match),
      h('span', { class: 'kwic-right' }, k.right),
    );
  });
  replace(
    box,
    h('h3', {}, `Mentions of “${row.name}” (${row.mentions.length})`),
    row.mentions.length ? h('ol', { class: 'kwic' }, lines) : h('p', { class: 'muted' }, 'The core counted this entity but returned no individual mentions.'),
    row.mentions.length > LIMIT ? h('p', { class: 'muted' }, `First ${LIMIT} shown.`) : null,
  );
}

// ---- matrix -----------------------------------------------------------------------------

/** @param {HTMLElement} panel @param {ViewContext} ctx */
export async function renderMatrix(panel, ctx) {
  const { model, state } = ctx;
  if (!model.rows.length) {
    replace(panel, emptyState('No entities to place in the matrix.', NO_ENTITIES_NOTE));
    return;
  }
  const LIMIT = 40;
  // The rows that matter most for "who appears in which report": spread first, then volume.
  const rows = [...model.rows].sort((a, b) => b.articles - a.articles || b.total - a.total || compareText(a.name, b.name)).slice(0, LIMIT);
  const max = Math.max(1, ...rows.flatMap((r) => r.counts));
  const level = (n) => (n === 0 ? 0 : 1 + Math.min(4, Math.floor(((n - 1) / max) * 5)));
  const tbody = h('tbody');
  replace(
    panel,
    h('p', { class: 'muted' }, `The ${rows.length} entities found in the most articles (of ${model.rows.length}); darker cells mean more mentions.`),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'matrix' },
        h('caption', { class: 'visually-hidden' }, 'Mentions of each entity per article'),
        h('colgroup', {}, h('col', { class: 'name' }), model.docs.map(() => h('col', { class: 'count' }))),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Entity'), model.docs.map((_, d) => h('th', { scope: 'col', class: 'num' }, docHeader(model, d, ctx))))),
        tbody)),
  );
  // Fixed table layout needs a width: the sum of the columns (CSSOM, allowed by the CSP).
  /** @type {HTMLElement} */ (panel.querySelector('table.matrix')).style.width = `${15 + 2.6 * model.docs.length}rem`;
  // Rows in slices: 40 rows × many articles is thousands of cells.
  return appendInSlices(tbody, rows, (r) =>
    h('tr', { class: state.selected === r.key ? 'selected' : '', 'data-key': r.key },
      h('th', { scope: 'row', title: r.name }, h('button', { type: 'button', class: 'link', 'aria-pressed': state.selected === r.key ? 'true' : 'false', onclick: () => ctx.select(r.key) }, labelBadge(r.label), ' ', r.name)),
      r.counts.map((n, d) => h('td', { class: `heat heat-${level(n)}`, title: `${r.name} in article ${d + 1}: ${n}` }, n ? String(n) : ''))));
}

// ---- timeline, quotes, network, tags ----------------------------------------------------

const TIMELINE_PAGE = 50; // mentions drawn at once per list; "Show more" adds a page
const QUOTES_SHOWN = 3; // quotes per speaker before "Show all"
const SPEAKERS_PAGE = 50;

/** A list that draws `page` items at a time, with a button for the next page. */
function pagedList(tag, attrs, items, draw, page) {
  const list = h(tag, attrs);
  const more = h('button', { type: 'button', class: 'more' });
  let shown = 0;
  const next = () => {
    list.append(...items.slice(shown, shown + page).map(draw));
    shown = Math.min(items.length, shown + page);
    more.hidden = shown >= items.length;
    more.textContent = `Show more (${items.length - shown} left)`;
  };
  more.addEventListener('click', next);
  next();
  return [list, more];
}

/**
 * The timeline's items, gathered in slices of main-thread time (a long article holds hundreds
 * of thousands of mentions): `groups` of dated items by value, in value order, and the
 * `unresolved` ones. Mentions come in article and text order, which is the order within a
 * group, so only the distinct values are sorted (sorting every item of a 16 MiB article was
 * a long task of its own). Null when `isStale()` turned true meanwhile.
 * @param {import('./model.js').ViewModel} model
 * @param {() => boolean} isStale
 */
async function timelineInSlices(model, isStale) {
  const byValue = new Map();
  const unresolved = [];
  let count = 0;
  let expired = sliceDeadline();
  const docs = model.result.documents;
  for (let d = 0; d < docs.length; d++) {
    for (let i = 0; i < docs[d].entities.length; i += 4096) {
      const dated = [];
      timelineItems(docs[d], d, i, Math.min(i + 4096, docs[d].entities.length), dated, unresolved);
      for (const it of dated) {
        const list = byValue.get(it.value);
        if (list) list.push(it);
        else byValue.set(it.value, [it]);
      }
      count += dated.length;
      if (expired()) {
        await yieldToBrowser();
        if (isStale()) return null;
        expired = sliceDeadline();
      }
    }
  }
  const values = [...byValue.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { groups: values.map((value) => ({ value, items: byValue.get(value) })), count, unresolved };
}

/** @param {HTMLElement} panel @param {ViewContext} ctx @param {() => boolean} [isStale] */
export async function renderTimeline(panel, ctx, isStale = () => false) {
  const items = await timelineInSlices(ctx.model, isStale);
  if (!items) return false;
  const { groups, count, unresolved } = items;
  if (!count && !unresolved.length) {
    replace(panel, emptyState('No dates to place on a timeline.', 'The timeline lists DATE and TIME mentions that the core normalized to a point in time (issue #5).'));
    return;
  }
  const line = (it) =>
    h('li', {},
      h('button', { type: 'button', class: 'link kwic-doc', title: `Show in article: ${ctx.model.docs[it.doc].title}`, 'aria-label': `Show in article ${it.doc + 1}`, onclick: () => ctx.showMention(it.doc, it.index ?? ctx.model.result.documents[it.doc].entities.indexOf(it.entity)) }, `${it.doc + 1}`),
      h('mark', { class: 'ent', 'data-label': it.entity.label }, it.entity.text), ' — ', h('span', {}, sentenceOf(ctx.model, it)));
  // A date named in many articles is one entry with its first mentions; the rest on demand.
  const group = (g) => h('li', {}, h('h3', {}, h('time', { datetime: g.value.replace(/X/g, '0') }, g.value), h('span', { class: 'muted' }, ` (${g.items.length})`)), pagedList('ul', {}, g.items, line, 3));
  replace(
    panel,
    count ? pagedList('ol', { class: 'timeline' }, groups, group, TIMELINE_PAGE) : emptyState('No mention could be placed in time yet.'),
    unresolved.length
      ? h('section', {},
          h('h3', {}, `Relative dates (${unresolved.length})`),
          h('p', { class: 'muted' }, 'These need the article’s own date to be placed (“Tuesday”, “February 17” without a year). Set the date beside the article in the list and analyse again.'),
          pagedList('ul', { class: 'timeline-unresolved' }, unresolved, line, TIMELINE_PAGE))
      : null,
  );
}

/** @param {HTMLElement} panel @param {ViewContext} ctx */
export function renderQuotes(panel, ctx) {
  const groups = quotesBySpeaker(ctx.model);
  if (!groups.length) {
    replace(panel, emptyState('No quotes found.', 'Quotes grouped by speaker appear here when the core attributes quotations (issue #6).'));
    return;
  }
  const quote = ({ doc, quote }) =>
    h('li', {}, h('blockquote', {}, quote.text), h('p', { class: 'muted' }, '— ', h('button', { type: 'button', class: 'link', onclick: () => ctx.openArticle(doc, quote.start) }, ctx.model.docs[doc].title)));
  const speaker = (g) =>
    h('section', { class: 'speaker' },
      h('h3', {},
        g.key ? h('button', { type: 'button', class: 'link entity-ref', 'data-key': g.key, 'aria-pressed': ctx.state.selected === g.key ? 'true' : 'false', onclick: () => ctx.select(g.key) }, g.name) : g.name ? `“${g.name}”` : 'Unattributed',
        g.name && !g.resolved ? h('span', { class: 'muted' }, ' (speaker not resolved to an entity)') : null,
        h('span', { class: 'muted' }, ` (${g.quotes.length})`)),
      pagedList('ul', { class: 'quotes' }, g.quotes, quote, QUOTES_SHOWN));
  replace(panel, pagedList('div', {}, groups, speaker, SPEAKERS_PAGE));
}

/**
 * Tag suggestions per article: the core's most salient clusters, with copy to clipboard.
 * @param {HTMLElement} panel
 * @param {ViewContext} ctx
 */
export function renderTags(panel, ctx) {
  const { model } = ctx;
  const any = model.result.documents.some((dr) => dr.suggestions?.length);
  if (!any) {
    replace(panel, emptyState('No tag suggestions.', 'Tags are the core’s most salient entities per article (issue #6); they appear when it returns suggestions.'));
    return;
  }
  replace(
    panel,
    model.result.documents.map((dr, d) => {
      const tags = (dr.suggestions ?? []).map((s) => s.name);
      const status = h('span', { class: 'muted', role: 'status' });
      return h('section', { class: 'tags' },
        h('h3', {}, `${d + 1}. ${model.docs[d].title}`),
        tags.length
          ? h('div', { class: 'tag-row' },
              h('ul', { class: 'tag-list' }, (dr.suggestions ?? []).map((s) =>
                h('li', {}, h('button', { type: 'button', class: 'tag entity-ref', 'data-label': s.label, 'data-key': `c:${s.cluster}`, 'aria-pressed': ctx.state.selected === `c:${s.cluster}` ? 'true' : 'false', title: `salience ${s.score.toFixed(2)}`, onclick: () => ctx.select(`c:${s.cluster}`) }, s.name)))),
              h('button', { type: 'button', class: 'copy-tags', onclick: async () => {
                try {
                  await navigator.clipboard.writeText(tags.join(', '));
                  status.textContent = 'Copied.';
                } catch {
                  status.textContent = 'The browser refused the clipboard: select the tags and copy them by hand.';
                }
              } }, 'Copy tags'),
              status)
          : h('p', { class: 'muted' }, 'No suggestion for this article.'));
    }),
  );
}
