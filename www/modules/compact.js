// The worker → page hand-off of one DocumentResult in a compact form (issue #14): its long
// lists (entities, sentences, blocks, boilerplate) as columns of typed arrays, whose buffers
// are transferred rather than copied, with their strings (labels, kinds, values, classes) once
// each in a table; an entity's `text`, which is `text.slice(start, end)` of the article the
// page already holds, is not sent at all. Structured clone of the same result as objects
// costs the page's main thread far more (scripts/bench_browser.mjs measures both).
//
// `pack` runs in the worker, `unpack` on the page; unpack gives back objects equal to the
// ones packed, with their keys in the same order (so an export is byte for byte what the core
// returned). Anything the schema does not describe (a field added to the result types, a value
// of another type) makes that list travel as plain objects instead: nothing is lost.

/** @typedef {import('../presslens-result').DocumentResult} DocumentResult */

/**
 * How each field travels. u32: an integer in [0, 2^32); f64: any number; str: a string (in the
 * table); opt-*: may also be missing, undefined or null (each comes back as it was); slice: a
 * string equal to text.slice(start, end) (else in the table).
 * @typedef {'u32' | 'f64' | 'str' | 'opt-str' | 'opt-u32' | 'opt-bool' | 'slice'} FieldKind
 */

/** @type {Record<string, [string, FieldKind][]>} */
const SCHEMA = {
  entities: [['start', 'u32'], ['end', 'u32'], ['label', 'str'], ['text', 'slice'], ['score', 'f64'], ['cluster', 'opt-u32'], ['kind', 'opt-str'], ['value', 'opt-str'], ['boilerplate', 'opt-bool']],
  sentences: [['start', 'u32'], ['end', 'u32']],
  blocks: [['start', 'u32'], ['end', 'u32'], ['class', 'str']],
  boilerplate: [['start', 'u32'], ['end', 'u32'], ['class', 'str']],
  quotes: [['start', 'u32'], ['end', 'u32'], ['text', 'slice'], ['speaker', 'opt-u32'], ['speaker_text', 'opt-str'], ['boilerplate', 'opt-bool']],
  suggestions: [['cluster', 'u32'], ['name', 'str'], ['label', 'str'], ['score', 'f64']],
};

// In an Int32 column: the key is missing (opt-*) or the text is the slice (slice); the value
// undefined; null. In an opt-bool column: 0 missing, 1 false, 2 true, then these two.
const ABSENT = -1;
const UNDEFINED = -2;
const NULL = -3;
const BOOL_UNDEFINED = 3;
const BOOL_NULL = 4;

/**
 * A packed DocumentResult: the fields not in SCHEMA as they are; each SCHEMA list either as
 * `columns` (one typed array per field, same length) or, when it did not fit, as `plain`.
 * @typedef {{keys: string[], rest: Record<string, unknown>, strings: string[], lists: Record<string, {n: number, columns: (Uint32Array | Float64Array | Int32Array | Uint8Array)[]} | {plain: unknown[]}>}} PackedDocument
 */

/**
 * @param {DocumentResult} dr the core's result for one document
 * @param {string} text that document's text
 * @returns {{packed: PackedDocument, transfer: ArrayBuffer[]}}
 */
export function pack(dr, text) {
  /** @type {string[]} */
  const strings = [];
  /** @type {Map<string, number>} */
  const index = new Map();
  const intern = (/** @type {string} */ s) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  /** @type {Record<string, unknown>} */
  const rest = {};
  /** @type {PackedDocument['lists']} */
  const lists = {};
  /** @type {ArrayBuffer[]} */
  const transfer = [];
  // Every column of the document in one buffer (one transfer, not one per column: each costs),
  // the 8-byte ones first so that every view is aligned.
  const entries = Object.entries(dr);
  /** @type {[string, number, FieldKind][]} list, field index, kind */
  const fields = [];
  for (const [key, value] of entries) {
    if (SCHEMA[key] && Array.isArray(value)) SCHEMA[key].forEach(([, kind], f) => fields.push([key, f, kind]));
  }
  const width = (/** @type {FieldKind} */ kind) => (kind === 'f64' ? 8 : kind === 'opt-bool' ? 1 : 4);
  fields.sort((a, b) => width(b[2]) - width(a[2]));
  const length = (/** @type {string} */ key) => /** @type {unknown[]} */ (dr[/** @type {keyof DocumentResult} */ (key)]).length;
  const buffer = new ArrayBuffer(fields.reduce((a, [key, , kind]) => a + width(kind) * length(key), 0));
  /** @type {Record<string, (Uint32Array | Float64Array | Int32Array | Uint8Array)[]>} */
  const views = {};
  let offset = 0;
  for (const [key, f, kind] of fields) {
    const n = length(key);
    const Type = kind === 'u32' ? Uint32Array : kind === 'f64' ? Float64Array : kind === 'opt-bool' ? Uint8Array : Int32Array;
    (views[key] ??= [])[f] = new Type(buffer, offset, n);
    offset += width(kind) * n;
  }
  for (const [key, value] of entries) {
    const schema = SCHEMA[key];
    if (!schema || !Array.isArray(value)) {
      rest[key] = value;
      continue;
    }
    const columns = views[key];
    if (packList(value, schema, columns, text, intern)) lists[key] = { n: value.length, columns };
    else lists[key] = { plain: value };
  }
  return { packed: { keys: entries.map(([k]) => k), rest, strings, lists }, transfer: [buffer] };
}

