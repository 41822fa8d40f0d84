import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCases, resolveCase } from '../../../src/app/cases.js';
import type { AppContext } from '../../../src/app/context.js';
import { writeEvidence } from '../../../src/app/evidence.js';
import type { Category } from '../../../src/domain/categories.js';
import { CREDIT_SETTLED_REQUEST } from '../../../src/domain/disputes.js';
import { buildEvidencePack } from '../../../src/report/evidence/build-evidence.js';
import { REPRINT_MARKER } from '../../../src/slip/layout.js';
import { openStore } from '../../../src/store/open.js';
import { merchantsRepo } from '../../../src/store/repos/merchants.js';
import { extractPdfText } from '../../helpers/pdf-text.js';
import { runScenario } from '../../helpers/store.js';

const INPUTS = join(import.meta.dirname, '../../fixtures/match/every-category');
const FIX = join(import.meta.dirname, '../../fixtures/report/evidence');
/** Text that may wrap: Chinese wraps between characters, English at a space (which extraction drops). */
function has(text: string, part: string): boolean {
  return text.includes(part) || text.replace(/\n/g, '').includes(part) || text.replace(/\n/g, ' ').includes(part);
}

const ctx: AppContext = { now: () => new Date('2026-03-10T08:00:00Z'), user: () => 'alice' };

async function prepare(): Promise<{ dir: string; dbPath: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'posrecon-evidence-'));
  const dbPath = join(dir, 'e.db');
  const db = openStore(dbPath);
  merchantsRepo(db).upsert({ merchant_id: '898310154110001', name: '示例便利店', name_en: 'Example Mart', acquirer: '银联商务', updated_at: '2026-03-01T00:00:00Z' });
  await runScenario(INPUTS, db);
  db.close();
  return { dir, dbPath };
}

async function caseId(dbPath: string, category: Category): Promise<string> {
  const [c] = await listCases(dbPath, { category });
  return c?.id ?? '';
}

