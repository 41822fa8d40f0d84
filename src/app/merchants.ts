import { UsageError } from '../domain/errors.js';
import { terminalIdOf } from '../domain/ids.js';
import { withStore } from '../store/open.js';
import { auditRepo } from '../store/repos/audit.js';
import { merchantsRepo, type MerchantRow } from '../store/repos/merchants.js';
import { actorOf, type AppContext } from './context.js';

export interface MerchantSettings {
  merchantId: string;
  /** Required for a new merchant; left out, the stored value stays. */
  name?: string;
  /** An empty string clears the stored value. */
  nameEn?: string;
  acquirer?: string;
  terminals: readonly string[];
}

export interface MerchantView {
  merchantId: string;
  name: string;
  nameEn: string | null;
  acquirer: string | null;
  terminals: string[];
  updatedAt: string;
}

export interface SetMerchantResult {
  merchant: MerchantView;
  created: boolean;
  /** Terminals that belonged to another merchant before. */
  moved: Array<{ terminalId: string; from: string }>;
}

const ID = /^[0-9A-Za-z]{1,32}$/;

function checkId(what: string, id: string): void {
  if (!ID.test(id)) throw new UsageError(`${what} "${id}" is not a ${what} (expected letters and digits, e.g. 898310154110001)`);
}

/** What the audit log keeps of a merchant: the fields slips print, not the bookkeeping time. */
function audited(r: MerchantRow): Omit<MerchantRow, 'updated_at'> {
  return { merchant_id: r.merchant_id, name: r.name, name_en: r.name_en, acquirer: r.acquirer };
}

/**
 * Adds or updates a merchant in the registry, and assigns terminals to it, in one transaction with its audit
 * entry: the names and acquirer end up on reprinted slips and evidence packs, so who changed them must show.
 */
export async function setMerchant(dbPath: string, s: MerchantSettings, ctx: AppContext): Promise<SetMerchantResult> {
  checkId('merchant id', s.merchantId);
  for (const t of s.terminals) checkId('terminal id', t);
  // Stored terminal ids have their leading zeros back (domain/ids.ts); so must the ones registered here.
  const terminals = s.terminals.map(terminalIdOf);
  return withStore(dbPath, (db) => {
    const repo = merchantsRepo(db);
    // Immediate: it reads before it writes, and a deferred transaction that then asks for the write lock fails at
    // once (SQLITE_BUSY, whatever the busy timeout) while another process writes, instead of waiting for it.
    return db.transaction((): SetMerchantResult => {
      const before = repo.get(s.merchantId);
      const name = s.name === undefined ? before?.name : s.name.trim();
      if (!name) {
        throw new UsageError(`merchant ${s.merchantId} is new: give its name`, `posrecon merchants set ${s.merchantId} --name 示例便利店`);
      }
      const now = ctx.now().toISOString();
      const optional = (given: string | undefined, stored: string | null | undefined): string | null =>
        given === undefined ? (stored ?? null) : given.trim() || null;
      const after: MerchantRow = {
        merchant_id: s.merchantId,
        name,
        name_en: optional(s.nameEn, before?.name_en),
        acquirer: optional(s.acquirer, before?.acquirer),
        updated_at: now,
      };
      repo.upsert(after);
      const moved: SetMerchantResult['moved'] = [];
      for (const t of terminals) {
        const was = repo.terminal(t);
        if (was && was.merchant_id !== s.merchantId) moved.push({ terminalId: t, from: was.merchant_id });
        repo.setTerminal(t, s.merchantId, now);
      }
      auditRepo(db).append({
        at: now,
        actor: actorOf(ctx),
        action: 'merchants.set',
        details: {
          merchant: audited(after),
          replaced: before ? audited(before) : null,
          terminals,
          moved: moved.map((m) => ({ terminal_id: m.terminalId, from: m.from })),
        },
      });
      const merchant = views(repo.list(), repo.terminals()).find((m) => m.merchantId === s.merchantId);
      if (!merchant) throw new Error(`merchant ${s.merchantId} was not stored`);
      return { merchant, created: !before, moved };
    }).immediate();
  }, { create: true });
}

export function listMerchants(dbPath: string): Promise<MerchantView[]> {
  return withStore(dbPath, (db) => {
    const repo = merchantsRepo(db);
    return views(repo.list(), repo.terminals());
  });
}

function views(rows: readonly MerchantRow[], terminals: ReadonlyArray<{ terminal_id: string; merchant_id: string }>): MerchantView[] {
  return rows.map((r) => ({
    merchantId: r.merchant_id,
    name: r.name,
    nameEn: r.name_en,
    acquirer: r.acquirer,
    terminals: terminals.filter((t) => t.merchant_id === r.merchant_id).map((t) => t.terminal_id),
    updatedAt: r.updated_at,
  }));
}
