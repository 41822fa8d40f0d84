import type { MatchTxn } from './types.js';

/**
 * A total order on content, not on database ids, so that importing the same files in another order
 * gives the same matches and the same cases.
 */
export function compareTxn(a: MatchTxn, b: MatchTxn): number {
  return (
    cmp(a.terminalId, b.terminalId) ||
    cmp(a.txnDate, b.txnDate) ||
    cmp(a.txnTime, b.txnTime) ||
    cmp(a.traceNo ?? '', b.traceNo ?? '') ||
    cmp(a.rrn ?? '', b.rrn ?? '') ||
    a.amountFen - b.amountFen ||
    cmp(a.txnType, b.txnType) ||
    cmp(a.rawSha256, b.rawSha256) ||
    a.id - b.id
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function dayDiff(a: string, b: string): number {
  return Math.round(Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000);
}

/** Same card: full masked forms agree, or only a last 4 is known on one side and it agrees. */
export function sameCard(a: MatchTxn, b: MatchTxn): boolean | null {
  if (a.cardLast4 === null || b.cardLast4 === null) return null;
  if (a.cardLast4 !== b.cardLast4) return false;
  const pa = a.cardMasked?.slice(0, 6) ?? '';
  const pb = b.cardMasked?.slice(0, 6) ?? '';
  return !/^\d{6}$/.test(pa) || !/^\d{6}$/.test(pb) || pa === pb;
}
