import type { Side } from '../domain/record.js';
import { InputError } from '../domain/errors.js';
import type { Field } from './fields.js';

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

/** A file missing a required column cannot be imported at all: say which, and what headers were there. */
export function checkLayout(path: string, side: Side, present: ReadonlySet<Field>, headers: readonly string[]): void {
  const missing = REQUIRED[side].filter((r) => !r.any.some((f) => present.has(f))).map((r) => r.label);
  if (missing.length === 0) return;
  throw new InputError(
    `${path}: not a ${side} file posrecon recognises: required column(s) not found: ${missing.join(', ')}; headers seen: ${headers.map((h) => JSON.stringify(h)).join(', ')}`,
    'rename the columns (see README "Input columns"), or choose --side / --format',
  );
}

/** Settlement files carry money the terminal never sees: fee, net amount, clearing date. */
export const SETTLEMENT_ONLY: ReadonlySet<Field> = new Set(['settle_date', 'fee', 'fee_fen', 'net_amount', 'net_amount_fen']);
