// The npm package as a web developer gets it (issue #15): the packed tarball
// (target/npm/presslens-VERSION.tgz, built by `python3 scripts/build_npm.py`) is installed into a
// temporary consumer project, a small app is bundled with esbuild and with Vite (the repository's
// pinned devDependencies), each bundle is served on 127.0.0.1 and run in Debian's headless
// Chromium with `worker: true` and `worker: false`: the sample articles must come out with the
// CLI's entities (`target/release/presslens analyze seeds/*.txt`), cancelling, errors and the
// reader's names must behave as documented, the README's npm example must run as written, and
// no request may leave 127.0.0.1. A TypeScript consumer is type-checked against the packed
// declarations (tsc --noEmit), and the package's own JavaScript against them (--checkJs).
//
// Run: python3 scripts/build_wasm.py release && python3 scripts/build_npm.py && node --test tests/npm/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { CHROMIUM, isLocal, launch, ROOT, SEEDS } from '../e2e/helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

const CLI = process.env.PRESSLENS_CLI ?? join(ROOT, 'target/release/presslens');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** The packed tarball, or a failure that says how to build it. */
function tarball() {
  const dir = join(ROOT, 'target/npm');
  const found = existsSync(dir) ? readdirSync(dir).filter((f) => /^presslens-.*\.tgz$/.test(f)) : [];
  assert.equal(found.length, 1, `expected one target/npm/presslens-VERSION.tgz, found ${JSON.stringify(found)}: run \`python3 scripts/build_npm.py\` (after \`python3 scripts/build_wasm.py release\`)`);
  return join(dir, found[0]);
}

/** The README's npm example: the one ```js block between <!-- npm:start --> and <!-- npm:end -->. */
export function readmeExample() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.match(/<!-- npm:start -->\n([\s\S]*?)<!-- npm:end -->/);
  assert.ok(section, 'README.md must keep its npm section between <!-- npm:start --> and <!-- npm:end -->');
  const blocks = [...section[1].matchAll(/```js\n([\s\S]*?)```/g)];
  assert.equal(blocks.length, 1, 'the README npm section must hold exactly one ```js example (the one this test runs)');
  return blocks[0][1];
}

