import type { Side } from '../domain/record.js';
import { InputError } from '../domain/errors.js';
import type { Field } from './fields.js';
import { quoteText } from './head-text.js';

type Requirement = { any: readonly Field[]; label: string };

const COMMON: readonly Requirement[] = [
  { any: ['terminal_id'], label: 'terminal_id (终端号)' },
  { any: ['amount', 'amount_fen'], label: 'amount (交易金额)' },
  { any: ['txn_date', 'txn_datetime'], label: 'txn_date (交易日期)' },
  { any: ['txn_time', 'txn_datetime'], label: 'txn_time (交易时间)' },
];

const REQUIRED: Record<Side, readonly Requirement[]> = {
  terminal: [
    ...COMMON,
    { any: ['txn_type'], label: 'txn_type (交易类型)' },
    { any: ['status', 'response_code'], label: 'status (交易状态) or response_code (应答码)' },
  ],
  settlement: COMMON,
};

/** Enough headers to see what the file is; a binary file's "header" can be thousands of cells. */
const HEADERS_SHOWN = 30;

/** A file missing a required column cannot be imported at all: say which, and what headers were there. */
export function checkLayout(path: string, side: Side, present: ReadonlySet<Field>, headers: readonly string[]): void {
  const missing = REQUIRED[side].filter((r) => !r.any.some((f) => present.has(f))).map((r) => r.label);
  if (missing.length === 0) return;
  const seen = headers.slice(0, HEADERS_SHOWN).map((h) => quoteText(h, 40));
  if (headers.length > HEADERS_SHOWN) seen.push(`… (${headers.length} in all)`);
  throw new InputError(
    `${path}: not a ${side} file posrecon recognises: required column(s) not found: ${missing.join(', ')}; headers seen: ${seen.join(', ')}`,
    'rename the columns (see README "Input columns"), or choose --side / --format',
  );
}

/** Settlement files carry money the terminal never sees: fee, net amount, clearing date. */
export const SETTLEMENT_ONLY: ReadonlySet<Field> = new Set(['settle_date', 'fee', 'fee_fen', 'net_amount', 'net_amount_fen']);

/** A terminal's own view of an attempt: whether it was approved, timed out or failed. */
const JOURNAL_ONLY: readonly Field[] = ['status', 'response_code'];

/**
 * What in a header contradicts the side the file is read as, or null: a journal's status or response-code columns
 * without any of a settlement file's own columns, or those settlement columns in a file read as a journal. A journal
 * imported as a settlement file counts its timed-out and failed attempts as settled money, so the user is told.
 */
export function sideDoubt(side: Side, present: ReadonlySet<Field>, nameOf: (f: Field) => string): string | null {
  const settlementCols = [...SETTLEMENT_ONLY].filter((f) => present.has(f));
  if (side === 'settlement') {
    const journalCols = JOURNAL_ONLY.filter((f) => present.has(f));
    if (journalCols.length === 0 || settlementCols.length > 0) return null;
    return `read as a settlement file, but its header looks like a terminal journal's: it has ${journalCols.map(nameOf).join(' and ')} and no fee, net amount or clearing-date column`;
  }
  if (settlementCols.length === 0) return null;
  return `read as a terminal journal, but its header has a settlement file's own columns: ${settlementCols.map(nameOf).join(', ')}`;
}

/** Where a header's required columns are: a row with fewer than `cells` cells lacks one, whatever else it holds. */
export interface Reach {
  cells: number;
  /** Each requirement's first column, left to right, to name the first one a short row lacks. */
  needs: ReadonlyArray<{ at: number; label: string }>;
}

/**
 * The reach of the required columns of a header (`indexOf` gives a field's column). A requirement met by several
 * columns needs only the first of them; one the header lacks altogether is not this check's business (checkLayout).
 */
export function requiredReach(side: Side, indexOf: (f: Field) => number | undefined, terminalOptional = false): Reach | null {
  const needs: Array<{ at: number; label: string }> = [];
  for (const r of REQUIRED[side]) {
    if (terminalOptional && r.any.includes('terminal_id')) continue;
    let at = Infinity;
    for (const f of r.any) at = Math.min(at, indexOf(f) ?? Infinity);
    if (at !== Infinity) needs.push({ at, label: r.label });
  }
  needs.sort((a, b) => a.at - b.at);
  const last = needs.at(-1);
  return last ? { cells: last.at + 1, needs } : null;
}

/** Why a row too short for its header's required columns is rejected: the same shape as a row with too many. */
export function shortRowReason(cells: number, width: number, reach: Reach): string {
  const missing = reach.needs.find((n) => n.at >= cells)?.label ?? '';
  return `${cells} column${cells === 1 ? '' : 's'}, but the header has ${width}; the line ends before the ${missing} column (cut off?)`;
}
