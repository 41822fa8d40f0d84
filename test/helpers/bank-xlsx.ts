import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { formatYuan, parseYuan } from '../../src/domain/money.js';
import { withThousands } from '../../src/generate/rows.js';

const TYPE = { 消费: 'POS消费', 消费撤销: 'POS撤销', 退货: 'POS退货' } as Record<string, string>;

/**
 * Rewrites generated generic settlement CSVs as one bank-style Excel statement (the layout of
 * profiles/bank-excel-example.yaml): a sheet before the one that matters, a title block, dates as Excel serial
 * numbers or text, times as HHmmss text, amounts as text with thousands separators, a 合计 row and a note.
 */
export async function writeBankXlsx(csvPaths: readonly string[], out: string): Promise<{ rows: number }> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本文件由 posrecon 测试生成']);
  const ws = wb.addWorksheet('交易明细');
  ws.addRow(['某银行商户交易明细']);
  ws.addRow(['商户名称：posrecon模拟商户']);
  ws.addRow([]);
  ws.addRow(['清算日期', '交易日期', '交易时间', '终端编号', '批次号', '凭证号', '参考号', '卡号', '卡种', '交易类型', '交易金额', '手续费', '入账金额']);
  let n = 0;
  const sums = [0, 0, 0];
  for (const path of csvPaths) {
    const [, ...lines] = readFileSync(path, 'utf8').split('\r\n').filter((l) => l !== '');
    for (const line of lines) {
      const c = line.split(',');
      const [settle = '', , terminal = '', batch = '', trace = '', rrn = '', , card = '', cardType = '', type = '', amount = '', fee = '', net = '', date = '', time = ''] = c;
      const parsed = [amount, fee, net].map((m) => parseYuan(m));
      parsed.forEach((m, i) => (sums[i] = (sums[i] ?? 0) + (m.ok ? m.value : 0)));
      const money = parsed.map((m, i) => (m.ok ? withThousands(formatYuan(m.value)) : ([amount, fee, net][i] ?? '')));
      const serial = Date.parse(`${date}T00:00:00Z`) / 86_400_000 + 25569;
      const row = ws.addRow([
        n % 2 === 0 ? new Date(`${settle}T00:00:00Z`) : settle,
        n % 2 === 0 ? serial : date.replace(/-/g, '/'),
        time.replace(/:/g, ''),
        terminal, batch, trace, rrn, card, cardType, TYPE[type] ?? type,
        ...money,
      ]);
      if (n % 2 === 0) row.getCell(1).numFmt = 'yyyy-mm-dd';
      n++;
    }
  }
  ws.addRow(['合计', `共${n}笔`, '', '', '', '', '', '', '', '', ...sums.map((s) => withThousands(formatYuan(s)))]);
  ws.addRow(['注：本明细仅供对账参考']);
  await wb.xlsx.writeFile(out);
  return { rows: n };
}
