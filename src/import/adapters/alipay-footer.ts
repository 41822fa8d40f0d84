import { parseScaled, type StatedMeasure } from '../control.js';

/**
 * Alipay's footers state totals in prose, with wording that changed over the years:
 *   #交易合计：6笔，商家实收共0.06元，商家优惠共0.00元          (current)
 *   #交易合计：4笔，交易金额共0.08元，优惠金额共0.00元          (2019 model-class comment)
 *   #退款合计：4笔，商家实收退款共-0.04元，商家优惠退款共0.00元
 * Each "X共N元" names the column it sums over the rows of that 业务类型; loose regexes read them all.
 */
const FOOTER = /^#(交易|退款)合计[:：]\s*(\d+)\s*笔/;
const CLAUSE = /([^，,：:]+?)共\s*(-?[\d,]*\.?\d+)\s*元/g;

/** Footer wording → detail column (with full-width brackets folded). Unknown wording is kept, unchecked. */
const COLUMN_OF: Readonly<Record<string, string>> = {
  商家实收: '商家实收(元)',
  商家实收退款: '商家实收(元)',
  商家优惠: '商家优惠(元)',
  商家优惠退款: '商家优惠(元)',
  交易金额: '订单金额(元)',
  交易退款金额: '订单金额(元)',
};

/** The measure keys a detail row feeds: per 业务类型 ("交易:商家实收(元)") and for the whole file ("all:…"). */
export function measureKey(kind: string, column: string): string {
  return `${kind}:${column}`;
}

export function footerMeasures(line: string): StatedMeasure[] | null {
  const m = FOOTER.exec(line.trim());
  if (!m) return null;
  const kind = m[1] ?? '';
  const measures: StatedMeasure[] = [{ key: measureKey(kind, 'count'), label: `${kind}合计 笔数`, scale: 0, stated: Number(m[2]) }];
  for (const c of line.matchAll(CLAUSE)) {
    const label = (c[1] ?? '').trim();
    const stated = parseScaled(c[2] ?? '', 2);
    if (stated === null) continue;
    const column = COLUMN_OF[label];
    measures.push({ key: column ? measureKey(kind, column) : `footer:${label}`, label: `${kind}合计 ${label}`, scale: 2, stated });
  }
  return measures;
}

/** The 业务明细(汇总) file's 合计 row, against every detail row of the same zip. */
export const SUMMARY_TOTALS: ReadonlyArray<readonly [string, string, 0 | 2]> = [
  ['交易订单总笔数', measureKey('交易', 'count'), 0],
  ['退款订单总笔数', measureKey('退款', 'count'), 0],
  ['订单金额(元)', measureKey('all', '订单金额(元)'), 2],
  ['商家实收(元)', measureKey('all', '商家实收(元)'), 2],
  ['服务费(元)', measureKey('all', '服务费(元)'), 2],
];

/** Columns whose sums the footers and the summary file state. */
export const SUMMED_COLUMNS = ['订单金额(元)', '商家实收(元)', '商家优惠(元)', '服务费(元)'] as const;
