/** The classification contract (issue 2 §7; fee_mismatch from issue 5). Order is the order reports list them in. */
export const CATEGORIES = [
  'missing_in_settlement',
  'timeout_but_settled',
  'duplicate_charge',
  'missing_on_terminal',
  'amount_mismatch',
  'void_not_honored',
  'fee_mismatch',
  'pending_settlement',
  'journal_not_imported',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Listed for completeness, but not money lost yet: they wait for a file to be imported. */
export const NOT_YET_DISCREPANCIES: ReadonlySet<Category> = new Set(['pending_settlement', 'journal_not_imported']);

export function isCategory(text: string): text is Category {
  return (CATEGORIES as readonly string[]).includes(text);
}

/** What the merchant should do, in Chinese and English (domain.md §3.2, §4). */
export const ACTIONS: Record<Category, string> = {
  missing_in_settlement:
    '凭签购单向收单机构查询并申请补入账(退货未到账则申请补退) / Ask the acquirer to trace and pay this approved transaction (or to credit the refund), quoting the slip.',
  timeout_but_settled:
    '与持卡人核实：如未交付商品，请办理退货或请收单机构调账 / The customer was charged although the terminal showed no approval: if no goods were handed over, refund it or ask the acquirer to adjust.',
  duplicate_charge:
    '持卡人被重复扣款：对超时那笔办理退货或请收单机构调账 / The customer paid twice: refund the timed-out charge or ask the acquirer to reverse it.',
  missing_on_terminal:
    '终端无记录亦无签购单：核查是否另一台终端或人工调账，留存结算行作证据 / Settled with no terminal record or slip: check for another device or a manual adjustment and keep this line as evidence.',
  amount_mismatch:
    '核对部分批准或调账，金额不符请向收单机构提出差错 / Check for a partial approval or adjustment; if none, raise an error claim with the acquirer.',
  void_not_honored:
    '撤销未生效：请收单机构冲回原消费，或对持卡人办理退货 / The void was ignored: ask the acquirer to reverse the sale, or refund the cardholder.',
  fee_mismatch:
    '手续费与费率表不符：凭费率合同向收单机构申请退还多收部分(少收则核实费率是否变更) / The fee differs from your rate card: claim the overcharge back from the acquirer quoting your rate agreement (if undercharged, check whether the rate changed).',
  pending_settlement:
    '等待该清算日的对账单后重新匹配 / Import the settlement file for this day, then match again.',
  journal_not_imported:
    '导入该终端当日的交易流水后重新匹配 / Import this terminal\'s journal for that day, then match again.',
};

/** A void or refund the terminal showed as failed, which the acquirer settled all the same: the card was credited. */
export const CREDIT_SETTLED_ACTIONS = {
  once: '持卡人已收到这笔退款，终端却显示失败：不要再次退款；如已用现金或其他方式退过，请向持卡人追回或请收单机构调账 / The cardholder was credited although the terminal showed a failure: do not refund again; if you already refunded another way, recover it from the cardholder or ask the acquirer to adjust.',
  twice: '持卡人被退款两次：请收单机构冲回其中一笔，或向持卡人追回 / The cardholder was credited twice: ask the acquirer to reverse one of the credits, or recover it from the cardholder.',
} as const;

/**
 * A settled debit with no journal record, beside a journaled one of the same card and amount minutes apart: it may
 * be a second charge of one purchase, or a sale on another device. The category's own action only names the latter.
 */
export const POSSIBLE_DOUBLE_CHARGE_ACTION =
  '疑似重复扣款：先向持卡人核实是否被扣两次，如是请对其中一笔办理退货或请收单机构冲回；如否，再核查其他终端或人工调账 / Possibly charged twice: ask the cardholder whether both charges reached the card; if so, refund one or ask the acquirer to reverse it; if not, check for another device or a manual adjustment.';

/**
 * A settled line naming no device (WeChat or Alipay without 设备号) that no journal could hold yet: there is no
 * terminal of its own to import, and which merchant's POS took it shows only once one of its journals pairs.
 */
export const JOURNAL_NOT_IMPORTED_NO_DEVICE_ACTION =
  '该行未写设备号：导入当日收取该收款商户款项的各终端流水后重新匹配 / The line names no device: import that day\'s journals of the terminals that take this wallet merchant\'s payments, then match again.';

/** The label of such a case where it stands alone (an evidence pack's cover): "charged" would be false. */
export const CREDIT_SETTLED_LABEL = '超时但已退款 / timed out but credited';

export const CATEGORY_LABEL: Record<Category, string> = {
  missing_in_settlement: '终端成功未结算 / approved, not settled',
  timeout_but_settled: '超时但已扣款 / timed out but settled',
  duplicate_charge: '重复扣款 / double charge',
  missing_on_terminal: '终端无记录 / never recorded',
  amount_mismatch: '金额不符 / amount differs',
  void_not_honored: '撤销未生效 / void not honoured',
  fee_mismatch: '手续费不符 / fee differs from rate card',
  pending_settlement: '待清算 / pending settlement',
  journal_not_imported: '流水未导入 / journal not imported',
};

/** Splits a bilingual "中文 / English" text at its first " / ": the Chinese part, then the English part. */
export function splitBilingual(text: string): { zh: string; en: string } {
  const at = text.indexOf(' / ');
  return at < 0 ? { zh: text, en: text } : { zh: text.slice(0, at), en: text.slice(at + 3) };
}

/** The categories matching finds by itself; fee_mismatch needs a rate card, so generated scenarios never hold it. */
export const MATCH_CATEGORIES: readonly Category[] = CATEGORIES.filter((c) => c !== 'fee_mismatch');
