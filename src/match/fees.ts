import { formatYuan } from '../domain/money.js';
import { applyRate, formatRate } from '../domain/rate.js';
import { caseIdFrom, caseIdentity } from './case-id.js';
import type { CaseDraft, MatchSettlement, PairRef } from './types.js';

/** One line of the merchant's rate card. Null terminal, channel or card type means "any". */
export interface RateRule {
  id: number;
  merchantId: string;
  terminalId: string | null;
  channel: string | null;
  cardType: string | null;
  ratePpm: number;
  capFen: number | null;
  minFen: number | null;
  /** YYYY-MM-DD: the rule applies to transactions on or after this day. */
  validFrom: string;
}

/** What the settlement file says about a line's fee, beyond what matching reads. */
export interface FeeFacts {
  feeFen: number | null;
  /** As the file prints it: 借记卡, 贷记卡, DEBIT… */
  cardType: string | null;
  /** The line comes from a WeChat Pay or Alipay bill (WALLET_FORMATS): a QR payment whatever its card type says. */
  walletBill?: boolean;
}

export interface FeeFinding {
  expectedFen: number;
  actualFen: number;
  formula: string;
  rule: RateRule;
}

export type FeeCaseDraft = CaseDraft & { fee: FeeFinding };

/**
 * What a fee case puts at stake: the fee charged minus the contracted fee, as a size. The sale itself was paid,
 * so totals that counted it summed hundreds of thousands of yuan over a few yuan of overcharge. An undercharge
 * counts at its size too: the acquirer may claim it back.
 */
export function feeAtStakeFen(f: { expectedFen: number; actualFen: number }): number {
  return Math.abs(f.actualFen - f.expectedFen);
}

export interface FeeSummary {
  /** Rules in the rate card when the check ran; 0 means fees were not checked at all. */
  rateRules: number;
  /** Debit lines with a fee and a rate rule: compared. */
  checked: number;
  withinTolerance: number;
  overcharged: { count: number; amountFen: number };
  undercharged: { count: number; amountFen: number };
  /** Σ (actual − expected) over every checked line: a drift of a fen here and there shows up here. */
  netDiffFen: number;
  /** Debit lines with a fee but no rule for their merchant, terminal, channel, card type and date. */
  noRate: number;
  /** Debit lines whose file gives no fee. */
  noFee: number;
  /** Voids and refunds: acquirers differ on returning the fee (domain.md §6.4), so they are not checked. */
  creditLines: number;
}

/** A fee within one fen of the expected one is accepted: acquirers round differently (domain.md §6.4). */
export const FEE_TOLERANCE_FEN = 1;

export const CARD_TYPES = ['debit', 'credit', 'foreign'] as const;
export const CHANNELS = ['card', 'qr'] as const;

/** 借记卡 → debit; 贷记卡 and 准贷记卡 → credit; 外卡 → foreign. Anything else is unknown and matches only "any". */
export function cardTypeOf(text: string | null): string | null {
  if (text === null) return null;
  const t = text.trim().toLowerCase();
  if (/借记|debit/.test(t)) return 'debit';
  if (/贷记|credit/.test(t)) return 'credit';
  if (/外卡|foreign|visa|master|jcb|amex|境外/.test(t)) return 'foreign';
  return null;
}

/**
 * Import formats whose every line is a wallet payment. `profile:alipay-trade` is the Alipay profile shipped in
 * profiles/, the same mapping as the built-in format.
 */
export const WALLET_FORMATS: readonly string[] = ['wechat-bill', 'alipay-trade', 'profile:alipay-trade'];

/** On a card acquirer's line, QR wallets print their name where cards print a card type; the rest are card payments. */
export function channelOf(cardType: string | null): string {
  return cardType !== null && /微信|支付宝|扫码|二维码|wechat|alipay|qr/i.test(cardType) ? 'qr' : 'card';
}

/** The channel and card type a line is priced by. */
export function pricingOf(f: FeeFacts): { channel: string; cardType: string | null } {
  // A wallet bill's card type is the payer's bank (付款银行: PSBC_DEBIT, CMB_CREDIT), which does not set the
  // merchant's wallet fee: read as a card type, a WeChat payment from a debit card got the card debit rate.
  if (f.walletBill === true) return { channel: 'qr', cardType: null };
  return { channel: channelOf(f.cardType), cardType: cardTypeOf(f.cardType) };
}

