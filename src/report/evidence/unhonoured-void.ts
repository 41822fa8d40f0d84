import type { Bilingual } from '../../domain/disputes.js';
import type { ReportCase, ReportRecord } from '../model.js';
import { str } from './fields.js';
import type { Comparison, TimelineEvent } from './model.js';

/**
 * A void_not_honored case cites the voided sale's settlement line as its own (src/match/classify.ts), because
 * the void has none. Read as the void's pair, that line would set two transactions side by side and mark every
 * identifier as different; so the pack shows the void alone and the sale with its line.
 */
export interface UnhonouredVoid {
  void: ReportRecord;
  sale: ReportRecord | null;
  saleSettlement: ReportRecord;
}

const sameLine = (a: ReportRecord, b: ReportRecord): boolean => a['file_sha256'] === b['file_sha256'] && a['line'] === b['line'];

export function unhonouredVoid(c: ReportCase, related: (role: string) => ReportRecord | null): UnhonouredVoid | null {
  const t = c.terminal_record;
  const s = c.settlement_record;
  const saleSettlement = related('original_sale_settlement');
  if (!t || !s || !saleSettlement || t['txn_type'] !== 'VOID' || !sameLine(s, saleSettlement)) return null;
  return { void: t, sale: related('original_sale'), saleSettlement };
}

export const VOID_TITLE: Bilingual = { zh: '本案撤销', en: 'This void' };

const NO_LINE: Bilingual = { zh: '结算文件中没有这笔撤销的记录', en: 'the settlement file has no line for this void' };

/** Said in the comparison itself: a column of dashes alone could pass for fields the file leaves blank. */
export function withNoLineRow(cmp: Comparison): Comparison {
  const row = { label: '结算记录 Settlement line', terminal: null, settlement: `无：${NO_LINE.zh}\nNone: ${NO_LINE.en}`, differs: false };
  return { ...cmp, rows: [row, ...cmp.rows] };
}

/** The void's absence is the fact in dispute, so the timeline states it on the day the void should have cleared. */
export function noLineEvent(c: ReportCase, who: Bilingual): TimelineEvent | null {
  if (!c.settle_date) return null;
  return {
    at: c.settle_date,
    who,
    what: {
      zh: `${VOID_TITLE.zh}：清算日 ${c.settle_date} 的${NO_LINE.zh}，原消费未被冲抵`,
      en: `${VOID_TITLE.en}: for settlement day ${c.settle_date} ${NO_LINE.en}, and nothing offsets the sale`,
    },
    source: null,
  };
}

export type SummaryRow = { label: string; value: string };

/**
 * The cover: every identifier is the void's (the case's own, as any pack's cover gives them, with the void as its
 * record and no settlement line); the sale's are there too, each labelled as the original sale's.
 */
export function voidSummary(v: UnhonouredVoid, identifiers: (settled: string) => SummaryRow[]): SummaryRow[] {
  const na = '不详 n/a';
  const { sale, saleSettlement: ss } = v;
  const saleTime = sale ?? ss;
  const own = identifiers(`无：${NO_LINE.zh} / none: ${NO_LINE.en}`);
  return [
    ...own.slice(0, 2),
    { label: '交易类型 Type', value: '消费撤销 VOID' },
    ...own.slice(2),
    { label: '原消费凭证号 Original sale trace no', value: str(sale, 'trace_no') ?? str(v.void, 'orig_trace_no') ?? na },
    { label: '原消费参考号 Original sale RRN', value: str(ss, 'rrn') ?? str(sale, 'rrn') ?? str(v.void, 'orig_rrn') ?? na },
    { label: '原消费授权码 Original sale auth code', value: str(ss, 'auth_code') ?? str(sale, 'auth_code') ?? na },
    { label: '原消费时间 Original sale date/time', value: `${str(saleTime, 'txn_date') ?? ''} ${str(saleTime, 'txn_time') ?? ''}`.trim() || na },
    { label: '原消费清算日期 Original sale settled', value: str(ss, 'settle_date') ?? na },
  ];
}
