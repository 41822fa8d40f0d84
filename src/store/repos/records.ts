import type { Db } from '../open.js';
import type { Provenance, SettlementRecord, TerminalRecord, TxnFields } from '../../domain/record.js';

type Row = Record<string, string | number | null>;

function common(r: TxnFields & Provenance, fileId: number): Row {
  return {
    file_id: fileId,
    line: r.line,
    merchant_id: r.merchantId,
    terminal_id: r.terminalId,
    batch_no: r.batchNo,
    trace_no: r.traceNo,
    rrn: r.rrn,
    auth_code: r.authCode,
    card_masked: r.cardMasked,
    card_last4: r.cardLast4,
    txn_type: r.txnType,
    direction: r.direction,
    amount_fen: r.amountFen,
    txn_date: r.txnDate,
    txn_time: r.txnTime,
    orig_trace_no: r.origTraceNo,
    orig_rrn: r.origRrn,
    orig_date: r.origDate,
    order_no: r.orderNo,
    raw: r.raw,
    raw_sha256: r.rawSha256,
    raw_masked: r.rawMasked ? 1 : 0,
  };
}

const COMMON_COLS = Object.keys(common({} as TxnFields & Provenance, 0));

function insertSql(table: string, extra: readonly string[]): string {
  const cols = [...COMMON_COLS, ...extra];
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`;
}

export function recordsRepo(db: Db) {
  const insertTerminal = db.prepare(insertSql('terminal_records', ['response_code', 'status', 'operator']));
  const insertSettlement = db.prepare(
    insertSql('settlement_records', ['settle_date', 'fee_fen', 'net_fen', 'card_type', 'store_name']),
  );
  const insertRejected = db.prepare(
    'INSERT INTO rejected_rows (file_id, line, disposition, reason, raw) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    addTerminal(fileId: number, r: TerminalRecord & Provenance): void {
      insertTerminal.run({ ...common(r, fileId), response_code: r.responseCode, status: r.status, operator: r.operator });
    },
    addSettlement(fileId: number, r: SettlementRecord & Provenance): void {
      insertSettlement.run({
        ...common(r, fileId),
        settle_date: r.settleDate,
        fee_fen: r.feeFen,
        net_fen: r.netFen,
        card_type: r.cardType,
        store_name: r.storeName,
      });
    },
    addUnimported(fileId: number, line: number, disposition: 'rejected' | 'skipped', reason: string, raw: string): void {
      insertRejected.run(fileId, line, disposition, reason, raw);
    },
  };
}
