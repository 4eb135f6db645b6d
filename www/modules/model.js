// The view model: the core's result (www/presslens-result.d.ts) reshaped for display. No
// analysis happens here — only grouping, counting and lookups over what the core returned.
// Pure functions without DOM access, so tests/e2e/model.test.mjs runs them under Node.

/**
 * A reader-facing name for every label the core may return, in legend order. Typed with the
 * core's generated `Label` (www/presslens-result.d.ts): tsc fails when the core gains, loses
 * or renames a label and this list does not follow.
 * @type {Record<import('../presslens-result').Label, string>}
 */
export const LABEL_NAME = {
  PER: 'Person',
  ORG: 'Organisation',
  LOC: 'Location',
  MISC: 'Other name',
  DATE: 'Date',
  TIME: 'Time',
  MONEY: 'Money',
  PERCENT: 'Percent',
  QUANTITY: 'Quantity',
  CARDINAL: 'Number',
  ORDINAL: 'Ordinal',
};
/** [label, name] pairs in legend order. */
export const LABELS = /** @type {[import('../presslens-result').Label, string][]} */ (Object.entries(LABEL_NAME));

/** @typedef {import('../presslens-result').AnalysisResult} AnalysisResult */
/** @typedef {import('../presslens-result').DocumentResult} DocumentResult */
/** @typedef {import('../presslens-result').Cluster} Cluster */
/** @typedef {import('../presslens-result').Entity} Entity */
/** @typedef {import('../presslens-result').Label} Label */

/** An article of the batch as the page knows it. @typedef {{id: string, title?: string, text: string, date?: string}} ModelDoc */

/**
 * One row of the entity table: an entity (a cluster, or label + text) across the batch.
 * @typedef {object} Row
 * @property {string} key see entityKey
 * @property {string} name
 * @property {Label} label
 * @property {string[]} kinds finer types the core gave its mentions
 * @property {string[]} forms surface forms
 * @property {number[]} counts mentions per document
 * @property {boolean} fromCluster named and counted by the core's cluster
 * @property {{doc: number, index: number}[]} mentions
 * @property {number} total mentions in the batch
 * @property {number} articles documents that mention it
 */

/**
 * The view model of one result; the views keep their caches on it (`perLabel`, `parts`,
 * `layers`), which are dropped with it.
 * @typedef {object} ViewModel
 * @property {ModelDoc[]} docs the input, in order
 * @property {AnalysisResult} result the result as the core returned it
 * @property {Cluster[]} clusters
 * @property {Row[]} rows
 * @property {Map<string, Row>} byKey
 * @property {(string | null)[][]} keysByDoc per document, per entity: its row key (null in boilerplate)
 * @property {Set<Label>} labels every label found in the batch
 * @property {string | null} [linkingError] the result's linking_error
 * @property {boolean} [preview] the first article alone, shown while the batch runs (app.js)
 * @property {Record<string, number>[]} [perLabel] per document: mentions per label
 * @property {[number, number][][]} [parts] per document: its parts (article.js articleParts)
 * @property {{blk: import('../presslens-result').Block[], bp: import('../presslens-result').Boilerplate[], q: import('../presslens-result').Quote[]}[]} [layers]
 *   per document: the article view's sorted ranges (article.js)
 */

/**
 * The key that links one entity across views. A cluster (one real-world entity, filled by
 * cross-document resolution) when the core gives one, otherwise label + exact surface text.
 */
/** @param {Entity} entity @returns {string | null} */
export function entityKey(entity) {
  // A mention in boilerplate (related links, donation appeals…) counts nowhere (core rule).
  if (entity.boilerplate) return null;
  return entity.cluster !== undefined && entity.cluster !== null
    ? `c:${entity.cluster}`
    : `t:${entity.label}:${entity.text}`;
}

/**
 * Builds the view model one document at a time, as the worker delivers them (so no single
 * step on the main thread handles the whole batch), then `finish(clusters)`.
 * @param {ModelDoc[]} docs the input, in order
 */
