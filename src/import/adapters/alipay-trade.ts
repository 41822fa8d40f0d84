import { parseScaled, type StatedMeasure } from '../control.js';
import type { FieldMap } from '../fields.js';
import { partPrefix, type SourceInput } from '../source-input.js';
import { textLines } from '../text-lines.js';
import type { Detection, SourceAdapter, SourceRow, SourceSample } from '../types.js';
import { footerMeasures, measureKey, SUMMARY_TOTALS, SUMMED_COLUMNS } from './alipay-footer.js';

const TITLE = /^#支付宝业务(明细|汇总)查询/;
const TYPES: Record<string, string> = { 交易: 'SALE', 退款: 'REFUND' };

/**
 * Re-saved by a spreadsheet, comment lines gain trailing commas or a leading empty column; every cell carries a
 * trailing TAB (Alipay's guard against Excel). Full-width brackets are folded so "订单金额（元）" = "订单金额(元)".
 */
function clean(cell: string): string {
  return cell.replace(/\t/g, '').trim().replace(/（/g, '(').replace(/）/g, ')');
}

function commentOf(text: string): string | null {
  const t = text.replace(/^[,\s]+/, '').replace(/[,\s]+$/, '');
  return t.startsWith('#') ? t : null;
}

/** Alipay 业务明细 (trade detail) CSV, its 业务明细(汇总) summary, or the .csv.zip holding both. */
export const alipayTrade: SourceAdapter = {
  format: 'alipay-trade',
  description: 'Alipay 业务明细 trade bill (GBK CSV with # preamble and footer totals), its 汇总 file, or the .csv.zip Alipay delivers',
  sides: ['settlement'],
  terminalOptional: true,
  naturalDay: true,
  detect(sample: SourceSample): Detection {
    const hit = sample.parts.find((p) => TITLE.test(commentOf(p.head.split(/\r?\n/, 1)[0] ?? '') ?? ''));
    if (hit) return { fits: true, format: 'alipay-trade', side: 'settlement', confidence: 0.98, why: `"#支付宝业务…查询" title line in ${hit.name}` };
    const account = sample.parts.some((p) => /^#支付宝账务明细查询/.test(p.head.trimStart()));
    return {
      fits: false,
      format: 'alipay-trade',
      closeness: account ? 0.7 : 0,
      miss: account ? 'an Alipay account bill (账务明细) is not a trade bill; download bill_type=trade' : 'no "#支付宝业务明细查询" title line',
    };
  },
  read: readAlipay,
};

async function* readAlipay(input: SourceInput): AsyncGenerator<SourceRow> {
  for (const part of input.parts) {
    const prefix = partPrefix(input, part);
    let header: string[] | null = null;
    for await (const { line, text } of textLines(part.text())) {
      const base = { line, raw: text, ...(prefix ? { where: `${prefix}:${line}` } : {}) };
      const comment = commentOf(text);
      if (text.replace(/[,\s]/g, '') === '') yield { ...base, kind: 'skip', reason: 'blank line' };
      else if (comment !== null) {
        const measures = footerMeasures(comment);
        if (measures) yield { ...base, kind: 'skip', reason: 'footer totals (#…合计)', control: { source: `footer line ${line}${prefix ? ` of ${part.name}` : ''}`, measures } };
        else yield { ...base, kind: 'skip', reason: /列表结束/.test(comment) ? 'end-of-list marker' : 'comment line (#)' };
      } else if (!header) {
        header = text.split(',').map(clean);
        yield { ...base, kind: 'skip', reason: 'header row' };
      } else if (header[0] === '门店编号') {
        yield summaryRow(header, text.split(',').map(clean), base, part.name);
      } else yield detailRow(header, text.split(',').map(clean), base);
    }
  }
}

type Base = { line: number; raw: string; where?: string };

function detailRow(header: readonly string[], cells: string[], base: Base): SourceRow {
  if (cells.length !== header.length) return { ...base, kind: 'reject', reason: `${cells.length} columns, but the header has ${header.length}` };
  const col = (name: string): string => cells[header.indexOf(name)] ?? '';
  const kind = col('业务类型');
  const type = TYPES[kind];
  if (!type) return { ...base, kind: 'reject', reason: `业务类型 "${kind}" is not 交易 or 退款` };
  const measures: Record<string, number> = { [measureKey(kind, 'count')]: 1 };
  const money: Record<string, number> = {};
  for (const c of SUMMED_COLUMNS) {
    if (!header.includes(c)) continue;
    const v = parseScaled(col(c) || '0', 2);
    if (v === null) return { ...base, kind: 'reject', reason: `${c} "${col(c)}" is not an amount in yuan` };
    money[c] = v;
    measures[measureKey(kind, c)] = v;
    measures[measureKey('all', c)] = v;
  }
  // Refund rows print negative amounts. The sign of 服务费 is not settled across vintages (formats.md §2.2), so the
  // fee is taken as paid by the merchant on a payment and given back on a refund, whatever sign is printed.
  const fee = Math.abs(money['服务费(元)'] ?? 0) * (type === 'SALE' ? 1 : -1);
  const receipt = money['商家实收(元)'] ?? 0;
  const amountColumn = money['订单金额(元)'] === undefined ? '商家实收(元)' : '订单金额(元)';
  const amount = money[amountColumn] ?? 0;
  // The sign is how Alipay says which way the money went: one that contradicts 业务类型 leaves the row's meaning unknown.
  if (type === 'SALE' ? amount < 0 : amount > 0) {
    const [found, expected] = type === 'SALE' ? ['negative', 'positive'] : ['positive', 'negative'];
    return { ...base, kind: 'reject', reason: `${amountColumn} "${col(amountColumn)}" is ${found} on a ${kind} row (expected ${expected}: Alipay prints only 退款 rows negative)`, measures };
  }
  const fields: FieldMap = {
    order_no: col('商户订单号'),
    terminal_id: col('终端号'),
    txn_type: type,
    amount_fen: String(Math.abs(amount)),
    fee_fen: String(fee),
    net_amount_fen: String(receipt - fee),
    txn_datetime: col('完成时间') || col('创建时间'),
    store_name: col('门店名称'),
  };
  return { ...base, kind: 'fields', fields, measures };
}

/** A store's line of the 汇总 file is skipped; its 合计 row states the totals of every detail row. */
function summaryRow(header: readonly string[], cells: string[], base: Base, name: string): SourceRow {
  if (cells[0] !== '合计') return { ...base, kind: 'skip', reason: `summary (汇总) line of store ${cells[0] ?? ''}` };
  const measures: StatedMeasure[] = [];
  for (const [column, key, scale] of SUMMARY_TOTALS) {
    const i = header.indexOf(column);
    const v = i === -1 ? null : parseScaled(cells[i] || '0', scale);
    if (v !== null) measures.push({ key, label: `汇总 ${column}`, scale, stated: v });
  }
  return { ...base, kind: 'skip', reason: 'summary (汇总) total row: control totals', control: { source: `合计 row of ${name}`, measures } };
}
