import { signalsOf } from './signals.js';
import type { MatchPair, MatchSettlement, MatchTerminal } from './types.js';

/** A QR payment is stamped by the POS and by WeChat or Alipay within seconds of each other. */
const QR_WINDOW_S = 180;

/** A WeChat or Alipay row: none of the card keys a terminal journal shares with a card acquirer. */
function isQrRow(s: MatchSettlement): boolean {
  return s.rrn === null && s.traceNo === null && s.cardLast4 === null;
}

function fits(t: MatchTerminal, s: MatchSettlement): boolean {
  return (
    t.direction === s.direction &&
    t.amountFen === s.amountFen &&
    Math.abs(t.at - s.at) <= QR_WINDOW_S &&
    (s.terminalId === '' || s.terminalId === t.terminalId) &&
    // Two order numbers that differ are two orders, however close in time and amount.
    (t.orderNo === null || s.orderNo === null || t.orderNo === s.orderNo)
  );
}

/**
 * The last pass: a QR row the order number could not pair, by amount and time (and terminal when the row names
 * one, 设备号 / 终端号). Without a key this is a guess, so it is made only when it is the only guess: exactly one
 * terminal record fits the row (one approved record, when failed attempts fit too), and that record fits no other row. Anything else is left unmatched, for a person.
 */
export function qrPass(ts: readonly MatchTerminal[], ss: readonly MatchSettlement[], claimedT: Set<number>, claimedS: Set<number>): MatchPair[] {
  const rows = ss.filter((s) => !claimedS.has(s.id) && isQrRow(s));
  const byAmount = new Map<number, MatchSettlement[]>();
  for (const s of rows) byAmount.set(s.amountFen, [...(byAmount.get(s.amountFen) ?? []), s]);
  const terminalByAmount = new Map<number, MatchTerminal[]>();
  for (const t of ts) if (!claimedT.has(t.id) && byAmount.has(t.amountFen)) terminalByAmount.set(t.amountFen, [...(terminalByAmount.get(t.amountFen) ?? []), t]);
  const pairs: MatchPair[] = [];
  for (const s of rows) {
    const fitting = (terminalByAmount.get(s.amountFen) ?? []).filter((t) => !claimedT.has(t.id) && fits(t, s));
    // A failed attempt beside an approved re-scan is no rival: the row belongs to the approval (see engine.ts).
    const approved = fitting.filter((t) => t.status === 'SUCCESS');
    const cands = approved.length > 0 ? approved : fitting;
    const t = cands[0];
    if (cands.length !== 1 || !t) continue;
    const rivals = (byAmount.get(s.amountFen) ?? []).filter((o) => o !== s && !claimedS.has(o.id) && fits(t, o));
    if (rivals.length > 0) continue;
    claimedT.add(t.id);
    claimedS.add(s.id);
    const carriedBy = [...(s.terminalId === '' ? [] : ['terminal']), 'amount', `time ±${QR_WINDOW_S} s`, 'only candidate'];
    pairs.push({ terminal: t, settlement: s, pass: 'qr_amount_time', signals: signalsOf(t, s, carriedBy) });
  }
  return pairs;
}
