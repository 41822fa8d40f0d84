import type { Category } from './categories.js';
import { addDays, type IsoDate } from './dates.js';

export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * A void or refund the terminal showed as failed that settled all the same: the card was credited, so the request
 * is the opposite of a charged timeout's. Asking for a credit adjustment here would credit the cardholder again.
 */
export const CREDIT_SETTLED_REQUEST = {
  once: {
    zh: '终端显示该笔撤销/退货未获批准(超时/冲正)，但收单机构已清算并退款至持卡人。请确认该笔已生效，本商户不再另行退款；如已另行退款，请协助向持卡人追回。',
    en: 'The terminal showed this void or refund as not approved (timeout or reversal), yet it was cleared and the cardholder credited. Please confirm it stands; we will not refund again. If we already refunded another way, please help us recover it from the cardholder.',
  },
  twice: {
    zh: '持卡人被退款两次：超时的撤销/退货与随后重做的一笔均已清算。请冲回超时的一笔(借记调整)，保留重做的一笔。',
    en: 'The cardholder was credited twice: the timed-out void or refund and the one done again both settled. Please reverse the timed-out credit (debit adjustment); the one done again stands.',
  },
} as const satisfies Record<string, Bilingual>;

/** What the merchant asks the acquirer to do, per category: the request on an evidence pack's cover (domain.md §8.1). */
export const DISPUTE_REQUEST: Record<Category, Bilingual> = {
  missing_in_settlement: {
    zh: '请查询该笔终端已批准的交易并补入账(请款)；如为退货，请补退至持卡人账户。随附签购单重打件及终端流水。',
    en: 'Please trace this transaction, which the terminal approved, and pay it to us (request for payment); if it is a refund, credit it to the cardholder. The reprinted slip and the terminal journal line are attached.',
  },
  timeout_but_settled: {
    zh: '终端未收到批准应答(超时/冲正)，但该笔交易已清算扣款。如未向持卡人交付商品或服务，请撤销该笔交易并将款项退还持卡人(贷记调整)。',
    en: 'The terminal received no approval (timeout or reversal), yet the transaction was cleared and the cardholder charged. If no goods or services were handed over, please reverse it and return the money to the cardholder (credit adjustment).',
  },
  duplicate_charge: {
    zh: '持卡人被重复扣款：超时的首笔与随后批准的重刷均已清算。请撤销超时的首笔并退还持卡人(贷记调整)，保留重刷的一笔。',
    en: 'The cardholder was charged twice: the timed-out first attempt and the approved re-swipe both settled. Please reverse the timed-out attempt and return it to the cardholder (credit adjustment); the re-swipe stands.',
  },
  missing_on_terminal: {
    zh: '该笔清算交易在本终端流水中无记录、无签购单。请提供该笔交易的详细信息及凭证(调单)，以便核实是否为本商户交易。',
    en: 'This settled transaction has no record and no slip on our terminal. Please provide its details and voucher (retrieval) so we can verify whether it is ours.',
  },
  amount_mismatch: {
    zh: '清算金额与终端批准金额不符。如非部分批准(应答码10)或约定调整，请按终端批准金额进行差错调整。',
    en: 'The settled amount differs from the amount the terminal approved. Unless this was a partial approval (code 10) or an agreed adjustment, please correct it to the approved amount (error adjustment).',
  },
  void_not_honored: {
    zh: '终端已批准撤销该笔消费，但原消费仍被清算且无对应撤销记录。请冲回原消费，将款项退还持卡人。',
    en: 'The terminal approved a void of this sale, yet the sale settled with no offsetting void. Please reverse the sale and return the money to the cardholder.',
  },
  fee_mismatch: {
    zh: '该笔手续费与双方约定费率不符。请按费率合同重新计算，并退还多收的手续费(少收请告知费率是否已变更)。',
    en: 'The fee on this transaction differs from our agreed rate. Please recompute it under our rate agreement and refund the overcharge (if undercharged, tell us whether the rate changed).',
  },
  pending_settlement: {
    zh: '尚非争议：该笔交易的清算文件尚未导入，请先导入后重新核对。',
    en: 'Not a dispute yet: the settlement file for this transaction has not been imported; import it and match again first.',
  },
  journal_not_imported: {
    zh: '尚非争议：该终端当日流水尚未导入，请先导入后重新核对。',
    en: "Not a dispute yet: this terminal's journal for that day has not been imported; import it and match again first.",
  },
};

/**
 * Deadline guidance (domain.md §8.1, §8.2). These are common defaults quoted by acquirers and training pages, not
 * rules: every line says to confirm with the acquirer.
 */
export function deadlineGuidance(txnDate: IsoDate): Bilingual[] {
  const retrievalEnds = addDays(txnDate, 120);
  return [
    {
      zh: '收到收单机构的调单/查询通知后，通常须在约5至10个工作日内提交签购单等凭证；请尽快提交本证据包。',
      en: "When the acquirer asks for documents (retrieval request), merchants are usually given about 5 to 10 working days to supply the slip and evidence: send this pack promptly.",
    },
    {
      zh: `银联境内差错：发卡行一般须在交易后约120天内(即约${retrievalEnds}前)提出调单，收单机构须在收到请求后约20天内答复(以收单机构规则为准)。`,
      en: `UnionPay domestic disputes: the issuer usually has about 120 days from the transaction (until about ${retrievalEnds}) to request documents, and the acquirer about 20 days to answer (confirm with your acquirer).`,
    },
    {
      zh: '境外卡(Visa/万事达等)：持卡人一般可在约120天内发起争议，商户抗辩期常见为Visa 30天、万事达45天(以收单机构通知为准)。',
      en: 'Foreign cards (Visa, Mastercard…): cardholders can usually dispute for about 120 days; merchant response windows are commonly 30 days (Visa) and 45 days (Mastercard): check the acquirer\'s notice.',
    },
    {
      zh: '请至少保留签购单及本证据包2年；热敏纸会褪色，请保留扫描件。',
      en: 'Keep the slips and this pack for at least 2 years; thermal paper fades, so keep scans.',
    },
  ];
}
