#!/usr/bin/env node
// A tiny static server for www/, with no dependencies.
//
//   node scripts/serve.mjs            # http://127.0.0.1:8080 (PORT=… to change it)
//   node scripts/serve.mjs --root DIR # serves DIR instead of www/ (bash scripts/page.sh serves
//                                     # target/www, the bundled build of scripts/build_page.mjs)
//
// Tests import { serve } and start it on port 0. It binds to 127.0.0.1 only: the page analyses
// unpublished copy and must not be reachable from other machines by accident.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { open, readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

export const WWW = fileURLToPath(new URL('../www/', import.meta.url));

// application/wasm lets the browser compile while downloading (instantiateStreaming);
// text/javascript is required for module scripts and module workers.
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

// Types worth compressing (the wasm module is 2.2 MB raw, about 1.3 MB gzipped).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.md', '.ts']);

const ENCODERS = {
  br: (buf) => promisify(brotliCompress)(buf, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } }),
  gzip: (buf) => promisify(gzip)(buf, { level: 9 }),
};

/** The encoding to send for an Accept-Encoding header: brotli, then gzip, else none. */
export function chooseEncoding(accept = '') {
  const offered = new Map(
    accept.split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return [name, q === undefined ? 1 : Number(q.slice(2))];
    }),
  );
  return ['br', 'gzip'].find((e) => (offered.get(e) ?? offered.get('*') ?? 0) > 0) ?? null;
}

// Compressed files, by path, encoding, size and modification time: a rebuilt file is
// compressed again, an unchanged one once.
const compressed = new Map();
async function compressedBody(file, info, encoding) {
  const key = `${encoding}\0${file}`;
  const stamp = `${info.size}:${info.mtimeMs}`;
  const hit = compressed.get(key);
  if (hit?.stamp === stamp) return hit.body;
  const body = await ENCODERS[encoding](await readFile(file));
  compressed.set(key, { stamp, body });
  return body;
}

// The same policy as the page's meta tag, also sent as a header: a meta tag does not cover the
// module worker, whose policy comes from its own response.
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
  "style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Resolves a URL path to a file under `root`, or null when it escapes `root` (after
 * decoding and after following symlinks) or is malformed.
 */
async function resolveFile(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path.endsWith('/')) path += 'index.html';
  const candidate = resolve(root, '.' + path);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  try {
    const real = await realpath(candidate);
    const realRoot = await realpath(root);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    return real;
  } catch {
    return null;
  }
}

/**
 * Starts the server. Resolves to { server, url, port, close() } once it listens.
 * @param {{port?: number, root?: string, host?: string}} [options]
 */
export function serve({ port = 8080, root = WWW, host = '127.0.0.1' } = {}) {
  root = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = await resolveFile(root, url.pathname);
    if (!file) return send(404, 'not found\n');
    let handle;
    try {
      handle = await open(file, 'r');
      const info = await handle.stat();
      if (info.isDirectory()) {
        await handle.close();
        // Directories are served through their index.html, with a trailing slash so that
        // relative URLs in the page resolve inside the directory.
        res.writeHead(301, { location: url.pathname + '/' });
        return res.end();
      }
      const ext = extname(file).toLowerCase();
      const headers = {
        'content-type': MIME[ext] ?? 'application/octet-stream',
        'content-length': info.size,
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        // Development server: always serve what is on disk (a rebuilt wasm must be picked up).
        'cache-control': 'no-cache',
      };
      // Compressed as the browser asks (brotli, else gzip), as a static host would.
      const encoding = COMPRESSIBLE.has(ext) ? chooseEncoding(req.headers['accept-encoding']) : null;
      if (COMPRESSIBLE.has(ext)) headers.vary = 'Accept-Encoding';
      if (encoding) {
        await handle.close();
        const body = await compressedBody(file, info, encoding);
        res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
        return res.end(req.method === 'HEAD' ? undefined : body);
      }
      res.writeHead(200, headers);
      if (req.method === 'HEAD') {
        await handle.close();
        return res.end();
      }
      const stream = handle.createReadStream();
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch {
      await handle?.close().catch(() => {});
      send(404, 'not found\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const actual = server.address().port;
      ok({
        server,
        port: actual,
        url: `http://${host}:${actual}/`,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

// Run as a program (not when imported by a test).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve.mjs: PORT must be an integer between 0 and 65535, not ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  const at = process.argv.indexOf('--root');
  const root = at >= 0 ? resolve(process.argv[at + 1] ?? '') : WWW;
  if (at >= 0 && (process.argv[at + 1] === undefined || !existsSync(join(root, 'index.html')))) {
    console.error(`serve.mjs: --root needs a folder with an index.html (bash scripts/page.sh builds target/www), not ${JSON.stringify(process.argv[at + 1] ?? '')}`);
    process.exit(2);
  }
  serve({ port, root }).then(
    ({ url }) => console.log(`presslens: serving ${root} on ${url} (Ctrl-C to stop)`),
    (err) => {
      console.error(`serve.mjs: cannot listen on 127.0.0.1:${port}: ${err.message}`);
      process.exit(1);
    },
  );
}
