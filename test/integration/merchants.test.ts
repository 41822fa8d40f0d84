import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../src/app/audit-log.js';
import { listMerchants, setMerchant } from '../../src/app/merchants.js';
import { setRate } from '../../src/app/rates.js';
import { UsageError } from '../../src/domain/errors.js';
import { openStore } from '../../src/store/open.js';
import { fixedContext } from '../helpers/store.js';

const TMP = mkdtempSync(join(tmpdir(), 'posrecon-merchants-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let n = 0;
const freshDb = (): string => join(TMP, `m${++n}.db`);

describe('merchant registry', () => {
  it('adds a merchant with its terminals, then updates only what is given', async () => {
    const db = freshDb();
    const added = await setMerchant(db, { merchantId: '898310154110001', name: '示例便利店', acquirer: '银联商务', terminals: ['10012345', '10012346'] }, fixedContext);
    expect(added).toMatchObject({ created: true, moved: [] });
    const updated = await setMerchant(db, { merchantId: '898310154110001', nameEn: 'EXAMPLE MART', terminals: [] }, fixedContext);
    expect(updated.created).toBe(false);
    expect(await listMerchants(db)).toEqual([
      {
        merchantId: '898310154110001',
        name: '示例便利店',
        nameEn: 'EXAMPLE MART',
        acquirer: '银联商务',
        terminals: ['10012345', '10012346'],
        updatedAt: '2026-03-10T08:00:00.000Z',
      },
    ]);
    await setMerchant(db, { merchantId: '898310154110001', acquirer: '', terminals: [] }, fixedContext);
    expect((await listMerchants(db))[0]?.acquirer).toBeNull();
  });

  it('registers a terminal id typed without its leading zeros as import stores it, and a rate for it likewise', async () => {
    const db = freshDb();
    await setMerchant(db, { merchantId: '898310154110001', name: '示例便利店', terminals: ['1080209', 'POS7'] }, fixedContext);
    expect((await listMerchants(db))[0]?.terminals.sort()).toEqual(['01080209', 'POS7']);
    const { rule } = await setRate(db, { merchant_id: '898310154110001', terminal_id: '1080209', rate: '0.6%' }, fixedContext);
    expect(rule.terminalId).toBe('01080209');
  });

  it('moves a terminal to another merchant and reports it', async () => {
    const db = freshDb();
    await setMerchant(db, { merchantId: 'A1', name: 'A', terminals: ['T1'] }, fixedContext);
    const r = await setMerchant(db, { merchantId: 'B2', name: 'B', terminals: ['T1'] }, fixedContext);
    expect(r.moved).toEqual([{ terminalId: 'T1', from: 'A1' }]);
    expect((await listMerchants(db)).map((m) => [m.merchantId, m.terminals])).toEqual([['A1', []], ['B2', ['T1']]]);
  });

  /** Regression: `merchants set` changed the names slips print, and moved terminals, without an audit entry. */
  it('writes every change to the audit log: who, when, the merchant before and after, the terminals moved', async () => {
    const db = freshDb();
    const ctx = { ...fixedContext, user: () => 'alice' };
    await setMerchant(db, { merchantId: 'A1', name: 'A', terminals: ['T1'] }, ctx);
    await setMerchant(db, { merchantId: 'B2', name: 'B', acquirer: '银联商务', terminals: ['T1'] }, ctx);
    await setMerchant(db, { merchantId: 'B2', nameEn: 'Bee', terminals: [] }, ctx);
    const log = await readAuditLog(db);
    expect(log.brokenAt).toBeNull();
    expect(log.entries.map((e) => [e.at, e.actor, e.action, e.case_id])).toEqual([
      ['2026-03-10T08:00:00.000Z', 'alice', 'merchants.set', null],
      ['2026-03-10T08:00:00.000Z', 'alice', 'merchants.set', null],
      ['2026-03-10T08:00:00.000Z', 'alice', 'merchants.set', null],
    ]);
    expect(log.entries.map((e) => JSON.parse(e.details) as unknown)).toEqual([
      { merchant: { merchant_id: 'A1', name: 'A', name_en: null, acquirer: null }, replaced: null, terminals: ['T1'], moved: [] },
      {
        merchant: { merchant_id: 'B2', name: 'B', name_en: null, acquirer: '银联商务' },
        replaced: null,
        terminals: ['T1'],
        moved: [{ terminal_id: 'T1', from: 'A1' }],
      },
      {
        merchant: { merchant_id: 'B2', name: 'B', name_en: 'Bee', acquirer: '银联商务' },
        replaced: { merchant_id: 'B2', name: 'B', name_en: null, acquirer: '银联商务' },
        terminals: [],
        moved: [],
      },
    ]);
  });

  it('writes no audit entry for a refused change', async () => {
    const db = freshDb();
    await expect(setMerchant(db, { merchantId: 'A1', terminals: ['T1'] }, fixedContext)).rejects.toBeInstanceOf(UsageError);
    expect((await readAuditLog(db)).entries).toEqual([]);
  });

  it('keeps neither the change nor its terminals when its audit entry cannot be written', async () => {
    const db = freshDb();
    await setMerchant(db, { merchantId: 'A1', name: '旧名', terminals: ['T1'] }, fixedContext);
    const store = openStore(db);
    store.exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
    store.close();
    await expect(setMerchant(db, { merchantId: 'A1', name: '新名', terminals: ['T2'] }, fixedContext)).rejects.toThrow(/audit refused/);
    expect(await listMerchants(db)).toMatchObject([{ merchantId: 'A1', name: '旧名', terminals: ['T1'] }]);
  });

  it.each([
    ['a new merchant without a name', { merchantId: '898310154110009', terminals: [] }, /is new: give its name/],
    ['a blank name', { merchantId: '898310154110009', name: '  ', terminals: [] }, /is new: give its name/],
    ['a merchant id with other characters', { merchantId: '8983 1015', name: 'x', terminals: [] }, /merchant id "8983 1015"/],
    ['a terminal id with other characters', { merchantId: 'A1', name: 'x', terminals: ['T/1'] }, /terminal id "T\/1"/],
  ])('refuses %s (usage error, nothing written)', async (_what, settings, message) => {
    const db = freshDb();
    const p = setMerchant(db, settings, fixedContext);
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(p).rejects.toThrow(message);
    // An id is refused before the database is opened, so a new one is not even created.
    expect(existsSync(db) ? await listMerchants(db) : []).toEqual([]);
  });
});
