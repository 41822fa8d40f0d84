import type { Category } from '../domain/categories.js';
import type { Card } from './cards.js';

/** One merchant for the whole scenario: the reconciler works per merchant anyway. */
export const MERCHANT_ID = '898310154110001';
const FIRST_TERMINAL = 10_012_345;

/** Terminal ids are consecutive; index `terminals` (one past the journal terminals) is the unimported one. */
export function terminalId(index: number): string {
  return String(FIRST_TERMINAL + index);
}

/** Acquirer day cut (domain.md §4.7): from 23:00:00 a transaction settles on the next clearing date. */
export const CUTOFF_SECONDS = 23 * 3600;

export type TxnKind = 'sale' | 'void' | 'refund';

/** What the terminal ended up showing for the attempt. */
export type Outcome = 'approved' | 'declined' | 'timeout' | 'reversed' | 'reversal_failed';

export interface SettleSpec {
  /** Usually the journal amount; differs only for amount_mismatch. */
  amountFen: number;
  /** Some acquirers leave keys out; the matcher must fall back to batch+trace, or trace+amount+date. */
  blankRrn: boolean;
  blankBatch: boolean;
}

/** Keys the terminal and host assigned when the attempt was generated; later attempts (void, refund) cite them. */
export interface Emitted {
  trace: string;
  batch: string;
  date: string;
  /** RRN and auth code as the host assigned them; the journal shows them only if the terminal saw the approval. */
  rrn: string;
  auth: string;
  /** The merchant order number (商户订单号) the POS sent; a void or refund repeats its sale's. */
  order: string;
}

export interface TruthNote {
  category: Category;
  note: string;
}

/** One message exchange on a terminal: it consumes one trace number, whatever happens to it afterwards. */
export interface Attempt {
  day: number;
  /** Seconds since local midnight. */
  time: number;
  kind: TxnKind;
  card: Card;
  amountFen: number;
  outcome: Outcome;
  /** Field 39 of a decline; approvals print 00 and no-reply outcomes print nothing. */
  declineCode: string;
  /** False when the terminal lost the row (missing_on_terminal) or has no journal at all. */
  inJournal: boolean;
  settle: SettleSpec | null;
  /** The sale a void or refund refers to. */
  origin: Attempt | null;
  truth: TruthNote | null;
  emitted: Emitted | null;
}

export type AttemptInit = Pick<Attempt, 'day' | 'time' | 'card' | 'amountFen'> & Partial<Attempt>;

/** An approved sale that settles normally, unless the init says otherwise. */
export function attempt(init: AttemptInit): Attempt {
  return {
    kind: 'sale',
    outcome: 'approved',
    declineCode: '',
    inJournal: true,
    settle: settled(init.amountFen),
    origin: null,
    truth: null,
    emitted: null,
    ...init,
  };
}

export function settled(amountFen: number, blank: { rrn?: boolean; batch?: boolean } = {}): SettleSpec {
  return { amountFen, blankRrn: blank.rrn ?? false, blankBatch: blank.batch ?? false };
}

export function hms(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h, m, s].map((n) => n.toString().padStart(2, '0')).join(':');
}

/** Trace numbers (field 11) run 000001…999999 and then start over at 000001; 000000 is never used. */
export function advanceTrace(trace: number, by: number): number {
  return ((trace - 1 + by) % 999_999) + 1;
}

export function pad6(n: number): string {
  return n.toString().padStart(6, '0');
}
