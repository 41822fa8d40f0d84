// npm run bench [-- --rows 1000000 --sizes 100000,300000,1000000 --runs 3]
// Generates scenarios, then times each posrecon step in its own process against SQLite's own .import of
// the same CSV. Prints a table and writes bench/results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBankXlsx } from './bank-xlsx.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1]]] : [])),
);
const rows = Number(args.rows ?? 1_000_000);
const sizes = (args.sizes ?? (args.rows ? String(rows) : '100000,300000,1000000')).split(',').map(Number);
const runs = Number(args.runs ?? 3);
const work = join(process.cwd(), '.bench');
const TERMINALS = 2000;
const DAYS = 2;

function ensureSqlite3() {
  if (spawnSync('sqlite3', ['-version']).status === 0) return;
  console.error('sqlite3 command-line shell missing: installing it (apt-get install sqlite3)');
  execFileSync('apt-get', ['install', '-y', '-q', 'sqlite3'], { stdio: 'inherit' });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One posrecon command in a fresh process; returns its own wall time and peak RSS. */
function measure(cliArgs) {
  const r = spawnSync(process.execPath, ['bench/measure.mjs', ...cliArgs], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const last = r.stdout.trim().split('\n').pop();
  const m = JSON.parse(last);
  if (m.code !== 0 && m.code !== 1) throw new Error(`posrecon ${cliArgs.join(' ')} failed: ${r.stderr}`);
  return m;
}

function referenceImport(csv) {
  const db = join(work, 'ref.db');
  const header = execFileSync('head', ['-1', csv], { encoding: 'utf8' }).replace(/^\uFEFF/, '').trim();
  const cols = header.split(',').map((_, i) => `c${i}`);
  const times = [];
  for (let i = 0; i < runs; i++) {
    rmSync(db, { force: true });
    execFileSync('sqlite3', [db, `CREATE TABLE t (${cols.join(', ')});`]);
    const started = performance.now();
    execFileSync('sqlite3', [db, '.mode csv', `.import --skip 1 ${csv} t`], { stdio: ['ignore', 'ignore', 'inherit'] });
    times.push(performance.now() - started);
  }
  return median(times);
}

function step(name, rowsDone, cliArgs, { fresh } = {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    if (fresh) fresh();
    results.push(measure(cliArgs));
  }
  const ms = median(results.map((r) => r.ms));
  const maxRssKb = Math.max(...results.map((r) => r.maxRssKb));
  return { step: name, rows: rowsDone, ms: Math.round(ms), rowsPerSec: rowsDone ? Math.round((rowsDone / ms) * 1000) : null, peakMb: Math.round(maxRssKb / 1024) };
}

function generate(dir, perDay, extra = []) {
  const args = ['generate', '--out', dir, '--seed', '1', '--days', String(DAYS), '--terminals', String(TERMINALS), '--per-day', String(perDay), ...extra];
  execFileSync(process.execPath, ['bin/posrecon.js', ...args], { stdio: 'ignore' });
}

/** bench/slips.mjs renders 1,000 slips through the CLI, each mode in its own process; its summary lines go into the table. */
function slipsBench() {
  const text = execFileSync(process.execPath, ['bench/slips.mjs', '1000'], { encoding: 'utf8' });
  return text.trim().split('\n');
}

async function benchSize(n) {
  const dir = join(work, `s${n}`);
  const db = join(dir, 'bench.db');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const perDay = Math.max(1, Math.round(n / (TERMINALS * DAYS)));
  generate(dir, perDay);
  const journal = join(dir, 'journal.csv');
  const settlements = [0, 1].map((d) => join(dir, `settlement_2026030${8 + d}.csv`));
  const lines = (f) => Number(execFileSync('wc', ['-l', f], { encoding: 'utf8' }).trim().split(' ')[0]) - 1;
  const jRows = lines(journal);
  const sRows = settlements.map(lines).reduce((a, b) => a + b, 0);
  const out = [];
  const refMs = referenceImport(journal);
  out.push({ step: 'sqlite3 .import journal.csv (reference)', rows: jRows, ms: Math.round(refMs), rowsPerSec: Math.round((jRows / refMs) * 1000), peakMb: null });
  const imp = step('import journal (generic CSV)', jRows, ['import', '--db', db, '--side', 'terminal', journal], { fresh: () => rmSync(db, { force: true }) });
  imp.ratioToSqlite = Number((imp.ms / refMs).toFixed(2));
  out.push(imp);
  out.push(step('import settlement (2 files)', sRows, ['import', '--db', db, '--side', 'settlement', ...settlements], {
    fresh: () => execFileSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(db)});d.exec("DELETE FROM settlement_records; DELETE FROM rejected_rows WHERE file_id IN (SELECT id FROM imported_files WHERE side='settlement'); DELETE FROM imported_files WHERE side='settlement'");d.close()`]),
  }));
  out.push(step('re-import journal (already imported)', jRows, ['import', '--db', db, '--side', 'terminal', journal]));
  out.push(step('match whole database', jRows + sRows, ['match', '--db', db]));
  out.push(step('write report.json', null, ['report', '--db', db, '--format', 'json', '--out', join(dir, 'report.json')]));
  out.push(step('write report.xlsx', null, ['report', '--db', db, '--format', 'xlsx', '--out', join(dir, 'report.xlsx')]));

  // The same scenario delivered as UnionPay ZM zips, imported into a database of its own.
  const zmDir = join(dir, 'zm');
  generate(zmDir, perDay, ['--settlement-format', 'unionpay-zm']);
  const zips = readdirSync(zmDir).filter((f) => f.endsWith('.zip')).map((f) => join(zmDir, f));
  const zmDb = join(zmDir, 'bench.db');
  out.push(step('import settlement (unionpay-zm zips)', sRows, ['import', '--db', zmDb, ...zips], { fresh: () => rmSync(zmDb, { force: true }) }));

  // A bank's Excel statement of up to 200,000 rows, read through a profile.
  const xlsx = join(dir, 'statement.xlsx');
  const xRows = await writeBankXlsx(settlements, xlsx, 200_000);
  const xDb = join(dir, 'xlsx.db');
  out.push(step('import Excel statement (profile)', xRows, ['import', '--db', xDb, '--profile', 'profiles/bank-excel-example.yaml', xlsx], { fresh: () => rmSync(xDb, { force: true }) }));
  return { size: n, journalBytes: statSync(journal).size, steps: out };
}

/**
 * The Excel and JSON reports of 100,000 cases: a journal of 100,000 rows whose settlement files have not come
 * yet makes one pending_settlement case of each row.
 */
function benchManyCases() {
  const dir = join(work, 'cases');
  const db = join(dir, 'bench.db');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  generate(dir, Math.round(100_000 / (TERMINALS * DAYS)));
  execFileSync(process.execPath, ['bin/posrecon.js', 'import', '--db', db, '--side', 'terminal', join(dir, 'journal.csv')], { stdio: 'ignore' });
  const m = measure(['match', '--db', db]);
  const cases = Number(execFileSync('sqlite3', [db, 'SELECT COUNT(*) FROM cases'], { encoding: 'utf8' }).trim());
  return {
    cases,
    steps: [
      { step: 'match (journal only)', rows: cases, ms: Math.round(m.ms), rowsPerSec: null, peakMb: Math.round(m.maxRssKb / 1024) },
      step(`write report.json of ${cases.toLocaleString('en-US')} cases`, cases, ['report', '--db', db, '--format', 'json', '--out', join(dir, 'report.json')]),
      step(`write report.xlsx of ${cases.toLocaleString('en-US')} cases`, cases, ['report', '--db', db, '--format', 'xlsx', '--out', join(dir, 'report.xlsx')]),
    ],
  };
}

/** The README's table: one column per size, the peak memory of the largest. */
function markdown(r) {
  const secs = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const names = r.sizes[0].steps.map((x) => x.step);
  const big = r.sizes[r.sizes.length - 1];
  const head = `| step | ${r.sizes.map((s) => `${s.size.toLocaleString('en-US')} rows`).join(' | ')} | peak MB at ${big.size.toLocaleString('en-US')} |`;
  const rows = names.map((name) => {
    const cells = r.sizes.map((s) => {
      const x = s.steps.find((y) => y.step === name);
      if (!x) return '–';
      const extra = x.ratioToSqlite ? ` (${x.ratioToSqlite}×)` : x.rowsPerSec && !name.startsWith('re-import') ? ` (${Math.round(x.rowsPerSec / 1000)}k rows/s)` : '';
      return `${secs(x.ms)}${extra}`;
    });
    const peak = big.steps.find((y) => y.step === name)?.peakMb ?? '–';
    return `| ${name} | ${cells.join(' | ')} | ${peak} |`;
  });
  const cases = r.manyCases.steps.map((x) => `| ${x.step} | ${secs(x.ms)} | ${x.peakMb} |`);
  const m = r.machine;
  return [
    `Measured ${r.when.slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, ${m.memGb} GB, Node ${m.node}, sqlite3 ${m.sqlite3}; median of ${r.runs} runs.`,
    '',
    head,
    `|---|${r.sizes.map(() => '---|').join('')}---|`,
    ...rows,
    '',
    '| reports of many cases | time | peak MB |',
    '|---|---|---|',
    ...cases,
    '',
    ...r.slips.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

ensureSqlite3();
if (!existsSync('dist/cli/main.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
mkdirSync(work, { recursive: true });
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version, sqlite3: execFileSync('sqlite3', ['-version'], { encoding: 'utf8' }).split(' ')[0] };
const measured = [];
for (const n of sizes) measured.push(await benchSize(n));
const manyCases = benchManyCases();
const slips = slipsBench();
const results = { when: new Date().toISOString(), machine, runs, sizes: measured, manyCases, slips };
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('bench/results.md', markdown(results));
for (const s of results.sizes) {
  console.log(`\n${s.size.toLocaleString('en-US')} journal rows (${(s.journalBytes / 2 ** 20).toFixed(0)} MB), median of ${runs}:`);
  console.log('step'.padEnd(42) + 'rows'.padStart(10) + 'ms'.padStart(9) + 'rows/s'.padStart(10) + 'peak MB'.padStart(9) + '  vs sqlite3');
  for (const r of s.steps) {
    console.log(
      r.step.padEnd(42) + String(r.rows ?? '').padStart(10) + String(r.ms).padStart(9) + String(r.rowsPerSec ?? '').padStart(10) + String(r.peakMb ?? '').padStart(9) + (r.ratioToSqlite ? `  ${r.ratioToSqlite}×` : ''),
    );
  }
}
console.log(`\nreports of many cases, median of ${runs}:`);
for (const r of manyCases.steps) console.log(r.step.padEnd(42) + String(r.rows ?? '').padStart(10) + String(r.ms).padStart(9) + String(r.rowsPerSec ?? '').padStart(10) + String(r.peakMb ?? '').padStart(9));
console.log(`\n${slips.join('\n')}`);
console.log(`\nmachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memGb} GB, Node ${machine.node}, sqlite3 ${machine.sqlite3}; written bench/results.json`);