/**
 * The rule for a line: among the rules of its merchant that are in force on its date and whose terminal, channel
 * and card type are either "any" or the line's own, the most specific (terminal over channel over card type),
 * then the latest valid-from, then the latest added.
 */
export function ruleFor(
  rules: readonly RateRule[],
  line: { merchantId: string | null; terminalId: string; txnDate: string; channel: string; cardType: string | null },
): RateRule | undefined {
  const fits = (want: string | null, have: string | null): boolean => want === null || want === have;
  const score = (r: RateRule): number => (r.terminalId ? 4 : 0) + (r.channel ? 2 : 0) + (r.cardType ? 1 : 0);
  return rules
    .filter(
      (r) =>
        r.merchantId === line.merchantId &&
        r.validFrom <= line.txnDate &&
        fits(r.terminalId, line.terminalId) &&
        fits(r.channel, line.channel) &&
        fits(r.cardType, line.cardType),
    )
    .sort((a, b) => score(b) - score(a) || (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0) || b.id - a.id)[0];
}

/** Expected fee = round-half-up(amount × rate), raised to the minimum, then limited by the cap; with its formula. */
export function expectedFee(amountFen: number, rule: RateRule): { fen: number; formula: string } {
  const raw = applyRate(amountFen, rule.ratePpm);
  let fen = raw;
  let formula = `round-half-up(${formatYuan(amountFen)} × ${formatRate(rule.ratePpm)}) = ${formatYuan(raw)}`;
  if (rule.minFen !== null && fen < rule.minFen) {
    fen = rule.minFen;
    formula += `, raised to the minimum ${formatYuan(rule.minFen)}`;
  }
  if (rule.capFen !== null && fen > rule.capFen) {
    fen = rule.capFen;
    formula += `, capped at ${formatYuan(rule.capFen)}`;
  }
  return { fen, formula };
}

export function describeRule(r: RateRule): string {
  const scope = [
    `merchant ${r.merchantId}`,
    r.terminalId ? `terminal ${r.terminalId}` : null,
    r.channel ? `channel ${r.channel}` : null,
    r.cardType ? `${r.cardType} cards` : null,
  ].filter((x) => x !== null);
  const limits = [r.capFen !== null ? `cap ${formatYuan(r.capFen)}` : null, r.minFen !== null ? `minimum ${formatYuan(r.minFen)}` : null].filter(
    (x) => x !== null,
  );
  return `rate #${r.id}: ${scope.join(', ')}, ${formatRate(r.ratePpm)}${limits.length ? `, ${limits.join(', ')}` : ''}, from ${r.validFrom}`;
}

function reason(s: MatchSettlement, facts: FeeFacts, f: Omit<FeeFinding, 'rule'> & { rule: RateRule }): string {
  const diff = f.actualFen - f.expectedFen;
  const ids = [`terminal ${s.terminalId}`, s.batchNo ? `batch ${s.batchNo}` : null, `trace ${s.traceNo ?? 'n/a'}`, s.rrn ? `RRN ${s.rrn}` : null]
    .filter((x) => x !== null)
    .join(', ');
  const idsZh = [`终端${s.terminalId}`, s.batchNo ? `批次${s.batchNo}` : null, `凭证号${s.traceNo ?? '不详'}`, s.rrn ? `参考号${s.rrn}` : null]
    .filter((x) => x !== null)
    .join('，');
  const zh =
    `清算日 ${s.settleDate} 对 ${s.txnDate} ${s.txnTime} 金额 ${formatYuan(s.amountFen)} 元的交易(${idsZh})收取手续费 ${formatYuan(f.actualFen)} 元，` +
    `按费率表应为 ${formatYuan(f.expectedFen)} 元：${diff > 0 ? '多收' : '少收'} ${formatYuan(Math.abs(diff))} 元。`;
  return (
    `${zh} / ` +
    `Settlement day ${s.settleDate} charged a fee of ${formatYuan(f.actualFen)} on a ${s.txnType} of ${formatYuan(s.amountFen)} on ${s.txnDate} ${s.txnTime} ` +
    `(${ids}; card type ${facts.cardType ?? 'n/a'}); expected ${formatYuan(f.expectedFen)}: ${f.formula} (${describeRule(f.rule)}). ` +
    `${diff > 0 ? 'Overcharged' : 'Undercharged'} by ${formatYuan(Math.abs(diff))} (tolerance ±${formatYuan(FEE_TOLERANCE_FEN)}).`
  );
}

