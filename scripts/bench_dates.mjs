// The date table of issue #16 (tests/data/dates.tsv) through presslens (the release CLI,
// `presslens analyze`), chrono-node and compromise + compromise-dates (npm devDependencies,
// pinned in package-lock.json): per class, how many of the dates each one resolves right.
//
// Usage: node scripts/bench_dates.mjs [--write] [--also LABEL=PATH]
//   --write replaces the `dates` section of BENCHMARKS.md with the report (scripts/bench_section.py);
//   --also adds a column for another presslens binary, e.g. one built from an older commit:
//   git archive COMMIT | tar -x -C DIR && (cd DIR && cargo build --release --bin presslens
//   --target-dir DIR/target), then --also 'presslens at COMMIT=DIR/target/release/presslens'.
// The report also holds the sentence side of the issue: the golden-rules sentence tests
// (`cargo test --test sentences_golden`, cases per class) and the CoNLL-2003 token agreement and
// sentence boundaries (`presslens tokeval --conll`, each split, for each presslens binary),
// when ../shared/data/conll2003 is there.
//
// A case counts when the system reports a date overlapping the expression whose value agrees
// with the table at the table's precision: the same day, ISO week, weekend (ISO week, starting
// on a Saturday or Sunday for the peers), month, season, year, decade or century. presslens is
// judged on its ISO value itself (`value` of the DATE/TIME entity, exactly the table's). The
// peers have no durations in their date output: on duration rows they count when they report
// no point in time there; presslens must give the duration's value. Every system gets the
// document date as its reference (noon UTC for chrono-node, `today` for compromise-dates).
process.env.TZ = 'UTC';

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import nlp from 'compromise';
import datesPlugin from 'compromise-dates';

nlp.plugin(datesPlugin);
const root = fileURLToPath(new URL('..', import.meta.url));
const write = process.argv.includes('--write');
const alsoArg = process.argv.indexOf('--also');
const also = alsoArg > 0 ? process.argv[alsoArg + 1]?.split('=') : null;
if (also && (also.length !== 2 || !also[0] || !also[1])) throw new Error('--also: expected LABEL=PATH to a presslens binary');
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const pkg = (name) => JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8')).version;

const rows = readFileSync(`${root}tests/data/dates.tsv`, 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [cls, doc, sentence, expression, value, precision] = l.split('\t');
    const start = sentence.indexOf(expression);
    return { cls, doc, sentence, expression, value, precision, start, end: start + expression.length };
  });

