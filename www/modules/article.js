// Article view: one article's text with its entities, quotes and boilerplate marked.
//
// Like displaCy, a cursor walks the text and the spans in order; unlike displaCy, every piece
// of text becomes a text node (never markup), and labels, classes and speaker names go into
// attributes. Entities never overlap (the core guarantees it); quotes and boilerplate may
// contain entities, so they are rendered as outer wrappers, split where they cross.
import { h, sliceDeadline, yieldToBrowser } from './dom.js';
import { LABEL_NAME } from './model.js';

/** Characters (UTF-16 units) of one part of a long article: the view draws one part at a time. */
export const PART_CHARS = 10_000;

/**
 * The parts a long article is shown in, as [start, end) offsets covering the text: about
 * PART_CHARS each, cut after a line break where one is near (else after a space), never
 * inside an entity or a surrogate pair. An article of up to PART_CHARS is one part. Drawing
 * only one part keeps every main-thread task short however long the article (a 16 MiB one
 * drawn whole made the browser lay out millions of characters each time the view opened).
 * @param {string} text
 * @param {import('../presslens-result').Entity[]} entities
 * @param {number} size
 * @returns {[number, number][]}
 */
export function articleParts(text, entities = [], size = PART_CHARS) {
  /** @type {[number, number][]} */
  const parts = [];
  let start = 0;
  while (start < text.length) {
    let end = start + size;
    if (end >= text.length) end = text.length;
    else {
      const nl = text.indexOf('\n', end - (size >> 2));
      const sp = text.lastIndexOf(' ', end);
      if (nl >= 0 && nl < end + (size >> 2)) end = nl + 1;
      else if (sp > start + (size >> 1)) end = sp + 1;
      const c = text.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff) end += 1; // keep a surrogate pair whole
      const e = entities[entityFrom(entities, end)];
      if (e && e.start < end) end = e.end; // an entity crossing the cut stays in this part
    }
    parts.push([start, end]);
    start = end;
  }
  if (!parts.length) parts.push([0, 0]);
  return parts;
}

/** `list` sorted by start: itself when it already is (the core's lists are), else a sorted copy. */
function sorted(list) {
  for (let i = 1; i < list.length; i++) if (list[i].start < list[i - 1].start) return [...list].sort((x, y) => x.start - y.start);
  return list;
}

/**
 * The ranges of `list` (sorted by start) that reach into [from, to). Ranges of one kind do
 * not overlap, so their ends are sorted too and a binary search finds the first.
 */
function within(list, from, to) {
  const out = [];
  for (let i = entityFrom(list, from); i < list.length && list[i].start < to; i++) if (list[i].end > from) out.push(list[i]);
  return out;
}

