import type { SourceAdapter } from '../types.js';
import { alipayTrade } from './alipay-trade.js';
import { allinpaySyb } from './allinpay-syb.js';
import { genericCsv } from './generic-csv.js';
import { jsonLines } from './jsonl.js';
import { leshuaTrade } from './leshua-trade.js';
import { unionpayZm } from './unionpay-zm.js';
import { wechatBill } from './wechat-bill.js';
import { wechatFundflow } from './wechat-fundflow.js';
import { xlsxAdapter } from './xlsx.js';

/** Every format posrecon reads, in the order `posrecon formats` lists them. One line per format. */
export const ADAPTERS: readonly SourceAdapter[] = [
  genericCsv,
  jsonLines,
  unionpayZm,
  wechatBill,
  wechatFundflow,
  alipayTrade,
  allinpaySyb,
  leshuaTrade,
  xlsxAdapter,
];
