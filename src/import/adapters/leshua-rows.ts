import type { FieldMap } from '../fields.js';
import type { SourceRow } from '../types.js';

/** BT totals: column, measure key, label, and whether the column holds whole fen (else it is a count). */
export const TOTALS: ReadonlyArray<readonly [string, string, string, 0 | 2]> = [
  ['编号', 'count', 'BV 记录数 (编号)', 0],
  ['交易金额(分)', 'amount', '交易金额(分)', 2],
  ['手续费(分)', 'fee', '手续费(分)', 2],
  ['结算金额(分)', 'net', '结算金额(分)', 2],
];

/** 交易类型 of the POS lines: what each does to the money. */
const TYPES: Record<string, { type: string; warn?: string } | { skip: string }> = {
  消费: { type: 'SALE' },
  消费撤销: { type: 'VOID' },
  退货成功: { type: 'REFUND' },
  退货中: { type: 'REFUND', warn: 'refund still in progress (退货中): counted as refunded' },
  退货失败: { skip: 'refund failed (退货失败): no money moved' },
  预授权完成: { type: 'COMPLETION' },
};
const REVERSAL = '消费冲正';

type Base = { line: number; raw: string; where?: string };

function col(header: readonly string[], cells: readonly string[], name: string): string {
  const i = header.findIndex((h) => h === name || h.startsWith(`${name}(`));
  return i === -1 ? '' : (cells[i] ?? '');
}

/** What links a reversal to its sale: the terminal, the voucher (or order) number and the amount. */
function keyOf(header: readonly string[], cells: readonly string[]): string {
  const ref = col(header, cells, '凭证号') || col(header, cells, '订单号');
  return `${col(header, cells, '终端号')}|${ref}|${col(header, cells, '交易金额')}`;
}

export function reversalKey(header: readonly string[], cells: readonly string[]): string | null {
  return cells[0] === 'BV' && col(header, cells, '交易类型') === REVERSAL ? keyOf(header, cells) : null;
}

/** Money leaving the merchant (出账, 退款) is negative, in the totals as in the net. */
function sign(header: readonly string[], cells: readonly string[]): number {
  return /^(出账|退款)$/.test(col(header, cells, '资金流向')) ? -1 : 1;
}

function measuresOf(header: readonly string[], cells: readonly string[]): Record<string, number> | null {
  const fen = (name: string): number | null => {
    const v = col(header, cells, name);
    return v === '' ? 0 : /^-?\d+$/.test(v) ? Number(v) : null;
  };
  const [amount, fee, net] = [fen('交易金额'), fen('手续费'), fen('结算金额')];
  if (amount === null || fee === null || net === null) return null;
  const s = sign(header, cells);
  return { count: 1, amount: s * Math.abs(amount), fee, net: s * Math.abs(net) };
}

export function leshuaFields(header: readonly string[], cells: readonly string[], base: Base, reversed: ReadonlyMap<string, number>): SourceRow {
  const m = measuresOf(header, cells);
  if (!m) return { ...base, kind: 'reject', reason: '交易金额(分), 手续费(分) and 结算金额(分) must be whole fen' };
  const text = col(header, cells, '交易类型');
  if (text === REVERSAL) {
    return { ...base, kind: 'skip', reason: 'reversal (消费冲正): it and the sale it cancels net to zero', measures: m, accounted: true };
  }
  const reversal = text === '消费' ? reversed.get(keyOf(header, cells)) : undefined;
  if (reversal !== undefined) {
    return { ...base, kind: 'skip', reason: `sale reversed by the 消费冲正 on line ${reversal}: nothing settles`, measures: m, accounted: true };
  }
  const known = TYPES[text];
  if (known && 'skip' in known) return { ...base, kind: 'skip', reason: known.skip };
  const fields: FieldMap = {
    merchant_id: col(header, cells, '商户号'),
    terminal_id: col(header, cells, '终端号'),
    trace_no: col(header, cells, '凭证号'),
    rrn: col(header, cells, '参考号'),
    order_no: col(header, cells, '订单号'),
    txn_type: known?.type ?? text,
    amount_fen: String(Math.abs(m['amount'] ?? 0)),
    fee_fen: String(m['fee'] ?? 0),
    net_amount_fen: String(m['net'] ?? 0),
    txn_datetime: col(header, cells, '交易时间') || col(header, cells, '支付时间'),
    card_type: col(header, cells, '卡类型'),
  };
  for (const k of Object.keys(fields) as Array<keyof FieldMap>) if (fields[k] === '') delete fields[k];
  return { ...base, kind: 'fields', fields, measures: m, ...(known && 'warn' in known && known.warn ? { warnings: [known.warn] } : {}) };
}
