import { compareTxn, dayDiff, sameCard } from './order.js';
import { qrPass } from './qr-pass.js';
import { signalsOf } from './signals.js';
import type { MatchPair, MatchSettlement, MatchTerminal, MatchTxn, Pass } from './types.js';

export { signalsOf } from './signals.js';

interface PassRule {
  pass: Pass;
  /** What carries a pair made by this pass, stored with the match as its evidence. */
  carriedBy: readonly string[];
  key(r: MatchTxn): string | null;
  accept(t: MatchTerminal, s: MatchSettlement): boolean;
  /** Among a key's candidates, the closest date first (then the usual order: equal amount, closest time). */
  closestDateFirst?: boolean;
}

/** A terminal's own trace number is unique for about a million transactions; half an hour is plenty of clock skew. */
const TRACE_WINDOW_S = 1800;
/** A void or refund line and the journal's void or refund of the same original: within a day of each other. */
const ORIG_WINDOW_S = 86_400;
/** Order numbers are the merchant's own and may be reused after a while; a refund can come weeks after its sale. */
const ORDER_WINDOW_DAYS = 31;
/**
 * How far apart the dates of an RRN pair, or of a batch + trace pair of equal amounts, may be: a sale of a Friday
 * night listed in Monday's file, a terminal clock a few days off, a holiday merged into one clearing (domain.md
 * §2.7, §4.7), while a host reusing an RRN, or a terminal restarting its batch, does so weeks apart.
 */
const KEY_WINDOW_DAYS = 31;

const withinDays = (t: MatchTxn, s: MatchTxn, days: number): boolean => dayDiff(t.txnDate, s.txnDate) <= days;
const within = (t: MatchTxn, s: MatchTxn, seconds: number): boolean => Math.abs(t.at - s.at) <= seconds;
/** The terminal's own trace (凭证号, ISO field 11): six digits. An acquirer's serial (流水号) in that column is longer. */
const terminalTrace = (r: MatchTxn): boolean => r.traceNo !== null && /^\d{6}$/.test(r.traceNo);
/** A QR row may lack a terminal id; when both sides have one, they must agree. */
const terminalsAgree = (t: MatchTxn, s: MatchTxn): boolean => t.terminalId === '' || s.terminalId === '' || t.terminalId === s.terminalId;

/**
 * Most certain first. The host's reference number identifies a transaction, with its trace or date; a timed-out attempt never
 * received one, so batch + trace (which the reversal itself uses) comes next. The merchant's order number is as
 * exact, and the only key a WeChat or Alipay row shares with the journal. Then trace with amount and a day's
 * tolerance for files that drop the batch; then trace and time alone, so that a file with neither RRN nor batch
 * (UnionPay ZM) still pairs a line whose amount differs, and shows it as amount_mismatch instead of two one-sided
 * cases; then a void or refund line by the trace of the sale it cancels; then card and amount within three minutes.
 * Last, QR rows with no trace, RRN or card: amount and time, on the same terminal when the row names one (qr-pass.ts).
 */
