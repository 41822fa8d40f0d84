import type { Category } from '../domain/categories.js';
import { classify } from '../match/classify.js';
import { planMatches } from '../match/engine.js';
import { checkFees, linkFeeCases, type FeeCaseDraft, type FeeSummary } from '../match/fees.js';
import { PASSES, type CaseDraft, type MatchPair, type Pass } from '../match/types.js';
import type { Db } from '../store/open.js';
import { auditRepo } from '../store/repos/audit.js';
import { feesRepo } from '../store/repos/fees.js';
import { filesRepo } from '../store/repos/files.js';
import { matchInputRepo } from '../store/repos/match-input.js';
import { saveMatchRun } from '../store/repos/match-results.js';
import { actorOf, type AppContext } from './context.js';

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
  cases: Array<CaseDraft | FeeCaseDraft>;
  byCategory: Partial<Record<Category, { count: number; amountFen: number }>>;
  fees: FeeSummary;
}

/**
 * Matches the whole database from scratch: same data, same matches, same case ids. Then checks every settled
 * fee against the rate card. The run and its audit entry are stored together.
 */
export function runMatch(db: Db, opts: MatchOptions, ctx: AppContext): MatchResult {
  const startedAt = ctx.now().toISOString();
  const input = matchInputRepo(db);
  const terminal = input.terminal();
  const settlement = input.settlement();
  const pairs = planMatches(terminal, settlement);
  const classified = classify(terminal, settlement, pairs, input.coverage(), { cutoff: opts.cutoff });
  const fees = feesRepo(db);
  const rules = fees.list();
  // Without a rate card there is nothing to compare: the fee facts of every line need not be read.
  const feeCheck = checkFees(settlement, rules.length > 0 ? fees.facts() : new Map(), rules, pairs);
  linkFeeCases(classified, feeCheck.cases);
  const cases: Array<CaseDraft | FeeCaseDraft> = [...classified, ...feeCheck.cases];
  const byPass = Object.fromEntries(PASSES.map((p) => [p, 0])) as Record<Pass, number>;
  for (const p of pairs) byPass[p.pass]++;
  const byCategory: MatchResult['byCategory'] = {};
  for (const c of cases) {
    const entry = (byCategory[c.category] ??= { count: 0, amountFen: 0 });
    entry.count++;
    entry.amountFen += ('fee' in c ? c.settlement : (c.terminal ?? c.settlement))?.amountFen ?? 0;
  }
  let runId: number | null = null;
  if (!opts.dryRun) {
    const finishedAt = ctx.now().toISOString();
    runId = db.transaction(() => {
      const id = saveMatchRun(db, { startedAt, finishedAt, cutoff: opts.cutoff, feeSummary: feeCheck.summary }, pairs, cases);
      auditRepo(db).append({
        at: finishedAt,
        actor: actorOf(ctx),
        action: 'match',
        details: {
          run_id: id,
          cutoff: opts.cutoff,
          matched: pairs.length,
          cases: cases.length,
          by_category: Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, v.count])),
          files: filesRepo(db)
            .list()
            .map((f) => ({ file: f.name, side: f.side, sha256: f.sha256 })),
        },
      });
      return id;
    })();
  }
  return { runId, terminalRecords: terminal.length, settlementRecords: settlement.length, pairs, byPass, cases, byCategory, fees: feeCheck.summary };
}
