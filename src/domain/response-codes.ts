/** A CUPS terminal treats all of these as success (domain.md §3.1). */
export const APPROVED_CODES: ReadonlySet<string> = new Set(['00', '10', '11', 'A2', 'A4', 'A5', 'A6']);

/** Codes after which the terminal cannot know whether money moved (domain.md §12.5 "ambiguous"). */
export const UNCERTAIN_CODES: ReadonlySet<string> = new Set(['98', 'A0', '94', '68']);

/** Short Chinese / English meaning, for reasons and reports. */
const MEANING: Record<string, string> = {
  '00': '承兑或交易成功 / approved',
  '01': '查发卡方 / refer to issuer',
  '03': '无效商户 / invalid merchant',
  '04': '没收卡 / pick up card',
  '05': '不予承兑 / do not honour',
  '10': '部分金额批准 / partial approval',
  '11': '重要人物批准 / approved (VIP)',
  '12': '无效交易 / invalid transaction',
  '13': '无效金额 / invalid amount',
  '14': '无效卡号 / invalid card number',
  '22': '怀疑操作有误 / suspected malfunction',
  '25': '找不到原始交易 / original not found',
  '30': '格式错误 / format error',
  '41': '挂失卡 / lost card',
  '43': '被窃卡 / stolen card',
  '51': '余额不足 / insufficient funds',
  '54': '过期的卡 / expired card',
  '55': '密码错误 / incorrect PIN',
  '57': '不允许持卡人进行的交易 / not permitted to cardholder',
  '58': '不允许终端进行的交易 / not permitted to terminal',
  '61': '超出金额限制 / exceeds amount limit',
  '65': '超出次数限制 / exceeds frequency limit',
  '68': '收到的回答太迟 / response received too late',
  '75': '密码输入次数超限 / PIN tries exceeded',
  '77': 'POS批次与网络中心不一致 / batch out of sync, sign on again',
  '90': '日期切换正在处理 / day cut in progress',
  '91': '发卡方状态不正常 / issuer inoperative',
  '92': '金融机构无法达到 / issuer unreachable',
  '94': '重复交易 / duplicate transmission',
  '96': '系统故障 / system malfunction',
  '97': '终端未登记 / terminal not registered',
  '98': '交换中心收不到发卡方应答 / issuer did not reply',
  '99': 'PIN格式错 / PIN format error',
  A0: 'MAC校验错 / MAC check failed',
  A2: '有缺陷的成功 / approved with remark',
  A4: '有缺陷的成功 / approved with remark',
  A5: '有缺陷的成功 / approved with remark',
  A6: '有缺陷的成功 / approved with remark',
  A7: '交换中心异常 / switch fault',
};

export function responseMeaning(code: string | null): string {
  if (code === null) return '无应答 / no reply';
  return MEANING[code] ?? '未知应答码 / unknown code';
}
