/**
 * Regression: an RD report lists its totals twice, 总计 by 交易类型 and 总计 by 卡性质, which break the same
 * transactions down two ways. Both were checked, so every agreement or difference was said twice.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/app/import-file.js';
import { CUTOFF, fixedContext, memoryStore } from '../../helpers/store.js';

const RULE = '_'.repeat(60);

/** A small RD report in the layout formats.md §3.4 describes, with its two tables' 总计 rows as given. */
function rdReport(byType: string, byCard: string): Buffer {
  const text = [
    '                 中国银联全渠道商户交易汇总表',
    '',
    '商户代码:898310154110001                清算币种:人民币',
    '清算日期:20260308                       生成日期:20260309',
    '',
    '交易类型            交易笔数    交易金额                费用                资金清算差额',
    '                                借        贷            借        贷        借        贷',
    RULE,
    '消费                   3        0.00      300.00        1.80      0.00      0.00      298.20',
    RULE,
    `总计                   ${byType}`,
    '',
    '卡性质              交易笔数    交易金额                费用                资金清算差额',
    '                                借        贷            借        贷        借        贷',
    RULE,
    '借记卡                 3        0.00      300.00        1.80      0.00      0.00      298.20',
    RULE,
    `总计                   ${byCard}`,
  ].join('\r\n');
  return iconv.encode(`${text}\r\n`, 'gbk');
}

async function controlsOf(content: Buffer) {
  const path = join(mkdtempSync(join(tmpdir(), 'posrecon-rd-')), 'RD201026030801_898310154110001');
  writeFileSync(path, content);
  const r = await importFile(memoryStore(), { path, cutoff: CUTOFF }, fixedContext);
  if (r.status !== 'imported') throw new Error(r.status);
  return r;
}

const TOTALS = '3        0.00      300.00        1.80      0.00      0.00      298.20';

describe('UnionPay RD report totals', () => {
  it('are checked once when both tables state the same 总计', async () => {
    const r = await controlsOf(rdReport(TOTALS, TOTALS));
    expect(r.format).toBe('unionpay-zm');
    expect(new Set(r.controls.map((c) => c.source))).toEqual(new Set(['RD201026030801_898310154110001 总计 by 交易类型']));
    expect(r.controls.every((c) => c.status === 'unchecked')).toBe(true);
  });

  it('are both checked when the two 总计 rows differ', async () => {
    const r = await controlsOf(rdReport(TOTALS, TOTALS.replace('3 ', '4 ')));
    expect(new Set(r.controls.map((c) => c.source))).toEqual(
      new Set(['RD201026030801_898310154110001 总计 by 交易类型', 'RD201026030801_898310154110001 总计 by 卡性质']),
    );
  });
});
