import type { Db } from '../open.js';

/** One row of `merchants` (migration 0002): the names a slip header prints. */
export interface MerchantRow {
  merchant_id: string;
  name: string;
  name_en: string | null;
  acquirer: string | null;
  updated_at: string;
}

/** One row of `merchant_terminals`: which merchant a terminal belongs to. */
export interface MerchantTerminalRow {
  terminal_id: string;
  merchant_id: string;
  label: string | null;
  updated_at: string;
}

/** The merchant registry. Writes are upserts: `merchants set` may be run again to change a field. */
export function merchantsRepo(db: Db) {
  const get = db.prepare('SELECT * FROM merchants WHERE merchant_id = ?');
  const upsert = db.prepare(`INSERT INTO merchants (merchant_id, name, name_en, acquirer, updated_at)
    VALUES (@merchant_id, @name, @name_en, @acquirer, @updated_at)
    ON CONFLICT (merchant_id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
      acquirer = excluded.acquirer, updated_at = excluded.updated_at`);
  const terminal = db.prepare('SELECT * FROM merchant_terminals WHERE terminal_id = ?');
  const setTerminal = db.prepare(`INSERT INTO merchant_terminals (terminal_id, merchant_id, label, updated_at)
    VALUES (?, ?, NULL, ?)
    ON CONFLICT (terminal_id) DO UPDATE SET merchant_id = excluded.merchant_id, updated_at = excluded.updated_at`);
  const all = db.prepare('SELECT * FROM merchants ORDER BY merchant_id');
  const allTerminals = db.prepare('SELECT * FROM merchant_terminals ORDER BY merchant_id, terminal_id');
  return {
    get(merchantId: string): MerchantRow | undefined {
      return get.get(merchantId) as MerchantRow | undefined;
    },
    upsert(row: MerchantRow): void {
      upsert.run(row);
    },
    terminal(terminalId: string): MerchantTerminalRow | undefined {
      return terminal.get(terminalId) as MerchantTerminalRow | undefined;
    },
    /** Assigns a terminal to a merchant, moving it if it belonged to another one. */
    setTerminal(terminalId: string, merchantId: string, updatedAt: string): void {
      setTerminal.run(terminalId, merchantId, updatedAt);
    },
    list(): MerchantRow[] {
      return all.all() as MerchantRow[];
    },
    terminals(): MerchantTerminalRow[] {
      return allTerminals.all() as MerchantTerminalRow[];
    },
  };
}
