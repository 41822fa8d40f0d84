import type { Db } from '../open.js';
import type { FeeFacts } from '../../match/fees.js';
import type { TerminalRange } from '../../match/partition.js';
import { buildCoverage, type FloatingPartnerRow, type JournalDayRow, type SettlementDayRow, type WalletPartnerRow } from '../../match/coverage.js';
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
  const floatingPartnerTerminals = db.prepare(`SELECT DISTINCT COALESCE(s.merchant_id, '') AS walletMerchantId, t.terminal_id AS terminalId
    FROM settlement_records s JOIN matches m ON m.run_id = ? AND m.settlement_id = s.id JOIN terminal_records t ON t.id = m.terminal_id
    WHERE s.${FLOATING}`);
  // Made distinct per file (a few rows a file and day), then told wallet bills from the rest by their format.
  const settlementDays = db.prepare(`SELECT x.file_id AS fileId, f.format IN (SELECT value FROM json_each(?)) AS walletBill, x.m AS merchantId,
    x.d AS settleDate FROM (SELECT DISTINCT file_id, COALESCE(merchant_id, '') AS m, settle_date AS d FROM settlement_records) x
    JOIN imported_files f ON f.id = x.file_id`);
  const journalDays = db.prepare(`SELECT DISTINCT terminal_id AS terminalId, COALESCE(merchant_id, '') AS merchantId, txn_date AS txnDate
    FROM terminal_records`);
  // The bill's days come from settlementDays' rows (buildCoverage): only the merchants are read here.
  const walletPartners = db.prepare(`SELECT DISTINCT s.file_id AS fileId, t.merchant_id AS merchantId FROM settlement_records s
    JOIN matches m ON m.run_id = ? AND m.settlement_id = s.id JOIN terminal_records t ON t.id = m.terminal_id
    WHERE s.file_id IN (SELECT id FROM imported_files WHERE format IN (SELECT value FROM json_each(?)))
      AND COALESCE(t.merchant_id, '') <> ''`);
  const wallets = JSON.stringify(WALLET_FORMATS);
  const pairsIn = db.prepare(`SELECT m.terminal_id AS terminalId, m.settlement_id AS settlementId
    FROM matches m JOIN terminal_records t ON t.id = m.terminal_id WHERE t.terminal_id BETWEEN ? AND ?`);
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
     * What the files and journals cover, built from rows SQL made distinct (match/coverage.ts). With the run's id,
     * once every group is paired: which POS merchants paired a wallet bill's lines, and which terminals paired lines
     * naming no terminal, cover too.
     */
    coverage(runId?: number): Coverage {
      const paired = runId !== undefined;
      return buildCoverage(
        (settlementDays.all(wallets) as Array<Omit<SettlementDayRow, 'walletBill'> & { walletBill: number }>).map((r) => ({ ...r, walletBill: r.walletBill === 1 })),
        journalDays.all() as JournalDayRow[],
        paired ? (walletPartners.all(runId, wallets) as WalletPartnerRow[]) : [],
        paired ? (floatingPartnerTerminals.all(runId) as FloatingPartnerRow[]) : [],
      );
    },
    /**
     * The imported WeChat Pay and Alipay bills: their lines are priced as QR payments, and their coverage waits for
     * the pairs (coverage).
     */
    walletFileIds(): Set<number> {
      return new Set(db.prepare('SELECT id FROM imported_files WHERE format IN (SELECT value FROM json_each(?))').pluck().all(wallets) as number[]);
    },
  };
}
