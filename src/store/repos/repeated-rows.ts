import type { Side } from '../../domain/record.js';
import type { Db } from '../open.js';

export interface RepeatedRows {
  /** How many of the new file's rows were looked up. */
  sampled: number;
  /** Earlier files holding an identical line (same masked text) for some of them, most first. */
  earlier: Array<{ fileId: number; name: string; rows: number }>;
}

interface SampledRow {
  terminal_id: string;
  txn_date: string;
  txn_time: string;
  raw_sha256: string;
}

const TABLE: Record<Side, string> = { terminal: 'terminal_records', settlement: 'settlement_records' };

/** The highest record id of a side: a file imported in one write transaction takes the ids above it. */
export function lastRecordId(db: Db, side: Side): number {
  return db.prepare(`SELECT COALESCE(MAX(id), 0) FROM ${TABLE[side]}`).pluck().get() as number;
}

/**
 * Looks up a spread of the rows a file just added (ids above `before`, up to `after`) among the records already
 * there. A sample, not every row: each lookup walks one terminal's records (lines without a terminal: one
 * second's), and a second copy of a file shows in any part of it.
 */
export function repeatedRows(db: Db, side: Side, before: number, after: number, samples: number): RepeatedRows {
  const table = TABLE[side];
  const row = db.prepare(`SELECT terminal_id, txn_date, txn_time, raw_sha256 FROM ${table} WHERE id = ?`);
  const pick = `SELECT r.file_id AS fileId, f.name FROM ${table} r JOIN imported_files f ON f.id = r.file_id WHERE`;
  const sameTerminal = db.prepare(`${pick} r.terminal_id = ? AND r.raw_sha256 = ? AND r.id <= ? ORDER BY r.id LIMIT 1`);
  // Only settlement lines (WeChat, Alipay) may lack a terminal. Those share one key of the terminal_id index,
  // walked whole for each lookup, and SQLite 3.53 still prefers that index (it serves the ORDER BY) over the
  // partial one of migration 0008, so that one is named.
  const noTerminal =
    side === 'settlement'
      ? db.prepare(
          `SELECT r.file_id AS fileId, f.name FROM settlement_records r INDEXED BY settlement_records_untermed_time
           JOIN imported_files f ON f.id = r.file_id
           WHERE r.terminal_id = '' AND r.txn_date = ? AND r.txn_time = ? AND r.raw_sha256 = ? AND r.id <= ?
           ORDER BY r.id LIMIT 1`,
        )
      : undefined;
  const earlier = (r: SampledRow, upTo: number): { fileId: number; name: string } | undefined =>
    (noTerminal && r.terminal_id === ''
      ? noTerminal.get(r.txn_date, r.txn_time, r.raw_sha256, upTo)
      : sameTerminal.get(r.terminal_id, r.raw_sha256, upTo)) as { fileId: number; name: string } | undefined;
  const count = after - before;
  const step = Math.max(1, count / samples);
  const found = new Map<number, { fileId: number; name: string; rows: number }>();
  let sampled = 0;
  for (let i = 0; i < Math.min(samples, count); i++) {
    const r = row.get(before + 1 + Math.floor(i * step)) as SampledRow | undefined;
    if (!r) continue;
    sampled++;
    const hit = earlier(r, before);
    if (!hit) continue;
    const entry = found.get(hit.fileId) ?? { ...hit, rows: 0 };
    entry.rows++;
    found.set(hit.fileId, entry);
  }
  return { sampled, earlier: [...found.values()].sort((a, b) => b.rows - a.rows || a.fileId - b.fileId) };
}
