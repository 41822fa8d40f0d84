import { parseScaled, type StatedMeasure } from '../control.js';
import { partPrefix, type SourceInput } from '../source-input.js';
import { firstLineOf, textLines } from '../text-lines.js';
import type { Detection, SourceAdapter, SourceRow, SourceSample } from '../types.js';
import { splitTicked, unTick } from './wechat-columns.js';

const HEADER_START = /^记账时间,微信支付业务单号,/;
const SUMMARY_START = /^资金流水总笔数,/;

/** Summary header → the rows it counts or sums: income (收入) and expense (支出) are told apart by 收支类型. */
const SUMMARY: Readonly<Record<string, { key: string; scale: 0 | 2 }>> = {
  资金流水总笔数: { key: 'count', scale: 0 },
  收入笔数: { key: 'income_count', scale: 0 },
  收入金额: { key: 'income', scale: 2 },
  支出笔数: { key: 'expense_count', scale: 0 },
  支出金额: { key: 'expense', scale: 2 },
};

/**
 * WeChat Pay 资金账单 (fund-flow bill): movements of the merchant's WeChat balance, not transactions. Its refunds are the
 * same refunds the trade bill lists, so importing both would count them twice: the rows are read, kept (skipped) and
 * checked against the bill's own summary, and nothing is matched.
 */
export const wechatFundflow: SourceAdapter = {
  format: 'wechat-fundflow',
  description: 'WeChat Pay fund-flow bill (资金账单): balance movements, checked against its summary, not matched',
  sides: ['settlement'],
  detect(sample: SourceSample): Detection {
    if (HEADER_START.test(firstLineOf(sample.head))) {
      return { fits: true, format: 'wechat-fundflow', side: 'settlement', confidence: 0.98, why: 'first line is a WeChat fund-flow bill header (记账时间,微信支付业务单号,…)' };
    }
    return { fits: false, format: 'wechat-fundflow', closeness: 0, miss: 'first line is not "记账时间,微信支付业务单号,…"' };
  },
  read: readFundflow,
};

async function* readFundflow(input: SourceInput): AsyncGenerator<SourceRow> {
  for (const part of input.parts) {
    const prefix = partPrefix(input, part);
    let header: string[] | null = null;
    let summary: string[] | null = null;
    for await (const { line, text } of textLines(part.text())) {
      const base = { line, raw: text, ...(prefix ? { where: `${prefix}:${line}` } : {}) };
      const t = text.trim();
      if (t === '') yield { ...base, kind: 'skip', reason: 'blank line' };
      else if (!header) {
        header = HEADER_START.test(t) ? t.split(',') : null;
        yield { ...base, kind: 'skip', reason: header ? 'header row' : 'above the header row' };
      } else if (SUMMARY_START.test(t)) {
        summary = t.split(',').map((c) => c.trim());
        yield { ...base, kind: 'skip', reason: 'summary header (资金流水总笔数…)' };
      } else if (summary) {
        const values = splitTicked(t).map(unTick);
        const measures: StatedMeasure[] = [];
        summary.forEach((name, i) => {
          const m = SUMMARY[name];
          const v = m ? parseScaled(values[i] ?? '', m.scale) : null;
          if (m && v !== null) measures.push({ key: m.key, label: name, scale: m.scale, stated: v });
        });
        summary = null;
        yield { ...base, kind: 'skip', reason: 'summary row: control totals', control: { source: `summary row, line ${line}`, measures, scope: 'rows' } };
      } else {
        yield { ...base, kind: 'skip', reason: 'fund-flow movement (资金账单): not a transaction, counted for the summary only', measures: movement(header, t) };
      }
    }
  }
}

function movement(header: readonly string[], text: string): Record<string, number> {
  const cells = splitTicked(text).map(unTick);
  const col = (name: string): string => cells[header.findIndex((h) => h.startsWith(name))] ?? '';
  const amount = parseScaled(col('收支金额'), 2) ?? 0;
  const income = col('收支类型') === '收入';
  return { count: 1, income_count: income ? 1 : 0, income: income ? amount : 0, expense_count: income ? 0 : 1, expense: income ? 0 : amount };
}
