// The exports: the full result as JSON, the entity table as CSV, displaCy's format. Each file
// is made in this tab (a blob: URL); nothing is uploaded.
import { h, sliceDeadline, yieldToBrowser } from './dom.js';
import { displacyJsonPieces, entityTableCsv, resultJsonPieces } from './model.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * Turns text pieces into Blob parts, yielding to the browser whenever a slice of time is used
 * up. Strings are encoded into small Blobs as they come: one Blob made from all the text of a
 * large result at once was itself a long task (UTF-8 encoding of megabytes).
 */
export async function collect(pieces) {
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

export function download(name, type, parts) {
  // A blob: URL from this page: the file is made here, nothing is uploaded.
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Wires the export buttons; each exports `getModel()`, the result on screen.
 * @param {() => import('./model.js').ViewModel | null} getModel
 * @param {(kind: 'info', text: string, options: {area: string}) => void} say
 */
export function setupExports(getModel, say) {
  const model = () => {
    const m = getModel();
    if (!m) throw new Error('there is no result to export'); // the buttons are disabled then
    return m;
  };
  const saved = (what) => say('info', `Saved ${what}. It was made in this tab; nothing was uploaded.`, { area: 'status' });
  $('export-json').addEventListener('click', async () => {
    download('presslens-result.json', 'application/json', await collect(resultJsonPieces(model().result)));
    saved('presslens-result.json (the full result, as the core returned it)');
  });
  $('export-csv').addEventListener('click', () => {
    download('presslens-entities.csv', 'text/csv', [entityTableCsv(model())]);
    saved('presslens-entities.csv (every row of the entity table, one count column per article)');
  });
  $('export-displacy').addEventListener('click', async () => {
    download('presslens-displacy.json', 'application/json', await collect(displacyJsonPieces(model())));
    // displaCy (Python) counts code points; the core counts UTF-16 units, as JavaScript does.
    saved('presslens-displacy.json (one {text, ents, title} per article; offsets converted from UTF-16 units to code points, as displaCy counts them)');
  });
}
