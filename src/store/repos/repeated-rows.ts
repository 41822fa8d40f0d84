import type { Side } from '../../domain/record.js';
import type { Db } from '../open.js';

export interface RepeatedRows {
  /** How many of the new file's rows were looked up. */
  sampled: number;
  /** Earlier files holding an identical line (same masked text) for some of them, most first. */
  earlier: Array<{ fileId: number; name: string; rows: number }>;
}

const TABLE: Record<Side, string> = { terminal: 'terminal_records', settlement: 'settlement_records' };

/** The highest record id of a side: a file imported in one write transaction takes the ids above it. */
export function lastRecordId(db: Db, side: Side): number {
  return db.prepare(`SELECT COALESCE(MAX(id), 0) FROM ${TABLE[side]}`).pluck().get() as number;
}

/**
 * Looks up a spread of the rows a file just added (ids above `before`, up to `after`) among the records already
 * there. A sample, not every row: each lookup walks one terminal's records, and a second copy of a file shows
 * in any part of it.
 */
export function repeatedRows(db: Db, side: Side, before: number, after: number, samples: number): RepeatedRows {
  const table = TABLE[side];
  const row = db.prepare(`SELECT terminal_id, raw_sha256 FROM ${table} WHERE id = ?`);
  const earlier = db.prepare(
    `SELECT r.file_id AS fileId, f.name FROM ${table} r JOIN imported_files f ON f.id = r.file_id
     WHERE r.terminal_id = ? AND r.raw_sha256 = ? AND r.id <= ? ORDER BY r.id LIMIT 1`,
  );
  const count = after - before;
  const step = Math.max(1, count / samples);
  const found = new Map<number, { fileId: number; name: string; rows: number }>();
  let sampled = 0;
  for (let i = 0; i < Math.min(samples, count); i++) {
    const r = row.get(before + 1 + Math.floor(i * step)) as { terminal_id: string; raw_sha256: string } | undefined;
    if (!r) continue;
    sampled++;
    const hit = earlier.get(r.terminal_id, r.raw_sha256, before) as { fileId: number; name: string } | undefined;
    if (!hit) continue;
    const entry = found.get(hit.fileId) ?? { ...hit, rows: 0 };
    entry.rows++;
    found.set(hit.fileId, entry);
  }
  return { sampled, earlier: [...found.values()].sort((a, b) => b.rows - a.rows || a.fileId - b.fileId) };
}
