import { feeAtStakeFen, type FeeFinding } from './fees.js';

/** What the at-stake rule reads of a case. */
export interface StakeFacts {
  category: string;
  /** The case's amount: the terminal's when it has a terminal record, else the settlement line's. */
  amountFen: number;
  /** The settled amount, when the case has a settlement line. */
  settledFen: number | null;
  fee: Pick<FeeFinding, 'expectedFen' | 'actualFen'> | null;
}

/**
 * The money a case puts at stake, the one rule behind every total (console, report summaries, report.json): a fee
 * case its fee difference; an amount_mismatch the difference between what settled and what the terminal approved,
 * since the rest was paid (a 16.00 shortfall on a 4,908.88 sale counted 4,908.88); any other case its amount.
 */
export function atStakeFen(c: StakeFacts): number {
  if (c.fee !== null) return feeAtStakeFen(c.fee);
  if (c.category === 'amount_mismatch' && c.settledFen !== null) return Math.abs(c.settledFen - c.amountFen);
  return c.amountFen;
}
