#!/usr/bin/env node
// Serves the example CMS page with the package it imports (the checkout's root, so that
// examples/cms/ reaches target/npm/presslens/), on 127.0.0.1 only, with the strict
// Content-Security-Policy header of scripts/serve.mjs.
//
//   python3 scripts/build_npm.py && node examples/cms/serve.mjs    # then open the URL it prints
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
if (!existsSync(`${ROOT}target/npm/presslens/element.js`)) {
  console.error('examples/cms/serve.mjs: target/npm/presslens/ is missing: build the package first (python3 scripts/build_npm.py)');
  process.exit(1);
}
const port = process.env.PORT === undefined ? 8081 : Number(process.env.PORT);
const { url } = await serve({ port, root: ROOT });
console.log(`presslens example CMS: ${url}examples/cms/ (Ctrl-C to stop)`);
