import { readFile } from 'node:fs/promises';
import { parseDate } from '../domain/dates.js';
import { InputError, UsageError } from '../domain/errors.js';
import { terminalIdOf } from '../domain/ids.js';
import { parseYuan } from '../domain/money.js';
import { parseRate } from '../domain/rate.js';
import { CARD_TYPES, CHANNELS, type RateRule } from '../match/fees.js';
import { withStore } from '../store/open.js';
import { auditRepo } from '../store/repos/audit.js';
import { feesRepo, type NewRateRule } from '../store/repos/fees.js';
import { actorOf, type AppContext } from './context.js';

/** A rule as a person writes it, on the command line or in a rate card file. Money in yuan, rate as 0.55% or 0.0055. */
export interface RateInput {
  merchant_id?: unknown;
  terminal_id?: unknown;
  channel?: unknown;
  card_type?: unknown;
  rate?: unknown;
  cap?: unknown;
  min?: unknown;
  valid_from?: unknown;
}

/** A rule with no valid-from applies to every date. */
export const ALWAYS = '1970-01-01';

const KEYS = new Set(['merchant_id', 'terminal_id', 'channel', 'card_type', 'rate', 'cap', 'min', 'valid_from']);

type Fail = (key: string, what: string) => never;

/** A rate for terminal 1080209 must apply to the stored 01080209 (domain/ids.ts). */
function optTerminal(v: string | null): string | null {
  return v === null ? null : terminalIdOf(v);
}

function str(v: unknown, key: string, fail: Fail): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return fail(key, `expected text, received ${JSON.stringify(v)}`);
  return v.trim();
}

function oneOf(v: string | null, allowed: readonly string[], key: string, fail: Fail): string | null {
  if (v === null) return null;
  const lower = v.toLowerCase();
  return allowed.includes(lower) ? lower : fail(key, `"${v}" is not one of ${allowed.join(', ')}`);
}

function fen(v: string | null, key: string, fail: Fail): number | null {
  if (v === null) return null;
  const r = parseYuan(v);
  if (!r.ok) return fail(key, r.reason);
  return r.value < 0 ? fail(key, `"${v}" is negative`) : r.value;
}

/** Validates one rule; `fail` says where (a file and key path, or a command-line option). */
export function parseRateInput(input: RateInput, fail: Fail): NewRateRule {
  for (const k of Object.keys(input)) if (!KEYS.has(k)) fail(k, `unknown key (expected ${[...KEYS].join(', ')})`);
  const merchantId = str(input.merchant_id, 'merchant_id', fail) ?? fail('merchant_id', 'required');
  const rateText = str(input.rate, 'rate', fail) ?? fail('rate', 'required (like 0.55% or 0.0055)');
  const rate = parseRate(rateText);
  if (!rate.ok) fail('rate', rate.reason);
  const fromText = str(input.valid_from, 'valid_from', fail);
  let validFrom = ALWAYS;
  if (fromText !== null) {
    const d = parseDate(fromText);
    if (!d.ok) fail('valid_from', d.reason);
    else validFrom = d.value;
  }
  const capFen = fen(str(input.cap, 'cap', fail), 'cap', fail);
  const minFen = fen(str(input.min, 'min', fail), 'min', fail);
  if (capFen !== null && minFen !== null && minFen > capFen) fail('min', 'the minimum is above the cap');
  return {
    merchantId,
    terminalId: optTerminal(str(input.terminal_id, 'terminal_id', fail)),
    channel: oneOf(str(input.channel, 'channel', fail), CHANNELS, 'channel', fail),
    cardType: oneOf(str(input.card_type, 'card_type', fail), CARD_TYPES, 'card_type', fail),
    ratePpm: rate.ok ? rate.value : 0,
    capFen,
    minFen,
    validFrom,
  };
}

/**
 * In an immediate transaction, as removeRate: upsert reads before it writes, and a deferred transaction that then
 * asks for the write lock fails at once (SQLITE_BUSY, whatever the busy timeout) while another process writes.
 */
function saveRules(dbPath: string, rules: readonly NewRateRule[], source: string, ctx: AppContext): Promise<Array<{ rule: RateRule; replaced: RateRule | null }>> {
  return withStore(dbPath, (db) =>
    db.transaction(() => {
      const repo = feesRepo(db);
      const at = ctx.now().toISOString();
      return rules.map((r) => {
        const saved = repo.upsert(r, at);
        auditRepo(db).append({ at, actor: actorOf(ctx), action: 'rates.set', details: { source, rule: saved.rule, replaced: saved.replaced } });
        return saved;
      });
    }).immediate(),
    { create: true },
  );
}

/**
 * The `rates set` option of each key, for its messages: the keys are the rate card file's, and turning valid_from
 * into "--valid-from" named an option that does not exist (it is --from).
 */
const SET_OPTION: Readonly<Record<keyof RateInput, string>> = {
  merchant_id: '--merchant',
  terminal_id: '--terminal',
  channel: '--channel',
  card_type: '--card-type',
  rate: '--rate',
  cap: '--cap',
  min: '--min',
  valid_from: '--from',
};

export async function setRate(dbPath: string, input: RateInput, ctx: AppContext): Promise<{ rule: RateRule; replaced: RateRule | null }> {
  const rule = parseRateInput(input, (key, what) => {
    throw new UsageError(`${SET_OPTION[key as keyof RateInput] ?? key}: ${what}`);
  });
  return saveRules(dbPath, [rule], 'command line', ctx).then((r) => r[0] as { rule: RateRule; replaced: RateRule | null });
}

/**
 * Loads a rate card file: `{ "rates": [ { "merchant_id": "…", "card_type": "debit", "rate": "0.50%", "cap": "20.00",
 * "valid_from": "2026-01-01" }, … ] }` (or the bare array). All rules or none: one bad rule refuses the file.
 */
export async function importRates(dbPath: string, file: string, ctx: AppContext): Promise<Array<{ rule: RateRule; replaced: RateRule | null }>> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: not a readable JSON rate card (${(e as Error).message})`);
  }
  const list = Array.isArray(doc) ? doc : (doc as { rates?: unknown } | null)?.rates;
  if (!Array.isArray(list)) throw new InputError(`${file}: expected an array of rates, or an object with a "rates" array`);
  const rules = list.map((item: unknown, i) => {
    const fail: Fail = (key, what) => {
      throw new InputError(`${file}: rates[${i}]${key ? `.${key}` : ''}: ${what}`);
    };
    if (typeof item !== 'object' || item === null || Array.isArray(item)) fail('', 'expected an object');
    return parseRateInput(item, fail);
  });
  return saveRules(dbPath, rules, file, ctx);
}

export function listRates(dbPath: string): Promise<RateRule[]> {
  return withStore(dbPath, (db) => feesRepo(db).list());
}

export function removeRate(dbPath: string, id: number, ctx: AppContext): Promise<RateRule> {
  return withStore(dbPath, (db) =>
    db.transaction(() => {
      const removed = feesRepo(db).remove(id);
      if (!removed) throw new UsageError(`no rate #${id}`, 'list them: posrecon rates list');
      auditRepo(db).append({ at: ctx.now().toISOString(), actor: actorOf(ctx), action: 'rates.remove', details: { rule: removed } });
      return removed;
    }).immediate(),
  );
}
