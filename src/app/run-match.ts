import type { Category } from '../domain/categories.js';
import { classify } from '../match/classify.js';
import { planMatches } from '../match/engine.js';
import { PASSES, type CaseDraft, type MatchPair, type Pass } from '../match/types.js';
import type { Db } from '../store/open.js';
import { matchInputRepo } from '../store/repos/match-input.js';
import { saveMatchRun } from '../store/repos/match-results.js';
import type { AppContext } from './context.js';

export interface MatchOptions {
  /** 'HH:MM:SS' */
  cutoff: string;
  /** Plan and classify, but store nothing. */
  dryRun?: boolean;
}

export interface MatchResult {
  runId: number | null;
  terminalRecords: number;
  settlementRecords: number;
  pairs: MatchPair[];
  byPass: Record<Pass, number>;
  cases: CaseDraft[];
  byCategory: Partial<Record<Category, { count: number; amountFen: number }>>;
}

/** Matches the whole database from scratch: same data, same matches, same case ids. */
export function runMatch(db: Db, opts: MatchOptions, ctx: AppContext): MatchResult {
  const startedAt = ctx.now().toISOString();
  const input = matchInputRepo(db);
  const terminal = input.terminal();
  const settlement = input.settlement();
  const pairs = planMatches(terminal, settlement);
  const cases = classify(terminal, settlement, pairs, input.coverage(), { cutoff: opts.cutoff });
  const runId = opts.dryRun ? null : saveMatchRun(db, { startedAt, finishedAt: ctx.now().toISOString(), cutoff: opts.cutoff }, pairs, cases);
  const byPass = Object.fromEntries(PASSES.map((p) => [p, 0])) as Record<Pass, number>;
  for (const p of pairs) byPass[p.pass]++;
  const byCategory: MatchResult['byCategory'] = {};
  for (const c of cases) {
    const entry = (byCategory[c.category] ??= { count: 0, amountFen: 0 });
    entry.count++;
    entry.amountFen += (c.terminal ?? c.settlement)?.amountFen ?? 0;
  }
  return { runId, terminalRecords: terminal.length, settlementRecords: settlement.length, pairs, byPass, cases, byCategory };
}
