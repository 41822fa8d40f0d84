import { parseScaled } from '../control.js';
import type { FieldMap } from '../fields.js';
import { partPrefix, type SourceInput } from '../source-input.js';
import { firstLineOf, textLines } from '../text-lines.js';
import type { Detection, SourceAdapter, SourceRow, SourceSample } from '../types.js';
import { HEADER_START, splitTicked, SUMMARY_START, SUMMED, summaryMeasures, unTick } from './wechat-columns.js';

/** 交易状态 → what the row did: a payment (收入), a refund or a revocation of a paid order (支出). */
const STATES: Record<string, string> = { SUCCESS: 'SALE', REFUND: 'REFUND', REVOKED: 'VOID' };

export function isWechatError(head: string): boolean {
  return head.trimStart().startsWith('<xml>');
}

/** WeChat Pay 交易账单 (trade bill) ALL, SUCCESS or REFUND, current or legacy columns, LF or CRLF. */
export const wechatBill: SourceAdapter = {
  format: 'wechat-bill',
  description: 'WeChat Pay trade bill (交易账单) ALL / SUCCESS / REFUND, current and legacy layouts; backticked values, summary row',
  sides: ['settlement'],
  terminalOptional: true,
  naturalDay: true,
  detect(sample: SourceSample): Detection {
    const first = firstLineOf(sample.head);
    if (HEADER_START.test(first)) {
      const legacy = first.includes('总金额,') && !first.includes('应结订单金额');
      return { fits: true, format: 'wechat-bill', side: 'settlement', confidence: 0.98, why: `first line is a WeChat trade-bill header (${legacy ? 'legacy' : 'current'} layout, ${first.split(',').length} columns)` };
    }
    if (isWechatError(sample.head)) {
      const msg = /<return_msg>(?:<!\[CDATA\[)?([^<\]]*)/.exec(sample.head)?.[1] ?? '';
      return { fits: false, format: 'wechat-bill', closeness: 0.9, miss: `this is a WeChat Pay error response, not a bill${msg ? ` ("${msg}")` : ''}` };
    }
    return { fits: false, format: 'wechat-bill', closeness: first.startsWith('交易时间') ? 0.5 : 0, miss: 'first line is not "交易时间,公众账号ID,商户号,…"' };
  },
  read: readWechat,
};

async function* readWechat(input: SourceInput): AsyncGenerator<SourceRow> {
  for (const part of input.parts) {
    const prefix = partPrefix(input, part);
    let header: string[] | null = null;
    let summaryNames: string[] | null = null;
    let done = false;
    for await (const { line, text } of textLines(part.text())) {
      const base = { line, raw: text, ...(prefix ? { where: `${prefix}:${line}` } : {}) };
      const t = text.trim();
      if (t === '') yield { ...base, kind: 'skip', reason: 'blank line' };
      else if (!header) {
        if (HEADER_START.test(t)) {
          header = t.split(',').map((c) => c.trim());
          yield { ...base, kind: 'skip', reason: 'header row' };
        } else yield { ...base, kind: 'skip', reason: 'above the header row' };
      } else if (done) yield { ...base, kind: 'skip', reason: 'after the summary row' };
      else if (SUMMARY_START.test(t)) {
        summaryNames = t.split(',').map((c) => c.trim());
        yield { ...base, kind: 'skip', reason: 'summary header (总交易单数…)' };
      } else if (summaryNames) {
        const { measures, bad } = summaryMeasures(summaryNames, splitTicked(t).map(unTick));
        done = true;
        yield {
          ...base,
          kind: 'skip',
          reason: 'summary row: control totals',
          control: { source: `summary row, line ${line}${prefix ? ` of ${part.name}` : ''}`, measures },
          ...(bad.length ? { warnings: [`summary values not understood: ${bad.join(', ')}`] } : {}),
        };
      } else yield wechatRow(header, t, base);
    }
  }
}

type Base = { line: number; raw: string; where?: string };

function wechatRow(header: readonly string[], text: string, base: Base): SourceRow {
  let cells = splitTicked(text).map(unTick);
  if (cells.length > header.length) cells = rejoinFreeText(header, cells);
  if (cells.length !== header.length) return { ...base, kind: 'reject', reason: `${cells.length} columns, but the header has ${header.length}` };
  const col = (name: string): string | undefined => {
    const i = header.indexOf(name);
    return i === -1 ? undefined : cells[i];
  };
  const state = col('交易状态') ?? '';
  const type = STATES[state];
  if (!type) return { ...base, kind: 'reject', reason: `交易状态 "${state}" is not SUCCESS, REFUND or REVOKED` };
  const measures: Record<string, number> = { count: 1 };
  for (const [name, scale] of Object.entries(SUMMED)) {
    const v = col(name);
    if (v === undefined) continue;
    const n = parseScaled(v === '' ? '0' : v, scale);
    if (n === null) return { ...base, kind: 'reject', reason: `${name} "${v}" is not an amount in yuan` };
    measures[name] = n;
  }
  const yuan5 = (name: string): number => (measures[name] ?? 0) * (name === '手续费' ? 1 : 1000);
  const credit = type !== 'SALE';
  const refund5 = yuan5('申请退款金额') || yuan5('退款金额');
  const order5 = yuan5('订单金额') || yuan5('总金额');
  const amount5 = credit ? refund5 || order5 : order5 || yuan5('应结订单金额');
  const fee5 = yuan5('手续费');
  const settled5 = credit ? -(yuan5('退款金额') || refund5 || order5) : yuan5('应结订单金额') || order5;
  const warnings = fee5 % 1000 === 0 ? [] : [`手续费 ${col('手续费') ?? ''} has fractions of a fen; stored as ${(toFen(fee5) / 100).toFixed(2)} (the raw line keeps the exact value)`];
  const sub = col('特约商户号') ?? col('子商户号') ?? '';
  const time = credit ? col('退款申请时间') || col('交易时间') : col('交易时间');
  const fields: FieldMap = {
    merchant_id: sub !== '' && sub !== '0' ? sub : (col('商户号') ?? ''),
    terminal_id: col('设备号') ?? '',
    order_no: col('商户订单号') ?? '',
    txn_type: type,
    amount_fen: String(toFen(amount5)),
    fee_fen: String(toFen(fee5)),
    net_amount_fen: String(toFen(settled5 - fee5)),
    txn_datetime: (time ?? '').replace(/：/g, ':'),
    card_type: col('付款银行') ?? '',
  };
  return { ...base, kind: 'fields', fields, measures, ...(warnings.length ? { warnings } : {}) };
}

/** 1/1000 fen → fen, half away from zero (WeChat prints fees rounded to the fen, padded with 000). */
function toFen(milli: number): number {
  return Math.sign(milli) * Math.floor((Math.abs(milli) + 500) / 1000);
}

/** Too many cells: the surplus came from ",`" inside free text; give it back to 商户数据包 (or 商品名称). */
function rejoinFreeText(header: readonly string[], cells: string[]): string[] {
  const at = header.indexOf('商户数据包') !== -1 ? header.indexOf('商户数据包') : header.indexOf('商品名称');
  if (at === -1) return cells;
  const extra = cells.length - header.length;
  return [...cells.slice(0, at), cells.slice(at, at + extra + 1).join(',`'), ...cells.slice(at + extra + 1)];
}
