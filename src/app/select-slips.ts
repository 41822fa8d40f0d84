import type { Category } from '../domain/categories.js';
import type { CaseStatus } from '../domain/case-status.js';
import { UsageError } from '../domain/errors.js';
import { terminalIdOf, traceNoOf } from '../domain/ids.js';
import type { Db } from '../store/open.js';
import { slipSourcesRepo, type SlipRecordRow } from '../store/repos/slip-sources.js';

/** The cases that come with no slip at all: the terminal never printed one, or printed a failure. */
export const DEFAULT_SLIP_CATEGORIES: readonly Category[] = ['missing_on_terminal', 'timeout_but_settled', 'duplicate_charge'];

/**
 * Without a selector, only cases still being worked on: a resolved or written-off case needs no slip any more.
 * Named cases and categories print whatever their status, because the user asked for them.
 */
const DEFAULT_SLIP_STATUSES: readonly CaseStatus[] = ['open', 'disputed'];

/** Which transactions to print. Several selectors add up; none means the default categories. */
export interface SlipSelector {
  caseIds?: readonly string[];
  categories?: readonly Category[];
  rrns?: readonly string[];
  terminalTraces?: ReadonlyArray<{ terminalId: string; traceNo: string }>;
  allSettled?: boolean;
}

/** One transaction to print: its terminal record and the settlement line the last match paired it with. */
export interface SlipTxn {
  terminal: SlipRecordRow | null;
  settlement: SlipRecordRow | null;
  caseId: string | null;
  category: string | null;
}

export interface Skipped {
  what: string;
  reason: string;
}


export interface SlipSelection {
  txns: SlipTxn[];
  skipped: Skipped[];
  /** Cases of the default categories left out because they are resolved or written off. */
  closedCases: number;
}

export function selectSlipTxns(db: Db, sel: SlipSelector): SlipSelection {
  const repo = slipSourcesRepo(db);
  const pairs = new Map<string, { t: number | null; s: number | null; caseId: string | null; category: string | null }>();
  const add = (t: number | null, s: number | null, c?: { id: string; category: string }): void => {
    const key = `${t}|${s}`;
    const known = pairs.get(key);
    if (!known || (!known.caseId && c)) pairs.set(key, { t, s, caseId: c?.id ?? null, category: c?.category ?? null });
  };
  const addRecords = (ids: { terminal: number[]; settlement: number[] }): void => {
    for (const t of ids.terminal) add(t, repo.matchedSettlement(t) ?? null);
    for (const s of ids.settlement) add(repo.matchedTerminal(s) ?? null, s);
  };
  const none = !sel.caseIds?.length && !sel.categories?.length && !sel.rrns?.length && !sel.terminalTraces?.length && !sel.allSettled;
  const categories = none ? DEFAULT_SLIP_CATEGORIES : (sel.categories ?? []);

  const inCategories = categories.length > 0 ? repo.casesIn(categories) : [];
  const open = none ? inCategories.filter((c) => (DEFAULT_SLIP_STATUSES as readonly string[]).includes(c.status)) : inCategories;
  const cases = [
    ...(sel.caseIds ?? []).map((id) => repo.caseById(id) ?? fail(`--case ${id}: no such case in the last match`, 'posrecon cases lists them')),
    ...open,
  ];
  for (const c of cases) {
    // A case's settlement record is not always the same transaction (an ignored void cites its sale's line):
    // only the last match's pairing joins a terminal record and a settlement line into one slip.
    const t = c.terminal_record_id;
    add(t, t === null ? c.settlement_record_id : (repo.matchedSettlement(t) ?? null), c);
  }
  for (const rrn of sel.rrns ?? []) {
    const ids = repo.byRrn(rrn);
    if (ids.terminal.length + ids.settlement.length === 0) fail(`--rrn ${rrn}: no record has this reference number`);
    addRecords(ids);
  }
  for (const { terminalId, traceNo } of sel.terminalTraces ?? []) {
    const ids = repo.byTrace(terminalIdOf(terminalId), traceNoOf(traceNo));
    if (ids.terminal.length + ids.settlement.length === 0) fail(`--terminal ${terminalId} --trace ${traceNo}: no record has this terminal and trace`);
    addRecords(ids);
  }
  if (sel.allSettled) for (const s of repo.settlementIds()) add(repo.matchedTerminal(s) ?? null, s);

  const txns: SlipTxn[] = [];
  const skipped: Skipped[] = [];
  for (const p of pairs.values()) {
    const terminal = p.t === null ? null : (repo.terminal(p.t) ?? null);
    const settlement = p.s === null ? null : (repo.settlement(p.s) ?? null);
    if (terminal && !settlement && terminal.status !== 'SUCCESS') {
      skipped.push({
        what: `terminal ${terminal.terminal_id} trace ${terminal.trace_no ?? '-'} (${terminal.file}:${terminal.line})`,
        reason: `${terminal.status ?? 'not approved'} and never settled: no slip exists for it, and posrecon does not make one`,
      });
      continue;
    }
    txns.push({ terminal, settlement, caseId: p.caseId, category: p.category });
  }
  return { txns: txns.sort(byTxn), skipped, closedCases: inCategories.length - open.length };
}

function fail(message: string, hint?: string): never {
  throw new UsageError(message, hint);
}

function sortKey(x: SlipTxn): string {
  const r = x.terminal ?? x.settlement;
  return [r?.terminal_id, r?.txn_date, r?.txn_time, r?.trace_no ?? '', pad(x.terminal?.id), pad(x.settlement?.id)].join('|');
}

function byTxn(a: SlipTxn, b: SlipTxn): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

const pad = (id: number | undefined): string => String(id ?? 0).padStart(12, '0');