// ---- calendar helpers (UTC dates)
const isoWeek = (d) => {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const wd = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - wd);
  const y = t.getUTCFullYear();
  const week = Math.ceil(((t - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7);
  return `${y}-W${String(week).padStart(2, '0')}`;
};
const season = (m) => (m >= 3 && m <= 5 ? 'SP' : m >= 6 && m <= 8 ? 'SU' : m >= 9 && m <= 11 ? 'FA' : 'WI');
/** Whether a date `d` (a point in time a peer reported) agrees with the row at its precision. */
function agrees(row, d) {
  if (!d || Number.isNaN(d.getTime())) return false;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const p2 = (n) => String(n).padStart(2, '0');
  const v = row.value;
  switch (row.precision) {
    case 'day': return `${y}-${p2(m)}-${p2(d.getUTCDate())}` === v;
    case 'week': return isoWeek(d) === v;
    case 'weekend': return `${isoWeek(d)}-WE` === v && [0, 6].includes(d.getUTCDay());
    case 'month': return `${y}-${p2(m)}` === v;
    case 'season': return `${y}-${season(m)}` === v;
    case 'year': return String(y) === v;
    case 'decade': return `${String(y).slice(0, 3)}X` === v;
    case 'century': return `${String(y).slice(0, 2)}XX` === v;
    default: return false;
  }
}
const overlaps = (row, s, e) => s < row.end && row.start < e;

// ---- the three systems: per row, whether it got the case
function chronoScore(row) {
  const ref = new Date(`${row.doc}T12:00:00Z`);
  const hit = chrono.parse(row.sentence, ref).find((r) => overlaps(row, r.index, r.index + r.text.length));
  if (row.precision === 'duration') return !hit;
  return !!hit && agrees(row, hit.start.date());
}

function compromiseScore(row) {
  const found = nlp(row.sentence).dates({ today: row.doc, timezone: 'UTC' }).json({ offset: true });
  const hit = found.find((f) => overlaps(row, f.offset.start, f.offset.start + f.offset.length) && f.dates?.start);
  if (row.precision === 'duration') return !hit;
  return !!hit && agrees(row, new Date(hit.dates.start));
}

function presslensScores(bin) {
  if (!bin) {
    const built = spawnSync('cargo', ['build', '-q', '--release', '--bin', 'presslens'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('cargo build --release --bin presslens failed');
  }
  const input = rows.map((r, i) => JSON.stringify({ id: `row ${i}`, text: r.sentence, date: r.doc })).join('\n');
  const run = spawnSync(bin ?? `${root}target/release/presslens`, ['analyze'], { input, maxBuffer: 1 << 28, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`presslens analyze failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout);
  return rows.map((row, i) => {
    const hit = result.documents[i].entities.find((e) => (e.label === 'DATE' || e.label === 'TIME') && overlaps(row, e.start, e.end));
    return !!hit && hit.value === row.value;
  });
}

const systems = [
  ['presslens', presslensScores()],
  ...(also ? [[also[0], presslensScores(also[1])]] : []),
  [`chrono-node ${pkg('chrono-node')}`, rows.map(chronoScore)],
  [`compromise ${pkg('compromise')} + compromise-dates ${pkg('compromise-dates')}`, rows.map(compromiseScore)],
];

const classes = [...new Set(rows.map((r) => r.cls))];
const lines = [];
lines.push('## Dates and sentence boundaries (issue #16)');
lines.push('');
const shown = process.argv.slice(2).map((a) => (/[^\w./=-]/.test(a) ? `'${a}'` : a)).join(' ');
lines.push(`Command: \`node scripts/bench_dates.mjs${shown ? ` ${shown}` : ''}\` — ${new Date().toISOString().slice(0, 10)}, load average ${load()} on the machine at the end of the run.`);
lines.push('');
lines.push(`The hand-written date table \`tests/data/dates.tsv\` (${rows.length} cases: an expression in a news sentence, the article's date, the expected ISO value and precision; classes explained in \`tests/dates_table.rs\`, which requires presslens to get every case with its exact span). Cases each system resolves right (see the script's header for what counts). The table was written together with presslens's rules for issue #16, so presslens's column shows that every case passes, not how it does on unseen text; the peers' columns and an older presslens (\`--also\`) are the comparison.`);
lines.push('');
lines.push(`| class | cases | ${systems.map(([n]) => n).join(' | ')} |`);
lines.push(`|---|---:|${systems.map(() => '---:').join('|')}|`);
for (const c of [...classes, 'all']) {
  const idx = rows.map((r, i) => (c === 'all' || r.cls === c ? i : -1)).filter((i) => i >= 0);
  const cells = systems.map(([, s]) => `${idx.filter((i) => s[i]).length}`);
  lines.push(`| ${c === 'all' ? '**all**' : c} | ${idx.length} | ${cells.join(' | ')} |`);
}

// ---- sentences: the golden-rules classes and CoNLL-2003
const golden = readFileSync(`${root}tests/sentences_golden.rs`, 'utf8');
const goldenRun = spawnSync('cargo', ['test', '-q', '--release', '--test', 'sentences_golden'], { cwd: root, encoding: 'utf8' });
lines.push('');
lines.push('### Sentence boundaries: the golden-rules classes (`cargo test --release --test sentences_golden`)');
lines.push('');
lines.push('| class (test) | cases |');
lines.push('|---|---:|');
for (const m of golden.matchAll(/fn (\w+)\(\) \{\n    class\(\n        "([^"]+)",([\s\S]*?)\n    \);\n\}/g)) {
  lines.push(`| ${m[2]} (\`${m[1]}\`) | ${(m[3].match(/\n            \(\n/g) ?? []).length} |`);
}
lines.push('');
lines.push(`Result: ${(goldenRun.stdout.match(/test result: .*/) ?? ['the test did not run: ' + goldenRun.stderr.slice(-300)])[0]}`);
const conll = `${root}../shared/data/conll2003`;
const bins = [['this branch', `${root}target/release/presslens`], ...(also ? [[also[0], also[1]]] : [])];
lines.push('');
lines.push('### CoNLL-2003 tokens and sentences (`presslens tokeval --conll ../shared/data/conll2003/SPLIT.conll`)');
lines.push('');
lines.push('Same measures as the tokenizer section; "rules alone" and error lines left out.');
lines.push('');
lines.push('```text');
for (const [label, bin] of bins) {
  for (const split of ['train', 'dev', 'test']) {
    const run = spawnSync(bin, ['tokeval', '--conll', `${conll}/${split}.conll`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) {
      lines.push(`${label}, ${split}: tokeval failed: ${(run.stderr || '').trim().slice(0, 200)}`);
      continue;
    }
    for (const l of run.stdout.split('\n').filter((l) => /^(tokens|sentences)/.test(l))) lines.push(`${label}, ${split}: ${l}`);
  }
}
lines.push('```');
const report = lines.join('\n');
console.log(report);
if (write) {
  spawnSync('python3', [`${root}scripts/bench_section.py`, 'dates'], { input: report, stdio: ['pipe', 'inherit', 'inherit'] });
}
