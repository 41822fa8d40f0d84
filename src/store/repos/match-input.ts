import type { Db } from '../open.js';
import type { FeeFacts } from '../../match/fees.js';
import type { TerminalRange } from '../../match/partition.js';
import { buildCoverage, type CoverageLine, type JournalDay } from '../../match/coverage.js';
import { WALLET_FORMATS } from '../../match/fees.js';
import type { Coverage, MatchSettlement, MatchTerminal } from '../../match/types.js';

// Read as arrays and built here: better-sqlite3's named rows and SQL's strftime() for the time in seconds took
// more than half of a million-row match (bench/NOTES.md).
const COMMON = `id, merchant_id, terminal_id, batch_no, trace_no, rrn, card_masked, card_last4, txn_type, direction, amount_fen,
  txn_date, txn_time, orig_trace_no, orig_rrn, order_no, raw_sha256`;
const TERMINAL = `SELECT ${COMMON}, response_code, status FROM terminal_records`;
const SETTLEMENT = `SELECT ${COMMON}, settle_date, fee_fen, card_type, file_id FROM settlement_records`;
type Row = unknown[];

/** Seconds since the epoch of a normalised 'YYYY-MM-DD' and 'HH:MM:SS', for time differences only. */
function secondsOf(date: string, time: string): number {
  const n = (text: string, from: number, to: number): number => Number(text.slice(from, to));
  return Date.UTC(n(date, 0, 4), n(date, 5, 7) - 1, n(date, 8, 10), n(time, 0, 2), n(time, 3, 5), n(time, 6, 8)) / 1000;
}

// One literal per shape, not a spread of a common part: each group builds a hundred thousand of these.
function terminalOf(r: Row): MatchTerminal {
  const [id, merchantId, terminalId, batchNo, traceNo, rrn, cardMasked, cardLast4, txnType, direction, amountFen, txnDate, txnTime,
    origTraceNo, origRrn, orderNo, rawSha256, responseCode, status] = r;
  const at = secondsOf(txnDate as string, txnTime as string);
  return { id, merchantId, terminalId, batchNo, traceNo, rrn, cardMasked, cardLast4, txnType, direction, amountFen, txnDate, txnTime,
    origTraceNo, origRrn, orderNo, rawSha256, at, responseCode, status } as MatchTerminal;
}

function settlementOf(r: Row): LoadedSettlement {
  const [id, merchantId, terminalId, batchNo, traceNo, rrn, cardMasked, cardLast4, txnType, direction, amountFen, txnDate, txnTime,
    origTraceNo, origRrn, orderNo, rawSha256, settleDate, feeFen, cardType, fileId] = r;
  const at = secondsOf(txnDate as string, txnTime as string);
  return { id, merchantId, terminalId, batchNo, traceNo, rrn, cardMasked, cardLast4, txnType, direction, amountFen, txnDate, txnTime,
    origTraceNo, origRrn, orderNo, rawSha256, at, settleDate, feeFen, cardType, fileId } as LoadedSettlement;
}

/** A settlement row that names no terminal (a WeChat or Alipay row without 设备号) can pair with any terminal's record. */
const FLOATING = "terminal_id = ''";
/** A WeChat or Alipay row: none of the keys a journal shares with a card acquirer (match/qr-pass.ts). */
const QR_ROW = 'rrn IS NULL AND trace_no IS NULL AND card_last4 IS NULL';

/** No pair of the run claims the record aliased s; the run's id is the statement's parameter. */
function unpaired(side: 'terminal' | 'settlement'): string {
  return `NOT EXISTS (SELECT 1 FROM matches m WHERE m.run_id = ? AND m.${side}_id = s.id)`;
}

/** A settlement record as matching reads it, with what the fee check needs (its file tells a wallet bill's line). */
export type LoadedSettlement = MatchSettlement & Omit<FeeFacts, 'walletBill'> & { fileId: number };

export interface PairIds {
  terminalId: number;
  settlementId: number;
}

