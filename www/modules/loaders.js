// Turning what the reader gives us (files, pasted text) into documents {id, title, text}.
// Every refusal comes back as a message naming the file and saying what to do; nothing throws.

const TEXT_TYPES = /\.(txt|text|md|markdown)$/i;
const HTML_TYPES = /\.(html?|xhtml)$/i;

/**
 * Reads files into documents. Returns {docs, problems} where problems are messages for the
 * files that were skipped.
 * @param {Iterable<File>} files
 * @param {number} batchBytes bytes already in the corpus
 * @param {Pick<import('../presslens-result').Limits, 'max_document_bytes' | 'max_batch_bytes'>} limits
 *   the core's (its `limits()`): no file is read that it would refuse
 */
export async function readFiles(files, batchBytes, limits) {
  const docs = [];
  const problems = [];
  for (const file of files) {
    const name = file.name || 'unnamed file';
    const kind = HTML_TYPES.test(name) || file.type === 'text/html' ? 'html' : TEXT_TYPES.test(name) || file.type.startsWith('text/') ? 'text' : null;
    if (!kind) {
      problems.push(`${name}: skipped — only .txt, .md and .html files can be read.`);
      continue;
    }
    if (file.size > limits.max_document_bytes) {
      problems.push(`${name}: skipped — it is ${mib(file.size)}; the limit is ${mib(limits.max_document_bytes)} per article. Split it into smaller files.`);
      continue;
    }
    if (batchBytes + file.size > limits.max_batch_bytes) {
      problems.push(`${name}: skipped — the articles would exceed ${mib(limits.max_batch_bytes)} in all. Analyse them in several batches.`);
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
    if (decoded.error !== undefined) {
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
 * @param {Uint8Array} bytes
 * @returns {{text: string, error?: undefined} | {error: string, text?: undefined}}
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
const DROP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'CANVAS', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA']);
// Elements that start a new line of text.
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TR', 'UL', 'CAPTION', 'TBODY', 'THEAD', 'TFOOT',
]);
const PARAGRAPH = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE', 'UL', 'OL', 'FIGURE', 'HR']);

/**
 * HTML to plain text and a title. The file is first rebuilt as markup that carries nothing
 * but tag names and text (see `tagsAndText`), then DOMParser builds an inert document from
 * that: its scripts never run and it loads nothing (no images, no styles, no frames).
 * Block elements become line breaks, paragraphs blank lines; inline whitespace collapses as
 * a browser would show it, except inside <pre>.
 */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(tagsAndText(html), 'text/html');
  const title = (doc.title || doc.querySelector('h1')?.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 120);
  return { title, text: textOf(doc.body ?? doc.documentElement) };
}

// Elements whose content the HTML tokenizer reads as raw text up to their end tag; none holds
// article text, so the content is dropped with the element.
const RAW = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'textarea']);
const SPACE = /[\t\n\f\r ]/;
const ALPHA = /[A-Za-z]/;
const SAFE_NAME = /^[a-z][a-z0-9:._-]*$/;

/**
 * Rebuilds `html` as markup that holds only bare tags (`<p>`, `</p>`, `<br/>`) and text, by
 * the HTML tokenizer's own rules for tags, comments and raw-text elements: every attribute
 * is gone (event handlers such as `onerror=a=1` or `<svg/onload=…>`, styles, URLs), and so
 * are comments, doctypes and the content of <script>, <style> and the like. A `<` that does
 * not start a tag is written as `&lt;`, so whatever this misreads becomes text, never markup:
 * the output cannot carry an attribute by construction. (A regular expression over start tags
 * did this before and missed both of the tags above, which then reached DOMParser's document
 * with their handlers; Chromium tried to run them there and only the CSP stopped it.)
 * Character references are left as they are, for DOMParser to decode.
 */