// The app bundled by both bundlers: it exposes the scenarios to the test as window.harness.
const HARNESS = `
import { createAnalyzer, init } from 'presslens';
import { createWorkerAnalyzer } from 'presslens/worker';

const pick = (r) => r.documents.map((d) => ({ id: d.id, error: d.error, entities: d.entities.map((e) => ({ start: e.start, end: e.end, label: e.label, text: e.text, kind: e.kind, value: e.value, cluster: e.cluster })) }));
const failure = (err) => ({ isError: err instanceof Error, name: err?.name, message: String(err?.message ?? err) });

window.harness = {
  async run(docs, worker) {
    const a = await createAnalyzer({ worker });
    const progress = [];
    try {
      const result = await a.analyze(docs, { onProgress: (done, total) => progress.push([done, total]) });
      return { docs: pick(result), clusters: result.clusters.length, progress, worker: a.worker, limits: a.limits };
    } finally {
      a.dispose();
    }
  },
  async workerEntry(docs) {
    const a = await createWorkerAnalyzer();
    try {
      return { docs: pick(await a.analyze(docs)), worker: a.worker };
    } finally {
      a.dispose();
    }
  },
  async errors(worker) {
    const a = await createAnalyzer({ worker });
    const out = {};
    try {
      await a.analyze([{ id: 'a', text: 'x', date: 'yesterday' }]).catch((e) => { out.badDate = failure(e); });
      await a.analyze([{ id: 'a', text: 'x' }, { id: 'a', text: 'y' }]).catch((e) => { out.sameId = failure(e); });
      out.progressThrows = await a.analyze([{ id: 'p', text: 'Angela Merkel spoke.' }], { onProgress: () => { throw new Error('stop here'); } }).then(() => null, failure);
      if (worker) out.uncloneable = await a.analyze([{ id: 'f', text: 'x', later: () => 1 }]).then(() => null, failure);
      await a.setUserNames([{ pattern: 'Acme', label: 'NOPE' }]).catch((e) => { out.badNames = failure(e); });
      await a.parseUserNames('Acme\\tNOPE\\n').catch((e) => { out.badList = failure(e); });
      // Still usable after refusals, and the reader's names apply to later batches.
      const text = 'Quorvex Dynamics hired Lilo Brandt in Paris.';
      const before = pick(await a.analyze([{ id: 'n', text }]))[0].entities;
      await a.setUserNames(await a.parseUserNames('Quorvex Dynamics\\tORG\\tcompany\\tQuorvex\\n'));
      const withNames = pick(await a.analyze([{ id: 'n', text }]))[0].entities;
      await a.setUserNames([]);
      const cleared = pick(await a.analyze([{ id: 'n', text }]))[0].entities;
      out.names = { before, withNames, cleared };
    } finally {
      a.dispose();
    }
    out.disposed = await a.analyze([{ id: 'a', text: 'x' }]).then(() => null, failure);
    return out;
  },
  async cancel(docs, worker) {
    const a = await createAnalyzer({ worker });
    try {
      const early = new AbortController();
      early.abort();
      const preAborted = await a.analyze(docs, { signal: early.signal }).then(() => null, failure);
      // Cancelled at the first progress report, from inside the callback.
      const ctl = new AbortController();
      let calls = 0;
      const t0 = performance.now();
      const running = await a.analyze(docs, { signal: ctl.signal, onProgress: () => { calls += 1; ctl.abort(); } }).then(() => null, failure);
      const cancelMs = performance.now() - t0;
      // Two queued requests: the second is cancelled while the first runs; the first completes.
      const ctl2 = new AbortController();
      const first = a.analyze(docs.slice(0, 1));
      const second = a.analyze(docs.slice(1, 2), { signal: ctl2.signal });
      ctl2.abort();
      const queued = await second.then(() => null, failure);
      const firstDone = pick(await first);
      // Usable afterwards.
      const after = pick(await a.analyze(docs.slice(0, 2)));
      return { preAborted, running, calls, cancelMs, queued, firstDone, after };
    } finally {
      a.dispose();
    }
  },
  async hosted(url, worker) {
    init(url);
    const a = await createAnalyzer({ worker });
    try {
      return pick(await a.analyze([{ id: 'h', text: 'Angela Merkel visited Oslo.' }]));
    } finally {
      a.dispose();
    }
  },
  async missing(url, worker) {
    init(url);
    return createAnalyzer({ worker }).then((a) => (a.dispose(), null), failure);
  },
  async keep() {
    window.kept = await createAnalyzer({ worker: true });
  },
  async analyzeKept(docs) {
    return pick(await window.kept.analyze(docs));
  },
  async poisoned(url, docs, worker) {
    init(url);
    const a = await createAnalyzer({ worker });
    try {
      const batch = await a.analyze(docs).then((r) => ({ docs: pick(r), linking_error: r.linking_error }), failure);
      const next = await a.analyze(docs.slice(0, 1)).then(pick, failure);
      return { batch, next };
    } finally {
      a.dispose();
    }
  },
};
window.harnessReady = true;
`;

const HTML = (script) => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>presslens consumer</title><script type="module" src="${script}"></script>\n`;

const TS_CONSUMER = `
import { createAnalyzer, init, type AnalysisResult, type AnalyzeOptions, type Document, type Entity, type Label, type PresslensAnalyzer, type UserName } from 'presslens';
import { createWorkerAnalyzer } from 'presslens/worker';

