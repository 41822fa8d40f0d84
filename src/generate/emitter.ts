import type { Category } from '../domain/categories.js';
import { formatYuan } from '../domain/money.js';
import { advanceTrace, CUTOFF_SECONDS, hms, pad6, type Attempt, type Emitted } from './model.js';
import type { Rng } from './rng.js';
import { csvLine, journalCells, settlementCells } from './rows.js';
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
  /** One per generated day, index = day number. */
  settlement: readonly LineSink[];
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
    const e: Emitted = { trace: pad6(term.trace), batch: pad6(term.batch), date, rrn: '', auth: '' };
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
      await this.sinks.journal.writeLine(csvLine(journalCells(term.id, a, e, { operator, thousands })));
      this.journalRows++;
    }
    const settleDay = a.day + (a.time >= CUTOFF_SECONDS ? 1 : 0);
    const settleSink = this.sinks.settlement[settleDay];
    const settleDate = this.dates[settleDay];
    // A settlement day past the last generated one has no file: the line is simply not written anywhere.
    if (a.settle && settleSink && settleDate) {
      await settleSink.writeLine(csvLine(settlementCells(term.id, a, e, settleDate)));
      this.settlementRows++;
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
