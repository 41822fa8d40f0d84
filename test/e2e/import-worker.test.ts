/**
 * Issue 6: the built CLI prepares the rows of a large file (or zip) in a worker thread; the TypeScript sources
 * that vitest runs read in process. Both must store exactly the same: records, rejected rows and counts.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/app/import-file.js';
import { generateScenario } from '../../src/generate/index.js';
import { listZip } from '../../src/import/zip.js';
import { openStore } from '../../src/store/open.js';
import { posrecon } from '../helpers/exec.js';
import { CUTOFF, fixedContext } from '../helpers/store.js';

function stored(path: string, table = 'terminal_records') {
  const db = new Database(path, { readonly: true });
  try {
    return {
      // Every column but the row id and the file id, which differ between the two databases.
      records: (db.prepare(`SELECT * FROM ${table} ORDER BY file_id, line`).raw().all() as unknown[][]).map((r) => JSON.stringify(r.slice(2))),
      unimported: db.prepare('SELECT line, disposition, reason, raw FROM rejected_rows ORDER BY line').all(),
      counts: db.prepare('SELECT rows_read, rows_imported, rows_rejected, rows_skipped FROM imported_files').all(),
      warnings: db.prepare('SELECT line, location, message FROM import_warnings ORDER BY id').all(),
      controls: db.prepare('SELECT * FROM control_totals ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

describe('a large file read in a worker thread', () => {
  it('stores exactly what reading it in process stores, bad rows included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-worker-'));
    await generateScenario({ outDir: dir, seed: 5, days: 2, terminals: 20, perDay: 1000 });
    const path = join(dir, 'journal.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    // Amounts over 999.99 are quoted ("1,328.00"): the damage is done where no cell is quoted.
    lines[10] = (lines[10] ?? '').replace(/,2026-03-0(\d),/, ',2026-13-0$1,');
    lines[20] = '';
    lines[30] = `${lines[30] ?? ''},"never closed`;
    lines[40] = (lines[40] ?? '').split(',').slice(0, 5).join(',');
    writeFileSync(path, lines.join('\n'));
    expect(statSync(path).size).toBeGreaterThan(4 << 20);

    const inWorker = join(dir, 'worker.db');
    const cli = posrecon(['import', '--db', inWorker, '--side', 'terminal', path]);
    expect(cli.code).toBe(0);
    expect(cli.stderr.match(/:(\d+): rejected/g)).toEqual([':11: rejected', ':31: rejected', ':41: rejected']);
    const inProcess = join(dir, 'in-process.db');
    const db = openStore(inProcess);
    await importFile(db, { path, side: 'terminal', cutoff: CUTOFF }, fixedContext);
    db.close();

    const a = stored(inWorker);
    const b = stored(inProcess);
    expect(a.records.length).toBeGreaterThan(40_000);
    expect(a.unimported.length).toBeGreaterThanOrEqual(4);
    expect(a.counts).toEqual(b.counts);
    expect(a.unimported).toEqual(b.unimported);
    expect(a.records).toEqual(b.records);
  });

  it('reads a UnionPay zip there too, judging its size by its entries uncompressed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-worker-zm-'));
    await generateScenario({ outDir: dir, seed: 6, days: 1, terminals: 20, perDay: 600, settlementFormat: 'unionpay-zm' });
    const zip = readdirSync(dir).find((f) => f.endsWith('.zip')) ?? '';
    const path = join(dir, zip);
    // Compressed, the zip is far below the worker's 4 MB; its ZM file is not.
    expect(statSync(path).size).toBeLessThan(4 << 20);
    expect((await listZip(path)).reduce((n, e) => n + e.size, 0)).toBeGreaterThan(4 << 20);

    const inWorker = join(dir, 'worker.db');
    const cli = posrecon(['import', '--db', inWorker, path]);
    expect(cli.code).toBe(0);
    const inProcess = join(dir, 'in-process.db');
    const db = openStore(inProcess);
    await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
    db.close();

    const a = stored(inWorker, 'settlement_records');
    const b = stored(inProcess, 'settlement_records');
    expect(a.records.length).toBeGreaterThan(10_000);
    expect(a.controls.length).toBeGreaterThan(0);
    expect(a.counts).toEqual(b.counts);
    expect(a.unimported).toEqual(b.unimported);
    expect(a.warnings).toEqual(b.warnings);
    expect(a.controls).toEqual(b.controls);
    expect(a.records).toEqual(b.records);
  });
});
