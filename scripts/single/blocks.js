// Data blocks of target/single/presslens.html (<script type="…" id="…" data-encoding="…">,
// never executed): their text, and a Response made from it as a fetch would have answered.
// data-encoding: "text" (as is) or "gzip+base64" (scripts/build_single.mjs chooses the
// smaller), unpacked with DecompressionStream.

/** The text of the data block `id`. @param {string} id */
export function blockText(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`presslens.html has no block #${id}: rebuild it (node scripts/build_single.mjs)`);
  return /** @type {string} */ (el.textContent);
}

/** Base64 to bytes. @param {string} b64 */
export function base64Bytes(b64) {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/**
 * `text` (encoded as `encoding`) as a Response of content type `type`.
 * @param {string} text @param {string | undefined} encoding @param {string} type
 */
export function encodedResponse(text, encoding, type) {
  const headers = { 'content-type': type };
  if (encoding === 'gzip+base64') {
    const stream = new Blob([base64Bytes(text)]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream, { headers });
  }
  if (encoding === 'text') return new Response(text, { headers });
  throw new Error(`presslens.html: unknown data-encoding ${encoding}`);
}

/** The data block `id` as a Response of content type `type`. @param {string} id @param {string} type */
export function blockResponse(id, type) {
  const el = /** @type {HTMLElement} */ (document.getElementById(id));
  return encodedResponse(blockText(id), el?.dataset.encoding, type);
}
