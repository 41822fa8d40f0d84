import type { Coverage, MatchTxn } from './types.js';

/**
 * The two kinds of settlement a payment can wait for. A WeChat Pay or Alipay bill lists the wallet payments of its
 * merchant and nothing else; a card acquirer's file lists card payments. Which one a day's file is decides whether
 * a payment missing from it is lost or merely settled somewhere not imported yet (domain.md §4.7).
 */
export type SettlementKind = 'card' | 'wallet';

/** One distinct (file, merchant, terminal, settlement day, kind) of the settlement lines. */
export interface CoverageLine {
  fileId: number;
  merchantId: string | null;
  /** '' when the line names no terminal. */
  terminalId: string;
  settleDate: string;
  kind: SettlementKind;
}

export interface JournalDay {
  terminalId: string;
  merchantId: string | null;
  txnDate: string;
}

/**
 * A journal record's kinds: an order number (商户订单号) is what a POS sends with a QR payment, a card number or a
 * host reference number (参考号) is what a card payment leaves. A record with both, or with neither, cannot be told
 * apart and waits for either kind of file.
 */
export function kindsOf(t: MatchTxn): readonly SettlementKind[] {
  const card = t.cardLast4 !== null || t.rrn !== null;
  const wallet = t.orderNo !== null;
  if (card && !wallet) return CARD;
  if (wallet && !card) return WALLET;
  return EITHER;
}
const CARD: readonly SettlementKind[] = ['card'];
const WALLET: readonly SettlementKind[] = ['wallet'];
const EITHER: readonly SettlementKind[] = ['card', 'wallet'];

const byMerchant = (kind: SettlementKind, merchant: string): string => `${kind}|m|${merchant}`;
const byTerminal = (kind: SettlementKind, terminal: string): string => `${kind}|t|${terminal}`;

/**
 * What the settlement files cover, per kind: the merchants they name, and the terminals they name. A line without a
 * merchant id (an Alipay bill never has one, a generic CSV may lack 商户号) covers the merchants of the terminal it
 * names, as the journals know them; one naming neither covers the terminals that paired lines of its file, once
 * pairing is done (floatingPartners). Such a line used to cover every merchant, so an Alipay bill of one day made a
 * card sale of that day missing from a card file that was never imported.
 */
export function buildCoverage(
  lines: readonly CoverageLine[],
  journal: readonly JournalDay[],
  floatingPartners: ReadonlyMap<number, ReadonlySet<string>> = new Map(),
): Coverage {
  const journalDays = new Map<string, Set<string>>();
  const merchantsOf = new Map<string, Set<string>>();
  const anyJournalDays = new Set<string>();
  for (const j of journal) {
    journalDays.set(j.terminalId, (journalDays.get(j.terminalId) ?? new Set()).add(j.txnDate));
    if (j.merchantId !== null) merchantsOf.set(j.terminalId, (merchantsOf.get(j.terminalId) ?? new Set()).add(j.merchantId));
    anyJournalDays.add(j.txnDate);
  }
  const settlementDays = new Map<string, Set<string>>();
  const add = (key: string, day: string): void => void settlementDays.set(key, (settlementDays.get(key) ?? new Set()).add(day));
  const addTerminal = (l: CoverageLine, terminal: string): void => {
    add(byTerminal(l.kind, terminal), l.settleDate);
    if (l.merchantId === null) for (const m of merchantsOf.get(terminal) ?? []) add(byMerchant(l.kind, m), l.settleDate);
  };
  for (const l of lines) {
    if (l.merchantId !== null) add(byMerchant(l.kind, l.merchantId), l.settleDate);
    if (l.terminalId !== '') addTerminal(l, l.terminalId);
    else if (l.merchantId === null) for (const t of floatingPartners.get(l.fileId) ?? []) addTerminal(l, t);
  }
  return { settlementDays, journalDays, anyJournalDays };
}

/** Some imported file of a kind the record can settle in covers this settlement day for its merchant or terminal. */
export function covers(coverage: Coverage, t: MatchTxn, day: string): boolean {
  for (const kind of kindsOf(t)) {
    if (t.merchantId !== null && coverage.settlementDays.get(byMerchant(kind, t.merchantId))?.has(day)) return true;
    if (coverage.settlementDays.get(byTerminal(kind, t.terminalId))?.has(day)) return true;
  }
  return false;
}
