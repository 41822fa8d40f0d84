import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/app/import-file.js';
import { CUTOFF, fixedContext, memoryStore } from '../../helpers/store.js';

const HEADER = [
  '商户号', '门店名称', '终端号', '交易时间', '交易类型', '交易批次号', '凭证号', '参考号', '卡号', '卡类别', '发卡行机构代码', '发卡行名称',
  '交易金额', '手续费', '交易日期', '交易单号', '订单号', '商户备注', '对接应用号', '原始金额', '结算金额', '产品类型', '分期贴息', '交易完成时间',
  '持卡人姓名', '持卡人身份证', '分期数', '优惠金额', '实付金额', '原交易单', '渠道交易类型', '出金方账户名称', '门店编号', '交易完成日期',
];

/** One 收银宝 line: type, voucher, amount (yuan), fee, net, time. */
function line(type: string, voucher: string, amount: string, fee: string, net: string, time: string): string {
  const cells = [
    '898310154110002', '示例便利店', '20260001', time, type, '000118', voucher, `0412${voucher}000`, '621700******3306', '借记卡', '01050000', '建设银行',
    amount, fee, '2026-04-12', `T${voucher}${time.replace(/:/g, '')}`, '', '', '00000001', amount, net, '银行卡', '0.00', `2026-04-12 ${time}`,
    '', '', '', '0.00', amount, '', 'POS消费', '', 'S002', '2026-04-12',
  ];
  return cells.join(',');
}

async function importLines(lines: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'posrecon-allinpay-'));
  const path = join(dir, 'allinpay_syb_20260412.csv');
  writeFileSync(path, [HEADER.join(','), ...lines].join('\r\n') + '\r\n');
  const db = memoryStore();
  const r = await importFile(db, { path, cutoff: CUTOFF }, fixedContext);
  if (r.status !== 'imported') throw new Error('not imported');
  expect(r.format).toBe('allinpay-syb');
  const records = db.prepare('SELECT trace_no, txn_type, amount_fen, net_fen FROM settlement_records ORDER BY trace_no, txn_type').all();
  const unimported = db.prepare('SELECT line, disposition, reason FROM rejected_rows WHERE line > 1 ORDER BY line').all();
  return { r, records, unimported };
}

/**
 * Regression: 消费冲正 was read as a sale (/消费/) and 预授权撤销 as a void (/撤销/). A reversal and the line it
 * cancels net to zero (domain.md §4.3) and a pre-auth cancel moves no money (§2.2), so both invented money.
 */
describe('通联收银宝 reversals and pre-auth cancels', () => {
  it('sets a 消费冲正 and the sale it reverses aside, both counted as skipped', async () => {
    const { r, records, unimported } = await importLines([
      line('消费', '000457', '128.50', '0.64', '127.86', '14:02:37'),
      line('消费', '000458', '88.00', '0.44', '87.56', '14:05:00'),
      line('消费冲正', '000458', '88.00', '0.00', '0.00', '14:05:40'),
    ]);
    expect(r.counts).toEqual({ read: 4, imported: 1, rejected: 0, skipped: 3 });
    expect(records).toEqual([{ trace_no: '000457', txn_type: 'SALE', amount_fen: 12850, net_fen: 12786 }]);
    expect(unimported).toEqual([
      { line: 3, disposition: 'skipped', reason: '消费 reversed by the 消费冲正 on line 4: the two net to zero, nothing settles' },
      { line: 4, disposition: 'skipped', reason: 'reversal (消费冲正): it and the line it cancels net to zero' },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('warns about a reversal whose sale is not in the file, and never imports it as a sale', async () => {
    const { r, records } = await importLines([line('消费冲正', '000458', '-88.00', '0.00', '0.00', '00:01:40')]);
    expect(records).toEqual([]);
    expect(r.counts).toEqual({ read: 2, imported: 0, rejected: 0, skipped: 2 });
    expect(r.warnings).toEqual([{ line: 2, reason: expect.stringContaining('whose original (same 终端号, 凭证号 and 交易金额) is not in this file') as string }]);
  });

  it('skips a 预授权撤销 (no money moves) but keeps a 预授权完成撤销 as a void', async () => {
    const { r, records, unimported } = await importLines([
      line('预授权完成', '000460', '300.00', '1.50', '298.50', '15:00:00'),
      line('预授权完成撤销', '000461', '300.00', '1.50', '-298.50', '15:10:00'),
      line('预授权撤销', '000462', '500.00', '0.00', '0.00', '15:20:00'),
    ]);
    expect(r.counts).toEqual({ read: 4, imported: 2, rejected: 0, skipped: 2 });
    expect(records).toEqual([
      { trace_no: '000460', txn_type: 'COMPLETION', amount_fen: 30000, net_fen: 29850 },
      { trace_no: '000461', txn_type: 'VOID', amount_fen: 30000, net_fen: -29850 },
    ]);
    expect(unimported).toEqual([{ line: 4, disposition: 'skipped', reason: 'pre-authorisation cancelled (预授权撤销): a released hold, no money settles' }]);
  });
});