export async function main(): Promise<Label[]> {
  init(new URL('/assets/presslens_bg.wasm', location.href));
  const docs: Document[] = [{ id: 'a', text: 'Angela Merkel visited Oslo.', date: '2020-02-17', date_order: 'day-first' }];
  const options: AnalyzeOptions = { onProgress: (done: number, total: number) => console.log(done, total), signal: new AbortController().signal };
  const a: PresslensAnalyzer = await createAnalyzer({ worker: false });
  const w: PresslensAnalyzer = await createWorkerAnalyzer();
  const result: AnalysisResult = await a.analyze(docs, options);
  const names: UserName[] = await w.parseUserNames('Oslo\\tORG');
  await w.setUserNames(names);
  const first: Entity | undefined = result.documents[0]?.entities[0];
  const max: number = a.limits.max_document_bytes;
  console.log(first?.start, first?.end, first?.cluster, result.clusters[0]?.label, max, result.linking_error);
  // @ts-expect-error: the result has no such field (an \`any\` anywhere here would let this through)
  console.log(result.documents[0]?.people);
  // @ts-expect-error: \`worker\` is a boolean
  await createAnalyzer({ worker: 'yes' });
  // @ts-expect-error: a label the core does not have
  await a.setUserNames([{ pattern: 'x', label: 'PERSON' }]);
  // @ts-expect-error: documents need a text
  await a.analyze([{ id: 'b' }]);
  a.dispose();
  w.dispose();
  return result.documents.flatMap((d) => d.entities.map((e) => e.label));
}
`;

let env;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (bash scripts/setup.sh)`);
  assert.ok(existsSync(CLI), `${CLI} is missing: cargo build --release --bin presslens`);
  const tgz = tarball();
  const dir = mkdtempSync(join(tmpdir(), 'presslens-consumer-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  // Offline: the tarball has no dependencies, so nothing is fetched.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tgz], { cwd: dir, stdio: 'pipe' });
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/harness.js'), HARNESS);
  writeFileSync(join(dir, 'src/readme.js'), readmeExample());
  writeFileSync(join(dir, 'src/consumer.ts'), TS_CONSUMER);
  writeFileSync(join(dir, 'index.html'), HTML('./src/harness.js'));
  writeFileSync(join(dir, 'readme.html'), HTML('./src/readme.js'));

  // esbuild: bundles the app; it leaves `new URL(..., import.meta.url)` as it is, so the wasm and
  // the worker script are copied next to the bundle, as the README says.
  const esbuildOut = join(dir, 'dist-esbuild');
  await esbuild({
    absWorkingDir: dir,
    entryPoints: ['src/harness.js', 'src/readme.js'],
    bundle: true,
    format: 'esm',
    outdir: esbuildOut,
    logLevel: 'warning',
  });
  const resolveFromApp = createRequire(join(dir, 'package.json')).resolve;
  for (const f of ['presslens_bg.wasm', 'presslens.worker.js']) copyFileSync(resolveFromApp(`presslens/${f}`), join(esbuildOut, f));
  writeFileSync(join(esbuildOut, 'index.html'), HTML('./harness.js'));
  writeFileSync(join(esbuildOut, 'readme.html'), HTML('./readme.js'));

  // Vite: no plugin, no config file; it follows the URLs itself.
  const viteOut = join(dir, 'dist-vite');
  await viteBuild({
    root: dir,
    configFile: false,
    logLevel: 'warn',
    base: './',
    build: { outDir: viteOut, emptyOutDir: true, rollupOptions: { input: { index: join(dir, 'index.html'), readme: join(dir, 'readme.html') } } },
  });

  const server = await serve({ port: 0, root: dir });
  const browser = await launch();
  const cli = JSON.parse(execFileSync(CLI, ['analyze', ...Object.keys(SEEDS).map((n) => `seeds/${n}`)], { cwd: ROOT, maxBuffer: 64 << 20 }).toString());
  env = { dir, server, browser, cli, viteOut, esbuildOut };
});

after(async () => {
  await env?.browser.close();
  await env?.server.close();
  if (env?.dir && !process.env.PRESSLENS_KEEP_CONSUMER) rmSync(env.dir, { recursive: true, force: true });
});

