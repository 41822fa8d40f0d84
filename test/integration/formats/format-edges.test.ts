/** Edge cases of the acquirer formats, on files the generator writes (then damaged on purpose in a temp folder). */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, type ImportResult } from '../../../src/app/import-file.js';
import { generateScenario } from '../../../src/generate/index.js';
import { ZM_FIELDS } from '../../../src/import/adapters/unionpay-layout.js';
import { zipEntryBytes, listZip } from '../../../src/import/zip.js';
import { CUTOFF, fixedContext, memoryStore } from '../../helpers/store.js';

type Imported = Extract<ImportResult, { status: 'imported' }>;

/** The 1-based byte column where a ZM field starts. */
function columnOf(key: string): number {
  let at = 1;
  for (const [k, width] of ZM_FIELDS) {
    if (k === key) return at;
    at += width + 1;
  }
  throw new Error(`no ZM field ${key}`);
}

/** 门店 in GBK, two bytes a hanzi (Node decodes GBK but has no encoder for it). */
const MENDIAN_GBK = Buffer.from('c3c5b5ea', 'hex');

async function generated(format: 'unionpay-zm' | 'wechat-bill' | 'leshua-trade'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `posrecon-edge-${format}-`));
  await generateScenario({ outDir: dir, seed: 21, days: 1, terminals: 2, perDay: 40, settlementFormat: format });
  return dir;
}

async function load(path: string, extra: { year?: number } = {}): Promise<Imported> {
  const r = await importFile(memoryStore(), { path, cutoff: CUTOFF, ...extra }, fixedContext);
  if (r.status !== 'imported') throw new Error('not imported');
  return r;
}

async function zmText(dir: string): Promise<Buffer> {
  const zip = join(dir, readdirSync(dir).find((n) => n.endsWith('.zip')) ?? '');
  const entry = (await listZip(zip)).find((e) => e.name.includes('ZM_'));
  const chunks: Buffer[] = [];
  for await (const c of zipEntryBytes(zip, entry?.index ?? 0)) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('UnionPay ZM', () => {
  it('a bad field is rejected as file:line:col-col, and the RD-less file still imports the rest', async () => {
    const dir = await generated('unionpay-zm');
    const lines = (await zmText(dir)).toString('latin1').split('\r\n');
    lines[2] = `${lines[2]?.slice(0, 70) ?? ''}O${lines[2]?.slice(71) ?? ''}`;
    const path = join(dir, 'INN26030888ZM_898310154110001');
    writeFileSync(path, Buffer.from(lines.join('\r\n'), 'latin1'));
    const r = await load(path);
    expect(r.rejected).toEqual([{ line: 3, where: ':3:67-78', reason: expect.stringContaining('交易金额 (txnAmt) is not 12 digits of fen') }]);
    expect(r.counts.imported).toBe(lines.filter((l) => l !== '').length - 1);
  });

  it('a hanzi in a field is two GBK bytes: the fields after it are still read at their byte columns', async () => {
    const dir = await generated('unionpay-zm');
    const records = (await zmText(dir)).toString('latin1').split('\r\n').filter((r) => r !== '');
    const name = columnOf('subMerAbbr');
    const term = columnOf('termId');
    // The first 4 bytes of every sub-merchant name become two hanzi, 4 bytes in GBK; the record keeps its length.
    const bytes = records.map((r) => {
      const b = Buffer.from(r, 'latin1');
      MENDIAN_GBK.copy(b, name - 1);
      return b;
    });
    const path = join(dir, 'INN26030888ZM_898310154110001');
    writeFileSync(path, Buffer.concat(bytes.flatMap((b) => [b, Buffer.from('\r\n')])));
    const db = memoryStore();
    const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
    expect(r.status === 'imported' && r.counts.rejected).toBe(0);
    const stored = db.prepare('SELECT line, terminal_id, raw FROM settlement_records ORDER BY line').all() as Array<{ line: number; terminal_id: string; raw: string }>;
    expect(stored.length).toBeGreaterThan(40);
    for (const s of stored) {
      expect(s.terminal_id).toBe(records[s.line - 1]?.slice(term - 1, term + 7).trim());
      expect(s.raw).toContain('门店');
    }
  });

  it('a separator that is not a space is rejected with its byte column and the field before it', async () => {
    const dir = await generated('unionpay-zm');
    const lines = (await zmText(dir)).toString('latin1').split('\r\n');
    const sep = columnOf('termId') - 1;
    lines[1] = `${lines[1]?.slice(0, sep - 1) ?? ''}|${lines[1]?.slice(sep) ?? ''}`;
    const path = join(dir, 'INN26030888ZM_898310154110001');
    writeFileSync(path, Buffer.from(lines.join('\r\n'), 'latin1'));
    const r = await load(path);
    expect(r.rejected).toEqual([{ line: 2, where: `:2:${sep}-${sep}`, reason: `byte ${sep} after field settleNetAmt is not the separating space` }]);
  });

  it('without a date in the file name, the year comes from --year, or the file is refused', async () => {
    const dir = await generated('unionpay-zm');
    const path = join(dir, 'zm-detail.txt');
    writeFileSync(path, await zmText(dir));
    await expect(load(path)).rejects.toMatchObject({ message: expect.stringContaining('MMDDhhmmss without a year'), hint: expect.stringContaining('--year') });
    const r = await load(path, { year: 2026 });
    expect(r.counts.rejected).toBe(0);
  });
});

describe('WeChat bill fees', () => {
  it('a fee with fractions of a fen is rounded half-up to the fen, warned about, and checked exactly against the summary', async () => {
    const dir = await generated('wechat-bill');
    const name = readdirSync(dir).find((n) => n.startsWith('wechat_')) ?? '';
    const lines = readFileSync(join(dir, name), 'utf8').split('\r\n');
    const i = lines.findIndex((l) => l.includes('`SUCCESS,'));
    const cells = (lines[i] ?? '').split(',`');
    const fee = cells[22] ?? '';
    cells[22] = fee.replace(/000$/, '500');
    lines[i] = cells.join(',`');
    const path = join(dir, 'bill.csv');
    writeFileSync(path, lines.join('\r\n'));
    const r = await load(path);
    expect(r.counts.rejected).toBe(0);
    expect(r.warnings).toEqual([{ line: i + 1, reason: expect.stringMatching(/手续费 \d+\.\d{2}500 has fractions of a fen; stored as \d+\.\d{2}/) }]);
    expect(r.controls.find((c) => c.label === '手续费总金额')).toMatchObject({ scale: 5, status: 'differs' });
    expect(r.controls.find((c) => c.label === '手续费总金额')?.inRows).toBe((r.controls.find((c) => c.label === '手续费总金额')?.stated ?? 0) + 500);
  });
});

describe('乐刷 reversal lines', () => {
  it('a sale and its 消费冲正 are set aside together, and the totals still agree', async () => {
    const dir = await generated('leshua-trade');
    const r = await load(join(dir, readdirSync(dir).find((n) => n.includes('_trade_new_')) ?? ''));
    // The BT title and totals records, and at least two sale + 冲正 pairs (the scenario's reversed attempts).
    expect(r.counts.skipped).toBeGreaterThanOrEqual(2 + 2 * 2);
    expect(r.controls.every((c) => c.status === 'agrees')).toBe(true);
  });
});
