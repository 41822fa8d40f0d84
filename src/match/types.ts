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

/** Passes, most certain first (issue 2 §6). */
export const PASSES = ['rrn', 'batch_trace', 'trace_amount_date', 'card_amount_time'] as const;
export type Pass = (typeof PASSES)[number];

/** What agreed and what did not, stored with every match as its evidence. */
export interface Signals {
  rrn: boolean;
  batchTrace: boolean;
  amountEqual: boolean;
  cardEqual: boolean | null;
  dateDiffDays: number;
  timeDiffSeconds: number;
}

export interface MatchPair {
  terminal: MatchTerminal;
  settlement: MatchSettlement;
  pass: Pass;
  signals: Signals;
}

export type RelatedRole = 'original_sale' | 'original_sale_settlement' | 'reswipe' | 'reswipe_settlement';

export interface CaseDraft {
  id: string;
  category: Category;
  terminal: MatchTerminal | null;
  settlement: MatchSettlement | null;
  related: Array<{ side: 'terminal' | 'settlement'; id: number; role: RelatedRole }>;
  relatedCaseIds: string[];
  settleDate: IsoDate | null;
  reason: string;
}

export interface Coverage {
  /** Settlement days each merchant's settlement files cover; key '' holds the days of all files. */
  settlementDays: ReadonlyMap<string, ReadonlySet<string>>;
  /** Calendar days each terminal's journal covers. */
  journalDays: ReadonlyMap<string, ReadonlySet<string>>;
}
