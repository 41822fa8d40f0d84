import { parseScaled, type Scale, type StatedMeasure } from '../control.js';

/**
 * WeChat Pay trade bills (formats.md §1): header names of the current layout (免充值券, since 2018) and of the legacy
 * one still served to a few merchants. Rows are mapped by header name, never by position: ALL, SUCCESS and REFUND
 * bills have different column sets.
 */
export const HEADER_START = /^交易时间,公众账号ID,商户号,/;
export const SUMMARY_START = /^总交易单数,/;

/** Columns whose sum a summary total states, with the scale they are read at. 手续费 carries 5 decimals. */
export const SUMMED: Readonly<Record<string, Scale>> = {
  应结订单金额: 2,
  代金券金额: 2,
  退款金额: 2,
  充值券退款金额: 2,
  手续费: 5,
  订单金额: 2,
  申请退款金额: 2,
  总金额: 2,
  代金券或立减优惠金额: 2,
  代金券或立减优惠退款金额: 2,
  企业红包金额: 2,
  企业红包退款金额: 2,
};

/** Summary header → the detail column it sums ('count' for the number of detail rows), current and legacy names. */
const SUMMARY_OF: Readonly<Record<string, string>> = {
  总交易单数: 'count',
  应结订单总金额: '应结订单金额',
  退款总金额: '退款金额',
  充值券退款总金额: '充值券退款金额',
  手续费总金额: '手续费',
  订单总金额: '订单金额',
  申请退款总金额: '申请退款金额',
  总交易额: '总金额',
  总退款金额: '退款金额',
  总代金券或立减优惠退款金额: '代金券或立减优惠退款金额',
  总企业红包退款金额: '企业红包退款金额',
};

/** Strips the backtick WeChat puts before every value "so that Excel keeps long numbers as text". */
export function unTick(cell: string): string {
  const t = cell.trim();
  return t.startsWith('`') ? t.slice(1).trim() : t;
}

/**
 * Splits a backticked row. The real separator is ",`": free text (商品名称, 商户数据包) is not escaped and may hold
 * commas, so a plain split(',') would shift every column after it.
 */
export function splitTicked(text: string): string[] {
  const body = text.trim().startsWith('`') ? text.trim().slice(1) : text.trim();
  return body.split(',`').map((c) => c.trim());
}

/** The summary row as statements per measure; a total naming no known column is kept but cannot be checked. */
export function summaryMeasures(names: readonly string[], values: readonly string[]): { measures: StatedMeasure[]; bad: string[] } {
  const measures: StatedMeasure[] = [];
  const bad: string[] = [];
  names.forEach((name, i) => {
    const key = SUMMARY_OF[name] ?? `summary:${name}`;
    const scale: Scale = key === 'count' ? 0 : (SUMMED[key] ?? 2);
    const stated = parseScaled(values[i] ?? '', scale);
    if (stated === null) bad.push(`${name} "${values[i] ?? ''}"`);
    else measures.push({ key, label: name, scale, stated });
  });
  return { measures, bad };
}
