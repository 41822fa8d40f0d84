/**
 * What each response code (field 39) means and what the merchant should do about it, in Chinese and English
 * (domain.md §3.2, policy groups from §12.5). Used by import (APPROVED_CODES), terminal health and evidence packs.
 */
export interface ResponseAdvice {
  code: string;
  /** CUPS meaning, 中文. */
  meaningZh: string;
  meaningEn: string;
  actionZh: string;
  actionEn: string;
  group: ResponseGroup;
}

/** domain.md §12.5: approved, declined-final, retry-later, ambiguous (no reply), terminal-admin (configuration). */
export type ResponseGroup = 'approved' | 'declined' | 'retry' | 'ambiguous' | 'admin' | 'unknown';

type Row = readonly [code: string, group: ResponseGroup, meaningZh: string, meaningEn: string, actionZh: string, actionEn: string];

const OTHER_CARD_ZH = '请持卡人换卡或联系发卡行';
const OTHER_CARD_EN = 'ask the cardholder to use another card or call the issuer';
const RETRY_ZH = '稍后重试';
const RETRY_EN = 'retry in a few minutes';
const RETAIN_ZH = '在安全的情况下留存卡片，并联系收单机构';
const RETAIN_EN = 'retain the card if it is safe to do so, and call the acquirer';