test('the installed package carries the MIT licence and the notices of the data compiled into the wasm (GeoNames CC BY, world-countries ODbL)', () => {
  const pkg = join(env.dir, 'node_modules/presslens');
  for (const f of ['LICENSE', 'NOTICE']) assert.ok(existsSync(join(pkg, f)), `node_modules/presslens/${f} is missing: scripts/build_npm.py must copy it into the package`);
  assert.match(readFileSync(join(pkg, 'LICENSE'), 'utf8'), /MIT License/, 'LICENSE must be the project licence Cargo.toml and package.json name (MIT)');
  const notice = readFileSync(join(pkg, 'NOTICE'), 'utf8');
  for (const credit of [/GeoNames \(geonames\.org\)/, /CC BY 4\.0/, /world-countries/, /ODbL-1\.0/, /GloVe/]) {
    assert.match(notice, credit, `NOTICE in the package must credit ${credit}: the data it names ships in the wasm under a licence that asks for it`);
  }
  const declared = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).license;
  assert.equal(declared, 'MIT', 'package.json must declare the licence of LICENSE');
});

/** A fresh page on `path` of the served consumer project, recording requests, errors and workers. */
async function open(path) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  const logs = [];
  let workers = 0;
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => (m.type() === 'error' ? errors.push(`console error: ${m.text()}`) : logs.push(m.text())));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('worker', (w) => {
    workers += 1;
    w.on('console', (m) => m.type() === 'error' && errors.push(`worker console error: ${m.text()}`));
  });
  await page.goto(env.server.url + path);
  return {
    page,
    logs,
    workers: () => workers,
    check({ allow = null } = {}) {
      const outside = requests.filter((u) => !isLocal(u));
      assert.deepEqual(outside, [], 'requests left 127.0.0.1: the package must load everything from where the app is served');
      assert.ok(requests.some((u) => u.endsWith('.wasm')), `the wasm was never requested from the server: ${requests.join(' ')}`);
      assert.deepEqual(errors.filter((e) => !allow?.test(e)), [], 'the page logged errors');
      return { requests };
    },
    async close() {
      await context.close();
    },
  };
}

/** `value` as JSON would carry it (absent and undefined fields alike dropped). */
const plain = (value) => JSON.parse(JSON.stringify(value));

/** The CLI's entities per document, in the fields the harness picks. */
function cliEntities() {
  return env.cli.documents.map((d) => ({ id: d.id, error: d.error, entities: d.entities.map((e) => ({ start: e.start, end: e.end, label: e.label, text: e.text, kind: e.kind, value: e.value, cluster: e.cluster })) }));
}

const SEED_DOCS = () => Object.entries(SEEDS).map(([id, text]) => ({ id, text }));

for (const bundler of ['esbuild', 'vite']) {
  for (const worker of [true, false]) {
    test(`${bundler} bundle, worker: ${worker}: the sample articles come out with the CLI's entities, with no request off 127.0.0.1`, async () => {
      const tab = await open(`dist-${bundler}/index.html`);
      try {
        await tab.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 20_000 });
        const out = await tab.page.evaluate(([docs, worker]) => window.harness.run(docs, worker), [SEED_DOCS(), worker]);
        assert.equal(out.worker, worker, 'analyzer.worker must say where the core runs');
        assert.equal(tab.workers(), worker ? 1 : 0, `worker: ${worker} must start ${worker ? 'one module worker' : 'no worker'}`);
        const expected = cliEntities();
        assert.ok(expected.every((d) => d.entities.length > 0), 'the CLI found no entities in a sample article: the comparison would be empty');
        assert.deepEqual(plain(out.docs), plain(expected), `the ${bundler} bundle (worker: ${worker}) must give the CLI's entities (same ids, labels, UTF-16 offsets, text, clusters)`);
        assert.equal(out.clusters, env.cli.clusters.length, 'the same number of cross-document clusters as the CLI');
        const n = expected.length;
        assert.deepEqual(out.progress, Array.from({ length: n }, (_, i) => [i + 1, n]), 'onProgress(done, total) after each document');
        assert.ok(out.limits.max_document_bytes > 0, 'analyzer.limits must hold the core\'s limits');
        tab.check();
      } finally {
        await tab.close();
      }
    });
  }
}

