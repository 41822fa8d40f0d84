import { CREDIT_SETTLED_ACTIONS, JOURNAL_NOT_IMPORTED_NO_DEVICE_ACTION, POSSIBLE_DOUBLE_CHARGE_ACTION, type Category } from '../domain/categories.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import { settlementDay } from '../import/normalize.js';
import { caseIdFrom, caseIdentity } from './case-id.js';
import { covers, floatingCovered } from './coverage.js';
import { compareTxn, sameCard } from './order.js';
import { reasons } from './reasons.js';
import type { CaseDraft, Coverage, MatchSettlement, MatchTerminal, PairRef } from './types.js';

export interface ClassifyOptions {
  /** 'HH:MM:SS' */
  cutoff: string;
}

/** A double charge is a re-swipe within this many seconds of the attempt that timed out. */
const RESWIPE_WINDOW_S = 600;

type Draft = Omit<CaseDraft, 'id' | 'relatedCaseIds'> & { identity: string };

function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export function classify(
  terminal: readonly MatchTerminal[],
  settlement: readonly MatchSettlement[],
  pairs: readonly PairRef[],
  coverage: Coverage,
  opts: ClassifyOptions,
  occurrences = new Map<string, number>(),
): CaseDraft[] {
  const byT = new Map(pairs.map((p) => [p.terminal.id, p]));
  const byS = new Map(pairs.map((p) => [p.settlement.id, p]));
  const ts = terminal.filter((t) => t.txnType !== 'AUTH').sort(compareTxn);
  const approvedSales = ts.filter((t) => t.status === 'SUCCESS' && (t.txnType === 'SALE' || t.txnType === 'COMPLETION'));
  // Built on first use: only voids and settled failures look sales up, and most groups have few of either.
  const salesByTrace = lazy(() => groupBy(approvedSales, (t) => (t.traceNo ? `${t.terminalId}|${t.traceNo}` : null)));
  const salesByRrn = lazy(() => groupBy(approvedSales, (t) => (t.rrn ? `${t.terminalId}|${t.rrn}` : null)));
  const salesByAmount = lazy(() => groupBy(approvedSales, (t) => `${t.terminalId}|${t.amountFen}`));
  const creditsByAmount = lazy(() =>
    groupBy(ts, (t) => (t.status === 'SUCCESS' && t.direction === 'credit' ? `${t.terminalId}|${t.txnType}|${t.amountFen}` : null)),
  );
  /** The approved retry of a failed attempt: same terminal, card, amount (and type, for a void or refund), soon after, settled. */
  const retryOf = (t: MatchTerminal): MatchTerminal | undefined => {
    const pool = t.direction === 'debit' ? salesByAmount().get(`${t.terminalId}|${t.amountFen}`) : creditsByAmount().get(`${t.terminalId}|${t.txnType}|${t.amountFen}`);
    return (pool ?? []).find((y) => y.at > t.at && y.at - t.at <= RESWIPE_WINDOW_S && sameCard(t, y) === true && byT.has(y.id));
  };

  /** The sale a void cancels: by original RRN first, then by original trace; the latest one before the void. */
  const originalOf = (v: MatchTerminal): MatchTerminal | undefined => {
    const cands = [
      ...(v.origRrn ? (salesByRrn().get(`${v.terminalId}|${v.origRrn}`) ?? []) : []),
      ...(v.origTraceNo ? (salesByTrace().get(`${v.terminalId}|${v.origTraceNo}`) ?? []) : []),
    ].filter((s) => s.at <= v.at);
    return cands.sort((a, b) => b.at - a.at)[0];
  };

  const voidOf = new Map<number, MatchTerminal>();
  for (const v of ts) {
    if (v.txnType !== 'VOID' || v.status !== 'SUCCESS') continue;
    const sale = originalOf(v);
    if (sale && !voidOf.has(sale.id)) voidOf.set(sale.id, v);
  }

  const covered = (t: MatchTerminal, day: IsoDate): boolean => covers(coverage, t, day);

  const drafts: Draft[] = [];
  const onTerminal = (category: Category, t: MatchTerminal, s: MatchSettlement | null, reason: string, extra: Partial<Draft> = {}): void => {
    drafts.push({
      identity: caseIdentity('terminal', t),
      category,
      terminal: t,
      settlement: s,
      related: [],
      settleDate: s?.settleDate ?? settlementDay(t.txnDate, t.txnTime, opts.cutoff),
      reason,
      ...extra,
    });
  };

  for (const t of ts) {
    const pair = byT.get(t.id);
    const day = settlementDay(t.txnDate, t.txnTime, opts.cutoff);
    if (t.status !== 'SUCCESS') {
      if (!pair) {
        // Declined or reversed: the host said no charge stands. A timeout or a failed reversal is a suspect until
        // the files of D and D+1 both show it absent (domain.md §4.2, §4.7); until then it waits like a sale would.
        if (t.status !== 'TIMEOUT' && t.status !== 'REVERSAL_FAILED') continue;
        const next = addDays(day, 1);
        const uncovered = [day, next].filter((d) => !covered(t, d));
        if (uncovered.length > 0) onTerminal('pending_settlement', t, null, reasons.suspectPending(t, day, uncovered));
        continue;
      }
      const again = retryOf(t);
      const againS = again ? byT.get(again.id)?.settlement : undefined;
      const related: Draft['related'] = again
        ? [{ side: 'terminal', id: again.id, role: 'reswipe' }, ...(againS ? [{ side: 'settlement' as const, id: againS.id, role: 'reswipe_settlement' as const }] : [])]
        : [];
      if (t.direction === 'credit') {
        // The money went back to the card: the risk is a second refund, not a customer to repay.
        const action = again ? CREDIT_SETTLED_ACTIONS.twice : CREDIT_SETTLED_ACTIONS.once;
        onTerminal('timeout_but_settled', t, pair.settlement, reasons.creditSettled(t, pair.settlement, again), { related, action });
      } else if (again) {
        onTerminal('duplicate_charge', t, pair.settlement, reasons.duplicate(t, pair.settlement, again), { related });
      } else {
        onTerminal('timeout_but_settled', t, pair.settlement, reasons.timeoutSettled(t, pair.settlement));
      }
      continue;
    }
    if (pair && pair.terminal.amountFen !== pair.settlement.amountFen) {
      onTerminal('amount_mismatch', t, pair.settlement, reasons.amountMismatch(t, pair.settlement));
      continue;
    }
    if (t.txnType === 'VOID') {
      const sale = originalOf(t);
      const saleSettled = sale ? byT.get(sale.id)?.settlement : undefined;
      if (pair || !sale || !saleSettled) continue; // offset by a void line, or the pair never reached the file
      const related = [
        { side: 'terminal' as const, id: sale.id, role: 'original_sale' as const },
        { side: 'settlement' as const, id: saleSettled.id, role: 'original_sale_settlement' as const },
      ];
      if (covered(t, day)) onTerminal('void_not_honored', t, saleSettled, reasons.voidNotHonored(t, sale, saleSettled), { related, settleDate: day });
      else onTerminal('pending_settlement', t, null, reasons.voidPending(t, day), { related });
      continue;
    }
    if (pair) continue;
    const voided = voidOf.get(t.id);
    const voidLine = voided ? byT.get(voided.id)?.settlement : undefined;
    if (voided && !voidLine) continue; // voided, and (rightly) absent with its void
    if (voided && voidLine) {
      // The void line took the money back, but the sale it cancels never brought it in: the merchant is short the
      // sale's amount, exactly as for a sale that was never settled.
      const related: Draft['related'] = [
        { side: 'terminal', id: voided.id, role: 'void' },
        { side: 'settlement', id: voidLine.id, role: 'void_settlement' },
      ];
      if (covered(t, day)) onTerminal('missing_in_settlement', t, null, reasons.voidedSaleMissing(t, voided, voidLine), { related });
      else onTerminal('pending_settlement', t, null, reasons.pending(t, day), { related });
      continue;
    }
    // domain.md §4.7: a late or holiday transaction can settle a day later than the cut-off says. The claim stands
    // on day D's file, but until the next day's file is in, the reason says to look there first.
    if (covered(t, day)) onTerminal('missing_in_settlement', t, null, reasons.missingInSettlement(t, day, covered(t, addDays(day, 1))));
    else onTerminal('pending_settlement', t, null, reasons.pending(t, day));
  }

  // Built on first use: only a settled debit with no journal record looks for its twin.
  const settledDebits = lazy(() =>
    groupBy(settlement, (s) => (s.direction === 'debit' && s.cardLast4 !== null && byS.has(s.id) ? `${s.terminalId}|${s.cardLast4}|${s.amountFen}` : null)),
  );
  /**
   * A double charge the journal cannot show (domain.md §4.3): another debit of the same card and amount on the same
   * terminal, within minutes, that pairs with an approved journal record. The unjournaled one is the attempt the
   * terminal never recorded (declines and timeouts often are not, §2.8): had a failed attempt been journaled it
   * would have paired with this line.
   */
  const twinOf = (s: MatchSettlement): PairRef | undefined => {
    if (s.direction !== 'debit' || s.cardLast4 === null) return undefined;
    const pool = settledDebits().get(`${s.terminalId}|${s.cardLast4}|${s.amountFen}`) ?? [];
    const twin = pool
      .filter((o) => Math.abs(o.at - s.at) <= RESWIPE_WINDOW_S && sameCard(s, o) === true && byS.get(o.id)?.terminal.status === 'SUCCESS')
      .sort((a, b) => Math.abs(a.at - s.at) - Math.abs(b.at - s.at) || compareTxn(a, b))[0];
    return twin ? byS.get(twin.id) : undefined;
  };

  for (const s of [...settlement].sort(compareTxn)) {
    if (byS.has(s.id)) continue;
    const floating = s.terminalId === '';
    const journal = floating ? floatingCovered(coverage, s) : (coverage.journalDays.get(s.terminalId)?.has(s.txnDate) ?? false);
    const twin = journal && !floating ? twinOf(s) : undefined;
    if (twin) {
      drafts.push({
        identity: caseIdentity('settlement', s),
        category: 'missing_on_terminal',
        terminal: null,
        settlement: s,
        related: [
          { side: 'terminal', id: twin.terminal.id, role: 'reswipe' },
          { side: 'settlement', id: twin.settlement.id, role: 'reswipe_settlement' },
        ],
        settleDate: s.settleDate,
        reason: reasons.settledTwice(s, twin.terminal, twin.settlement),
        action: POSSIBLE_DOUBLE_CHARGE_ACTION,
      });
      continue;
    }
    drafts.push({
      identity: caseIdentity('settlement', s),
      category: journal ? 'missing_on_terminal' : 'journal_not_imported',
      terminal: null,
      settlement: s,
      related: [],
      settleDate: s.settleDate,
      reason: floating
        ? journal
          ? reasons.missingOnTerminalNoDevice(s)
          : reasons.journalNotImportedNoDevice(s, coverage.anyJournalDays.has(s.txnDate))
        : journal
          ? reasons.missingOnTerminal(s)
          : reasons.journalNotImported(s),
      ...(floating && !journal ? { action: JOURNAL_NOT_IMPORTED_NO_DEVICE_ACTION } : {}),
    });
  }
  return finish(drafts, occurrences);
}

/**
 * Gives ids (identical records get an occurrence number, counted in `seen` across calls) and links cases that
 * share a record.
 */
function finish(drafts: readonly Draft[], seen: Map<string, number>): CaseDraft[] {
  const withIds = drafts.map((d) => {
    const n = seen.get(d.identity) ?? 0;
    seen.set(d.identity, n + 1);
    const { identity, ...rest } = d;
    return { ...rest, id: caseIdFrom(identity, n), relatedCaseIds: [] as string[] };
  });
  const byRecord = new Map<string, string[]>();
  const keysOf = (c: (typeof withIds)[number]): string[] => [
    ...(c.terminal ? [`T${c.terminal.id}`] : []),
    ...(c.settlement ? [`S${c.settlement.id}`] : []),
    ...c.related.map((r) => `${r.side === 'terminal' ? 'T' : 'S'}${r.id}`),
  ];
  for (const c of withIds) for (const k of keysOf(c)) byRecord.set(k, [...(byRecord.get(k) ?? []), c.id]);
  for (const c of withIds) {
    const linked = new Set(keysOf(c).flatMap((k) => byRecord.get(k) ?? []));
    linked.delete(c.id);
    c.relatedCaseIds = [...linked].sort();
  }
  return withIds;
}