const ROWS: readonly Row[] = [
  ['00', 'approved', '承兑或交易成功', 'approved', '交付商品，留存商户存根', 'hand over the goods and keep the merchant copy'],
  ['01', 'declined', '查发卡方', 'refer to card issuer', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['02', 'declined', '查发卡方的特殊条件', "refer to issuer's special conditions", OTHER_CARD_ZH, OTHER_CARD_EN],
  ['03', 'admin', '无效商户', 'invalid merchant', '商户号未登记、被停用或该卡不允许此类商户：致电收单机构客服核实商户状态', 'the merchant id is not registered, blocked, or its MCC is not allowed for this card: call the acquirer service line'],
  ['04', 'declined', '没收卡', 'pick up card', RETAIN_ZH, RETAIN_EN],
  ['05', 'declined', '不予承兑', 'do not honour', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['06', 'retry', '出错', 'error', RETRY_ZH, RETRY_EN],
  ['07', 'declined', '特殊条件下没收卡', 'pick up card, special condition', RETAIN_ZH, RETAIN_EN],
  ['09', 'retry', '请求正在处理中', 'request in progress', RETRY_ZH, RETRY_EN],
  ['10', 'approved', '部分金额批准', 'partial approval', '以其他方式收取差额', 'collect the remainder another way'],
  ['11', 'approved', '重要人物批准(VIP)', 'approved (VIP)', '正常交易', 'proceed'],
  ['12', 'declined', '无效交易', 'invalid transaction', '核实原交易(撤销/冲正的原交易是否成功、是否跨日)', 'check the original transaction (was it approved? is this a next-day action done as same-day?)'],
  ['13', 'declined', '无效金额', 'invalid amount', '核对金额后重新输入', 'check the amount and enter it again'],
  ['14', 'declined', '无效卡号(无此账号)', 'invalid card number', '核对卡号或与原交易卡号是否一致', 'check the card number, or that it is the card of the original'],
  ['15', 'declined', '无此发卡方', 'no such issuer', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['19', 'declined', '请重做交易', 're-enter transaction', '重新读卡', 'read the card again'],
  ['20', 'declined', '无效应答', 'invalid response', '联系收单机构', 'call the acquirer'],
  ['21', 'declined', '不作任何处理', 'no action taken', '请持卡人激活卡片', 'the cardholder must activate the card'],
  ['22', 'declined', '怀疑操作有误', 'suspected malfunction', '重新签到；检查原交易是否已撤销或冲正', 'sign on again; check whether the original was already voided or reversed'],
  ['23', 'declined', '不可接受的交易费', 'unacceptable fee', '联系收单机构', 'call the acquirer'],
  ['25', 'declined', '找不到原始交易', 'original transaction not found', '核对原批次号、凭证号、参考号和日期', 'check the original batch, trace, RRN and date'],
  ['30', 'declined', '格式错误', 'format error', '终端或主机软件问题：联系收单机构', 'terminal or host software problem: call the acquirer'],
  ['31', 'declined', '交换中心不支持的银行', 'bank not supported by switch', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['33', 'declined', '过期的卡(没收卡)', 'expired card, pick up', RETAIN_ZH, RETAIN_EN],
  ['34', 'declined', '有作弊嫌疑(没收卡)', 'suspected fraud, pick up', '不要退还卡片，联系收单机构', 'do not hand the card back; call the acquirer'],
  ['35', 'declined', '与安全保密部门联系(没收卡)', 'contact acquirer security, pick up', '联系收单机构风控部门', 'call the acquirer security department'],
  ['36', 'declined', '受限制的卡(没收卡)', 'restricted card, pick up', '联系收单机构风控部门', 'call the acquirer security department'],
  ['37', 'declined', '与安全保密部门联系(没收卡)', 'contact acquirer security, pick up', '联系收单机构风控部门', 'call the acquirer security department'],
  ['38', 'declined', '超过允许的密码次数', 'PIN tries exceeded', '请持卡人到发卡行重置密码', 'the cardholder must reset the PIN with the issuer'],
  ['39', 'declined', '无此信用卡账户', 'no credit account', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['40', 'declined', '请求的功能尚不支持', 'function not supported', '该交易类型未开通：联系收单机构开通', 'this transaction type is not enabled: ask the acquirer to enable it'],
  ['41', 'declined', '挂失卡', 'lost card', RETAIN_ZH, RETAIN_EN],
  ['42', 'declined', '无此账户', 'no such account', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['43', 'declined', '被窃卡', 'stolen card', RETAIN_ZH, RETAIN_EN],
  ['44', 'declined', '无此投资账户', 'no investment account', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['45', 'declined', '请插卡交易', 'insert the chip', '芯片卡请插卡交易', 'a chip card was swiped: insert it'],
  ['51', 'declined', '卡内余额不足', 'insufficient funds', '请持卡人换卡或降低金额', 'ask for another card or a lower amount'],
  ['52', 'declined', '无此支票账户', 'no cheque account', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['53', 'declined', '无此储蓄卡账户', 'no savings account', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['54', 'declined', '过期的卡', 'expired card', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['55', 'retry', '密码错误', 'incorrect PIN', '请持卡人重新输入密码', 'the cardholder re-enters the PIN'],
  ['56', 'declined', '无此卡记录', 'no card record', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['57', 'declined', '不允许持卡人进行的交易', 'not permitted to cardholder', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['58', 'declined', '不允许终端进行的交易', 'not permitted to terminal', '终端未开通该业务或需重新签到：联系收单机构', 'the terminal is not enabled for this service or needs to sign on: call the acquirer'],
  ['59', 'declined', '有作弊嫌疑', 'suspected fraud', '联系收单机构', 'call the acquirer'],
  ['61', 'declined', '超出取款/消费金额限制', 'exceeds amount limit', '超出发卡行或收单机构设定的限额：请换卡，或由持卡人提高限额', "above the issuer's or the acquirer's limit: use another card, or the cardholder raises the limit"],
  ['62', 'declined', '受限制的卡', 'restricted card', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['63', 'declined', '违反安全保密规定', 'security violation', '联系收单机构', 'call the acquirer'],
  ['64', 'declined', '原始金额不正确', 'original amount incorrect', '撤销或完成金额须与原交易一致', 'a void or completion must carry the original amount'],
  ['65', 'declined', '超出取款/消费次数限制', 'exceeds frequency limit', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['66', 'declined', '受卡方呼受理方安全保密部门', 'call acquirer security', '联系收单机构风控部门', 'call the acquirer security department'],
  ['67', 'declined', '捕捉(没收卡)', 'pick up card', RETAIN_ZH, RETAIN_EN],
  ['68', 'ambiguous', '收到的回答太迟', 'response received too late', '重试前先向发卡行或持卡人核实是否已扣款', 'before retrying, check with the cardholder or issuer whether the card was debited'],
  ['75', 'declined', '密码输入次数超限', 'PIN tries exceeded', '请持卡人到发卡行重置密码', 'the cardholder must reset the PIN with the issuer'],
  ['77', 'admin', 'POS批次与网络中心不一致', 'batch out of sync', '重新签到后再做交易', 'sign on again, then redo the transaction'],
  ['78', 'admin', '网络中心需要向POS终端下载数据', 'terminal must download data', '让终端下载参数', 'let the terminal download its parameters'],
  ['79', 'admin', 'POS终端上传的脱机数据对账不平', 'offline upload out of balance', '联系收单机构核对脱机交易', 'call the acquirer: the offline uploads disagree'],
  ['90', 'retry', '日期切换正在处理(日切)', 'day cut in progress', '几分钟后重试', 'retry in a few minutes'],
  ['91', 'retry', '发卡方状态不正常', 'issuer inoperative', RETRY_ZH, RETRY_EN],
  ['92', 'retry', '金融机构无法达到', 'issuer unreachable', RETRY_ZH, RETRY_EN],
  ['93', 'declined', '交易违法、不能完成', 'transaction cannot be completed', OTHER_CARD_ZH, OTHER_CARD_EN],
  ['94', 'ambiguous', '重复交易', 'duplicate transmission', '不要盲目重做：先查询上一笔交易，核对流水，首笔可能已成功', 'do not re-key blindly: query the last transaction and check the journal; the first attempt may have succeeded'],
  ['95', 'declined', '调节控制错', 'reconcile error', '联系收单机构', 'call the acquirer'],
  ['96', 'retry', '系统故障', 'system malfunction', '约10分钟后重试', 'retry after about 10 minutes'],
  ['97', 'admin', '终端未登记', 'terminal not registered', '终端号未开通或已停用：携终端号和商户号致电收单机构', 'the terminal id is not opened or was closed at the POS centre: call the acquirer with the terminal and merchant ids'],
  ['98', 'ambiguous', '交换中心收不到发卡方应答', 'issuer did not reply', '重刷前先问持卡人是否收到扣款短信；保留凭条，等待自动冲正', 'before swiping again, ask the cardholder whether a debit SMS arrived; keep the slip; expect an automatic reversal'],
  ['99', 'retry', 'PIN格式错', 'PIN format error', '重新签到(同步密钥)', 'sign on again (key sync)'],
  ['A0', 'ambiguous', 'MAC校验错', 'MAC check failed', '重新签到；终端会冲正上一笔', 'sign on again; the terminal will reverse the previous approval'],
  ['A1', 'declined', '转账货币不一致', 'currency mismatch', '联系收单机构', 'call the acquirer'],
  ['A2', 'approved', '有缺陷的成功', 'approved with remark', '视为成功，保留凭条', 'treat as approved; keep the slip'],
  ['A4', 'approved', '有缺陷的成功', 'approved with remark', '视为成功，保留凭条', 'treat as approved; keep the slip'],
  ['A5', 'approved', '有缺陷的成功', 'approved with remark', '视为成功，保留凭条', 'treat as approved; keep the slip'],
  ['A6', 'approved', '有缺陷的成功', 'approved with remark', '视为成功，保留凭条', 'treat as approved; keep the slip'],
  ['A7', 'retry', '拒绝,交换中心异常', 'switch fault', RETRY_ZH, RETRY_EN],
];

/**
 * The codes a CUPS terminal treats as success (domain.md §3.1), taken from the table so that what decides a
 * journal row's status on import and what the reports say about its code cannot disagree.
 */
export const APPROVED_CODES: ReadonlySet<string> = new Set(ROWS.filter(([, group]) => group === 'approved').map(([code]) => code));

const BY_CODE = new Map(
  ROWS.map(([code, group, meaningZh, meaningEn, actionZh, actionEn]) => [code, { code, group, meaningZh, meaningEn, actionZh, actionEn }]),
);

/** A code outside the CUPS list (a vendor's pseudo code, or a typo) is shown as such, never guessed at. */
export function responseAdvice(code: string | null): ResponseAdvice {
  if (code === null || code === '') {
    return {
      code: '',
      group: 'ambiguous',
      meaningZh: '无应答',
      meaningEn: 'no reply',
      actionZh: '核对对账单与持卡人账单，确认是否已扣款',
      actionEn: "check the settlement file and the cardholder's statement for a debit",
    };
  }
  return (
    BY_CODE.get(code.toUpperCase()) ?? {
      code,
      group: 'unknown',
      meaningZh: '未知应答码',
      meaningEn: 'unknown code',
      actionZh: '非银联标准应答码：查终端厂商说明或联系收单机构',
      actionEn: "not a CUPS code: check the terminal vendor's table or call the acquirer",
    }
  );
}
