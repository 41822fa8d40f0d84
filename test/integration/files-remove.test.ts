import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../src/app/audit-log.js';
import { listCases } from '../../src/app/cases.js';
import { listFiles, removeFile } from '../../src/app/files.js';
import { importFile } from '../../src/app/import-file.js';
import { UsageError } from '../../src/domain/errors.js';
import { openStore } from '../../src/store/open.js';
import { generateScenario } from '../../src/generate/index.js';
import { FORMAT_WRITERS } from '../../src/generate/formats/index.js';
import { CUTOFF, caseKeys, fixedContext, matchCollecting, memoryStore, runScenario } from '../helpers/store.js';

const FIX = join(import.meta.dirname, '../fixtures/match/every-category');
const TMP = mkdtempSync(join(tmpdir(), 'posrecon-files-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('posrecon files remove', () => {
  it('takes a second copy of a settlement file back out, clears the last match, and a new match is as before', async () => {
    const db = join(TMP, 'copy.db');
    const store = openStore(db);
    const { match: before } = await runScenario(FIX, store);
    // The same file downloaded again: one more line break, so another hash, and every row imported twice.
    const copy = join(TMP, 'settlement-again.csv');
    writeFileSync(copy, `${readFileSync(join(FIX, 'settlement.csv'), 'utf8')}\r\n`);
    const again = await importFile(store, { path: copy, side: 'settlement', cutoff: CUTOFF }, fixedContext);
    // The import itself notices: every row looked up is already there, from file #2.
    expect(again.status === 'imported' && again.repeats).toEqual({ sampled: 15, earlier: [{ fileId: 2, name: 'settlement.csv', rows: 15 }] });
    expect(caseKeys(matchCollecting(store))).not.toEqual(caseKeys(before));
    store.close();

    const files = await listFiles(db);
    expect(files.map((f) => `#${f.id} ${f.side} ${f.name}`)).toEqual(['#1 terminal journal.csv', '#2 settlement settlement.csv', '#3 settlement settlement-again.csv']);
    const removed = await removeFile(db, 3, fixedContext, '王会计');
    expect(removed).toMatchObject({ file: { id: 3, name: 'settlement-again.csv' }, clearedRunId: 2 });
    expect((await listFiles(db)).map((f) => f.id)).toEqual([1, 2]);
    await expect(listCases(db)).rejects.toThrow(/nothing matched yet/);

    const after = openStore(db);
    expect(after.prepare('SELECT COUNT(*) FROM settlement_records WHERE file_id = 3').pluck().get()).toBe(0);
    expect(caseKeys(matchCollecting(after))).toEqual(caseKeys(before));
    after.close();

    const log = await readAuditLog(db);
    const entry = log.entries.find((e) => e.action === 'files.remove');
    expect(entry?.actor).toBe('王会计');
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ file_id: 3, file: 'settlement-again.csv', side: 'settlement', cleared_match_run: 2 });
  });

  it('a second file that repeats nothing earlier says nothing, and removing a file the last match never read leaves the match', async () => {
    const db = join(TMP, 'later.db');
    const store = openStore(db);
    await runScenario(FIX, store);
    const later: typeof fixedContext = { now: () => new Date('2026-03-11T08:00:00Z') };
    const other = join(FIX, '../failed-then-retried/settlement.csv');
    const r = await importFile(store, { path: other, side: 'settlement', cutoff: CUTOFF }, later);
    store.close();
    expect(r.status === 'imported' && r.repeats).toEqual({ sampled: 5, earlier: [] });
    expect(await removeFile(db, 3, later)).toMatchObject({ clearedRunId: null });
    expect((await listCases(db)).length).toBeGreaterThan(0);
  });

  it('notices a second copy of a WeChat bill whose lines name no device, through the index of such lines', async () => {
    const dir = mkdtempSync(join(TMP, 'wx-'));
    await generateScenario({ outDir: dir, seed: 5, days: 1, terminals: 2, perDay: 20, settlementFormat: 'wechat-bill' });
    const name = readdirSync(dir).find((n) => FORMAT_WRITERS['wechat-bill'].namePattern.test(n)) ?? '';
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    // 设备号 (column 5) left empty: every line is stored with terminal_id ''.
    const bill = lines.map((l) => (l.startsWith('`20') ? l.split(',').map((c, i) => (i === 4 ? '`' : c)).join(',') : l)).join('\n');
    writeFileSync(join(dir, 'a.csv'), bill);
    writeFileSync(join(dir, 'b.csv'), `${bill}\r\n`);
    const store = memoryStore();
    await importFile(store, { path: join(dir, 'a.csv'), side: 'settlement', cutoff: CUTOFF }, fixedContext);
    const again = await importFile(store, { path: join(dir, 'b.csv'), side: 'settlement', cutoff: CUTOFF }, fixedContext);
    expect(store.prepare("SELECT COUNT(*) FROM settlement_records WHERE terminal_id <> ''").pluck().get()).toBe(0);
    expect(again.status === 'imported' && again.repeats).toMatchObject({ sampled: 32, earlier: [{ fileId: 1, name: 'a.csv', rows: 32 }] });
  });

  it('refuses a file number that does not exist, and a database that does not exist, creating nothing', async () => {
    const db = join(TMP, 'none.db');
    await expect(removeFile(db, 1, fixedContext)).rejects.toThrow(/no such database/);
    expect(existsSync(db)).toBe(false);
    openStore(db).close();
    const p = removeFile(db, 7, fixedContext);
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(p).rejects.toThrow(/no imported file #7/);
  });
});
