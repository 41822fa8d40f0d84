/**
 * Issue 3 "a generated scenario in each format is classified exactly": the same truth-checked scenarios as the
 * generic CSV, written by the generator in every built-in acquirer format, imported with detection (no --format,
 * no --side), matched, and compared case by case with truth.json.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, type ImportResult } from '../../../src/app/import-file.js';
import { generateScenario } from '../../../src/generate/index.js';
import { FORMAT_WRITERS, SETTLEMENT_FORMATS } from '../../../src/generate/formats/index.js';
import { CUTOFF, fixedContext, matchCollecting, memoryStore, type CollectedMatch } from '../../helpers/store.js';

interface Truth {
  cases: Array<{ category: string; terminal_id: string; trace_no: string }>;
}

/**
 * A case is named by terminal and trace, as truth.json does. QR rows (WeChat, Alipay) carry no trace: the
 * generator's order number ends with the trace of the sale it was sent with, and that is how they are named.
 */
function caseKeys(m: CollectedMatch): string[] {
  return m.cases
    .map((c) => {
      const r = c.terminal ?? c.settlement;
      const trace = r?.traceNo ?? r?.orderNo?.slice(-6) ?? '-';
      return `${c.category} ${r?.terminalId ?? '-'} ${trace}`;
    })
    .sort();
}

async function run(format: (typeof SETTLEMENT_FORMATS)[number], seed: number, days: number, terminals: number, perDay: number) {
  const dir = mkdtempSync(join(tmpdir(), `posrecon-${format}-`));
  await generateScenario({ outDir: dir, seed, days, terminals, perDay, settlementFormat: format });
  const db = memoryStore();
  const imports: ImportResult[] = [await importFile(db, { path: join(dir, 'journal.csv'), cutoff: CUTOFF }, fixedContext)];
  const names = readdirSync(dir).filter((n) => FORMAT_WRITERS[format].namePattern.test(n)).sort();
  expect(names).toHaveLength(days);
  for (const n of names) imports.push(await importFile(db, { path: join(dir, n), cutoff: CUTOFF }, fixedContext));
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  return { dir, db, imports, match: matchCollecting(db), truth };
}

describe.each(SETTLEMENT_FORMATS.filter((f) => f !== 'generic-csv'))('generated %s scenario', (format) => {
  it.each([
    [1, 2, 3, 60],
    [77, 1, 3, 40],
    [4242, 3, 2, 150],
  ])('seed %i (%i days × %i terminals × %i) is classified exactly as its truth.json says', async (seed, days, terminals, perDay) => {
    const { imports, match, truth } = await run(format, seed, days, terminals, perDay);
    const [journal, ...settlement] = imports;
    expect(journal?.status === 'imported' && journal.side).toBe('terminal');
    for (const i of settlement) {
      if (i.status !== 'imported') throw new Error(`${i.path} not imported`);
      expect(i.format, i.path).toBe(format);
      expect(i.side).toBe('settlement');
      expect(i.counts.rejected, `${i.path}: ${JSON.stringify(i.rejected.slice(0, 3))}`).toBe(0);
      expect(i.counts.read).toBe(i.counts.imported + i.counts.rejected + i.counts.skipped);
      expect(i.controls.filter((c) => c.status !== 'agrees'), i.path).toEqual([]);
    }
    const expected = truth.cases.map((c) => `${c.category} ${c.terminal_id} ${c.trace_no}`).sort();
    expect(caseKeys(match).filter((k) => !k.startsWith('fee_mismatch'))).toEqual(expected.filter((k) => !k.startsWith('fee_mismatch')));
  });
});

describe('format-specific passes carry the matches', () => {
  it('UnionPay ZM (no RRN, no batch): an amount difference pairs by trace and time, a void line by its trace', async () => {
    const { match } = await run('unionpay-zm', 3, 2, 3, 80);
    expect(match.byPass.rrn).toBe(0);
    expect(match.byPass.trace_time).toBeGreaterThanOrEqual(2);
    const mismatch = match.cases.filter((c) => c.category === 'amount_mismatch');
    expect(mismatch.length).toBeGreaterThanOrEqual(2);
    for (const c of mismatch) expect(c.settlement).not.toBeNull();
  });

  it.each(['wechat-bill', 'alipay-trade'] as const)('%s: QR rows pair by the merchant order number', async (format) => {
    const { match } = await run(format, 5, 2, 2, 60);
    expect(match.byPass.order_no).toBe(match.pairs.length);
    expect(match.pairs.every((p) => p.signals.orderNo && p.signals.carriedBy.includes('order number (商户订单号)'))).toBe(true);
  });
});