test('vite bundle: presslens/worker exports the worker-backed analyzer', async () => {
  const tab = await open('dist-vite/index.html');
  try {
    await tab.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 20_000 });
    const docs = SEED_DOCS().slice(0, 1);
    const out = await tab.page.evaluate((docs) => window.harness.workerEntry(docs), docs);
    assert.equal(out.worker, true);
    assert.equal(tab.workers(), 1, 'createWorkerAnalyzer must start a module worker');
    assert.deepEqual(out.docs[0].entities.map((e) => e.text), cliEntities()[0].entities.map((e) => e.text).slice(0, out.docs[0].entities.length), 'the first article alone gives entities');
    tab.check();
  } finally {
    await tab.close();
  }
});

for (const worker of [true, false]) {
  test(`worker: ${worker}: bad input rejects with real Errors carrying the core's messages; names apply to later batches`, async () => {
    const tab = await open('dist-esbuild/index.html');
    try {
      await tab.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 20_000 });
      const out = await tab.page.evaluate((worker) => window.harness.errors(worker), worker);
      assert.deepEqual(out.badDate, { isError: true, name: 'Error', message: 'document "a" has date "yesterday": expected a calendar date written YYYY-MM-DD' }, 'a bad date: the core\'s message');
      assert.deepEqual(out.sameId, { isError: true, name: 'Error', message: 'document id "a" appears more than once in the batch: ids must be unique' }, 'a repeated id: the core\'s message');
      assert.deepEqual(out.progressThrows, { isError: true, name: 'Error', message: 'stop here' }, 'an exception thrown by onProgress rejects the call with it');
      if (worker) assert.equal(out.uncloneable?.name, 'DataCloneError', 'a document a worker cannot be sent rejects (and the analyzer goes on)');
      assert.equal(out.badNames.isError, true);
      assert.match(out.badNames.message, /^setUserNames\(names\): .*unknown variant `NOPE`/, 'a bad name list: the core\'s message');
      assert.equal(out.badList.isError, true);
      assert.match(out.badList.message, /line 1/, 'parseUserNames names the bad line');
      const quorvex = (ents) => ents.find((e) => e.text === 'Quorvex Dynamics');
      assert.equal(quorvex(out.names.before)?.value, undefined, 'before setUserNames the reader\'s value is absent');
      assert.deepEqual(quorvex(out.names.withNames) && { label: quorvex(out.names.withNames).label, kind: quorvex(out.names.withNames).kind, value: quorvex(out.names.withNames).value }, { label: 'ORG', kind: 'company', value: 'Quorvex' }, 'setUserNames must apply to the next batch');
      assert.equal(quorvex(out.names.cleared)?.value, undefined, 'setUserNames([]) clears the names');
      assert.deepEqual(out.disposed, { isError: true, name: 'Error', message: 'presslens: this analyzer was disposed' }, 'after dispose() requests reject');
      tab.check();
    } finally {
      await tab.close();
    }
  });

  test(`worker: ${worker}: an AbortSignal cancels as documented and the analyzer stays usable`, async () => {
    const tab = await open('dist-vite/index.html');
    try {
      await tab.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 20_000 });
      const docs = SEED_DOCS();
      const out = await tab.page.evaluate(([docs, worker]) => window.harness.cancel(docs, worker), [docs, worker]);
      assert.equal(out.preAborted?.name, 'AbortError', 'an already aborted signal rejects with its reason');
      assert.equal(out.running?.name, 'AbortError', 'aborting a running batch rejects with the signal\'s reason');
      assert.equal(out.queued?.name, 'AbortError', 'aborting a queued batch rejects it');
      if (worker) {
        assert.equal(out.calls, 1, 'with a worker, the batch stops at once: no progress after the abort');
        assert.equal(tab.workers(), 2, 'with a worker, a cancelled batch terminates its worker and one fresh worker takes the next requests');
      } else {
        assert.equal(out.calls, docs.length, 'on the calling thread, a started batch runs to its end (documented), its result dropped');
        assert.equal(tab.workers(), 0);
      }
      const expected = cliEntities();
      assert.deepEqual(out.firstDone[0].entities.map((e) => e.text), analyzeAlone(0), 'the request before a cancelled one completes');
      assert.deepEqual(out.after.map((d) => d.id), expected.slice(0, 2).map((d) => d.id), 'after cancelling, the analyzer still analyses');
      const { requests } = tab.check();
      assert.equal(requests.filter((u) => u.endsWith('.wasm')).length, 1, 'the fresh worker gets the compiled module: the wasm is fetched once');
    } finally {
      await tab.close();
    }
  });
}

