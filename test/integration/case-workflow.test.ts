import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuditLog } from '../../src/app/audit-log.js';
import { listCases, resolveCase, showCase } from '../../src/app/cases.js';
import type { AppContext } from '../../src/app/context.js';
import { importFile } from '../../src/app/import-file.js';
import { runMatch } from '../../src/app/run-match.js';
import { UsageError } from '../../src/domain/errors.js';
import { openStore, withStore } from '../../src/store/open.js';
import { auditRepo } from '../../src/store/repos/audit.js';
import { CUTOFF } from '../helpers/store.js';

const FIX = join(import.meta.dirname, '../fixtures/match/every-category');
const journal = join(FIX, 'journal.csv');
const settlement = join(FIX, 'settlement.csv');
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function clock(user: string): AppContext {
  let t = Date.parse('2026-03-10T08:00:00Z');
  return { now: () => new Date((t += 1000)), user: () => user };
}

async function step(dbPath: string, ctx: AppContext, files: Array<[string, 'terminal' | 'settlement']>): Promise<void> {
  await withStore(dbPath, async (db) => {
    for (const [path, side] of files) await importFile(db, { path, side, cutoff: CUTOFF }, ctx);
    runMatch(db, { cutoff: CUTOFF }, ctx);
  }, { create: true });
}

describe('case workflow and audit log', () => {
  it('a status survives a new import and re-matching, even when the case changes category', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'posrecon-cases-')), 'cases.db');
    const ctx = clock('batch-job');
    await step(dbPath, ctx, [[journal, 'terminal']]);
    // Without the settlement file, the approved sale 000102 only waits for it.
    const before = (await listCases(dbPath)).find((c) => c.trace_no === '000102');
    expect(before).toMatchObject({ category: 'pending_settlement', status: 'open' });
    const id = before?.id ?? '';
    const r = await resolveCase(dbPath, { id, status: 'disputed', note: 'asked acquirer to trace, ticket 4471', by: 'alice' }, ctx);
    expect(r.previous).toBe('open');

    await step(dbPath, ctx, [[settlement, 'settlement']]);
    const after = (await listCases(dbPath)).find((c) => c.id === id);
    expect(after).toMatchObject({ category: 'missing_in_settlement', trace_no: '000102', status: 'disputed', status_note: 'asked acquirer to trace, ticket 4471', status_by: 'alice' });
    expect((await listCases(dbPath, { status: 'disputed' })).map((c) => c.id)).toEqual([id]);

    await resolveCase(dbPath, { id, status: 'resolved', note: 'paid on 03-12' }, ctx);
    const shown = await showCase(dbPath, id);
    expect(shown.current?.status).toBe('resolved');
    expect(shown.status).toMatchObject({ status: 'resolved', updated_by: 'batch-job' });
    expect(shown.history.map((h) => [h.actor, JSON.parse(h.details) as unknown])).toEqual([
      ['alice', { from: 'open', to: 'disputed', note: 'asked acquirer to trace, ticket 4471' }],
      ['batch-job', { from: 'disputed', to: 'resolved', note: 'paid on 03-12' }],
    ]);
  });

  it('records every import, match run and status change with who, when and the file hashes', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'posrecon-audit-')), 'audit.db');
    const ctx = clock('bob');
    await step(dbPath, ctx, [
      [journal, 'terminal'],
      [settlement, 'settlement'],
    ]);
    const [c] = await listCases(dbPath, { category: 'duplicate_charge' });
    await resolveCase(dbPath, { id: c?.id ?? '', status: 'written_off', by: 'carol' }, ctx);
    await step(dbPath, ctx, [[journal, 'terminal']]); // already imported: no entry; the match run is one

    const log = await readAuditLog(dbPath);
    expect(log.brokenAt).toBeNull();
    const entries = log.entries.map((e) => ({ ...e, details: JSON.parse(e.details) as Record<string, unknown> }));
    expect(entries.map((e) => `${e.action} ${e.actor}`)).toEqual(['import bob', 'import bob', 'match bob', 'case.status carol', 'match bob']);
    expect(entries[0]?.details).toMatchObject({ file: 'journal.csv', side: 'terminal', sha256: sha(journal), read: 21, imported: 20 });
    expect(entries[1]?.details).toMatchObject({ file: 'settlement.csv', side: 'settlement', sha256: sha(settlement), imported: 15 });
    expect(entries[2]?.details).toMatchObject({
      matched: 13,
      files: [
        { file: 'journal.csv', side: 'terminal', sha256: sha(journal) },
        { file: 'settlement.csv', side: 'settlement', sha256: sha(settlement) },
      ],
    });
    expect(entries[3]).toMatchObject({ case_id: c?.id, details: { from: 'open', to: 'written_off', note: null } });
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort());
    expect(new Set(entries.map((e) => e.at)).size).toBe(entries.length);
  });

  it('the log refuses updates and deletes, and an edit made behind its back breaks the hash chain', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'posrecon-audit-')), 'tamper.db');
    await step(dbPath, clock('dave'), [
      [journal, 'terminal'],
      [settlement, 'settlement'],
    ]);
    const db = openStore(dbPath);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(auditRepo(db).verify()).toEqual({ entries: 3, brokenAt: null });
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 2");
    expect(auditRepo(db).verify().brokenAt).toBe(2);
    db.close();
    expect((await readAuditLog(dbPath)).brokenAt).toBe(2);
  });

  it('refuses an unknown status or case', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'posrecon-cases-')), 'x.db');
    await step(dbPath, clock('eve'), [[journal, 'terminal']]);
    const [c] = await listCases(dbPath);
    await expect(resolveCase(dbPath, { id: c?.id ?? '', status: 'closed' }, clock('eve'))).rejects.toThrow(/"closed" is not a case status/);
    await expect(resolveCase(dbPath, { id: 'c_0000000000000000', status: 'resolved' }, clock('eve'))).rejects.toThrow(UsageError);
    await expect(showCase(dbPath, 'c_0000000000000000')).rejects.toThrow(/no case c_0000000000000000/);
  });
});