/**
 * A cluster's mentions per document as a dense array (the core lists only the documents that
 * mention it).
 * @param {Cluster} cluster @param {number} n the number of documents @returns {number[]}
 */
function countsOf(cluster, n) {
  const counts = new Array(n).fill(0);
  for (const { document, mentions } of cluster.documents) counts[document] = mentions;
  return counts;
}

export function modelBuilder(docs) {
  /** @type {DocumentResult[]} */
  const documents = new Array(docs.length);
  /** @type {(string | null)[][]} */
  const keysByDoc = new Array(docs.length);
  /** Rows in the making: `kinds` a Set until finish. @type {Map<string, any>} */
  const groups = new Map();
  /** @type {Set<Label>} */
  const labels = new Set(); // every label found in the batch
  return {
    /** @param {number} d @param {import('../presslens-result').DocumentResult} dr */
    add(d, dr) {
      documents[d] = dr;
      keysByDoc[d] = dr.entities.map((e, i) => {
        labels.add(e.label);
        const key = entityKey(e);
        if (key === null) return null;
        let g = groups.get(key);
        if (!g) {
          g = { key, name: e.text, label: e.label, kinds: new Set(), forms: [e.text], counts: docs.map(() => 0), fromCluster: false, mentions: [] };
          groups.set(key, g);
        }
        g.counts[d] += 1;
        if (e.kind) g.kinds.add(e.kind);
        g.mentions.push({ doc: d, index: i });
        return key;
      });
    },
    /** @param {Cluster[]} clusters @returns {ViewModel} */
    finish(clusters = []) {
      const missing = documents.findIndex((dr) => !dr);
      if (documents.length !== docs.length || missing >= 0) {
        throw new Error(`the core returned no result for document ${missing + 1} of ${docs.length}`);
      }
      // A cluster is one row, named and counted by the core (even with no mention listed).
      clusters.forEach((c, i) => {
        const key = `c:${i}`;
        const g = groups.get(key) ?? { key, kinds: new Set(), mentions: [] };
        Object.assign(g, { name: c.name, label: c.label, forms: [...c.forms], counts: countsOf(c, docs.length), fromCluster: true });
        groups.set(key, g);
      });
      // The groups become the rows in place (no copies: a large batch has thousands).
      /** @type {Row[]} */
      const rows = [...groups.values()];
      for (const g of rows) {
        g.kinds = [...g.kinds];
        g.total = 0;
        g.articles = 0;
        for (const n of g.counts) {
          g.total += n;
          if (n > 0) g.articles++;
        }
      }
      rows.sort(byTotalThenName);
      const byKey = new Map(rows.map((r) => [r.key, r]));
      return { docs, result: { documents, clusters }, clusters, rows, byKey, keysByDoc, labels };
    },
  };
}

/**
 * The view model of a whole result at once (tests, small batches).
 * @param {ModelDoc[]} docs @param {AnalysisResult} result
 */
export function buildModel(docs, result) {
  if (result.documents.length !== docs.length) {
    throw new Error(`the core returned ${result.documents.length} documents for ${docs.length} sent`);
  }
  const b = modelBuilder(docs);
  result.documents.forEach((dr, d) => b.add(d, dr));
  return b.finish(result.clusters ?? []);
}

/** @type {Intl.Collator['compare'] | undefined} */
let collate;

/**
 * Compares names for sorting. One Intl.Collator, reused: String.prototype.localeCompare builds
 * its collation data on every call, which made sorting a 5 MB batch's rows a long task. Made
 * on first use, not when this module loads: the page's first Intl object loads the browser's
 * ICU data (8–19 ms on the benchmark machine), which held up the page's start, and with it the
 * analysis worker's (issue #14); app.js asks for it while the page waits for the first result.
 * @param {string} a @param {string} b
 */
export function compareText(a, b) {
  return textCollator()(a, b);
}

/** The comparison compareText uses, made on the first call of either. */
export function textCollator() {
  return (collate ??= new Intl.Collator(undefined, { numeric: true }).compare);
}

/** @param {Row} a @param {Row} b */
export function byTotalThenName(a, b) {
  return b.total - a.total || compareText(a.name, b.name);
}

