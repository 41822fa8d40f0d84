import { createHash } from 'node:crypto';
import type { Db } from '../open.js';

export type AuditAction = 'import' | 'match' | 'case.status' | 'rates.set' | 'rates.remove' | 'merchants.set' | 'files.remove';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  case_id: string | null;
  /** JSON: what happened, with the file hashes where files were involved. */
  details: string;
  prev_sha256: string;
  sha256: string;
}

export interface NewAuditEntry {
  at: string;
  actor: string;
  action: AuditAction;
  caseId?: string;
  details: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

function entryHash(prev: string, e: Pick<AuditEntry, 'at' | 'actor' | 'action' | 'case_id' | 'details'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, e.at, e.actor, e.action, e.case_id, e.details]))
    .digest('hex');
}

/**
 * The append-only audit log. The table refuses UPDATE and DELETE; each entry hashes the previous one, so
 * `verify` also notices an entry changed with the triggers dropped.
 */
export function auditRepo(db: Db) {
  const last = db.prepare('SELECT sha256 FROM audit_log ORDER BY id DESC LIMIT 1');
  const insert = db.prepare(`INSERT INTO audit_log (at, actor, action, case_id, details, prev_sha256, sha256)
    VALUES (@at, @actor, @action, @case_id, @details, @prev_sha256, @sha256)`);
  return {
    append(e: NewAuditEntry): number {
      return db.transaction(() => {
        const prev = (last.get() as { sha256: string } | undefined)?.sha256 ?? GENESIS;
        const row = { at: e.at, actor: e.actor, action: e.action, case_id: e.caseId ?? null, details: JSON.stringify(e.details) };
        return Number(insert.run({ ...row, prev_sha256: prev, sha256: entryHash(prev, row) }).lastInsertRowid);
      })();
    },
    list(filter: { caseId?: string } = {}): AuditEntry[] {
      if (filter.caseId !== undefined) {
        return db.prepare('SELECT * FROM audit_log WHERE case_id = ? ORDER BY id').all(filter.caseId) as AuditEntry[];
      }
      return db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditEntry[];
    },
    /** The id of the first entry whose hash or link does not hold, or null when the chain is whole. */
    verify(): { entries: number; brokenAt: number | null } {
      let prev = GENESIS;
      let n = 0;
      for (const e of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditEntry>) {
        n++;
        if (e.prev_sha256 !== prev || entryHash(prev, e) !== e.sha256) return { entries: n, brokenAt: e.id };
        prev = e.sha256;
      }
      return { entries: n, brokenAt: null };
    },
  };
}