export function emptyFeeSummary(rateRules: number): FeeSummary {
  return {
    rateRules,
    checked: 0,
    withinTolerance: 0,
    overcharged: { count: 0, amountFen: 0 },
    undercharged: { count: 0, amountFen: 0 },
    netDiffFen: 0,
    noRate: 0,
    noFee: 0,
    creditLines: 0,
  };
}

/** Adds b's counts into a: the fee check runs one group of terminals at a time. */
export function addFeeSummary(a: FeeSummary, b: FeeSummary): void {
  a.checked += b.checked;
  a.withinTolerance += b.withinTolerance;
  a.overcharged.count += b.overcharged.count;
  a.overcharged.amountFen += b.overcharged.amountFen;
  a.undercharged.count += b.undercharged.count;
  a.undercharged.amountFen += b.undercharged.amountFen;
  a.netDiffFen += b.netDiffFen;
  a.noRate += b.noRate;
  a.noFee += b.noFee;
  a.creditLines += b.creditLines;
}

/**
 * Checks the fee of every settled debit line against the rate card. A line can have a fee case and, separately,
 * any other case: the fee case's id comes from the same record with a 'fee|' prefix, so the two never collide and
 * both stay stable across re-matching.
 */
export function checkFees(
  settlement: readonly MatchSettlement[],
  facts: ReadonlyMap<number, FeeFacts>,
  rules: readonly RateRule[],
  pairs: readonly PairRef[],
  seen = new Map<string, number>(),
): { cases: FeeCaseDraft[]; summary: FeeSummary } {
  const summary = emptyFeeSummary(rules.length);
  const terminalOf = new Map(pairs.map((p) => [p.settlement.id, p.terminal]));
  const cases: FeeCaseDraft[] = [];
  const sorted = [...settlement].sort((a, b) => a.id - b.id);
  for (const s of sorted) {
    if (s.direction === 'credit') {
      summary.creditLines++;
      continue;
    }
    if (rules.length === 0) {
      summary.noRate++;
      continue;
    }
    const f = facts.get(s.id) ?? { feeFen: null, cardType: null };
    if (f.feeFen === null) {
      summary.noFee++;
      continue;
    }
    const rule = ruleFor(rules, { ...s, ...pricingOf(f) });
    if (!rule) {
      summary.noRate++;
      continue;
    }
    summary.checked++;
    const expected = expectedFee(s.amountFen, rule);
    const diff = f.feeFen - expected.fen;
    summary.netDiffFen += diff;
    if (Math.abs(diff) <= FEE_TOLERANCE_FEN) {
      summary.withinTolerance++;
      continue;
    }
    const bucket = diff > 0 ? summary.overcharged : summary.undercharged;
    bucket.count++;
    bucket.amountFen += Math.abs(diff);
    const identity = `fee|${caseIdentity('settlement', s)}`;
    const n = seen.get(identity) ?? 0;
    seen.set(identity, n + 1);
    const finding = { expectedFen: expected.fen, actualFen: f.feeFen, formula: expected.formula, rule };
    cases.push({
      id: caseIdFrom(identity, n),
      category: 'fee_mismatch',
      terminal: terminalOf.get(s.id) ?? null,
      settlement: s,
      related: [],
      relatedCaseIds: [],
      settleDate: s.settleDate,
      reason: reason(s, f, finding),
      fee: finding,
    });
  }
  return { cases, summary };
}

/** Links fee cases and the other cases that cite the same records, both ways. */
export function linkFeeCases(others: readonly CaseDraft[], fees: readonly FeeCaseDraft[]): void {
  const bySettlement = new Map<number, CaseDraft[]>();
  for (const c of others) {
    const ids = [c.settlement?.id, ...c.related.filter((r) => r.side === 'settlement').map((r) => r.id)];
    for (const id of ids) if (id !== undefined) bySettlement.set(id, [...(bySettlement.get(id) ?? []), c]);
  }
  for (const f of fees) {
    for (const c of bySettlement.get(f.settlement?.id ?? -1) ?? []) {
      f.relatedCaseIds = [...new Set([...f.relatedCaseIds, c.id])].sort();
      c.relatedCaseIds = [...new Set([...c.relatedCaseIds, f.id])].sort();
    }
  }
}