const RULES: readonly PassRule[] = [
  // Terminal, RRN and trace all agree: the same transaction whatever the dates say. A host may reuse an RRN, but on
  // the same terminal with the same trace only after that terminal's trace went round a million transactions, and
  // a terminal whose clock was reset (to 2026-01-01, say) dates its sales months away from the acquirer's file
  // (domain.md §2.7). These choose first, so that another record of the RRN cannot take this one's line.
  {
    pass: 'rrn',
    carriedBy: ['terminal', 'RRN', 'trace'],
    key: (r) => (r.rrn && r.traceNo ? `${r.terminalId}|${r.rrn}|${r.traceNo}` : null),
    accept: () => true,
  },
  // The RRN alone identifies a transaction only with the terminal and the date (domain.md §0.2): hosts reuse it
  // (§5.10.4). So within a month, the closest date first, and not when both sides carry the terminal's six-digit
  // trace and the traces differ: those are two transactions. A longer 流水号 is the acquirer's own serial, read into
  // the trace column; it says nothing against the pair.
  {
    pass: 'rrn',
    carriedBy: ['terminal', 'RRN'],
    key: (r) => (r.rrn ? `${r.terminalId}|${r.rrn}` : null),
    accept: (t, s) => withinDays(t, s, KEY_WINDOW_DAYS) && !(terminalTrace(t) && terminalTrace(s) && t.traceNo !== s.traceNo),
    closestDateFirst: true,
  },
  // Batch numbers cycle, and restart when a terminal is replaced: batch and trace pair within a day, or within a
  // month when the amounts agree as well (a sale listed after a weekend, without RRN).
  {
    pass: 'batch_trace',
    carriedBy: ['terminal', 'batch', 'trace'],
    key: (r) => (r.batchNo && r.traceNo ? `${r.terminalId}|${r.batchNo}|${r.traceNo}` : null),
    accept: (t, s) => withinDays(t, s, 1) || (t.amountFen === s.amountFen && withinDays(t, s, KEY_WINDOW_DAYS)),
  },
  {
    pass: 'order_no',
    carriedBy: ['order number (商户订单号)', `date ±${ORDER_WINDOW_DAYS} days`],
    key: (r) => (r.orderNo ? r.orderNo : null),
    accept: (t, s) => terminalsAgree(t, s) && withinDays(t, s, ORDER_WINDOW_DAYS),
  },
  {
    pass: 'trace_amount_date',
    carriedBy: ['terminal', 'trace', 'amount', 'date ±1 day'],
    key: (r) => (r.traceNo ? `${r.terminalId}|${r.traceNo}|${r.amountFen}` : null),
    accept: (t, s) => withinDays(t, s, 1),
  },
  {
    pass: 'trace_time',
    carriedBy: ['terminal', 'trace', `time ±${TRACE_WINDOW_S} s`],
    key: (r) => (r.traceNo ? `${r.terminalId}|${r.traceNo}` : null),
    accept: (t, s) => within(t, s, TRACE_WINDOW_S),
  },
  {
    pass: 'orig_trace',
    carriedBy: ['terminal', 'original trace', 'type', `time ±${ORIG_WINDOW_S} s`],
    key: (r) => (r.direction === 'credit' && r.origTraceNo ? `${r.terminalId}|${r.origTraceNo}|${r.txnType}` : null),
    accept: (t, s) => within(t, s, ORIG_WINDOW_S),
  },
  {
    pass: 'card_amount_time',
    carriedBy: ['terminal', 'card', 'amount', 'time ±180 s'],
    key: (r) => (r.cardLast4 ? `${r.terminalId}|${r.cardLast4}|${r.amountFen}` : null),
    accept: (t, s) => within(t, s, 180) && sameCard(t, s) !== false,
  },
];

const isApproved = (t: MatchTerminal): boolean => t.status === 'SUCCESS';

/** Among candidates of one key: (the closest date, for a key that repeats across days,) the same amount, the closest time. */
function better(t: MatchTerminal, a: MatchSettlement, b: MatchSettlement, closestDateFirst: boolean): boolean {
  if (closestDateFirst) {
    const da = dayDiff(t.txnDate, a.txnDate);
    const db = dayDiff(t.txnDate, b.txnDate);
    if (da !== db) return da < db;
  }
  const ea = a.amountFen === t.amountFen;
  const eb = b.amountFen === t.amountFen;
  if (ea !== eb) return ea;
  return Math.abs(t.at - a.at) < Math.abs(t.at - b.at);
}

/**
 * Pairs terminal and settlement records, each claimed at most once. Pre-authorisations never settle and
 * take no part. Within a pass, ties go to the equal amount, then to the closest time, then to content order:
 * deterministic whatever the import order. The QR pass can be left to the caller, who may need to run it over
 * more records than these (app/run-match.ts).
 */
export function planMatches(terminal: readonly MatchTerminal[], settlement: readonly MatchSettlement[], opts = { qr: true }): MatchPair[] {
  const sorted = terminal.filter((t) => t.txnType !== 'AUTH').sort(compareTxn);
  // Approved records choose first. A timed-out attempt and its approved re-swipe share card and amount; taken in
  // time order, the attempt would claim the re-swipe's line and raise two false cases (timed out but settled, and
  // a lost sale) where the money says there is none.
  const ts = [...sorted.filter(isApproved), ...sorted.filter((t) => !isApproved(t))];
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
        if (best === null || better(t, s, best, rule.closestDateFirst === true)) best = s;
      }
      if (best === null) continue;
      claimedT.add(t.id);
      claimedS.add(best.id);
      pairs.push({ terminal: t, settlement: best, pass: rule.pass, signals: signalsOf(t, best, rule.carriedBy) });
    }
  }
  if (opts.qr) pairs.push(...qrPass(ts, ss, claimedT, claimedS));
  return pairs;
}
