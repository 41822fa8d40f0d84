import type { Category } from '../domain/categories.js';
import { formatYuan } from '../domain/money.js';
import { feeFen } from './rows.js';
import type { DayWriter, SettleLine } from './formats/types.js';
import { advanceTrace, CUTOFF_SECONDS, hms, MERCHANT_ID, pad6, type Attempt, type Emitted } from './model.js';
import type { Rng } from './rng.js';
import { csvLine, journalCells } from './rows.js';
import type { LineSink } from './sink.js';

export interface TruthCase {
  category: Category;
  terminal_id: string;
  trace_no: string;
  note: string;
}

/** A terminal's counters. `trace` is the last trace number used. */
export interface TerminalState {
  id: string;
  trace: number;
  batch: number;
}

export interface EmitterSinks {
  journal: LineSink;
  /** One per generated day, index = day number, in the scenario's settlement format. */
  settlement: readonly DayWriter[];
  /** The journal carries 商户订单号 (QR formats match by it). */
  orderNumbers?: boolean;
}

const OPERATORS = ['01', '02', '03'] as const;

/**
 * Turns attempts, in time order per terminal, into journal and settlement lines. It owns everything that must be
 * assigned in that order: trace numbers, batch numbers, RRNs. Truth cases are collected here because a case is
 * cited by its trace, which only exists once the attempt has been written.
 */
export class Emitter {
  readonly truth: TruthCase[] = [];
  journalRows = 0;
  settlementRows = 0;
  private rrnSeq: number;
  private readonly authSalt: number;

  constructor(
    private readonly sinks: EmitterSinks,
    private readonly dates: readonly string[],
    rng: Rng,
  ) {
    this.rrnSeq = rng.int(10_000_000, 19_999_999);
    this.authSalt = rng.int(0, 999_999);
  }

  /** A new day: settlement of yesterday closed the batch, and the morning sign-on used a trace number. */
  startDay(term: TerminalState): void {
    term.batch = advanceTrace(term.batch, 1);
    term.trace = advanceTrace(term.trace, 1);
  }

  async emit(term: TerminalState, a: Attempt, rng: Rng): Promise<void> {
    // Balance enquiries, parameter downloads and the like consume trace numbers too: gaps are normal.
    const skipped = rng.chance(0.03) ? rng.int(1, 3) : 0;
    term.trace = advanceTrace(term.trace, 1 + skipped);
    const date = this.dates[a.day];
    if (date === undefined) throw new Error(`attempt on day ${a.day} is outside the scenario`);
    // The order number the POS sends with a QR payment; a void or refund cites the sale's. It uses no randomness,
    // so scenarios without order numbers stay byte-identical.
    const order = a.origin?.emitted?.order ?? `${term.id}${date.replace(/-/g, '')}${pad6(term.trace)}`;
    const e: Emitted = { trace: pad6(term.trace), batch: pad6(term.batch), date, rrn: '', auth: '', order };
    // The host approved it if the terminal saw the approval or if it settles (a timeout the acquirer booked anyway).
    if (a.outcome === 'approved' || a.settle) {
      this.rrnSeq += rng.int(1, 3);
      e.rrn = date.slice(5, 7) + date.slice(8, 10) + pad8(this.rrnSeq % 100_000_000);
      // 7919 is coprime with 10^6, so any two RRNs less than a million apart get different auth codes.
      e.auth = a.kind === 'refund' ? '' : pad6((this.rrnSeq * 7919 + this.authSalt) % 1_000_000);
    }
    a.emitted = e;

    const operator = rng.pick(OPERATORS);
    const thousands = a.amountFen >= 100_000 && rng.chance(0.2);
    if (a.inJournal) {
      const cells = journalCells(term.id, a, e, { operator, thousands });
      await this.sinks.journal.writeLine(csvLine(this.sinks.orderNumbers ? [...cells, e.order] : cells));
      this.journalRows++;
    }
    const settleDay = a.day + (a.time >= CUTOFF_SECONDS ? 1 : 0);
    const settleSink = this.sinks.settlement[settleDay];
    const settleDate = this.dates[settleDay];
    // A settlement day past the last generated one has no file: the line is simply not written anywhere.
    if (a.settle && settleSink && settleDate) {
      await settleSink.write(settleLine(term.id, a, e, settleDate, this.settlementRows));
      this.settlementRows++;
    } else if (!a.settle && a.outcome === 'reversed' && settleSink?.reversed && settleDate) {
      await settleSink.reversed(settleLine(term.id, a, e, settleDate, this.settlementRows));
    }
    if (a.truth) {
      const note = `${a.truth.note} (${a.kind} ${formatYuan(a.amountFen)} on ${date} ${hms(a.time)}, batch ${e.batch})`;
      this.truth.push({ category: a.truth.category, terminal_id: term.id, trace_no: e.trace, note });
    }
  }
}

function pad8(n: number): string {
  return n.toString().padStart(8, '0');
}

/** Everything a settlement format needs to lay out one settled attempt. */
function settleLine(terminal: string, a: Attempt, e: Emitted, settleDate: string, seq: number): SettleLine {
  const amountFen = a.settle?.amountFen ?? a.amountFen;
  const o = a.origin?.emitted ?? null;
  return {
    merchantId: MERCHANT_ID,
    terminalId: terminal,
    kind: a.kind,
    card: a.card,
    amountFen,
    feeFen: feeFen(amountFen, a.card.type),
    date: e.date,
    time: hms(a.time),
    settleDate,
    trace: e.trace,
    batch: a.settle?.blankBatch ? '' : e.batch,
    rrn: a.settle?.blankRrn ? '' : e.rrn,
    auth: e.auth,
    orderNo: e.order,
    origin: o && a.origin ? { trace: o.trace, date: o.date, time: hms(a.origin.time), rrn: o.rrn } : null,
    seq,
  };
}
