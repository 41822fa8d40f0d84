import type { Category } from '../domain/categories.js';
import { atStakeFen } from '../match/at-stake.js';
import { classify } from '../match/classify.js';
import { planMatches } from '../match/engine.js';
import {
  addFeeSummary,
  checkFees,
  emptyFeeSummary,
  linkFeeCases,
  type FeeCaseDraft,
  type FeeFacts,
  type FeeSummary,
} from '../match/fees.js';
import { compareTxn } from '../match/order.js';
import { terminalRanges } from '../match/partition.js';
import { qrPass } from '../match/qr-pass.js';
import { PASSES, type CaseDraft, type Coverage, type MatchPair, type MatchTerminal, type PairRef, type Pass } from '../match/types.js';
import type { Db } from '../store/open.js';
import { auditRepo } from '../store/repos/audit.js';
import { feesRepo } from '../store/repos/fees.js';
import { filesRepo } from '../store/repos/files.js';
import { matchInputRepo, type LoadedSettlement, type PairIds } from '../store/repos/match-input.js';
import { matchRunWriter } from '../store/repos/match-results.js';
import { actorOf, type AppContext } from './context.js';

/**
 * Records of both sides matched at once. Measured at a million rows a side: groups of 10,000 matched in 23 s
 * within 210 MB, groups of 50,000 took 33 s and 300 MB, the garbage collector marking more live records each
 * time (bench/NOTES.md).
 */
const GROUP_RECORDS = 10_000;

/**
 * The heap a run needs, in MB: the largest group (a terminal never splits) plus the rows that name no terminal,
 * which stay in memory for the whole run. Measured: a terminal of 84,000 records failed in 128 MB and matched in
 * 160 MB, about 1.5 KB a record with the garbage of its group; 2 KB leaves room.
 */
export function matchHeapMb(db: Db): number {
  const input = matchInputRepo(db);
  const largest = Math.max(GROUP_RECORDS, ...input.terminalSizes().map((t) => t.records));
  const held = largest + input.floatingCount();
  return Math.max(MIN_HEAP_MB, 64 + Math.ceil((held * 2) / 1024));
}

/** V8 lets a heap grow far past what is live before it collects; a cap near the need keeps memory near it. */
const MIN_HEAP_MB = 128;

export interface MatchOptions {
  /** 'HH:MM:SS' */
  cutoff: string;
  /** Plan and classify, but store nothing. */
  dryRun?: boolean;
  /** Records per group of terminals (default GROUP_RECORDS): fewer use less memory and give the same result. */
  groupRecords?: number;
  /** Each group's pairs and cases as they are made: the result keeps only counts, so memory does not grow with the data. */
  onPairs?: (pairs: readonly MatchPair[]) => void;
  onCases?: (cases: ReadonlyArray<CaseDraft | FeeCaseDraft>) => void;
}

export interface MatchResult {
  runId: number | null;
  terminalRecords: number;
  settlementRecords: number;
  matched: number;
  byPass: Record<Pass, number>;
  cases: number;
  /** Cases and the money at stake per category (match/at-stake.ts): a case's amount, a fee case's fee difference, an amount_mismatch's difference. */
  byCategory: Partial<Record<Category, { count: number; amountFen: number }>>;
  fees: FeeSummary;
}

/** Thrown inside the run's transaction to roll a dry run back. */
class DryRunDone extends Error {}

/**
 * Matches the whole database from scratch: same data, same matches, same case ids. Then checks every settled
 * fee against the rate card. The run and its audit entry are stored together, in one transaction.
 *
 * Every key but the merchant's order number includes the terminal, so the terminals are matched in groups, one
 * group in memory at a time. Settlement rows that name no terminal (QR rows without 设备号) can pair with any
 * terminal: they are offered to every group for the order-number pass, and the amount-and-time pass then runs
 * once over everything still unpaired, as it would over the whole database.
 */
export function runMatch(db: Db, opts: MatchOptions, ctx: AppContext): MatchResult {
  let result: MatchResult | undefined;
  // Every id a run writes was read from the records in the same transaction. Checking each one again halved
  // the speed of writing a million pairs (bench/NOTES.md). The pragma cannot change inside a transaction.
  const checked = db.pragma('foreign_keys', { simple: true }) === 1;
  if (checked) db.pragma('foreign_keys = OFF');
  try {
    // Immediate: the run reads before it writes, and a read lock cannot always become a write lock while another
    // process writes; taking the write lock first lets busy_timeout make this run wait instead of fail.
    db.transaction(() => {
      result = matchInTransaction(db, opts, ctx);
      if (opts.dryRun) throw new DryRunDone();
    }).immediate();
  } catch (e) {
    if (!(e instanceof DryRunDone)) throw e;
  } finally {
    if (checked) db.pragma('foreign_keys = ON');
  }
  if (!result) throw new Error('match run produced no result');
  return opts.dryRun ? { ...result, runId: null } : result;
}