export function tagsAndText(html) {
  const out = [];
  const n = html.length;
  let i = 0;
  let text = 0; // start of the pending text
  const flush = (to) => {
    if (to > text) out.push(html.slice(text, to));
  };
  /** Index just past the `>` that ends a bogus comment or tag from `j`, or n. */
  const past = (ch, j) => {
    const k = html.indexOf(ch, j);
    return k < 0 ? n : k + ch.length;
  };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const c = html[lt + 1] ?? '';
    if (html.startsWith('!--', lt + 1)) {
      flush(lt);
      // Comment: up to -->, or the abrupt <!--> and <!--->.
      if (html.startsWith('>', lt + 4)) i = lt + 5;
      else if (html.startsWith('->', lt + 4)) i = lt + 6;
      else {
        const end = html.indexOf('-->', lt + 4);
        const bang = html.indexOf('--!>', lt + 4);
        i = end < 0 && bang < 0 ? n : bang >= 0 && (end < 0 || bang < end) ? bang + 4 : end + 3;
      }
      text = i;
    } else if (c === '!' || c === '?') {
      flush(lt); // doctype, CDATA, processing instruction: bogus comments up to >
      i = past('>', lt + 2);
      text = i;
    } else if (c === '/' && ALPHA.test(html[lt + 2] ?? '')) {
      const tag = readTag(html, lt + 2);
      flush(lt);
      if (tag.end === null) { // unterminated: the tokenizer drops it with the rest
        i = text = n;
        break;
      }
      if (SAFE_NAME.test(tag.name)) out.push(`</${tag.name}>`);
      i = text = tag.end;
    } else if (c === '/') {
      flush(lt); // </> is ignored; </ and anything else is a bogus comment
      i = html[lt + 2] === '>' ? lt + 3 : past('>', lt + 2);
      text = i;
    } else if (ALPHA.test(c)) {
      const tag = readTag(html, lt + 1);
      flush(lt);
      if (tag.end === null) {
        i = text = n;
        break;
      }
      i = text = tag.end;
      if (RAW.has(tag.name)) {
        // Skip the content up to </name followed by a space, / or >.
        let k = tag.end;
        for (;;) {
          k = html.indexOf('</', k);
          if (k < 0 || (html.slice(k + 2, k + 2 + tag.name.length).toLowerCase() === tag.name && /[\t\n\f\r />]/.test(html[k + 2 + tag.name.length] ?? '>'))) break;
          k += 2;
        }
        if (k < 0) {
          i = text = n;
          break;
        }
        const close = readTag(html, k + 2);
        i = text = close.end ?? n;
      } else if (tag.name === 'title') {
        // RCDATA: text up to </title>, its < escaped (references are decoded there too).
        const k = html.slice(tag.end).search(/<\/title[\t\n\f\r \/>]/i);
        const end = k < 0 ? n : tag.end + k;
        out.push('<title>', html.slice(tag.end, end).replace(/</g, '&lt;'), '</title>');
        i = text = k < 0 ? n : readTag(html, end + 2).end ?? n;
      } else if (tag.name === 'plaintext') {
        out.push(html.slice(tag.end).replace(/</g, '&lt;'));
        i = text = n;
      } else if (SAFE_NAME.test(tag.name)) {
        out.push(tag.selfClosing ? `<${tag.name}/>` : `<${tag.name}>`);
      }
    } else {
      // A < that starts nothing is text: written escaped so that it stays text.
      flush(lt);
      out.push('&lt;');
      i = text = lt + 1;
    }
  }
  flush(n);
  return out.join('');
}

/**
 * Reads a tag from `j` (just after `<` or `</`) as the HTML tokenizer does: the name up to a
 * space, `/` or `>`; then attributes — a name up to a space, `/`, `>` or `=` (a leading `=`
 * belongs to the name), optionally `=` and a value quoted with " or ' (which may hold `>`)
 * or unquoted up to a space or `>` (which may hold `=`, `/`, quotes) — and a `/` before `>`
 * for self-closing. Returns {name (lower case), selfClosing, end: index past `>`, or null
 * when the input ends inside the tag}.
 */
function readTag(html, j) {
  const n = html.length;
  let k = j;
  while (k < n && !SPACE.test(html[k]) && html[k] !== '/' && html[k] !== '>') k++;
  const name = html.slice(j, k).toLowerCase();
  let selfClosing = false;
  while (k < n) {
    const ch = html[k];
    if (SPACE.test(ch)) {
      k++;
    } else if (ch === '>') {
      return { name, selfClosing, end: k + 1 };
    } else if (ch === '/') {
      k++;
      selfClosing = html[k] === '>';
    } else {
      // An attribute name (its first character may be "=").
      selfClosing = false;
      k++;
      while (k < n && !SPACE.test(html[k]) && html[k] !== '/' && html[k] !== '>' && html[k] !== '=') k++;
      while (k < n && SPACE.test(html[k])) k++;
      if (html[k] !== '=') continue;
      k++;
      while (k < n && SPACE.test(html[k])) k++;
      const q = html[k];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, k + 1);
        if (close < 0) return { name, selfClosing, end: null };
        k = close + 1;
      } else {
        while (k < n && !SPACE.test(html[k]) && html[k] !== '>') k++;
      }
    }
  }
  return { name, selfClosing, end: null };
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
        if (pre) out.push(n.data);
        else {
          // Collapsed as a browser shows it, across text nodes too ("a <img> b" is "a b").
          const t = n.data.replace(/[ \t\n\r\f]+/g, ' ');
          const prev = out.at(-1);
          out.push(typeof prev === 'string' && prev.endsWith(' ') && t.startsWith(' ') ? t.slice(1) : t);
        }
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