/** The CLI's entity texts for seed `i` analysed alone. */
function analyzeAlone(i) {
  const name = Object.keys(SEEDS)[i];
  const out = JSON.parse(execFileSync(CLI, ['analyze', `seeds/${name}`], { cwd: ROOT }).toString());
  return out.documents[0].entities.map((e) => e.text);
}

test('a module that cannot be fetched: createAnalyzer rejects with an Error that says so (worker and calling thread)', async () => {
  for (const worker of [true, false]) {
    const tab = await open('dist-esbuild/index.html');
    try {
      await tab.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 20_000 });
      const url = `${env.server.url}nowhere/presslens_bg.wasm`;
      const out = await tab.page.evaluate(([url, worker]) => window.harness.missing(url, worker), [url, worker]);
      assert.equal(out?.isError, true, `worker: ${worker}: createAnalyzer must reject, not ${JSON.stringify(out)}`);
      assert.equal(out.message, `presslens: the analyzer could not start: ${url} could not be fetched: HTTP 404`, `worker: ${worker}: the message names the URL and the status`);
      tab.check({ allow: /404/ });
    } finally {
      await tab.close();
    }
  }
});

test('worker: a worker that dies without a word (closed from outside) is replaced before the next batch', async () => {
  const tab = await open('dist-esbuild/index.html');
  try {
    await tab.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 20_000 });
    await tab.page.evaluate(() => window.harness.keep());
    assert.equal(tab.page.workers().length, 1);
    await tab.page.workers()[0].evaluate(() => self.close()); // no error event, no message
    const deadline = Date.now() + 10_000;
    while (tab.workers() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(tab.workers(), 2, 'the dead worker must be noticed (its Web Lock is released) and replaced');
    const docs = SEED_DOCS().slice(0, 1);
    const out = await tab.page.evaluate((docs) => window.harness.analyzeKept(docs), docs);
    assert.equal(out[0].error, undefined, 'the next batch is analysed by the fresh worker');
    assert.ok(out[0].entities.length > 0, 'the next batch is analysed by the fresh worker');
    tab.check();
  } finally {
    await tab.close();
  }
});

test('init(url): a CMS hosts the wasm elsewhere (worker and calling thread)', async () => {
  // The esbuild bundle's own copy moved to another folder: only init(url) can find it there.
  const hosted = join(env.dir, 'cms-assets');
  mkdirSync(hosted, { recursive: true });
  copyFileSync(join(env.esbuildOut, 'presslens_bg.wasm'), join(hosted, 'engine.wasm'));
  for (const worker of [true, false]) {
    const tab = await open('dist-esbuild/index.html');
    try {
      await tab.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 20_000 });
      const out = await tab.page.evaluate(([url, worker]) => window.harness.hosted(url, worker), [`${env.server.url}cms-assets/engine.wasm`, worker]);
      assert.deepEqual(out[0].entities.map((e) => `${e.label} ${e.text}`), ['PER Angela Merkel', 'LOC Oslo'], 'the hosted module analyses');
      const { requests } = tab.check();
      const wasm = requests.filter((u) => u.endsWith('.wasm'));
      assert.deepEqual(wasm, [`${env.server.url}cms-assets/engine.wasm`], `worker: ${worker}: the module must come from init's URL only`);
    } finally {
      await tab.close();
    }
  }
});

