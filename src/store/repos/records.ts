import type { Db } from '../open.js';
import type { Provenance, SettlementRecord, TerminalRecord, TxnFields } from '../../domain/record.js';

/** A bound value; rows travel as flat arrays of these (see pushTerminal), which can cross to a worker thread. */
export type Value = string | number | null;

const COMMON_COLS = [
  'file_id', 'line', 'merchant_id', 'terminal_id', 'batch_no', 'trace_no', 'rrn', 'auth_code', 'card_masked',
  'card_last4', 'txn_type', 'direction', 'amount_fen', 'txn_date', 'txn_time', 'orig_trace_no', 'orig_rrn',
  'orig_date', 'order_no', 'raw', 'raw_sha256', 'raw_masked',
] as const;

/** Appends the values in COMMON_COLS order. */
function pushCommon(out: Value[], fileId: number, r: TxnFields, p: Provenance): void {
  out.push(
    fileId, p.line, r.merchantId, r.terminalId, r.batchNo, r.traceNo, r.rrn, r.authCode, r.cardMasked, r.cardLast4,
    r.txnType, r.direction, r.amountFen, r.txnDate, r.txnTime, r.origTraceNo, r.origRrn, r.origDate, r.orderNo,
    p.raw, p.rawSha256, p.rawMasked ? 1 : 0,
  );
}

const TERMINAL_COLS = [...COMMON_COLS, 'response_code', 'status', 'operator'] as const;
const SETTLEMENT_COLS = [...COMMON_COLS, 'settle_date', 'fee_fen', 'net_fen', 'card_type', 'store_name'] as const;

/** Appends one terminal record's values to `out`, in the order addTerminalRows expects. */
export function pushTerminal(out: Value[], fileId: number, r: TerminalRecord, p: Provenance): void {
  pushCommon(out, fileId, r, p);
  out.push(r.responseCode, r.status, r.operator);
}

/** Appends one settlement record's values to `out`, in the order addSettlementRows expects. */
export function pushSettlement(out: Value[], fileId: number, r: SettlementRecord, p: Provenance): void {
  pushCommon(out, fileId, r, p);
  out.push(r.settleDate, r.feeFen, r.netFen, r.cardType, r.storeName);
}

/**
 * Rows per INSERT statement. Measured with better-sqlite3 on 25 columns: 110k rows/s one row a statement,
 * 190k rows/s forty a statement (bench/NOTES.md); 40 × 25 stays far below SQLite's 32,766 variables.
 */
const BATCH = 40;

/**
 * Inserts rows given as one flat array of values, BATCH rows a statement; a remainder waits for the next
 * call. Callers must flush() before they commit; the import transaction does.
 */
function batchedInsert(db: Db, table: string, columns: readonly string[]) {
  const width = columns.length;
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const many = db.prepare(head + Array.from({ length: BATCH }, () => one).join(', '));
  const single = db.prepare(head + one);
  let buffer: Value[] = [];
  return {
    add(values: readonly Value[]): void {
      if (values.length % width !== 0) throw new Error(`${table}: ${values.length} values are not whole rows of ${width}`);
      let from = 0;
      // Top the buffer up to a whole statement first, so rows keep their order.
      if (buffer.length > 0) {
        const need = Math.min(BATCH * width - buffer.length, values.length);
        for (let i = 0; i < need; i++) buffer.push(values[i] ?? null);
        from = need;
        if (buffer.length < BATCH * width) return;
        many.run(buffer);
        buffer = [];
      }
      for (; from + BATCH * width <= values.length; from += BATCH * width) many.run(values.slice(from, from + BATCH * width));
      if (from < values.length) buffer = values.slice(from);
    },
    flush(): void {
      for (let i = 0; i < buffer.length; i += width) single.run(buffer.slice(i, i + width));
      buffer = [];
    },
  };
}

export function recordsRepo(db: Db) {
  const terminal = batchedInsert(db, 'terminal_records', TERMINAL_COLS);
  const settlement = batchedInsert(db, 'settlement_records', SETTLEMENT_COLS);
  const insertRejected = db.prepare(
    'INSERT INTO rejected_rows (file_id, line, disposition, reason, raw) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    addTerminal(fileId: number, r: TerminalRecord, p: Provenance): void {
      const values: Value[] = [];
      pushTerminal(values, fileId, r, p);
      terminal.add(values);
    },
    addSettlement(fileId: number, r: SettlementRecord, p: Provenance): void {
      const values: Value[] = [];
      pushSettlement(values, fileId, r, p);
      settlement.add(values);
    },
    /** Rows built with pushTerminal, any number of them. */
    addTerminalRows(values: readonly Value[]): void {
      terminal.add(values);
    },
    /** Rows built with pushSettlement, any number of them. */
    addSettlementRows(values: readonly Value[]): void {
      settlement.add(values);
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
