import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCase } from '../../src/app/cases.js';
import { renderSlips, reprintTime, type SlipsOptions } from '../../src/app/render-slips.js';
import { UsageError } from '../../src/domain/errors.js';
import { openStore } from '../../src/store/open.js';
import { fixedContext, runScenario } from '../helpers/store.js';

/** The every-category match fixture: one line per rule (its README lists them). */
const FIX = join(import.meta.dirname, '../fixtures/match/every-category');
const TMP = mkdtempSync(join(tmpdir(), 'posrecon-slips-select-'));
const DB = join(TMP, 'posrecon.db');
let outs = 0;

beforeAll(async () => {
  const db = openStore(DB);
  await runScenario(FIX, db);
  db.close();
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function slips(selector: SlipsOptions['selector'], more: Partial<SlipsOptions> = {}) {
  const outDir = join(TMP, `out${++outs}`);
  return renderSlips({ dbPath: DB, outDir, selector, copies: ['merchant'], widthMm: 80, oneFile: false, ...more }, fixedContext);
}

const traces = (r: Awaited<ReturnType<typeof slips>>): string[] => r.slips.map((s) => s.model.traceNo ?? '-');

describe('slips: which transactions', () => {
  it('by default, the cases without a slip: timed out but settled, double charge, never recorded', async () => {
    const r = await slips({});
    expect(r.slips.map((s) => `${s.category} ${s.model.traceNo}`)).toEqual([
      'timeout_but_settled 000103',
      'duplicate_charge 000104',
      'missing_on_terminal 000116',
    ]);
    expect(r.slips.map((s) => s.model.primary.side)).toEqual(['settlement', 'settlement', 'settlement']);
    expect(readdirSync(join(TMP, `out${outs}`)).sort()).toEqual([
      '10012345-000103-20260308-merchant.pdf',
      '10012345-000104-20260308-merchant.pdf',
      '10012345-000116-20260308-merchant.pdf',
    ]);
  });

  it('an ignored void is printed from the void alone, not merged with its sale\'s settlement line', async () => {
    const r = await slips({ categories: ['void_not_honored'] });
    expect(r.slips).toHaveLength(1);
    expect(r.slips[0]?.model).toMatchObject({ traceNo: '000113', txnType: 'VOID', secondary: null });
  });

  it('--all-settled: one slip per settlement line, paired with its terminal record when matched', async () => {
    const r = await slips({ allSettled: true });
    expect(r.slips).toHaveLength(15);
    const s121 = r.slips.find((s) => s.model.traceNo === '000121');
    // The settlement line has no trace; the matched journal record supplies it.
    expect(s121?.model.fields.voucherNo).toEqual({ value: '000121', from: 'terminal' });
  });

  it('selectors add up and a transaction is printed once', async () => {
    const r = await slips({ rrns: ['030899990103'], terminalTraces: [{ terminalId: '10012345', traceNo: '103' }], categories: ['timeout_but_settled'] });
    expect(traces(r)).toEqual(['000103']);
    expect(r.slips[0]?.caseId).toMatch(/^c_/);
  });

  /** Regression: the CLI kept only the last --rrn (and the last --terminal/--trace pair), so one slip came out of two asked for. */
  it('every RRN and every terminal/trace pair given is printed', async () => {
    expect(traces(await slips({ rrns: ['030810000101', '030810000107'] }))).toEqual(['000101', '000107']);
    const pairs = [{ terminalId: '10012345', traceNo: '108' }, { terminalId: '10012399', traceNo: '1' }];
    expect(traces(await slips({ terminalTraces: pairs }))).toEqual(['000108', '000001']);
  });

  it('a timeout that was reversed and never settled has no slip: skipped, with the reason', async () => {
    const r = await slips({ terminalTraces: [{ terminalId: '10012345', traceNo: '000106' }] });
    expect(r.slips).toEqual([]);
    expect(r.skipped).toEqual([
      { what: 'terminal 10012345 trace 000106 (journal.csv:7)', reason: 'REVERSED and never settled: no slip exists for it, and posrecon does not make one' },
    ]);
  });

  it.each([
    ['an unknown case id', { caseIds: ['c_0000000000000000'] }, /--case c_0000000000000000: no such case/],
    ['an unknown RRN', { rrns: ['030810000101', '999999999999'] }, /--rrn 999999999999: no record/],
    ['an unknown terminal and trace', { terminalTraces: [{ terminalId: '10012345', traceNo: '101' }, { terminalId: '10012345', traceNo: '999' }] }, /--terminal 10012345 --trace 999: no record has this terminal and trace/],
  ])('refuses %s (usage error)', async (_what, selector, message) => {
    const p = slips(selector);
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(p).rejects.toThrow(message);
  });

  it('refuses a database that does not exist, without creating it', async () => {
    const missing = join(TMP, 'missing.db');
    await expect(renderSlips({ dbPath: missing, outDir: join(TMP, 'x'), selector: {}, copies: ['merchant'], widthMm: 80, oneFile: false }, fixedContext)).rejects.toThrow(/no such database/);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a database that was never matched', async () => {
    const empty = join(TMP, 'empty.db');
    openStore(empty).close();
    await expect(renderSlips({ dbPath: empty, outDir: join(TMP, 'y'), selector: {}, copies: ['merchant'], widthMm: 80, oneFile: false }, fixedContext)).rejects.toThrow(/nothing matched yet/);
  });

  it('the reprint time is the clock in Beijing time to the minute, or the one given', async () => {
    expect(reprintTime(new Date('2026-03-10T16:30:59Z'))).toBe('2026-03-11 00:30 UTC+8');
    const r = await slips({ rrns: ['030810000101'] }, { reprintedAt: '2026-04-01 09:00' });
    expect(r.slips[0]?.model.reprintedAt).toBe('2026-04-01 09:00 UTC+8');
  });
});

describe('slips: case status', () => {
  const CLOSED_DB = join(TMP, 'closed.db');
  const idOf = async (trace: string): Promise<string> => {
    const r = await slips({ categories: ['timeout_but_settled', 'duplicate_charge'] }, { dbPath: CLOSED_DB });
    return r.slips.find((s) => s.model.traceNo === trace)?.caseId ?? '';
  };

  beforeAll(async () => {
    const db = openStore(CLOSED_DB);
    await runScenario(FIX, db);
    db.close();
    await resolveCase(CLOSED_DB, { id: await idOf('000103'), status: 'resolved', by: 'test' }, fixedContext);
    await resolveCase(CLOSED_DB, { id: await idOf('000104'), status: 'disputed', by: 'test' }, fixedContext);
  });

  it('by default leaves out resolved and written-off cases, and counts them; a disputed case still prints', async () => {
    const r = await slips({}, { dbPath: CLOSED_DB });
    expect(r.slips.map((s) => `${s.category} ${s.model.traceNo}`)).toEqual(['duplicate_charge 000104', 'missing_on_terminal 000116']);
    expect(r.closedCases).toBe(1);
  });

  it('a category or case named on the command line prints whatever its status', async () => {
    const r = await slips({ categories: ['timeout_but_settled'] }, { dbPath: CLOSED_DB });
    expect(traces(r)).toEqual(['000103']);
    expect(r.closedCases).toBe(0);
  });
});