test('a document that makes the core trap loses no other: with a worker the batch is analysed again, on the calling thread it rejects', async () => {
  // The core built with the test-only feature `fault-injection` (scripts/test.sh builds it):
  // a document containing PRESSLENS-FAULT-DOCUMENT panics, one containing
  // PRESSLENS-FAULT-LINKING makes the cross-document step panic. Loaded with init(url).
  const fault = join(ROOT, 'target/wasm-fault/presslens_bg.wasm');
  assert.ok(existsSync(fault), 'target/wasm-fault/ is missing: python3 scripts/build_wasm.py release --features fault-injection --out-dir target/wasm-fault');
  assert.equal(readFileSync(join(ROOT, 'target/wasm-fault/presslens.js'), 'utf8'), readFileSync(join(env.dir, 'node_modules/presslens/presslens.js'), 'utf8'), 'the fault build\'s glue must equal the packaged one for init(url) to load it');
  mkdirSync(join(env.dir, 'fault'), { recursive: true });
  copyFileSync(fault, join(env.dir, 'fault/engine.wasm'));
  const url = `${env.server.url}fault/engine.wasm`;
  const seeds = SEED_DOCS();
  const poisoned = [seeds[0], { id: 'poison', text: 'Angela Merkel spoke. PRESSLENS-FAULT-DOCUMENT' }, seeds[1]];
  const linking = [seeds[0], { id: 'link', text: 'Angela Merkel spoke. PRESSLENS-FAULT-LINKING' }];
  // The CLI on the two sample articles alone: the poisoned document takes no part in linking.
  const pair = JSON.parse(execFileSync(CLI, ['analyze', `seeds/${seeds[0].id}`, `seeds/${seeds[1].id}`], { cwd: ROOT }).toString()).documents;
  const alone = JSON.parse(execFileSync(CLI, ['analyze', `seeds/${seeds[0].id}`], { cwd: ROOT }).toString()).documents;
  const spans = (d) => d.entities.map((e) => `${e.label} ${e.start}-${e.end} ${e.text}`);

  let tab = await open('dist-vite/index.html');
  try {
    await tab.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 20_000 });
    const out = await tab.page.evaluate(([url, docs]) => window.harness.poisoned(url, docs, true), [url, poisoned]);
    assert.ok(Array.isArray(out.batch.docs), `with a worker the batch must resolve, not ${JSON.stringify(out.batch)}`);
    assert.deepEqual(out.batch.docs.map((d) => d.id), poisoned.map((d) => d.id), 'every document comes back, in order');
    assert.match(out.batch.docs[1].error ?? '', /the other documents were analysed\. Cause: the analysis engine failed on this document: fault injected for testing/, 'the poisoned document carries its error (the core wraps the trap message)');
    assert.deepEqual(out.batch.docs[1].entities, [], 'the poisoned document has no entities');
    assert.deepEqual(spans(out.batch.docs[0]), spans(pair[0]), 'the document before the poisoned one keeps the CLI\'s entities');
    assert.deepEqual(spans(out.batch.docs[2]), spans(pair[1]), 'the document after the poisoned one is analysed (the CLI\'s entities)');
    assert.equal(tab.workers(), 2, 'one trap, one fresh worker');
    assert.deepEqual(spans(out.next[0]), spans(alone[0]), 'the analyzer works after the trap');
    const link = await tab.page.evaluate(([url, docs]) => window.harness.poisoned(url, docs, true), [url, linking]);
    assert.match(link.batch.linking_error ?? '', /failed while linking/, 'a trap in the cross-document step: linking_error says so');
    assert.deepEqual(spans(link.batch.docs[0]), spans(alone[0]), 'and each document keeps its own result');
    tab.check({ allow: /fault injected for testing/ }); // the panic hook's report of the planted panics
  } finally {
    await tab.close();
  }

  tab = await open('dist-vite/index.html');
  try {
    await tab.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 20_000 });
    const out = await tab.page.evaluate(([url, docs]) => window.harness.poisoned(url, docs, false), [url, poisoned]);
    assert.equal(out.batch.isError, true, 'on the calling thread a trap rejects the batch');
    assert.match(out.batch.message, /on document 1 of 3; on the calling thread it cannot recover: use createAnalyzer\(\{worker: true\}\)/, 'the message says which document and what to use instead');
    assert.match(out.next.message ?? '', /failed earlier/, 'later calls say the engine is gone');
    // The panic hook reports the panic on the console (console_error_panic_hook): expected here.
  } finally {
    await tab.close();
  }
});