/** Index of the sentence holding `offset` (binary search over sorted sentences), or -1. */
export function sentenceAt(sentences, offset) {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Keyword-in-context for one mention: the sentence around it when the core gave sentences,
 * otherwise `width` code units either side; whitespace runs shown as single spaces.
 */
export function kwic(text, sentences, entity, width = 60) {
  const i = sentenceAt(sentences, entity.start);
  let from = Math.max(0, entity.start - width);
  let to = Math.min(text.length, entity.end + width);
  if (i >= 0 && sentences[i].end >= entity.end) {
    from = sentences[i].start;
    to = sentences[i].end;
  }
  const squash = (s) => s.replace(/\s+/g, ' ');
  return {
    left: (from > 0 && i < 0 ? '…' : '') + squash(text.slice(from, entity.start)),
    match: text.slice(entity.start, entity.end),
    right: squash(text.slice(entity.end, to)) + (to < text.length && i < 0 ? '…' : ''),
  };
}

/**
 * DATE/TIME mentions for the timeline, from the core's normalized values (TIMEX-style):
 * `dated` are points in time ("2020-10-15", "2008", "199X"), sorted; `unresolved` need the
 * article's date ("XXXX-02-17", "REF"); durations ("P30Y") are not points and are left out.
 * Sentences are looked up only for the items drawn (`sentenceOf`): a large batch has
 * thousands of dates.
 * @param {ViewModel} model
 */
export function timeline(model) {
  const dated = [];
  const unresolved = [];
  model.result.documents.forEach((dr, d) => timelineItems(dr, d, 0, dr.entities.length, dated, unresolved));
  return sortTimeline(dated, unresolved);
}

/** The timeline items of entities [from, to) of document `d`, added to `dated` and `unresolved`. */
export function timelineItems(dr, d, from, to, dated, unresolved) {
  for (let i = from; i < to; i++) {
    const e = dr.entities[i];
    if ((e.label !== 'DATE' && e.label !== 'TIME') || !e.value || e.boilerplate) continue;
    const item = { value: e.value, doc: d, entity: e, index: i };
    if (/^\d{3}[\dX](-|T|$)/.test(e.value)) dated.push(item);
    else if (/^(XXXX|REF)/.test(e.value)) unresolved.push(item);
  }
}

/** Sorts the items of `timelineItems` in place: dated by value, unresolved by article. */
export function sortTimeline(dated, unresolved) {
  const order = (a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.doc - b.doc || a.entity.start - b.entity.start);
  dated.sort(order);
  unresolved.sort((a, b) => a.doc - b.doc || a.entity.start - b.entity.start);
  return { dated, unresolved };
}

/**
 * The sentence around a timeline item, whitespace squashed.
 * @param {ViewModel} model
 */
export function sentenceOf(model, item) {
  const dr = model.result.documents[item.doc];
  const s = dr.sentences[sentenceAt(dr.sentences, item.entity.start)];
  return s ? model.docs[item.doc].text.slice(s.start, s.end).replace(/\s+/g, ' ').trim() : item.entity.text;
}

/**
 * The full result as JSON text in pieces, one document per piece, so that a large result is
 * serialized in small steps (the caller yields to the browser between pieces) rather than
 * in one long task (a 5 MB batch's result took about a second as one JSON.stringify).
 * @param {AnalysisResult} result
 */
export function* resultJsonPieces(result) {
  yield '{"documents":[\n';
  for (let i = 0; i < result.documents.length; i++) {
    yield (i ? ',\n' : '') + JSON.stringify(result.documents[i]);
  }
  const linking = result.linking_error ? `,"linking_error":${JSON.stringify(result.linking_error)}` : '';
  yield `\n],"clusters":${JSON.stringify(result.clusters)}${linking}}\n`;
}

/**
 * Quotes grouped by speaker: the speaker's cluster when the core resolved one, else the words
 * that name the speaker where the quote is attributed ("he", "a spokesman"), else
 * unattributed (last). Quotes inside boilerplate are left out.
 * @param {ViewModel} model
 */
export function quotesBySpeaker(model) {
  const groups = new Map();
  model.result.documents.forEach((dr, d) => {
    for (const q of dr.quotes) {
      if (q.boilerplate) continue;
      const cluster = q.speaker ?? null;
      const said = q.speaker_text ?? null;
      const id = cluster !== null ? `c:${cluster}` : said !== null ? `t:${said}` : '';
      if (!groups.has(id)) {
        groups.set(id, {
          key: cluster !== null ? `c:${cluster}` : null,
          name: cluster !== null ? model.clusters[cluster]?.name ?? `entity ${cluster}` : said,
          resolved: cluster !== null,
          quotes: [],
        });
      }
      groups.get(id).quotes.push({ doc: d, quote: q });
    }
  });
  return [...groups.values()].sort((a, b) => Number(a.name === null) - Number(b.name === null) || b.resolved - a.resolved || b.quotes.length - a.quotes.length);
}

// ---- exports ----------------------------------------------------------------------------

/**
 * One CSV cell, safe to open in a spreadsheet. Text comes from files of unknown origin (file
 * names, entity text), so, per OWASP's CSV injection guidance, a text cell starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return (which a spreadsheet would run as a formula:
 * `=HYPERLINK(…)`) gets a leading `'`; and a cell holding a quote, a comma, a semicolon (the
 * separator of spreadsheets in many locales), a tab or a line break is quoted (RFC 4180, `"`
 * doubled), so that nothing inside a cell can start a cell of its own. Numbers are written as
 * they are.
 */
export function csvCell(v) {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\t\r\n]/.test(s) || s.startsWith("'") ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with every text cell escaped (see csvCell), CRLF line ends. */
export function toCsv(rows) {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The entity table as CSV rows: one per row of the table, one count column per article.
 * @param {ViewModel} model
 */
export function entityTableCsv(model) {
  const header = ['name', 'label', 'kind', 'variants', 'total', 'articles', ...model.docs.map((d) => d.id)];
  const body = model.rows.map((r) => [r.name, r.label, r.kinds.join('; '), r.forms.join('; '), r.total, r.articles, ...r.counts]);
  return toCsv([header, ...body]);
}

/**
 * Converts a UTF-16 code-unit offset to a code-point offset. displaCy (Python) counts code
 * points, so every character outside the Basic Multilingual Plane (emoji, some CJK) shifts the
 * offsets by one; the core's offsets are UTF-16 so that JS `slice` works.
 */
export function utf16ToCodePoints(text) {
  // prefix[i] = number of code points in text.slice(0, i), for every UTF-16 index i.
  const prefix = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    prefix[i] = cp;
    const c = text.charCodeAt(i);
    const lowFollows = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (lowFollows) {
      prefix[i + 1] = cp; // inside a pair: maps to the pair's start
      i++;
    }
    cp++;
  }
  prefix[text.length] = cp;
  return (offset) => prefix[offset];
}

/**
 * displaCy "manual" input for document `d`, offsets converted to code points.
 * @param {ViewModel} model
 * @param {number} d
 */
export function displacyDoc(model, d) {
  const doc = model.docs[d];
  const cp = utf16ToCodePoints(doc.text);
  return {
    text: doc.text,
    ents: model.result.documents[d].entities.map((e) => ({ start: cp(e.start), end: cp(e.end), label: e.label })),
    title: doc.title ?? doc.id,
  };
}

/**
 * displaCy input for every document (an array, as displacy.render(docs, manual=True) takes).
 * @param {ViewModel} model
 */
export function toDisplacy(model) {
  return model.docs.map((_, d) => displacyDoc(model, d));
}

/**
 * The same as JSON text in pieces, one document per piece (see resultJsonPieces).
 * @param {ViewModel} model
 */
export function* displacyJsonPieces(model) {
  yield '[\n';
  for (let d = 0; d < model.docs.length; d++) yield (d ? ',\n' : '') + JSON.stringify(displacyDoc(model, d));
  yield '\n]\n';
}
