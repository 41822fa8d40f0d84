import { compareTxn, dayDiff, sameCard } from './order.js';
import type { MatchPair, MatchSettlement, MatchTerminal, Pass, Signals } from './types.js';

interface PassRule {
  pass: Pass;
  key(r: MatchTerminal | MatchSettlement): string | null;
  accept(t: MatchTerminal, s: MatchSettlement): boolean;
}

const withinDays = (t: MatchTerminal, s: MatchSettlement, days: number): boolean => dayDiff(t.txnDate, s.txnDate) <= days;

/**
 * Most certain first. The host's reference number identifies a transaction outright; a timed-out attempt
 * never received one, so batch + trace (which the reversal itself uses) comes next; then trace with amount
 * and a day's tolerance for files that drop the batch; last, the card and amount within three minutes, for
 * files with neither reference nor trace.
 */
const RULES: readonly PassRule[] = [
  { pass: 'rrn', key: (r) => (r.rrn ? `${r.terminalId}|${r.rrn}` : null), accept: () => true },
  {
    pass: 'batch_trace',
    key: (r) => (r.batchNo && r.traceNo ? `${r.terminalId}|${r.batchNo}|${r.traceNo}` : null),
    accept: () => true,
  },
  {
    pass: 'trace_amount_date',
    key: (r) => (r.traceNo ? `${r.terminalId}|${r.traceNo}|${r.amountFen}` : null),
    accept: (t, s) => withinDays(t, s, 1),
  },
  {
    pass: 'card_amount_time',
    key: (r) => (r.cardLast4 ? `${r.terminalId}|${r.cardLast4}|${r.amountFen}` : null),
    accept: (t, s) => Math.abs(t.at - s.at) <= 180 && sameCard(t, s) !== false,
  },
];

export function signalsOf(t: MatchTerminal, s: MatchSettlement): Signals {
  return {
    rrn: t.rrn !== null && t.rrn === s.rrn,
    batchTrace: t.batchNo !== null && t.batchNo === s.batchNo && t.traceNo !== null && t.traceNo === s.traceNo,
    amountEqual: t.amountFen === s.amountFen,
    cardEqual: sameCard(t, s),
    dateDiffDays: dayDiff(t.txnDate, s.txnDate),
    timeDiffSeconds: Math.abs(t.at - s.at),
  };
}

/**
 * Pairs terminal and settlement records, each claimed at most once. Pre-authorisations never settle and
 * take no part. Within a pass, ties go to the closest time, then to content order: deterministic whatever
 * the import order.
 */
export function planMatches(terminal: readonly MatchTerminal[], settlement: readonly MatchSettlement[]): MatchPair[] {
  const ts = terminal.filter((t) => t.txnType !== 'AUTH').sort(compareTxn);
  const ss = [...settlement].sort(compareTxn);
  const claimedT = new Set<number>();
  const claimedS = new Set<number>();
  const pairs: MatchPair[] = [];
  for (const rule of RULES) {
    const byKey = new Map<string, MatchSettlement[]>();
    for (const s of ss) {
      if (claimedS.has(s.id)) continue;
      const k = rule.key(s);
      if (k === null) continue;
      const list = byKey.get(k);
      if (list) list.push(s);
      else byKey.set(k, [s]);
    }
    for (const t of ts) {
      if (claimedT.has(t.id)) continue;
      const k = rule.key(t);
      const candidates = k === null ? undefined : byKey.get(k);
      if (!candidates) continue;
      let best: MatchSettlement | null = null;
      for (const s of candidates) {
        if (claimedS.has(s.id) || s.direction !== t.direction || !rule.accept(t, s)) continue;
        if (best === null || Math.abs(t.at - s.at) < Math.abs(t.at - best.at)) best = s;
      }
      if (best === null) continue;
      claimedT.add(t.id);
      claimedS.add(best.id);
      pairs.push({ terminal: t, settlement: best, pass: rule.pass, signals: signalsOf(t, best) });
    }
  }
  return pairs;
}
