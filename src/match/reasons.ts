import { formatYuan } from '../domain/money.js';
import { responseMeaning } from '../domain/response-codes.js';
import type { MatchSettlement, MatchTerminal, MatchTxn } from './types.js';

function ident(r: MatchTxn): string {
  const parts = [`terminal ${r.terminalId}`];
  if (r.batchNo) parts.push(`batch ${r.batchNo}`);
  parts.push(`trace ${r.traceNo ?? 'n/a'}`);
  if (r.rrn) parts.push(`RRN ${r.rrn}`);
  return parts.join(', ');
}

function what(r: MatchTxn): string {
  return `${r.txnType} of ${formatYuan(r.amountFen)} on ${r.txnDate} ${r.txnTime}`;
}

function outcome(t: MatchTerminal): string {
  const rc = t.responseCode === null ? 'no response code' : `response ${t.responseCode} (${responseMeaning(t.responseCode)})`;
  return `status ${t.status}, ${rc}`;
}

export const reasons = {
  missingInSettlement: (t: MatchTerminal, day: string): string =>
    `The terminal approved a ${what(t)} (${ident(t)}; ${outcome(t)}); settlement day ${day} is covered by the imported settlement files, but no settlement line matches it.`,
  pending: (t: MatchTerminal, day: string): string =>
    `The terminal approved a ${what(t)} (${ident(t)}); its settlement day ${day} is not covered by any imported settlement file yet.`,
  timeoutSettled: (t: MatchTerminal, s: MatchSettlement): string =>
    `The terminal did not get an approval for a ${what(t)} (${ident(t)}; ${outcome(t)}), yet settlement day ${s.settleDate} charged it (${ident(s)}).`,
  duplicate: (t: MatchTerminal, s: MatchSettlement, again: MatchTerminal): string =>
    `The terminal did not get an approval for a ${what(t)} (${ident(t)}; ${outcome(t)}), but it settled on ${s.settleDate} (${ident(s)}); ` +
    `${Math.round((again.at - t.at) / 60)} min later the same card paid the same amount again (trace ${again.traceNo ?? 'n/a'}, RRN ${again.rrn ?? 'n/a'}), which also settled: the customer paid twice.`,
  missingOnTerminal: (s: MatchSettlement): string =>
    `Settlement day ${s.settleDate} has a ${what(s)} (${ident(s)}; card ${s.cardMasked ?? 'n/a'}), and the journal of terminal ${s.terminalId} covers ${s.txnDate}, but it has no record of it.`,
  journalNotImported: (s: MatchSettlement): string =>
    `Settlement day ${s.settleDate} has a ${what(s)} (${ident(s)}), but no imported journal of terminal ${s.terminalId} covers ${s.txnDate}.`,
  amountMismatch: (t: MatchTerminal, s: MatchSettlement): string =>
    `The terminal recorded ${formatYuan(t.amountFen)} for ${ident(t)} but the settlement line (${ident(s)}, day ${s.settleDate}) has ${formatYuan(s.amountFen)}: settled ${formatYuan(Math.abs(s.amountFen - t.amountFen))} ${s.amountFen < t.amountFen ? 'less' : 'more'} than the terminal approved.`,
  voidNotHonored: (v: MatchTerminal, sale: MatchTerminal, saleSettled: MatchSettlement): string =>
    `The terminal approved a VOID (${ident(v)}) of the sale trace ${sale.traceNo ?? 'n/a'} (RRN ${sale.rrn ?? 'n/a'}, ${formatYuan(sale.amountFen)}), ` +
    `yet the sale settled on ${saleSettled.settleDate} and no settlement line offsets it.`,
  voidPending: (v: MatchTerminal, day: string): string =>
    `The terminal approved a VOID (${ident(v)}) of a settled sale; its settlement day ${day} is not covered by any imported settlement file yet.`,
};
