// Where the element tests and benchmark find the package (relative to the checkout's root).
import { existsSync } from 'node:fs';
import { ROOT, requireBuild } from './helpers.mjs';

export const PACKAGE = 'target/npm/presslens/';

/** Fails early, with the fix, when what the element needs is not built. */
export function requirePackage() {
  requireBuild();
  for (const f of ['element.js', 'index.js']) {
    if (!existsSync(`${ROOT}${PACKAGE}${f}`)) throw new Error(`${PACKAGE}${f} is missing: build the package first: python3 scripts/build_npm.py (scripts/test.sh does)`);
  }
}

/** The example CMS page, under the checkout's root. */
export const EXAMPLE = 'examples/cms/';
