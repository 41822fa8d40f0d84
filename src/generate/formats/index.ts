import { alipayWriter } from './alipay.js';
import { allinpayWriter } from './allinpay.js';
import { genericWriter } from './generic.js';
import { leshuaWriter } from './leshua.js';
import type { FormatWriter, SettlementFormat } from './types.js';
import { unionpayWriter } from './unionpay.js';
import { wechatWriter } from './wechat.js';

export { SETTLEMENT_FORMATS, type SettlementFormat } from './types.js';

/** One writer per settlement format, so that every format is exercised by the same truth-checked scenarios. */
export const FORMAT_WRITERS: Readonly<Record<SettlementFormat, FormatWriter>> = {
  'generic-csv': genericWriter,
  'unionpay-zm': unionpayWriter,
  'wechat-bill': wechatWriter,
  'alipay-trade': alipayWriter,
  'allinpay-syb': allinpayWriter,
  'leshua-trade': leshuaWriter,
};