/** Everything the match engine reads, one group of terminals at a time. */
export function matchInputRepo(db: Db) {
  const terminalIn = db.prepare(`${TERMINAL} WHERE terminal_id BETWEEN ? AND ?`).raw();
  const settlementIn = db.prepare(`${SETTLEMENT} WHERE terminal_id BETWEEN ? AND ? AND NOT ${FLOATING}`).raw();
  const floatingPartners = db.prepare(`${SETTLEMENT} WHERE ${FLOATING} AND id IN
    (SELECT m.settlement_id FROM matches m JOIN terminal_records t ON t.id = m.terminal_id WHERE t.terminal_id BETWEEN ? AND ?)`).raw();
  // Driven by the floating rows (their partial index) and the run's unique (run_id, settlement_id) key.
  const floatingPartnerTerminals = db.prepare(`SELECT DISTINCT COALESCE(s.merchant_id, '') AS m, t.terminal_id AS t
    FROM settlement_records s JOIN matches m ON m.run_id = ? AND m.settlement_id = s.id JOIN terminal_records t ON t.id = m.terminal_id
    WHERE s.${FLOATING}`);
  const coverageLines = db.prepare(`SELECT DISTINCT file_id AS f, merchant_id AS m, terminal_id AS t, settle_date AS d,
    (${QR_ROW}) AS q FROM settlement_records`);
  const journalCoverage = db.prepare('SELECT DISTINCT terminal_id AS t, merchant_id AS m, txn_date AS d FROM terminal_records');
  const floatingPartnerFiles = db.prepare(`SELECT DISTINCT s.file_id AS f, t.terminal_id AS t
    FROM settlement_records s JOIN matches m ON m.run_id = ? AND m.settlement_id = s.id JOIN terminal_records t ON t.id = m.terminal_id
    WHERE s.${FLOATING} AND COALESCE(s.merchant_id, '') = ''`);
  const pairsIn = db.prepare(`SELECT m.terminal_id AS terminalId, m.settlement_id AS settlementId
    FROM matches m JOIN terminal_records t ON t.id = m.terminal_id WHERE t.terminal_id BETWEEN ? AND ?`);
  /** The distinct (file, merchant, terminal, day, kind) of the settlement lines and (terminal, merchant, day) of the journals. */
  const readCoverage = (): { lines: CoverageLine[]; journal: JournalDay[] } => {
    const wallet = new Set(db.prepare('SELECT id FROM imported_files WHERE format IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(WALLET_FORMATS)) as number[]);
    const lines = (coverageLines.all() as Array<{ f: number; m: string | null; t: string; d: string; q: number }>).map((r) => ({
      fileId: r.f,
      merchantId: r.m === '' ? null : r.m,
      terminalId: r.t,
      settleDate: r.d,
      kind: wallet.has(r.f) || r.q === 1 ? ('wallet' as const) : ('card' as const),
    }));
    const journal = (journalCoverage.all() as Array<{ t: string; m: string | null; d: string }>).map((r) => ({
      terminalId: r.t,
      merchantId: r.m === '' ? null : r.m,
      txnDate: r.d,
    }));
    return { lines, journal };
  };
  let read: ReturnType<typeof readCoverage> | undefined;
  return {
    /** Records per terminal id, both sides together, in terminal order; floating settlement rows are not counted. */
    terminalSizes(): Array<{ terminalId: string; records: number }> {
      return db
        .prepare(
          `SELECT terminal_id AS terminalId, SUM(n) AS records FROM (
             SELECT terminal_id, COUNT(*) AS n FROM terminal_records GROUP BY terminal_id
             UNION ALL
             SELECT terminal_id, COUNT(*) FROM settlement_records WHERE NOT ${FLOATING} GROUP BY terminal_id)
           GROUP BY terminal_id ORDER BY terminal_id`,
        )
        .all() as Array<{ terminalId: string; records: number }>;
    },
    terminal(r: TerminalRange): MatchTerminal[] {
      return (terminalIn.all(r.first, r.last) as Row[]).map(terminalOf);
    },
    /** The settlement rows that name a terminal of the range. */
    settlement(r: TerminalRange): LoadedSettlement[] {
      return (settlementIn.all(r.first, r.last) as Row[]).map(settlementOf);
    },
    floatingCount(): number {
      return (db.prepare(`SELECT COUNT(*) FROM settlement_records WHERE ${FLOATING}`).pluck().get() as number) ?? 0;
    },
    floating(): LoadedSettlement[] {
      return (db.prepare(`${SETTLEMENT} WHERE ${FLOATING}`).raw().all() as Row[]).map(settlementOf);
    },
    /** Floating rows paired, in this run, with a terminal record of the range. */
    floatingPartners(r: TerminalRange): LoadedSettlement[] {
      return (floatingPartners.all(r.first, r.last) as Row[]).map(settlementOf);
    },
    /** Floating rows no terminal record took. */
    unpairedFloating(runId: number): LoadedSettlement[] {
      return (db.prepare(`${SETTLEMENT} s WHERE ${FLOATING} AND ${unpaired('settlement')}`).raw().all(runId) as Row[]).map(settlementOf);
    },
    /** The pairs stored so far in this run whose terminal record is in the range. */
    pairs(r: TerminalRange): PairIds[] {
      return pairsIn.all(r.first, r.last) as PairIds[];
    },
    /** Unpaired QR rows, and the unpaired terminal records of their amounts: all the last pass can look at. */
    qrCandidates(runId: number): { terminal: MatchTerminal[]; settlement: LoadedSettlement[] } {
      const settlement = (db.prepare(`${SETTLEMENT} s WHERE ${QR_ROW} AND ${unpaired('settlement')}`).raw().all(runId) as Row[]).map(settlementOf);
      const amounts = [...new Set(settlement.map((s) => s.amountFen))];
      const terminal = (
        db
          .prepare(`${TERMINAL} s WHERE txn_type <> 'AUTH' AND ${unpaired('terminal')} AND amount_fen IN (SELECT value FROM json_each(?))`)
          .raw()
          .all(runId, JSON.stringify(amounts)) as Row[]
      ).map(terminalOf);
      return { terminal, settlement };
    },
    /**
     * What the files and journals cover. A line is a wallet line when its file is a WeChat Pay or Alipay bill, or
     * when it has none of the card keys (a QR row in an acquirer's file); the floating rows' partners, by file, once
     * every group is paired (match/coverage.ts).
     */
    coverage(runId?: number): Coverage {
      // Read once per run (the run holds the write lock, nothing changes): the second call only adds the partners.
      read ??= readCoverage();
      const partners = new Map<number, Set<string>>();
      if (runId !== undefined) {
        for (const { f, t } of floatingPartnerFiles.all(runId) as Array<{ f: number; t: string }>) partners.set(f, (partners.get(f) ?? new Set()).add(t));
      }
      return buildCoverage(read.lines, read.journal, partners);
    },
    /**
     * Per wallet merchant id ('' for none), the days covered by the journals of the terminals whose records paired,
     * in this run, a line of that merchant naming no terminal (Coverage.floatingJournalDays).
     */
    floatingJournalDays(runId: number, journalDays: Coverage['journalDays']): Map<string, Set<string>> {
      const partners = floatingPartnerTerminals.all(runId) as Array<{ m: string; t: string }>;
      const days = new Map<string, Set<string>>();
      for (const { m, t } of partners) {
        const set = days.get(m) ?? new Set<string>();
        for (const d of journalDays.get(t) ?? []) set.add(d);
        days.set(m, set);
      }
      return days;
    },
  };
}
