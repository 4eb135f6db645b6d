// Turning what the reader gives us (files, pasted text) into documents {id, title, text}.
// Every refusal comes back as a message naming the file and saying what to do; nothing throws.

/** The core refuses documents over 16 MiB of UTF-8 (src/input.rs MAX_DOCUMENT_BYTES). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Our own cap on one batch, so that a tab stays well inside its memory. */
export const MAX_BATCH_BYTES = 64 * 1024 * 1024;

const TEXT_TYPES = /\.(txt|text|md|markdown)$/i;
const HTML_TYPES = /\.(html?|xhtml)$/i;

/**
 * Reads files into documents. Returns {docs, problems} where problems are messages for the
 * files that were skipped.
 * @param {Iterable<File>} files
 * @param {number} batchBytes bytes already in the corpus
 */
export async function readFiles(files, batchBytes = 0) {
  const docs = [];
  const problems = [];
  for (const file of files) {
    const name = file.name || 'unnamed file';
    const kind = HTML_TYPES.test(name) || file.type === 'text/html' ? 'html' : TEXT_TYPES.test(name) || file.type.startsWith('text/') ? 'text' : null;
    if (!kind) {
      problems.push(`${name}: skipped — only .txt, .md and .html files can be read.`);
      continue;
    }
    if (file.size > MAX_FILE_BYTES) {
      problems.push(`${name}: skipped — it is ${mib(file.size)}; the limit is ${mib(MAX_FILE_BYTES)} per article. Split it into smaller files.`);
      continue;
    }
    if (batchBytes + file.size > MAX_BATCH_BYTES) {
      problems.push(`${name}: skipped — the articles would exceed ${mib(MAX_BATCH_BYTES)} in all. Analyse them in several batches.`);
      continue;
    }
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      problems.push(`${name}: could not be read (${err.message}).`);
      continue;
    }
    const decoded = decodeText(bytes);
    if (decoded.error) {
      problems.push(`${name}: skipped — ${decoded.error}`);
      continue;
    }
    const html = kind === 'html' ? htmlToText(decoded.text) : null;
    const text = html ? html.text : decoded.text;
    if (!text.trim()) {
      problems.push(`${name}: skipped — it contains no text.`);
      continue;
    }
    batchBytes += file.size;
    docs.push({ id: name, title: html?.title || name, text, bytes: new TextEncoder().encode(text).length });
  }
  return { docs, problems };
}

/**
 * Decodes UTF-8 (with or without BOM; UTF-16 with BOM too). Binary data — NUL bytes or
 * invalid UTF-8 — is refused with a message rather than shown as mojibake.
 */
export function decodeText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes) };
  if (bytes.subarray(0, 8192).includes(0)) {
    return { error: 'it looks like a binary file (it contains NUL bytes), not text.' };
  }
  try {
    // ignoreBOM: false (the default) drops a UTF-8 byte-order mark.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'it is not UTF-8 text. Save it as UTF-8 and try again.' };
  }
}

// Elements whose content is never article text.
const DROP = new Set(['SCRIPT', 'STYLE', 'X-DROPPED-STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'CANVAS', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA']);
// Elements that start a new line of text.
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TR', 'UL', 'CAPTION', 'TBODY', 'THEAD', 'TFOOT',
]);
const PARAGRAPH = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE', 'UL', 'OL', 'FIGURE', 'HR']);

/**
 * HTML to plain text and a title. DOMParser builds an inert document: its scripts never run
 * and it loads nothing (no images, no styles, no frames), so a hostile file cannot act. Script
 * and style contents are dropped; block elements become line breaks, paragraphs blank lines;
 * inline whitespace collapses as a browser would show it, except inside <pre>.
 */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(withoutAttributes(html), 'text/html');
  const title = (doc.title || doc.querySelector('h1')?.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 120);
  return { title, text: textOf(doc.body ?? doc.documentElement) };
}

/**
 * The page's CSP applies to documents DOMParser makes, and Chromium reports (while blocking)
 * every inline style and event-handler attribute and every <style> element it parses there:
 * a saved news page would flood the console. Text needs no attributes, so they are removed
 * from start tags before parsing and <style> is renamed to an element we drop anyway. A tag
 * this misreads only leaves stray characters in the text; CSP still blocks whatever remains.
 */
function withoutAttributes(html) {
  return html
    .replace(/<(\/?)style\b/gi, '<$1x-dropped-style')
    .replace(/<([a-zA-Z][\w:-]*)(?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*(\/?)>/g, '<$1$2>');
}

function textOf(root) {
  const out = [];
  // Adjacent breaks merge into the larger one: </li><li> is one line break, not two.
  const brk = (n) => {
    if (typeof out.at(-1) === 'number') out[out.length - 1] = Math.max(out.at(-1), n);
    else out.push(n);
  };
  const walk = (node, pre) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE) {
        out.push(pre ? n.data : n.data.replace(/[ \t\n\r\f]+/g, ' '));
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        const tag = n.tagName.toUpperCase();
        if (DROP.has(tag)) continue;
        const lines = PARAGRAPH.has(tag) ? 2 : BLOCK.has(tag) ? 1 : 0;
        if (lines) brk(lines);
        if (tag === 'TD' || tag === 'TH') out.push('\t');
        walk(n, pre || tag === 'PRE');
        if (lines) brk(lines);
      }
    }
  };
  walk(root, false);
  return out
    .map((t) => (typeof t === 'number' ? '\n'.repeat(t) : t))
    .join('')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A short title from a text: its first non-empty line. */
export function firstLine(text, max = 80) {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  const t = line.trim().replace(/\s+/g, ' ');
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

export function mib(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** An id not yet in `taken`: "name", then "name (2)", "name (3)", … */
export function uniqueId(name, taken) {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name} (${i})`)) return `${name} (${i})`;
}

/**
 * Parses a reader's name list, the format the CLI reads with --names (src/user_names.rs):
 * one entry per line, `pattern<TAB>LABEL[<TAB>kind[<TAB>value]]`, blank lines and lines
 * starting with # skipped. Returns {names} or {error} naming the line. Matching rules are the
 * core's; this only turns lines into the objects Analyzer.setUserNames takes.
 */
export function parseNameList(text, labels) {
  const names = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const [pattern, label, kind, value, ...extra] = line.split('\t').map((f) => f.trim());
    if (!pattern || !label) return { error: `line ${i + 1}: expected a name, a Tab and a label (e.g. “Vučić<Tab>PER”)` };
    if (!labels.includes(label)) return { error: `line ${i + 1}: “${label}” is not a label; use one of ${labels.join(' ')}` };
    if (extra.length) return { error: `line ${i + 1}: at most four Tab-separated fields (name, label, kind, value)` };
    const entry = { pattern, label };
    if (kind) entry.kind = kind;
    if (value) entry.value = value;
    names.push(entry);
  }
  return { names };
}