/** Index of the first entity ending after `offset` (entities are sorted and never overlap). */
export function entityFrom(entities, offset) {
  let lo = 0;
  let hi = entities.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entities[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the part holding `offset`. */
export function partAt(parts, offset) {
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (parts[mid][0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Renders the part [from, to) of `doc` into `container`, in time slices so that a long part
 * never blocks the page. Resolves to a Map from entity key to its <mark> elements, or null
 * when `isStale()` turned true mid-way (another render started).
 * @param {HTMLElement} container
 * @param {import('./model.js').ViewModel} model
 * @param {number} d
 * @param {() => boolean} isStale
 * @param {[number, number]} [range]
 */
export async function renderArticle(container, model, d, isStale, [from, to] = [0, model.docs[d].text.length]) {
  const text = model.docs[d].text;
  const dr = model.result.documents[d];
  const keys = model.keysByDoc[d];
  const marksByKey = new Map();
  container.replaceChildren();

  // Outer ranges over this part, one sorted list per kind: lines the core classed as
  // headline, byline or caption (body lines need no wrapper), boilerplate, quotes. Only the
  // ranges that reach into the part are kept (and copied: the result stays as given), so the
  // work is that of the part, not of the article.
  model.layers ??= [];
  const all = (model.layers[d] ??= {
    blk: sorted((dr.blocks ?? []).filter((b) => b.class !== 'body' && b.class !== 'boilerplate')),
    bp: sorted(dr.boilerplate),
    q: sorted(dr.quotes),
  });
  const layers = { blk: within(all.blk, from, to), bp: within(all.bp, from, to), q: within(all.q, from, to) };
  // The points where the set of open outer ranges changes.
  const points = [...new Set([from, to, ...Object.values(layers).flatMap((l) => l.flatMap((r) => [r.start, r.end]))])]
    .filter((p) => p >= from && p <= to)
    .sort((a, b) => a - b);
  // One cursor per kind, moving forward with the segments: linear in the number of ranges
  // (a search per segment was quadratic on long documents).
  const cursor = { blk: 0, bp: 0, q: 0 };
  const covering = (kind, a, b) => {
    const list = layers[kind];
    while (cursor[kind] < list.length && list[cursor[kind]].end <= a) cursor[kind]++;
    const r = list[cursor[kind]];
    return r && r.start <= a && r.end >= b ? r : null;
  };

  let ei = entityFrom(dr.entities, from); // next entity to place
  let expired = sliceDeadline();
  for (let p = 0; p + 1 < points.length; p++) {
    const a = points[p];
    const b = points[p + 1];
    let parent = container;
    const blk = covering('blk', a, b);
    const bp = covering('bp', a, b);
    const q = covering('q', a, b);
    if (blk) parent = parent.appendChild(h('span', { class: `blk blk-${blk.class}`, 'data-block': blk.class }));
    if (bp) parent = parent.appendChild(h('span', { class: 'bp', 'data-class': bp.class }));
    if (q) {
      const speaker = q.speaker !== null && q.speaker !== undefined ? model.clusters[q.speaker]?.name ?? '' : q.speaker_text ?? 'unattributed';
      parent = parent.appendChild(h('span', { class: q.start === a ? 'quote quote-start' : 'quote', 'data-speaker': speaker }));
    }
    // Entities inside [a, b), clipped to it (an entity crossing a quote edge is split in two
    // marks that share one index; the core does not produce such spans today).
    let cursor = a;
    while (ei < dr.entities.length && dr.entities[ei].start < b) {
      const e = dr.entities[ei];
      const s = Math.max(e.start, a);
      const t = Math.min(e.end, b);
      if (s > cursor) parent.append(text.slice(cursor, s));
      if (t > s) {
        const mark = h('mark', { class: e.boilerplate ? 'ent in-bp' : 'ent', 'data-label': e.label, 'data-e': ei, 'data-doc': d, tabindex: -1 }, text.slice(s, t));
        parent.append(mark);
        const key = keys[ei];
        if (key !== null) {
          if (!marksByKey.has(key)) marksByKey.set(key, []);
          marksByKey.get(key).push(mark);
        }
      }
      cursor = Math.max(cursor, t);
      if (e.end > b) break; // continues in the next segment
      ei++;
      if ((ei & 255) === 0 && expired()) {
        await yieldToBrowser();
        if (isStale()) return null;
        expired = sliceDeadline();
      }
    }
    if (cursor < b) parent.append(text.slice(cursor, b));
    if ((p & 63) === 63 && expired()) {
      await yieldToBrowser();
      if (isStale()) return null;
      expired = sliceDeadline();
    }
  }
  const first = /** @type {HTMLElement | null} */ (container.querySelector('mark.ent'));
  if (first) first.tabIndex = 0;
  return marksByKey;
}

/**
 * The tooltip's lines for one entity: label, score, kind, normalized value, cluster.
 * @param {import('./model.js').ViewModel} model
 * @param {number} d
 * @param {number} i
 */
export function describeEntity(model, d, i) {
  const e = model.result.documents[d].entities[i];
  const lines = [`${LABEL_NAME[e.label] ?? e.label} (${e.label})`, `score ${e.score.toFixed(2)}`];
  if (e.kind) lines.push(`kind: ${e.kind}`);
  if (e.value) lines.push(`value: ${e.value}`);
  if (e.cluster !== undefined && e.cluster !== null) lines.push(`entity: ${model.clusters[e.cluster]?.name ?? e.cluster}`);
  if (e.boilerplate) lines.push('in boilerplate: not counted');
  return { title: e.text, lines };
}

/**
 * Roving focus between the visible marks of the article: one Tab stop for the whole text,
 * arrow keys move between entities, Enter or Space selects one (see the help line above it).
 */
export function markNavigation(container, onActivate) {
  // A stop is a mark whose label is shown and that is not in hidden boilerplate.
  const isStop = (m) => !container.classList.contains(`hide-${m.dataset.label}`) && !(container.classList.contains('hide-bp') && m.closest('.bp'));
  // Walks to the next/previous mark from `mark` without collecting them all: an article can
  // hold thousands.
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (/** @type {Element} */ n) => (n.tagName === 'MARK' && n.classList.contains('ent') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  const step = (mark, forward) => {
    walker.currentNode = mark;
    for (let m = forward ? walker.nextNode() : walker.previousNode(); m; m = forward ? walker.nextNode() : walker.previousNode()) {
      if (isStop(m)) return m;
    }
    return null;
  };
  const edge = (first) => {
    walker.currentNode = container;
    const m = first ? walker.firstChild() : walker.lastChild();
    return m && (isStop(m) ? m : step(m, first));
  };
  container.addEventListener('keydown', (ev) => {
    const mark = ev.target.closest?.('mark.ent');
    if (!mark) return;
    let target;
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') target = step(mark, true);
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') target = step(mark, false);
    else if (ev.key === 'Home') target = edge(true);
    else if (ev.key === 'End') target = edge(false);
    else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      onActivate(mark);
      return;
    } else return;
    ev.preventDefault();
    if (target) focusMark(container, target);
  });
}

/** Moves the roving tab stop to `mark`, focuses it and scrolls it into view. */
export function focusMark(container, mark) {
  for (const m of container.querySelectorAll('mark.ent[tabindex="0"]')) m.tabIndex = -1;
  mark.tabIndex = 0;
  mark.focus({ preventScroll: true });
  mark.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