/** Fills `columns` from `list`; false when an item does not fit `schema`. */
function packList(/** @type {any[]} */ list, /** @type {[string, FieldKind][]} */ schema, /** @type {(Uint32Array | Float64Array | Int32Array | Uint8Array)[]} */ columns, /** @type {string} */ text, /** @type {(s: string) => number} */ intern) {
  const n = list.length;
  const known = new Set(schema.map(([k]) => k));
  for (let i = 0; i < n; i++) {
    const o = list[i];
    if (o === null || typeof o !== 'object') return false;
    for (const k in o) if (!known.has(k)) return false;
    for (let f = 0; f < schema.length; f++) {
      const [key, kind] = schema[f];
      const v = o[key];
      const col = columns[f];
      if (kind === 'opt-u32' || kind === 'opt-str') {
        if (!(key in o)) col[i] = ABSENT;
        else if (v === undefined) col[i] = UNDEFINED;
        else if (v === null) col[i] = NULL;
        else if (kind === 'opt-str' && typeof v === 'string') col[i] = intern(v);
        else if (kind === 'opt-u32' && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff) col[i] = v;
        else return false;
      } else if (kind === 'u32') {
        if (Number.isInteger(v) && v >= 0 && v <= 0xffffffff) col[i] = v;
        else return false;
      } else if (kind === 'f64') {
        if (typeof v !== 'number') return false;
        col[i] = v;
      } else if (kind === 'opt-bool') {
        if (!(key in o)) col[i] = 0;
        else if (typeof v === 'boolean') col[i] = v ? 2 : 1;
        else if (v === undefined) col[i] = BOOL_UNDEFINED;
        else if (v === null) col[i] = BOOL_NULL;
        else return false;
      } else if (kind === 'slice') {
        if (typeof v !== 'string') return false;
        col[i] = v === text.slice(o.start, o.end) ? ABSENT : intern(v);
      } else {
        if (typeof v === 'string') col[i] = intern(v);
        else return false;
      }
    }
    // Keys must come in the schema's order, for unpack to rebuild the same objects.
    let f = 0;
    for (const k in o) {
      while (f < schema.length && schema[f][0] !== k) f++;
      if (f === schema.length) return false;
    }
  }
  return true;
}

/**
 * The DocumentResult `pack` was given.
 * @param {PackedDocument} packed @param {string} text the document's text
 * @returns {DocumentResult}
 */
export function unpack(packed, text) {
  const { keys, rest, strings, lists } = packed;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const key of keys) {
    const list = lists[key];
    if (!list) out[key] = rest[key];
    else if ('plain' in list) out[key] = list.plain;
    else out[key] = unpackList(list.n, list.columns, SCHEMA[key], strings, text);
  }
  return /** @type {DocumentResult} */ (/** @type {unknown} */ (out));
}

function unpackList(/** @type {number} */ n, /** @type {ArrayLike<number>[]} */ columns, /** @type {[string, FieldKind][]} */ schema, /** @type {string[]} */ strings, /** @type {string} */ text) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    /** @type {Record<string, unknown>} */
    const o = {};
    for (let f = 0; f < schema.length; f++) {
      const [key, kind] = schema[f];
      const v = columns[f][i];
      if (kind === 'u32' || kind === 'f64') o[key] = v;
      else if (kind === 'str') o[key] = strings[v];
      else if (kind === 'slice') o[key] = v === ABSENT ? text.slice(/** @type {number} */ (o.start), /** @type {number} */ (o.end)) : strings[v];
      else if (kind === 'opt-bool') {
        if (v !== 0) o[key] = v === 2 ? true : v === 1 ? false : v === BOOL_NULL ? null : undefined;
      } else if (v !== ABSENT) o[key] = v === UNDEFINED ? undefined : v === NULL ? null : kind === 'opt-str' ? strings[v] : v;
    }
    out[i] = o;
  }
  return out;
}