describe('dispute evidence pack', () => {
  it('for a timeout_but_settled case holds every part, as in expected.timeout_but_settled.txt', async () => {
    const { dir, dbPath } = await prepare();
    const id = await caseId(dbPath, 'timeout_but_settled');
    await resolveCase(dbPath, { id, status: 'disputed', note: 'sent to acquirer 2026-03-10' }, ctx);
    const out = join(dir, 'pack.pdf');
    await writeEvidence(dbPath, { caseId: id, outFile: out }, ctx);
    const pdf = readFileSync(out);
    const text = await extractPdfText(pdf);

    // Cover: merchant, case, category, amount, request, deadlines — in both languages.
    for (const part of [
      '争议证据包',
      'Dispute evidence pack',
      '商户名称 Merchant name 示例便利店 / Example Mart (商户登记 merchant registry)',
      '收单机构 Acquirer 银联商务',
      `案件号 Case id ${id}`,
      '类别 Category 超时但已扣款 / timed out but settled (timeout_but_settled)',
      '状态 Status 已提出差错 / disputed: sent to acquirer 2026-03-10',
      '金额 Amount RMB 300.00',
      '请求收单机构 What we ask the acquirer to do',
      '请撤销该笔交易并将款项退还持卡人(贷记调整)',
      'please reverse it and return the money to the cardholder (credit adjustment)',
      '时限参考 Deadlines (guidance, confirm with your acquirer)',
      'until about 2026-07-06',
      // Timeline from both sides.
      '2026-03-08 09:20:00 终端',
      'it showed TIMED OUT, no response code',
      'the acquirer recorded a SALE of 300.00 (RRN 030899990103',
      'cleared on settlement day 2026-03-08, fee 1.80, net 298.20',
      'imported the settlement file settlement.csv',
      // Side by side, provenance, response code.
      '字段 Field 终端流水 Terminal journal 结算文件 Settlement file',
      '终端状态 Terminal status TIMEOUT —',
      '文件SHA-256 File SHA-256',
      '原始行 Raw line 898310154110001,10012345,000128,000103,,,622588******0103,',
      '应答码 Code 无 (none: no reply reached the terminal)',
      '含义 Meaning 无应答 / no reply',
      // The reprinted slip, drawn by the slip renderer.
      REPRINT_MARKER,
      'ELECTRONIC COPY, NOT THE ORIGINAL SLIP',
    ]) {
      expect(has(text, part), part).toBe(true);
    }
    const sha = createHash('sha256').update(readFileSync(join(INPUTS, 'settlement.csv'))).digest('hex');
    expect(text).toContain(sha);
    expect(text).toMatch(/# page \d+: 80\.0 × \d+\.\d mm/);
    expect(text).not.toMatch(/\d{16,19}/); // no full card number anywhere
    await expect(text).toMatchFileSnapshot(join(FIX, 'expected.timeout_but_settled.txt'));

    // Deterministic: the same case, the same clock, the same bytes.
    const again = join(dir, 'again.pdf');
    await writeEvidence(dbPath, { caseId: id, outFile: again }, ctx);
    expect(readFileSync(again).equals(pdf)).toBe(true);
  });

  it('for a duplicate charge shows the re-swipe as a second pair, as in expected.duplicate_charge.txt', async () => {
    const { dir, dbPath } = await prepare();
    const id = await caseId(dbPath, 'duplicate_charge');
    const out = join(dir, 'dup.pdf');
    await writeEvidence(dbPath, { caseId: id, outFile: out }, ctx);
    const text = await extractPdfText(readFileSync(out));
    expect(text).toContain('重刷交易 The re-swipe');
    expect(has(text, 'The re-swipe: the terminal sent a SALE of 400.00 (trace 000105); it showed APPROVED, response code 00 (approved)')).toBe(true);
    expect(has(text, '请撤销超时的首笔并退还持卡人')).toBe(true);
    await expect(text).toMatchFileSnapshot(join(FIX, 'expected.duplicate_charge.txt'));
  });

  /**
   * Regression: a void or refund that failed on the terminal but settled credited the card, yet its pack asked the
   * acquirer to "return the money to the cardholder": a second credit, or a third where the void was done again.
   */
  it('for a void or refund that failed but settled asks for no further credit, and for a reversal when it was credited twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-evidence-credit-'));
    const db = openStore(join(dir, 'c.db'));
    const { match } = await runScenario(join(INPUTS, '../failed-then-retried'), db);
    const packOf = (trace: string) => {
      const c = match.cases.find((x) => x.terminal?.traceNo === trace);
      return buildEvidencePack(db, c?.id ?? '', { now: ctx.now(), preparedBy: 'alice', reprintedAt: '2026-03-10 16:00 UTC+8' });
    };
    const refund = packOf('000301');
    const voidTwice = packOf('000402');
    db.close();
    expect(refund?.category_label).toEqual({ zh: '超时但已退款', en: 'timed out but credited' });
    expect(refund?.request).toEqual(CREDIT_SETTLED_REQUEST.once);
    expect(voidTwice?.request).toEqual(CREDIT_SETTLED_REQUEST.twice);
    for (const p of [refund, voidTwice]) expect(p?.request.zh).not.toContain('退还持卡人');
  });

  /**
   * Regression: the case of an ignored void cites the voided sale's settlement line, and the pack paired that line
   * with the void as "this transaction": type, trace, RRN, auth code and time all marked ≠ in a document for the
   * acquirer, the sale's line twice in the timeline and the provenance, and the sale's auth code on the void's cover.
   */
  it('for a void_not_honored case shows the void alone and the sale with its line, as in expected.void_not_honored.txt', async () => {
    const { dir, dbPath } = await prepare();
    const id = await caseId(dbPath, 'void_not_honored');
    const db = openStore(dbPath);
    const pack = buildEvidencePack(db, id, { now: ctx.now(), preparedBy: 'alice', reprintedAt: '2026-03-10 16:00 UTC+8' });
    db.close();
    expect(pack?.comparisons.flatMap((c) => c.rows.filter((r) => r.differs).map((r) => `${c.title.en}: ${r.label}`))).toEqual([]);
    expect(pack?.comparisons.map((c) => c.title.en)).toEqual(['This void', 'The original sale (voided)']);
    expect(pack?.comparisons[0]?.rows.filter((r) => r.settlement !== null).map((r) => r.label)).toEqual(['结算记录 Settlement line']);
    expect(pack?.provenance.map((p) => `${p.file}:${p.line}`)).toEqual(['journal.csv:14', 'journal.csv:13', 'settlement.csv:9']);

    const out = join(dir, 'void.pdf');
    await writeEvidence(dbPath, { caseId: id, outFile: out }, ctx);
    const text = await extractPdfText(readFileSync(out));
    expect(text).not.toMatch(/^≠ /m);
    expect(text).not.toContain('本案交易');
    for (const part of [
      '交易类型 Type 消费撤销 VOID',
      '凭证号 Voucher (trace) no 000113',
      '参考号 Reference no (RRN) 030810000113',
      '授权码 Auth code 100113',
      '清算日期 Settlement date 无：结算文件中没有这笔撤销的记录 / none: the settlement file has no line for this void',
      '原消费凭证号 Original sale trace no 000112',
      '原消费参考号 Original sale RRN 030810000112',
      '原消费授权码 Original sale auth code 100112',
      'This void: the terminal sent a VOID of 800.00 (trace 000113)',
      'The original sale (voided): the acquirer recorded a SALE of 800.00 (RRN 030810000112',
      'This void: for settlement day 2026-03-08 the settlement file has no line for this void',
    ]) {
      expect(has(text, part), part).toBe(true);
    }
    expect(text.split('The original sale (voided): cleared on settlement day').length - 1).toBe(1);
    await expect(text).toMatchFileSnapshot(join(FIX, 'expected.void_not_honored.txt'));
  });

  it('--category writes one pack per case, named by terminal, trace, date and case', async () => {
    const { dir, dbPath } = await prepare();
    const r = await writeEvidence(dbPath, { category: 'missing_in_settlement', outDir: join(dir, 'packs') }, ctx);
    expect(r.written.map((w) => w.path.slice(dir.length))).toEqual([`/packs/evidence-10012345-000102-20260308-${r.written[0]?.caseId}.pdf`]);
    const text = await extractPdfText(readFileSync(r.written[0]?.path ?? ''));
    expect(text).toContain('应答码 Code 00');
    expect(has(text, '请查询该笔终端已批准的交易并补入账')).toBe(true);
  });

  /**
   * Regression: the footers were drawn before the reprinted slip's page was added, and counted the A4 pages only,
   * so a 5-page pack said "1/4" … "4/4" and its last page, the slip, carried no number and no case id.
   */
  it.each(['timeout_but_settled', 'duplicate_charge', 'void_not_honored'] as const)('numbers every page of a %s pack "N/total", the slip page too', async (category) => {
    const { dir, dbPath } = await prepare();
    const id = await caseId(dbPath, category);
    const out = join(dir, 'pack.pdf');
    await writeEvidence(dbPath, { caseId: id, outFile: out }, ctx);
    const pages = (await extractPdfText(readFileSync(out))).split(/^# page \d+: .*\n/m).slice(1);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const footers = pages.map((page) => page.trimEnd().split('\n').at(-1));
    expect(footers).toEqual(pages.map((_, i) => `posrecon 争议证据包 / evidence pack · ${id} · ${i + 1}/${pages.length}`));
  });

  it('refuses an unknown case', async () => {
    const { dir, dbPath } = await prepare();
    await expect(writeEvidence(dbPath, { caseId: 'c_0000000000000000', outFile: join(dir, 'x.pdf') }, ctx)).rejects.toThrow(/no case c_0000000000000000/);
  });
});
