import { expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../../src/app/context.js';
import { importFile, type ImportResult } from '../../src/app/import-file.js';
import { runMatch, type MatchResult } from '../../src/app/run-match.js';
import type { FeeCaseDraft } from '../../src/match/fees.js';
import type { CaseDraft, MatchPair } from '../../src/match/types.js';
import { openStore, type Db } from '../../src/store/open.js';

export const fixedContext: AppContext = { now: () => new Date('2026-03-10T08:00:00Z') };
export const CUTOFF = '23:00:00';

/** A fresh, migrated database in memory. */
export function memoryStore(): Db {
  return openStore(':memory:');
}

/** A match run with every pair and case it made, gathered from the run's callbacks. */
export type CollectedMatch = Omit<MatchResult, 'cases'> & { pairs: MatchPair[]; cases: Array<CaseDraft | FeeCaseDraft> };

export function matchCollecting(db: Db, ctx: AppContext = fixedContext, groupRecords?: number): CollectedMatch {
  const pairs: MatchPair[] = [];
  const cases: Array<CaseDraft | FeeCaseDraft> = [];
  const collect = { onPairs: (p: readonly MatchPair[]) => pairs.push(...p), onCases: (c: readonly (CaseDraft | FeeCaseDraft)[]) => cases.push(...c) };
  const result = runMatch(db, { cutoff: CUTOFF, ...collect, ...(groupRecords === undefined ? {} : { groupRecords }) }, ctx);
  expect(cases).toHaveLength(result.cases);
  expect(pairs).toHaveLength(result.matched);
  return { ...result, pairs, cases };
}

export interface ScenarioRun {
  db: Db;
  imports: ImportResult[];
  match: CollectedMatch;
}

/** Imports a scenario folder (journal*.csv|jsonl as terminal, settlement*.csv as settlement) and matches it. */
export async function runScenario(dir: string, db: Db = memoryStore()): Promise<ScenarioRun> {
  const files = readdirSync(dir).sort();
  const imports: ImportResult[] = [];
  for (const f of files.filter((n) => n.startsWith('journal'))) {
    imports.push(await importFile(db, { path: join(dir, f), side: 'terminal', cutoff: CUTOFF }, fixedContext));
  }
  for (const f of files.filter((n) => n.startsWith('settlement'))) {
    imports.push(await importFile(db, { path: join(dir, f), side: 'settlement', cutoff: CUTOFF }, fixedContext));
  }
  return { db, imports, match: matchCollecting(db) };
}

/** Cases as sorted "category terminal trace" keys, the form truth.json uses. */
export function caseKeys(m: CollectedMatch): string[] {
  return m.cases
    .map((c) => {
      const r = c.terminal ?? c.settlement;
      return `${c.category} ${r?.terminalId ?? '-'} ${r?.traceNo ?? '-'}`;
    })
    .sort();
}
