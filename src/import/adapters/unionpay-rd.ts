import { parseScaled, type ControlStatement, type StatedMeasure } from '../control.js';
import type { SourceRow } from '../types.js';

/**
 * The RD report UnionPay ships beside the ZM file (中国银联全渠道商户交易汇总表): a space-aligned text table per
 * transaction type and per card nature, each closed by a 总计 row. Its 总计 rows are the control totals of the ZM
 * records. Columns: count, then debit/credit pairs of 交易金额, 费用 and 资金清算差额, in yuan.
 */
export const RD_MEASURES = [
  ['count', '交易笔数', 0],
  ['amount_debit', '交易金额(借)', 2],
  ['amount_credit', '交易金额(贷)', 2],
  ['fee_debit', '费用(借)', 2],
  ['fee_credit', '费用(贷)', 2],
  ['net_debit', '资金清算差额(借)', 2],
  ['net_credit', '资金清算差额(贷)', 2],
] as const;

export type RdKey = (typeof RD_MEASURES)[number][0];

const ROW = /^(\S+)\s+(\d+)((?:\s+-?[\d,]+\.\d{2}){6})\s*$/;

export function looksLikeRd(head: string): boolean {
  return /中国银联.*汇总表/.test(head) || (/商户代码[:：]/.test(head) && /清算日期[:：]\d{8}/.test(head));
}

/** 清算日期 printed in the RD header, as YYYY-MM-DD. */
export function rdClearingDate(head: string): string | null {
  const m = /清算日期[:：](\d{4})(\d{2})(\d{2})/.exec(head);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function statement(partName: string, table: string, cells: string[], count: string): ControlStatement | null {
  const values = [count, ...cells];
  const measures: StatedMeasure[] = [];
  for (const [i, [key, label, scale]] of RD_MEASURES.entries()) {
    const v = parseScaled(values[i] ?? '', scale);
    if (v === null) return null;
    measures.push({ key, label, scale, stated: v });
  }
  return { source: `${partName} 总计 by ${table}`, measures };
}

/** Every line of an RD report, each skipped with what it is; the 总计 rows carry the control totals. */
export async function* readRd(lines: AsyncIterable<{ line: number; text: string }>, partName: string, where: (line: number) => string | undefined): AsyncGenerator<SourceRow> {
  let table = '交易类型';
  // Both tables break down the same transactions, so their 总计 rows agree; checked twice, they said everything twice.
  let first = null as { table: string; key: string } | null;
  for await (const { line, text } of lines) {
    const at = where(line);
    const base = { line, raw: text, ...(at === undefined ? {} : { where: at }) };
    const t = text.trim();
    const header = /^(交易类型|卡性质)\s/.exec(t);
    if (header) table = header[1] ?? table;
    const m = ROW.exec(t);
    if (t === '') {
      yield { ...base, kind: 'skip', reason: 'blank line (RD report)' };
    } else if (m && m[1] === '总计') {
      const s = statement(partName, table, (m[3] ?? '').trim().split(/\s+/), m[2] ?? '');
      const key = s?.measures.map((x) => x.stated).join(' ') ?? '';
      if (!s) {
        yield { ...base, kind: 'skip', reason: 'RD report total row that could not be read as amounts', warnings: ['RD 总计 row not understood; control totals not checked'] };
      } else if (first?.key === key) {
        yield { ...base, kind: 'skip', reason: `RD report total (总计 by ${table}): the same as 总计 by ${first.table}, checked once` };
      } else {
        first ??= { table, key };
        yield { ...base, kind: 'skip', reason: `RD report total (总计 by ${table}): control totals`, control: s };
      }
    } else if (m) {
      yield { ...base, kind: 'skip', reason: `RD report row (${table} ${m[1] ?? ''}: ${m[2] ?? ''} transactions)` };
    } else {
      yield { ...base, kind: 'skip', reason: header ? 'RD report column header' : /^[_\-=]+$/.test(t) ? 'RD report rule line' : 'RD report title or header' };
    }
  }
}
