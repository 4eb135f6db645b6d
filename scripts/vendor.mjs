#!/usr/bin/env node
// Copies the page's third-party modules from node_modules (installed from the npm registry by
// `npm ci`, versions pinned in package-lock.json) into www/vendor/, so the page loads them from
// its own origin and needs no bundler:
//
//   node scripts/vendor.mjs           # rewrite www/vendor/
//   node scripts/vendor.mjs --check   # exit 1 if www/vendor/ differs from what it would write
//
// Bare imports (`from"d3-quadtree"`) become relative paths (`from"./d3-quadtree.js"`); each
// file gets a header naming its package, version, licence and this generator.
// tests/e2e/static.test.mjs runs --check.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${ROOT}www/vendor/`;

// d3-force lays out the co-occurrence network (issue #7); the others are its dependencies.
const PACKAGES = ['d3-force', 'd3-quadtree', 'd3-dispatch', 'd3-timer'];

export async function vendorFiles() {
  const files = {};
  const licences = [];
  for (const name of PACKAGES) {
    const dir = `${ROOT}node_modules/${name}/`;
    let meta;
    try {
      meta = JSON.parse(await readFile(`${dir}package.json`, 'utf8'));
    } catch {
      throw new Error(`node_modules/${name} is missing: run \`npm ci\``);
    }
    const source = await readFile(`${dir}dist/${name}.min.mjs`, 'utf8');
    const body = source.replace(/from\s*"(d3-[a-z]+)"/g, (all, dep) => {
      if (!PACKAGES.includes(dep)) throw new Error(`${name} imports ${dep}, which is not vendored: add it to PACKAGES`);
      return `from"./${dep}.js"`;
    });
    files[`${name}.js`] =
      `// ${name} ${meta.version} (${meta.license}, see LICENSES.txt), copied from the npm package's dist/${name}.min.mjs\n` +
      `// by node scripts/vendor.mjs with imports made relative. Do not edit.\n${body}`;
    licences.push(`${name} ${meta.version}\n\n${(await readFile(`${dir}LICENSE`, 'utf8')).trim()}\n`);
  }
  files['LICENSES.txt'] = `Licences of the modules in this folder (written by node scripts/vendor.mjs).\n\n${licences.join('\n----\n\n')}`;
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await vendorFiles();
  if (process.argv.includes('--check')) {
    const have = await readdir(OUT).catch(() => []);
    const stale = Object.keys(files).filter((n) => !have.includes(n));
    for (const n of have) if (!(n in files)) stale.push(n);
    for (const [n, text] of Object.entries(files)) {
      if ((await readFile(OUT + n, 'utf8').catch(() => null)) !== text) stale.push(n);
    }
    if (stale.length) {
      console.error(`www/vendor/ is stale (${[...new Set(stale)].join(', ')}): run \`node scripts/vendor.mjs\` and commit it`);
      process.exit(1);
    }
    console.log('www/vendor/ is up to date');
  } else {
    await mkdir(OUT, { recursive: true });
    for (const [n, text] of Object.entries(files)) await writeFile(OUT + n, text);
    const size = Object.values(files).reduce((a, t) => a + Buffer.byteLength(t), 0);
    console.log(`wrote ${Object.keys(files).length} files to www/vendor/ (${size} bytes)`);
  }
}
