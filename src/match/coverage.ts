import type { Coverage, MatchTxn } from './types.js';

/**
 * The two kinds of settlement a payment can wait for. A WeChat Pay or Alipay bill lists the wallet payments of its
 * merchant and nothing else; every other file (a card acquirer's, a bank's statement, a POS + QR aggregator's, a
 * generic CSV) may list both. Which files of a day are in decides whether a payment missing from them is lost or
 * merely settled somewhere not imported yet (domain.md §4.7).
 */
export type SettlementKind = 'card' | 'wallet';

/** One distinct (file, merchant, settlement day) of the settlement lines, as SQL groups them. */
export interface SettlementDayRow {
  fileId: number;
  /** The line's file is a WeChat Pay or Alipay bill (WALLET_FORMATS): it covers wallet payments only. */
  walletBill: boolean;
  /** '' when the line names no merchant: it covers every merchant. */
  merchantId: string;
  settleDate: string;
}

/** One distinct (terminal, merchant, calendar day) of the journals. */
export interface JournalDayRow {
  terminalId: string;
  /** '' when the journal names no merchant. */
  merchantId: string;
  txnDate: string;
}

/** A POS merchant whose journal records paired lines of a wallet bill (the file). */
export interface WalletPartnerRow {
  fileId: number;
  merchantId: string;
}

/** A terminal that paired a line naming no terminal, and that line's merchant ('' when it names none). */
export interface FloatingPartnerRow {
  walletMerchantId: string;
  terminalId: string;
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

/** Key of Coverage.settlementDays: a merchant's days, '' for lines naming no merchant. */
const byMerchant = (kind: SettlementKind, merchant: string): string => `${kind}|${merchant}`;
/** Key of Coverage.settlementDays: the days of any file of the kind, for a journal record naming no merchant. */
const anyFile = (kind: SettlementKind): string => `${kind}|*`;

function addTo<K>(map: Map<K, Set<string>>, key: K, day: string): void {
  const set = map.get(key);
  if (set) set.add(day);
  else map.set(key, new Set([day]));
}

/**
 * What the settlement files and the journals cover, from rows SQL has already made distinct: nothing here grows with
 * the files or the terminals, only with merchants and days.
 *
 * A line with a merchant id covers that merchant's day, one without covers every merchant's. A wallet bill carries
 * the wallet's merchant id (WeChat's 商户号), never the POS merchant id, so it also covers the POS merchants whose
 * records paired its lines (walletPartners, known once pairing is done). Keyed by merchant, not terminal: terminal
 * ids are the acquirer's and two merchants may both have a terminal 00000001.
 */
export function buildCoverage(
  settlement: Iterable<SettlementDayRow>,
  journal: Iterable<JournalDayRow>,
  walletPartners: Iterable<WalletPartnerRow> = [],
  floatingPartners: Iterable<FloatingPartnerRow> = [],
): Coverage {
  const settlementDays = new Map<string, Set<string>>();
  const daysOfFile = new Map<number, Set<string>>();
  for (const r of settlement) {
    addTo(daysOfFile, r.fileId, r.settleDate);
    for (const kind of r.walletBill ? WALLET : EITHER) {
      addTo(settlementDays, byMerchant(kind, r.merchantId), r.settleDate);
      addTo(settlementDays, anyFile(kind), r.settleDate);
    }
  }
  for (const p of walletPartners) {
    for (const d of daysOfFile.get(p.fileId) ?? []) addTo(settlementDays, byMerchant('wallet', p.merchantId), d);
  }

  const journalDays = new Map<string, Set<string>>();
  const merchantJournalDays = new Map<string, Set<string>>();
  const anyJournalDays = new Set<string>();
  for (const j of journal) {
    addTo(journalDays, j.terminalId, j.txnDate);
    if (j.merchantId !== '') addTo(merchantJournalDays, j.merchantId, j.txnDate);
    anyJournalDays.add(j.txnDate);
  }
  const floatingJournalDays = new Map<string, Set<string>>();
  for (const p of floatingPartners) {
    for (const d of journalDays.get(p.terminalId) ?? []) addTo(floatingJournalDays, p.walletMerchantId, d);
  }
  return { settlementDays, journalDays, merchantJournalDays, anyJournalDays, floatingJournalDays };
}

/** Some imported file of a kind the record can settle in covers this settlement day for the record's merchant. */
export function covers(coverage: Coverage, t: MatchTxn, day: string): boolean {
  const days = coverage.settlementDays;
  for (const kind of kindsOf(t)) {
    // A record naming no merchant could be any merchant's: any file of its kind speaks for it.
    if (t.merchantId === null || t.merchantId === '') {
      if (days.get(anyFile(kind))?.has(day)) return true;
    } else if (days.get(byMerchant(kind, t.merchantId))?.has(day) || days.get(byMerchant(kind, ''))?.has(day)) {
      return true;
    }
  }
  return false;
}

/**
 * A settlement line naming no terminal (a WeChat or Alipay row without 设备号) is covered once a journal that could
 * hold it covers its day: the journals of the terminals that paired the same wallet merchant's other such lines;
 * else those of the merchant it names, when a journal names it (a service provider's bill names the POS merchant in
 * 特约商户号). Else any journal of that day, but only when the journals name no merchant, or one and the line names
 * none: a wallet merchant id (WeChat 商户号) says nothing of whose POS took the payment, and another merchant's
 * journal says nothing of this one's.
 */
export function floatingCovered(coverage: Coverage, s: MatchTxn): boolean {
  const merchant = s.merchantId ?? '';
  const partners = coverage.floatingJournalDays.get(merchant);
  if (partners) return partners.has(s.txnDate);
  const own = merchant === '' ? undefined : coverage.merchantJournalDays.get(merchant);
  if (own) return own.has(s.txnDate);
  const journalMerchants = coverage.merchantJournalDays.size;
  const anyMayHoldIt = journalMerchants === 0 || (journalMerchants === 1 && merchant === '');
  return anyMayHoldIt && coverage.anyJournalDays.has(s.txnDate);
}
