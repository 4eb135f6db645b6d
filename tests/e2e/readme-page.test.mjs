// The README's first command, run as written (issue #15: every way in has an example that the
// test command executes): the `sh` block after "Build and serve the page" builds and serves the
// page; with PORT=0 the server picks a free port and prints it. The page it serves must load
// and analyse the five sample articles, with no request leaving 127.0.0.1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ROOT, SEEDS, launch, openPage, problems, requireBuild, waitForAnalysis } from './helpers.mjs';

/** The first `sh` block after `heading` in README.md. */
function readmeBlock(heading) {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const at = readme.indexOf(heading);
  assert.ok(at >= 0, `README.md no longer says ${JSON.stringify(heading)}: update this test with the README`);
  const block = readme.slice(at).match(/```sh\n([\s\S]*?)\n```/);
  assert.ok(block, `an sh block must follow ${JSON.stringify(heading)} in README.md`);
  return block[1];
}

test("the README's page command builds and serves the page on the sample articles", { timeout: 600_000 }, async () => {
  requireBuild();
  const command = readmeBlock('Build and serve the page');
  assert.match(command, /scripts\/page\.sh/, 'the page command is scripts/page.sh');
  const child = spawn('bash', ['-c', command], { cwd: ROOT, env: { ...process.env, PORT: '0' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/serving .* on (http:\/\/127\.0\.0\.1:\d+\/?)/);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`the page command exited (${code}) before serving:\n${out}\n${log.slice(-3000)}`)));
    });
    const browser = await launch();
    try {
      const page = await openPage({ browser, url: url.endsWith('/') ? url : `${url}/` });
      await waitForAnalysis(page, { timeout: 60_000 });
      const titles = await page.locator('#doc-list .doc-meta').allTextContents();
      assert.equal(titles.length, Object.keys(SEEDS).length, 'the served page shows the five sample articles');
      assert.match(await page.locator('#status').innerText(), /Analysed 5 articles/);
      assert.deepEqual(problems(page), [], 'no request outside 127.0.0.1 and no console error');
    } finally {
      await browser.close();
    }
  } finally {
    process.kill(-child.pid, 'SIGTERM'); // the whole group: bash and the node server it exec'd
  }
});
