import type { Db } from '../open.js';

export interface AttemptGroup {
  terminal_id: string;
  merchant_id: string | null;
  status: string;
  response_code: string | null;
  n: number;
}

export interface SettlementTerminal {
  terminal_id: string;
  merchant_id: string | null;
  lines: number;
  amount_fen: number;
  first_date: string;
  last_date: string;
}

/** Aggregates for terminal health: journal attempts by terminal, status and code; settlement terminal ids; the registry. */
export function terminalHealthRepo(db: Db) {
  return {
    attempts(): AttemptGroup[] {
      return db
        .prepare(`SELECT terminal_id, MAX(merchant_id) AS merchant_id, status, response_code, COUNT(*) AS n
          FROM terminal_records GROUP BY terminal_id, status, response_code ORDER BY terminal_id, status, response_code`)
        .all() as AttemptGroup[];
    },
    settlementTerminals(): SettlementTerminal[] {
      return db
        .prepare(`SELECT terminal_id, MAX(merchant_id) AS merchant_id, COUNT(*) AS lines, SUM(amount_fen) AS amount_fen,
          MIN(txn_date) AS first_date, MAX(txn_date) AS last_date FROM settlement_records GROUP BY terminal_id ORDER BY terminal_id`)
        .all() as SettlementTerminal[];
    },
    /** Terminal ids in the merchant registry (migration 0002), with their merchant. */
    registeredTerminals(): Map<string, string> {
      const rows = db.prepare('SELECT terminal_id, merchant_id FROM merchant_terminals').all() as Array<{ terminal_id: string; merchant_id: string }>;
      return new Map(rows.map((r) => [r.terminal_id, r.merchant_id]));
    },
  };
}
