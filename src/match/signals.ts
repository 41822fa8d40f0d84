import { dayDiff, sameCard } from './order.js';
import type { MatchSettlement, MatchTerminal, Signals } from './types.js';

/** What agreed and what did not between a matched pair, and what carried it: stored with the match as evidence. */
export function signalsOf(t: MatchTerminal, s: MatchSettlement, carriedBy: readonly string[] = []): Signals {
  return {
    rrn: t.rrn !== null && t.rrn === s.rrn,
    batchTrace: t.batchNo !== null && t.batchNo === s.batchNo && t.traceNo !== null && t.traceNo === s.traceNo,
    trace: t.traceNo !== null && t.traceNo === s.traceNo,
    origTrace: t.origTraceNo !== null && t.origTraceNo === s.origTraceNo,
    orderNo: t.orderNo !== null && t.orderNo === s.orderNo,
    terminalEqual: t.terminalId === '' || s.terminalId === '' ? null : t.terminalId === s.terminalId,
    amountEqual: t.amountFen === s.amountFen,
    cardEqual: sameCard(t, s),
    dateDiffDays: dayDiff(t.txnDate, s.txnDate),
    timeDiffSeconds: Math.abs(t.at - s.at),
    carriedBy,
  };
}
