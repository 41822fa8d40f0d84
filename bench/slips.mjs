// Benchmark for issue 4: renders 1,000 reprinted slips from a database of 1,000 matched sales, first as 1,000
// one-slip PDF files (what `posrecon slips --all-settled` writes), then as one 1,000-page file (--one-file).
// Run with `npm run bench:slips` (builds first); `node bench/slips.mjs 5000` for another count.
// It imports the built code in dist/, so it measures what users run; the database is built outside the timing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const N = Number(process.argv[2] ?? 1000);
const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'posrecon-bench-slips-'));
const pad = (n, w) => String(n).padStart(w, '0');
const clock = (i) => {
  const s = 8 * 3600 + i * 30;
  return `${pad(Math.floor(s / 3600) % 24, 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}`;
};

const journal = ['商户号,终端号,批次号,凭证号,参考号,授权码,卡号,交易类型,交易金额,交易日期,交易时间,应答码,交易状态,操作员'];
const settlement = ['清算日期,商户号,终端号,批次号,凭证号,参考号,授权码,卡号,卡类别,交易类型,交易金额,手续费,结算金额,交易日期,交易时间'];
for (let i = 0; i < N; i++) {
  const day = `2026-03-${pad(8 + Math.floor(i / 1000), 2)}`;
  const t = clock(i % 1000);
  const trace = pad(100001 + i, 6);
  const rrn = `0308${pad(10000000 + i, 8)}`;
  const fen = 1000 + ((i * 7919) % 500000);
  const yuan = `${Math.floor(fen / 100)}.${pad(fen % 100, 2)}`;
  const card = `622588${pad(i, 6)}1234`;
  journal.push(`898310154110001,10012345,000128,${trace},${rrn},${pad(i, 6)},${card},消费,${yuan},${day},${t},00,成功,01`);
  settlement.push(`${day},898310154110001,10012345,000128,${trace},${rrn},${pad(i, 6)},622588******1234,贷记卡,消费,${yuan},0.00,${yuan},${day},${t}`);
}
writeFileSync(join(dir, 'journal.csv'), `${journal.join('\n')}\n`);
writeFileSync(join(dir, 'settlement.csv'), `${settlement.join('\n')}\n`);
const run = spawnSync(process.execPath, [join(root, 'bin/posrecon.js'), 'run', '--terminal', 'journal.csv', '--settlement', 'settlement.csv', '--out', 'out'], { cwd: dir, encoding: 'utf8' });
if (run.status !== 0) throw new Error(`posrecon run failed:\n${run.stderr}`);

const db = join(dir, 'out/posrecon.db');
const size = (d) => readdirSync(d).reduce((n, f) => n + statSync(join(d, f)).size, 0);

// Each mode is the CLI in a process of its own, as users run it, so each peak memory is its own.
const results = [];
for (const oneFile of [false, true]) {
  const outDir = join(dir, oneFile ? 'one' : 'many');
  const args = ['slips', '--db', db, '--all-settled', '--out', outDir, '--reprinted-at', '2026-03-10 16:00', ...(oneFile ? ['--one-file'] : [])];
  const r = spawnSync(process.execPath, [join(root, 'bench/measure.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
  if (m.code !== 0) throw new Error(`posrecon ${args.join(' ')} failed:\n${r.stderr}`);
  const files = readdirSync(outDir).length;
  if (files !== (oneFile ? 1 : N)) throw new Error(`expected ${oneFile ? 1 : N} PDF files, got ${files}`);
  results.push({ oneFile, ms: m.ms, files, bytes: size(outDir), peakMb: m.maxRssKb / 1024 });
}
rmSync(dir, { recursive: true, force: true });

console.log(`posrecon slips benchmark: ${N} slips, 80 mm, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
for (const r of results) {
  const what = r.oneFile ? `one ${N}-page PDF` : `${r.files} one-slip PDFs`;
  console.log(`  ${what.padEnd(22)} ${(r.ms / 1000).toFixed(2)} s  (${(r.ms / N).toFixed(1)} ms per slip, ${(r.bytes / 1e6).toFixed(1)} MB, peak RSS ${r.peakMb.toFixed(0)} MB)`);
}