for (const bundler of ['esbuild', 'vite']) {
  test(`the README's npm example runs as written (${bundler} bundle)`, async () => {
    const tab = await open(`dist-${bundler}/readme.html`);
    try {
      const text = 'Angela Merkel met Emmanuel Macron in Paris on Monday.';
      assert.ok(readmeExample().includes(text), 'the README example analyses the sentence this test expects');
      const deadline = Date.now() + 20_000;
      while (!tab.logs.some((l) => l.startsWith('refused:')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const stdin = JSON.stringify({ id: 'a1', text, date: '2020-02-17' }) + '\n';
      const cli = JSON.parse(execFileSync(CLI, ['analyze'], { input: stdin }).toString());
      const expected = ['progress 1/1', ...cli.documents[0].entities.map((e) => `${e.label} ${e.start}-${e.end} ${e.text}`), 'refused: document "a2" has date "yesterday": expected a calendar date written YYYY-MM-DD'];
      assert.deepEqual(tab.logs, expected, 'the README example must print the CLI\'s entities, then the core\'s refusal');
      tab.check();
    } finally {
      await tab.close();
    }
  });
}

test('a TypeScript consumer type-checks against the packed declarations (tsc --noEmit)', () => {
  const tsconfig = {
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom', 'dom.iterable'], types: [], skipLibCheck: false },
    include: ['src/consumer.ts'],
  };
  writeFileSync(join(env.dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  runTsc(env.dir, 'the consumer .ts must type-check against node_modules/presslens/*.d.ts');
  // It can fail: a field the result lacks is an error.
  writeFileSync(join(env.dir, 'src/wrong.ts'), "import type { Entity } from 'presslens';\nexport const f = (e: Entity): string => e.surname;\n");
  writeFileSync(join(env.dir, 'tsconfig.wrong.json'), JSON.stringify({ ...tsconfig, include: ['src/wrong.ts'] }));
  assert.throws(() => runTsc(env.dir, '', 'tsconfig.wrong.json'), /surname/, 'tsc must reject a field that Entity does not have');
  // The packed result types are the generated ones, byte for byte.
  assert.equal(readFileSync(join(env.dir, 'node_modules/presslens/presslens-result.d.ts'), 'utf8'), readFileSync(join(ROOT, 'www/presslens-result.d.ts'), 'utf8'), 'the package must ship www/presslens-result.d.ts as generated');
  const dts = readdirSync(join(env.dir, 'node_modules/presslens')).filter((f) => f.endsWith('.d.ts'));
  for (const f of dts) {
    const code = readFileSync(join(env.dir, 'node_modules/presslens', f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\bany\b/, `${f} must not use the type \`any\``);
  }
});

test("the package's JavaScript type-checks against its declarations (tsc --checkJs)", () => {
  // target/npm/presslens holds the sources as packed, plus the worker's source and the glue's
  // declarations (not packed). The worker runs with a worker's globals, checked on its own.
  const pkg = join(ROOT, 'target/npm/presslens');
  const base = { allowJs: true, checkJs: true, noEmit: true, strict: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', types: [], skipLibCheck: false };
  const dir = mkdtempSync(join(tmpdir(), 'presslens-checkjs-'));
  try {
    const page = ['index.js', 'worker.js', 'core.js', 'wasm-input.js'].filter((f) => existsSync(join(pkg, f)));
    writeFileSync(join(dir, 'page.json'), JSON.stringify({ compilerOptions: { ...base, lib: ['esnext', 'dom', 'dom.iterable'] }, files: page.map((f) => join(pkg, f)) }));
    writeFileSync(join(dir, 'worker.json'), JSON.stringify({ compilerOptions: { ...base, lib: ['esnext', 'webworker'] }, files: [join(pkg, 'worker-thread.js')] }));
    runTsc(dir, 'the package\'s page-side JavaScript must type-check', 'page.json');
    runTsc(dir, 'the package\'s worker script must type-check with a worker\'s globals', 'worker.json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs tsc in `cwd` (-p `project`); throws with its output when it reports errors. */
function runTsc(cwd, what, project = 'tsconfig.json') {
  try {
    execFileSync(process.execPath, [TSC, '-p', project], { cwd, stdio: 'pipe' });
  } catch (err) {
    throw new Error(`${what}:\n${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`);
  }
}
