import type { Category } from '../domain/categories.js';
import type { IsoDate } from '../domain/dates.js';
import type { Direction, TxnStatus, TxnType } from '../domain/txn.js';

/** The part of a stored record matching needs. */
export interface MatchTxn {
  id: number;
  merchantId: string | null;
  terminalId: string;
  batchNo: string | null;
  traceNo: string | null;
  rrn: string | null;
  cardMasked: string | null;
  cardLast4: string | null;
  txnType: TxnType;
  direction: Direction;
  amountFen: number;
  txnDate: IsoDate;
  txnTime: string;
  origTraceNo: string | null;
  origRrn: string | null;
  /** The merchant's order number (商户订单号): the only key QR and online payments share with the journal. */
  orderNo: string | null;
  rawSha256: string;
  /** Seconds, for time differences only. */
  at: number;
}

export interface MatchTerminal extends MatchTxn {
  responseCode: string | null;
  status: TxnStatus;
}

export interface MatchSettlement extends MatchTxn {
  settleDate: IsoDate;
}

/** Passes, most certain first (issue 2 §6; issue 3 added order_no, trace_time, orig_trace and qr_amount_time). */
export const PASSES = [
  'rrn',
  'batch_trace',
  'order_no',
  'trace_amount_date',
  'trace_time',
  'orig_trace',
  'card_amount_time',
  'qr_amount_time',
] as const;
export type Pass = (typeof PASSES)[number];

/** What agreed and what did not, stored with every match as its evidence. */
export interface Signals {
  rrn: boolean;
  batchTrace: boolean;
  /** Same trace (凭证号 / 系统跟踪号), batch or not. */
  trace: boolean;
  /** Both records cite the same original trace (a void or refund). */
  origTrace: boolean;
  orderNo: boolean;
  /** Same terminal id; null when one side has none (a QR row without 设备号). */
  terminalEqual: boolean | null;
  amountEqual: boolean;
  cardEqual: boolean | null;
  dateDiffDays: number;
  timeDiffSeconds: number;
  /** The signals that made this pair, in the words of the pass (e.g. ["terminal", "trace", "time ±1800 s"]). */
  carriedBy: readonly string[];
}

export interface MatchPair {
  terminal: MatchTerminal;
  settlement: MatchSettlement;
  pass: Pass;
  signals: Signals;
}

/** A pair as classification reads it: the two records, without the evidence. */
export type PairRef = Pick<MatchPair, 'terminal' | 'settlement'>;

export type RelatedRole = 'original_sale' | 'original_sale_settlement' | 'reswipe' | 'reswipe_settlement' | 'void' | 'void_settlement';

export interface CaseDraft {
  id: string;
  category: Category;
  terminal: MatchTerminal | null;
  settlement: MatchSettlement | null;
  related: Array<{ side: 'terminal' | 'settlement'; id: number; role: RelatedRole }>;
  relatedCaseIds: string[];
  settleDate: IsoDate | null;
  reason: string;
  /** What to do, when the category's usual action (ACTIONS) would be wrong for this case. */
  action?: string;
}

export interface Coverage {
  /**
   * Settlement days the files cover, per kind of payment and merchant ('' for lines naming no merchant), and per kind
   * for any file (keys and reading in coverage.ts).
   */
  settlementDays: ReadonlyMap<string, ReadonlySet<string>>;
  /** Calendar days each terminal's journal covers. */
  journalDays: ReadonlyMap<string, ReadonlySet<string>>;
  /** Calendar days the journals of each merchant they name cover. */
  merchantJournalDays: ReadonlyMap<string, ReadonlySet<string>>;
  /** Calendar days some imported journal covers, whichever terminal's. */
  anyJournalDays: ReadonlySet<string>;
  /**
   * For settlement lines that name no terminal: per wallet merchant id ('' for lines without one), the days the
   * journals of the terminals that paired that merchant's other such lines cover. Empty before pairing.
   */
  floatingJournalDays: ReadonlyMap<string, ReadonlySet<string>>;
}
