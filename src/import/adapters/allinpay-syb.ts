import { lookupTxnType } from '../../domain/txn.js';
import { cleanCell } from '../cells.js';
import { csvRecords, splitCsv } from '../csv-records.js';
import type { FieldMap } from '../fields.js';
import { partPrefix, type SourceInput, type SourcePart } from '../source-input.js';
import type { Detection, SourceAdapter, SourceRow, SourceSample } from '../types.js';

/**
 * 通联收银宝 merchant statement (domain.md §5.3): 34 comma-separated columns, yuan, date and time in separate
 * columns, batch / voucher / reference number present. These names appear in no other format.
 */
const DISTINCT = ['交易单号', '对接应用号', '原始金额', '产品类型', '分期贴息', '交易完成时间', '渠道交易类型', '出金方账户名称', '交易完成日期', '持卡人身份证'];
const HEADER_SEARCH_ROWS = 20;

/** Column → canonical field. 订单号 is the merchant's order number; 交易单号 is Allinpay's own id. */
const COLUMNS: Readonly<Record<string, keyof FieldMap>> = {
  商户号: 'merchant_id',
  门店名称: 'store_name',
  终端号: 'terminal_id',
  交易时间: 'txn_time',
  交易日期: 'txn_date',
  交易类型: 'txn_type',
  交易批次号: 'batch_no',
  凭证号: 'trace_no',
  参考号: 'rrn',
  卡号: 'card_no',
  卡类别: 'card_type',
  交易金额: 'amount',
  手续费: 'fee',
  结算金额: 'net_amount',
  订单号: 'order_no',
};

const PRE_AUTH_CANCEL = '预授权撤销';
const PRE_AUTH_CANCEL_SKIP = 'pre-authorisation cancelled (预授权撤销): a released hold, no money settles';

/**
 * A reversal (消费冲正, …冲正) undoes the line it names and the two net to zero (domain.md §4.3). Read as a sale
 * (消费) it would double the money. It repeats the original's terminal, voucher (trace) and amount, which link them.
 */
const REVERSAL = '冲正';

interface KeyColumns {
  terminal: number;
  voucher: number;
  order: number;
  amount: number;
  type: number;
}

function keyColumns(header: readonly string[]): KeyColumns {
  return { terminal: header.indexOf('终端号'), voucher: header.indexOf('凭证号'), order: header.indexOf('订单号'), amount: header.indexOf('交易金额'), type: header.indexOf('交易类型') };
}

function keyOf(k: KeyColumns, cells: readonly string[]): string {
  const ref = cells[k.voucher] || cells[k.order] || '';
  const amount = cells[k.amount] ?? '';
  return `${cells[k.terminal] ?? ''}|${ref}|${amount.startsWith('-') ? amount.slice(1) : amount}`;
}

/** Personal data a statement carries: masked in the stored raw line like a card number. */
export const PERSONAL = ['持卡人姓名', '持卡人身份证'] as const;

function headerOf(text: string): string[] | null {
  const split = splitCsv(text);
  if (!split.ok) return null;
  const cells = split.cells.map(cleanCell);
  const distinct = DISTINCT.filter((d) => cells.includes(d)).length;
  return distinct >= 4 && cells.includes('终端号') && cells.includes('交易金额') ? cells : null;
}

/** Type names seen on 收银宝 statements beyond the terminal's own vocabulary (冲正 lines are set aside before). */
function typeOf(text: string): string {
  if (lookupTxnType(text).kind !== 'unknown') return text;
  // Never a sale, whatever else it says: a reversal that got this far is rejected as an unknown type.
  if (text.includes(REVERSAL)) return text;
  if (/撤销/.test(text)) return 'VOID';
  if (/退/.test(text)) return 'REFUND';
  if (/预授权完成/.test(text)) return 'COMPLETION';
  if (/预授权/.test(text)) return 'AUTH';
  return /消费|支付|收款/.test(text) ? 'SALE' : text;
}

export const allinpaySyb: SourceAdapter = {
  format: 'allinpay-syb',
  description: '通联收银宝 POS statement: 34 columns, yuan, separate date and time, batch / voucher / RRN',
  sides: ['settlement'],
  detect(sample: SourceSample): Detection {
    const lines = sample.head.split(/\r?\n/, HEADER_SEARCH_ROWS);
    const at = lines.findIndex((l) => headerOf(l) !== null);
    if (at !== -1) return { fits: true, format: 'allinpay-syb', side: 'settlement', confidence: 0.95, why: `header on line ${at + 1} has 收银宝's own columns (交易单号, 对接应用号, 渠道交易类型…)` };
    const best = Math.max(0, ...lines.map((l) => DISTINCT.filter((d) => l.includes(d)).length));
    return { fits: false, format: 'allinpay-syb', closeness: best / DISTINCT.length, miss: `no header with 收银宝 columns (${best} of ${DISTINCT.join(', ')} found; 4 needed)` };
  },
  read: readAllinpay,
};

