import type { Db } from '../open.js';
import type { Provenance, SettlementRecord, TerminalRecord, TxnFields } from '../../domain/record.js';

type Value = string | number | null;

const COMMON_COLS = [
  'file_id', 'line', 'merchant_id', 'terminal_id', 'batch_no', 'trace_no', 'rrn', 'auth_code', 'card_masked',
  'card_last4', 'txn_type', 'direction', 'amount_fen', 'txn_date', 'txn_time', 'orig_trace_no', 'orig_rrn',
  'orig_date', 'order_no', 'raw', 'raw_sha256', 'raw_masked',
] as const;

/** Values in COMMON_COLS order. */
function common(r: TxnFields & Provenance, fileId: number): Value[] {
  return [
    fileId, r.line, r.merchantId, r.terminalId, r.batchNo, r.traceNo, r.rrn, r.authCode, r.cardMasked, r.cardLast4,
    r.txnType, r.direction, r.amountFen, r.txnDate, r.txnTime, r.origTraceNo, r.origRrn, r.origDate, r.orderNo,
    r.raw, r.rawSha256, r.rawMasked ? 1 : 0,
  ];
}

const TERMINAL_EXTRA = ['response_code', 'status', 'operator'] as const;
const SETTLEMENT_EXTRA = ['settle_date', 'fee_fen', 'net_fen', 'card_type', 'store_name'] as const;

/**
 * Rows per INSERT statement. Measured with better-sqlite3 on 25 columns: 110k rows/s one row a statement,
 * 190k rows/s forty a statement (bench/NOTES.md); 40 × 25 stays far below SQLite's 32,766 variables.
 */
const BATCH = 40;

/**
 * Buffers rows and inserts them BATCH at a time with positional parameters. Callers must flush() before
 * they commit; the import transaction does.
 */
function batchedInsert(db: Db, table: string, columns: readonly string[]) {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const many = db.prepare(head + Array.from({ length: BATCH }, () => one).join(', '));
  const single = db.prepare(head + one);
  let buffer: Value[] = [];
  let rows = 0;
  return {
    add(values: readonly Value[]): void {
      for (const v of values) buffer.push(v);
      if (++rows === BATCH) {
        many.run(buffer);
        buffer = [];
        rows = 0;
      }
    },
    flush(): void {
      const width = columns.length;
      for (let i = 0; i < rows; i++) single.run(buffer.slice(i * width, (i + 1) * width));
      buffer = [];
      rows = 0;
    },
  };
}

export function recordsRepo(db: Db) {
  const terminal = batchedInsert(db, 'terminal_records', [...COMMON_COLS, ...TERMINAL_EXTRA]);
  const settlement = batchedInsert(db, 'settlement_records', [...COMMON_COLS, ...SETTLEMENT_EXTRA]);
  const insertRejected = db.prepare(
    'INSERT INTO rejected_rows (file_id, line, disposition, reason, raw) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    addTerminal(fileId: number, r: TerminalRecord & Provenance): void {
      terminal.add([...common(r, fileId), r.responseCode, r.status, r.operator]);
    },
    addSettlement(fileId: number, r: SettlementRecord & Provenance): void {
      settlement.add([...common(r, fileId), r.settleDate, r.feeFen, r.netFen, r.cardType, r.storeName]);
    },
    addUnimported(fileId: number, line: number, disposition: 'rejected' | 'skipped', reason: string, raw: string): void {
      insertRejected.run(fileId, line, disposition, reason, raw);
    },
    /** Writes what is still buffered; call before committing. */
    flush(): void {
      terminal.flush();
      settlement.flush();
    },
  };
}
