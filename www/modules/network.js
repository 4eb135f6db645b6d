// Co-occurrence network: entities (clusters when the core gives them) linked when they are
// named in the same sentence. The layout is d3-force's (www/vendor/, from npm), run in time
// slices on the main thread; drawing is plain SVG built node by node.
import { h, replace, sliceDeadline, yieldToBrowser } from './dom.js';
import { LABEL_NAME } from './model.js';
import { inline } from './inline.js';

// d3-force, loaded when the network is first drawn (vendored JavaScript, not type-checked).
const D3_FORCE = '../vendor/d3-force.js';

const SVG = 'http://www.w3.org/2000/svg';
const NAME_LABELS = new Set(['PER', 'ORG', 'LOC', 'MISC']); // who/what/where, not numbers
const MAX_NODES = 60;
const MAX_LINKS = 200;

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/**
 * Nodes (top rows by mentions) and links (sentences naming both), from the view model; yields
 * to the browser between documents so a large batch does not block the page.
 */
export async function cooccurrence(model, isStale = () => false) {
  const nodes = model.rows
    .filter((r) => NAME_LABELS.has(r.label) && r.total > 0)
    .sort((a, b) => b.total - a.total || b.articles - a.articles)
    .slice(0, MAX_NODES)
    .map((r) => ({ key: r.key, name: r.name, label: r.label, total: r.total, degree: 0 }));
  // Counted without allocating per mention or per sentence (a long article has hundreds of
  // thousands of each: a Set per sentence and a string per pair were that much garbage for the
  // collector): nodes by index, a weight matrix, one list of the nodes in the current sentence.
  const index = new Map(nodes.map((n, i) => [n.key, i]));
  const N = nodes.length;
  const weight = new Uint32Array(N * N);
  const firstSeen = []; // pair indexes in the order they first met (the tie order of links)
  const seenIn = new Int32Array(N).fill(-1); // the sentence stamp a node was last counted in
  const inSentence = [];
  let stamp = 0;
  const rank = new Int32Array(N); // each node's place in key order, to sort by number
  [...nodes.keys()].sort((p, q) => (nodes[p].key < nodes[q].key ? -1 : 1)).forEach((p, r) => (rank[p] = r));
  const byKeyText = (p, q) => rank[p] - rank[q];
  const flush = () => {
    if (inSentence.length > 1) inSentence.sort(byKeyText); // pairs in key order, as links are named
    for (let a = 0; a < inSentence.length; a++) {
      for (let b = a + 1; b < inSentence.length; b++) {
        const pair = inSentence[a] * N + inSentence[b];
        if (weight[pair]++ === 0) firstSeen.push(pair);
      }
    }
    inSentence.length = 0;
    stamp++;
  };
  let expired = sliceDeadline();
  for (let d = 0; d < model.result.documents.length; d++) {
    const dr = model.result.documents[d];
    const keys = model.keysByDoc[d];
    let si = 0; // sentence cursor: entities and sentences are both in text order
    let current = -1;
    for (let i = 0; i < dr.entities.length; i++) {
      // A long article holds hundreds of thousands of mentions: yield within it too.
      if ((i & 1023) === 1023 && expired()) {
        await yieldToBrowser();
        if (isStale()) return null;
        expired = sliceDeadline();
      }
      const ni = index.get(keys[i]);
      if (ni === undefined) continue;
      const start = dr.entities[i].start;
      while (si < dr.sentences.length && dr.sentences[si].end <= start) si++;
      if (si >= dr.sentences.length || dr.sentences[si].start > start) continue; // in no sentence
      if (si !== current) {
        flush();
        current = si;
      }
      if (seenIn[ni] !== stamp) {
        seenIn[ni] = stamp;
        inSentence.push(ni);
      }
    }
    flush();
    if (expired()) {
      await yieldToBrowser();
      if (isStale()) return null;
      expired = sliceDeadline();
    }
  }
  const links = firstSeen
    .map((pair) => ({ source: nodes[Math.floor(pair / N)].key, target: nodes[pair % N].key, weight: weight[pair] }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_LINKS);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  for (const l of links) {
    byKey.get(l.source).degree++;
    byKey.get(l.target).degree++;
  }
  // Names never in a sentence with another drawn name would only float at the edges.
  const isolated = nodes.filter((n) => n.degree === 0);
  return { nodes: nodes.filter((n) => n.degree > 0), links, byKey, isolated };
}

/**
 * Draws the network into `panel`. Resolves when drawn, or early when `isStale()` turns true.
 */
export async function renderNetwork(panel, ctx, isStale) {
  const { model, state } = ctx;
  const graph = await cooccurrence(model, isStale);
  if (!graph) return;
  const { nodes, links, isolated } = graph;
  if (nodes.length < 2 || links.length === 0) {
    replace(panel, h('div', { class: 'empty' }, h('p', {}, 'No two entities are named in the same sentence, so there is no network to draw.')));
    return;
  }
  replace(panel, h('p', { class: 'muted' }, `Laying out ${nodes.length} entities…`));
  // A URL, not a bare path: the served build (scripts/build_page.mjs) moves this code but keeps
  // what import.meta.url resolves against.
  const d3 = await (inline()?.d3force() ?? import(new URL(D3_FORCE, import.meta.url).href));
  const radius = (n) => 4 + 2.2 * Math.sqrt(n.total);
  const sim = d3
    .forceSimulation(nodes)
    .force('link', d3.forceLink(links).id((n) => n.key).distance(90).strength((l) => Math.min(0.7, 0.08 + 0.06 * l.weight)))
    .force('charge', d3.forceManyBody().strength(-320).distanceMax(600))
    .force('collide', d3.forceCollide((n) => radius(n) + 10))
    .force('x', d3.forceX(0).strength(0.05))
    .force('y', d3.forceY(0).strength(0.08))
    .stop();
  // The layout's ticks run in slices so that the page keeps answering input.
  const ticks = Math.ceil(Math.log(sim.alphaMin()) / Math.log(1 - sim.alphaDecay()));
  let expired = sliceDeadline();
  for (let i = 0; i < ticks; i++) {
    sim.tick();
    if (expired()) {
      await yieldToBrowser();
      if (isStale()) return;
      expired = sliceDeadline();
    }
  }

  // The drawing in a task of its own, not after the last slice of ticks.
  await yieldToBrowser();
  if (isStale()) return;

  // Fit the drawing: bounds of the nodes plus room for their names.
  const pad = 12;
  const xs = nodes.flatMap((n) => [n.x - radius(n), n.x + radius(n) + 90]);
  const ys = nodes.flatMap((n) => [n.y - radius(n), n.y + radius(n)]);
  const [x0, x1, y0, y1] = [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
  const maxWeight = Math.max(...links.map((l) => l.weight));
  // Names of the busiest nodes are always shown; the others on hover, focus or selection, so
  // that 50+ nodes stay readable.
  const named = new Set([...nodes].sort((a, b) => b.total - a.total).slice(0, 25).map((n) => n.key));

  const svg = s('svg', { viewBox: `${x0} ${y0} ${x1 - x0} ${y1 - y0}`, class: 'network', role: 'group', 'aria-label': `Network of ${nodes.length} entities; links join entities named in the same sentence` });
  const linkLayer = s('g', { class: 'links', 'aria-hidden': 'true' });
  for (const l of links) {
    linkLayer.append(s('line', { x1: l.source.x.toFixed(1), y1: l.source.y.toFixed(1), x2: l.target.x.toFixed(1), y2: l.target.y.toFixed(1), 'stroke-width': (0.8 + 3.2 * (l.weight / maxWeight)).toFixed(2), 'data-a': l.source.key, 'data-b': l.target.key }));
  }
  // Links and nodes are built in separate tasks (each a few hundred SVG elements).
  await yieldToBrowser();
  if (isStale()) return;
  const nodeLayer = s('g', { class: 'nodes' });
  for (const n of nodes) {
    const g = s('g', {
      class: named.has(n.key) ? 'node named' : 'node',
      'data-key': n.key,
      'data-label': n.label,
      transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`,
      tabindex: 0,
      role: 'button',
      'aria-pressed': state.selected === n.key ? 'true' : 'false',
      'aria-label': `${n.name}, ${LABEL_NAME[n.label]}, ${n.total} mentions, linked to ${n.degree}`,
    });
    g.append(s('title', {}, `${n.name} (${n.label}) — ${n.total} mentions`));
    g.append(s('circle', { r: radius(n).toFixed(1) }));
    g.append(s('text', { x: (radius(n) + 3).toFixed(1), y: 4 }, n.name));
    g.addEventListener('click', () => ctx.select(n.key));
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        ctx.select(n.key);
      }
    });
    nodeLayer.append(g);
  }
  svg.append(linkLayer, nodeLayer);

  const strongest = links.slice(0, 15);
  replace(
    panel,
    h('p', { class: 'muted' }, `${nodes.length} of the most-mentioned names and the ${links.length} strongest links between them (named in the same sentence). Node size: mentions; colour: label. Tab to a node, Enter selects it.`),
    h('div', { class: 'network-wrap' }, svg),
    h('h3', {}, 'Strongest links'),
    h('ol', { class: 'links-list' }, strongest.map((l) =>
      h('li', {},
        h('button', { type: 'button', class: 'link', onclick: () => ctx.select(l.source.key) }, l.source.name), ' — ',
        h('button', { type: 'button', class: 'link', onclick: () => ctx.select(l.target.key) }, l.target.name),
        h('span', { class: 'muted' }, ` (${l.weight} sentence${l.weight === 1 ? '' : 's'})`)))),
    isolated.length ? h('p', { class: 'muted' }, `Not drawn, never in a sentence with the others: ${isolated.map((n) => n.name).join(', ')}.`) : null,
  );
  highlightNetwork(panel, state.selected);
  // On a narrow screen the drawing is wider than its frame: start at its centre. Measured
  // after the browser has laid the drawing out for its next frame: reading its width now would
  // force that layout inside this task.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  if (isStale()) return;
  const wrap = panel.querySelector('.network-wrap');
  if (wrap) wrap.scrollLeft = (wrap.scrollWidth - wrap.clientWidth) / 2;
}

/** Marks the selected node and its neighbours, dims the rest. */
export function highlightNetwork(panel, key) {
  const svg = panel.querySelector('svg.network');
  if (!svg) return;
  const neighbours = new Set(key ? [key] : []);
  for (const line of svg.querySelectorAll('line')) {
    const on = key && (line.dataset.a === key || line.dataset.b === key);
    line.classList.toggle('hot', !!on);
    if (on) neighbours.add(line.dataset.a).add(line.dataset.b);
  }
  svg.classList.toggle('has-selection', !!key);
  for (const g of svg.querySelectorAll('g.node')) {
    g.classList.toggle('selected', g.dataset.key === key);
    g.classList.toggle('near', neighbours.has(g.dataset.key));
    g.setAttribute('aria-pressed', g.dataset.key === key ? 'true' : 'false');
  }
}