type Base = { line: number; raw: string; where?: string };

/** The reversal lines of a part, by the key of the line each cancels: found first, so that line can be set aside. */
async function reversalsOf(part: SourcePart): Promise<Map<string, { line: number; type: string }>> {
  const found = new Map<string, { line: number; type: string }>();
  let k: KeyColumns | null = null;
  for await (const { line, text } of csvRecords(part.text())) {
    if (!k) {
      const header = headerOf(text);
      if (header) k = keyColumns(header);
      continue;
    }
    // Most lines are no reversal: a substring test spares them the split.
    if (!text.includes(REVERSAL)) continue;
    const split = splitCsv(text);
    if (!split.ok) continue;
    const cells = split.cells.map(cleanCell);
    const type = cells[k.type] ?? '';
    if (type.includes(REVERSAL)) found.set(keyOf(k, cells), { line, type });
  }
  return found;
}

async function* readAllinpay(input: SourceInput): AsyncGenerator<SourceRow> {
  for (const part of input.parts) {
    const prefix = partPrefix(input, part);
    const reversals = await reversalsOf(part);
    /** Keys of the lines a reversal cancelled. */
    const cancelled = new Set<string>();
    /** Reversal lines, yielded at the end of the part once it is known whether their original was there. */
    const held: Array<{ base: Base; key: string; type: string }> = [];
    let header: string[] | null = null;
    let k: KeyColumns | null = null;
    for await (const { line, text } of csvRecords(part.text())) {
      const base = { line, raw: text, ...(prefix ? { where: `${prefix}:${line}` } : {}) };
      if (!header) {
        header = headerOf(text);
        if (header) k = keyColumns(header);
        yield { ...base, kind: 'skip', reason: header ? 'header row' : 'above the header row (title or blank)' };
        continue;
      }
      const split = splitCsv(text);
      if (text.trim() === '') yield { ...base, kind: 'skip', reason: 'blank line' };
      else if (!split.ok) yield { ...base, kind: 'reject', reason: split.reason };
      else {
        const cells = split.cells.map(cleanCell);
        if (reversals.size > 0 && k !== null && cells.length === header.length) {
          const key = keyOf(k, cells);
          const type = cells[k.type] ?? '';
          if (type.includes(REVERSAL)) {
            held.push({ base, key, type });
            continue;
          }
          const by = reversals.get(key);
          if (by !== undefined) {
            cancelled.add(key);
            yield { ...base, kind: 'skip', reason: `${type || 'line'} reversed by the ${by.type} on line ${by.line}: the two net to zero, nothing settles` };
            continue;
          }
        }
        yield rowOf(header, cells, base);
      }
    }
    for (const r of held) yield reversalRow(r.base, r.type, cancelled.has(r.key));
  }
}

function reversalRow(base: Base, type: string, paired: boolean): SourceRow {
  const reason = `reversal (${type}): it and the line it cancels net to zero`;
  if (paired) return { ...base, kind: 'skip', reason };
  // The original may be in another day's file, where it was imported as settled: say so rather than guess.
  const warning = `reversal (${type}) whose original (same 终端号, 凭证号 and 交易金额) is not in this file: if it was imported from another file it still counts as settled there; check it`;
  return { ...base, kind: 'skip', reason, warnings: [warning] };
}

function rowOf(header: readonly string[], cells: string[], base: Base): SourceRow {
  if (/^(合计|总计|小计)/.test(cells[0] ?? '')) return { ...base, kind: 'skip', reason: `totals row "${cells[0] ?? ''}"` };
  if (cells.length !== header.length) return { ...base, kind: 'reject', reason: `${cells.length} columns, but the header has ${header.length}` };
  const fields: FieldMap = {};
  header.forEach((name, i) => {
    const field = COLUMNS[name];
    if (field && cells[i] !== '') fields[field] = cells[i] ?? '';
  });
  // A pre-auth cancel only releases a hold (domain.md §2.2); read by typeOf's /撤销/ it would be a VOID giving money
  // back. A completion void (预授权完成撤销) does give captured money back and stays a VOID.
  if (fields.txn_type === PRE_AUTH_CANCEL) return { ...base, kind: 'skip', reason: PRE_AUTH_CANCEL_SKIP };
  if (fields.txn_type !== undefined) fields.txn_type = typeOf(fields.txn_type);
  // Credits are paid back out of the settlement: the net is negative whichever sign the statement prints.
  const type = lookupTxnType(fields.txn_type ?? '');
  const credit = type.kind === 'value' && (type.value === 'VOID' || type.value === 'REFUND');
  if (credit && fields.net_amount !== undefined && !fields.net_amount.startsWith('-')) fields.net_amount = `-${fields.net_amount}`;
  const sensitive = PERSONAL.map((p) => cells[header.indexOf(p)] ?? '').filter((v) => v !== '');
  return { ...base, kind: 'fields', fields, ...(sensitive.length ? { sensitive } : {}) };
}