function matchInTransaction(db: Db, opts: MatchOptions, ctx: AppContext): MatchResult {
  const input = matchInputRepo(db);
  const writer = matchRunWriter(db);
  const rateCard = feesRepo(db);
  const rules = rateCard.list();
  // A wallet bill's lines are priced as QR payments, known by the file each line came from.
  const walletFiles = input.walletFileIds();
  const runId = writer.begin({ startedAt: ctx.now().toISOString(), cutoff: opts.cutoff });
  const tally = newTally(rules.length);
  // Identical records get numbered ids; their count has to carry from one group to the next.
  const occurrences = new Map<string, number>();

  const savePairs = (pairs: readonly MatchPair[]): void => {
    writer.addPairs(runId, pairs);
    tally.addPairs(pairs);
    opts.onPairs?.(pairs);
  };
  const saveCases = (ts: readonly MatchTerminal[], ss: readonly LoadedSettlement[], pairs: readonly PairRef[], coverage: Coverage): void => {
    const classified = classify(ts, ss, pairs, coverage, { cutoff: opts.cutoff }, occurrences);
    // Without a rate card there is nothing to compare: the fee facts need not be gathered.
    const facts = rules.length > 0 ? factsOf(ss, walletFiles) : new Map<number, FeeFacts>();
    const feeCheck = checkFees(ss, facts, rules, pairs, occurrences);
    linkFeeCases(classified, feeCheck.cases);
    const cases = [...classified, ...feeCheck.cases];
    writer.addCases(runId, cases);
    tally.addCases(cases, feeCheck.summary);
    opts.onCases?.(cases);
  };

  const ranges = terminalRanges(input.terminalSizes(), opts.groupRecords ?? GROUP_RECORDS);
  let floating = input.floating();
  tally.settlementRecords += floating.length;
  // Without floating rows or wallet bills a group is matched and classified at once. Floating rows make the last
  // pass and the classification wait until every group has had its chance at them; a wallet bill's coverage waits
  // for the pairs, which tell whose POS took its payments (match/coverage.ts).
  const twoPhase = floating.length > 0 || walletFiles.size > 0;
  // Read once, when it is complete: before the groups without a wallet bill, after every pair with one.
  const coverage = twoPhase ? undefined : input.coverage();
  for (const range of ranges) {
    const ts = input.terminal(range);
    const ss = input.settlement(range);
    tally.addRecords(ts.length, ss.length);
    const pairs = planMatches(ts, [...ss, ...floating], { qr: !twoPhase });
    savePairs(pairs);
    if (coverage) {
      saveCases(ts, ss, pairs, coverage);
      continue;
    }
    const taken = new Set(pairs.map((p) => p.settlement.id));
    floating = floating.filter((s) => !taken.has(s.id));
  }
  if (twoPhase) {
    floating = [];
    const qr = input.qrCandidates(runId);
    savePairs(qrPass(qr.terminal.sort(compareTxn), qr.settlement.sort(compareTxn), new Set(), new Set()));
    // Every pair is stored by now: which merchants took a wallet bill's lines tells whose payments it covers, and which
    // terminals took a wallet merchant's lines without terminal tells whose journals could hold the rest.
    const paired = input.coverage(runId);
    for (const range of ranges) {
      const ts = input.terminal(range);
      const ss = [...input.settlement(range), ...input.floatingPartners(range)];
      saveCases(ts, ss, pairRefs(input.pairs(range), ts, ss), paired);
    }
    saveCases([], input.unpairedFloating(runId), [], paired);
  }

  const finishedAt = ctx.now().toISOString();
  writer.finish(runId, { finishedAt, matched: tally.matched, cases: tally.cases, feeSummary: tally.fees });
  auditRepo(db).append({
    at: finishedAt,
    actor: actorOf(ctx),
    action: 'match',
    details: {
      run_id: runId,
      cutoff: opts.cutoff,
      matched: tally.matched,
      cases: tally.cases,
      by_category: Object.fromEntries(Object.entries(tally.byCategory).map(([k, v]) => [k, v.count])),
      files: filesRepo(db)
        .list()
        .map((f) => ({ file: f.name, side: f.side, sha256: f.sha256 })),
    },
  });
  const { terminalRecords, settlementRecords, matched, byPass, cases, byCategory, fees } = tally;
  return { runId, terminalRecords, settlementRecords, matched, byPass, cases, byCategory, fees };
}

function factsOf(ss: readonly LoadedSettlement[], walletFiles: ReadonlySet<number>): Map<number, FeeFacts> {
  return new Map(ss.map((s) => [s.id, { feeFen: s.feeFen, cardType: s.cardType, walletBill: walletFiles.has(s.fileId) }]));
}

/** Stored pairs as records: every partner of a group's terminal record is loaded with the group. */
function pairRefs(ids: readonly PairIds[], ts: readonly MatchTerminal[], ss: readonly LoadedSettlement[]): PairRef[] {
  const tById = new Map(ts.map((t) => [t.id, t]));
  const sById = new Map(ss.map((s) => [s.id, s]));
  return ids.map((p) => {
    const terminal = tById.get(p.terminalId);
    const settlement = sById.get(p.settlementId);
    if (!terminal || !settlement) throw new Error(`pair ${p.terminalId}/${p.settlementId} is not in its terminal group`);
    return { terminal, settlement };
  });
}

function newTally(rateRules: number) {
  return {
    terminalRecords: 0,
    settlementRecords: 0,
    matched: 0,
    byPass: Object.fromEntries(PASSES.map((p) => [p, 0])) as Record<Pass, number>,
    cases: 0,
    byCategory: {} as MatchResult['byCategory'],
    fees: emptyFeeSummary(rateRules),
    addRecords(terminal: number, settlement: number): void {
      this.terminalRecords += terminal;
      this.settlementRecords += settlement;
    },
    addPairs(pairs: readonly MatchPair[]): void {
      this.matched += pairs.length;
      for (const p of pairs) this.byPass[p.pass]++;
    },
    addCases(cases: ReadonlyArray<CaseDraft | FeeCaseDraft>, fees: FeeSummary): void {
      this.cases += cases.length;
      for (const c of cases) {
        const entry = (this.byCategory[c.category] ??= { count: 0, amountFen: 0 });
        entry.count++;
        const fee = 'fee' in c ? c.fee : null;
        entry.amountFen += atStakeFen({
          category: c.category,
          amountFen: (c.terminal ?? c.settlement)?.amountFen ?? 0,
          settledFen: c.settlement?.amountFen ?? null,
          fee,
        });
      }
      addFeeSummary(this.fees, fees);
    },
  };
}
