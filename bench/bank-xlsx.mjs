// Writes generated generic settlement CSVs as one bank-style Excel statement in the layout of
// profiles/bank-excel-example.json, with exceljs's streaming writer so 200,000 rows fit in memory.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';

const TYPE = { 消费: 'POS消费', 消费撤销: 'POS撤销', 退货: 'POS退货' };

export async function writeBankXlsx(csvPaths, out, limit = Infinity) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('交易明细');
  ws.addRow(['某银行商户交易明细']).commit();
  ws.addRow([]).commit();
  ws.addRow(['清算日期', '交易日期', '交易时间', '终端编号', '批次号', '凭证号', '参考号', '卡号', '卡种', '交易类型', '交易金额', '手续费', '入账金额']).commit();
  let n = 0;
  for (const path of csvPaths) {
    let first = true;
    for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
      if (first || line === '') {
        first = false;
        continue;
      }
      if (n >= limit) break;
      const [settle, , terminal, batch, trace, rrn, , card, cardType, type, amount, fee, net, date, time] = line.split(',');
      const serial = Date.parse(`${date}T00:00:00Z`) / 86_400_000 + 25569;
      ws.addRow([settle, serial, time.replace(/:/g, ''), terminal, batch, trace, rrn, card, cardType, TYPE[type] ?? type, amount, fee, net]).commit();
      n++;
    }
  }
  ws.addRow(['合计', `共${n}笔`]).commit();
  ws.commit();
  await wb.commit();
  return n;
}
