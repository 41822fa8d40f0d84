import { createHash } from 'node:crypto';
import type { MatchTxn } from './types.js';

/**
 * A case's id comes from the record it is about, not from the category or a counter: re-matching the same
 * data, or the same data imported in another order, yields the same ids, and a case keeps its id when new
 * files change its category (journal_not_imported becoming missing_on_terminal).
 */
export function caseIdentity(side: 'terminal' | 'settlement', r: MatchTxn): string {
  return [side, r.terminalId, r.txnDate, r.txnTime, r.batchNo, r.traceNo, r.rrn, r.txnType, r.amountFen].join('|');
}

export function caseIdFrom(identity: string, occurrence: number): string {
  const text = occurrence === 0 ? identity : `${identity}#${occurrence}`;
  return `c_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}
