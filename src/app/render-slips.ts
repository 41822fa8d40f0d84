import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../domain/errors.js';
import { TXN_STATUSES, TXN_TYPES, type TxnStatus, type TxnType } from '../domain/txn.js';
import { beijingTime } from '../report/local-time.js';
import { oneFileName, slipFileName, uniqueNames } from '../slip/file-name.js';
import { slipLines, type SlipCopy } from '../slip/layout.js';
import { buildSlipModel, type MerchantInfo, type SlipModel, type SlipSourceRecord } from '../slip/model.js';
import { renderSlipPdf, type SlipWidth } from '../slip/render-pdf.js';
import { withStore } from '../store/open.js';
import { latestRun } from '../store/repos/match-results.js';
import { merchantsRepo } from '../store/repos/merchants.js';
import type { SlipRecordRow } from '../store/repos/slip-sources.js';
import type { AppContext } from './context.js';
import { selectSlipTxns, type SlipSelector, type SlipTxn, type Skipped } from './select-slips.js';

export interface SlipsOptions {
  dbPath: string;
  outDir: string;
  selector: SlipSelector;
  copies: readonly SlipCopy[];
  widthMm: SlipWidth;
  oneFile: boolean;
  /** 'YYYY-MM-DD HH:mm', Beijing time; default: the clock. */
  reprintedAt?: string;
}

export interface WrittenSlip {
  path: string;
  copy: SlipCopy;
  caseId: string | null;
  category: string | null;
  model: SlipModel;
}

export interface SlipsResult {
  slips: WrittenSlip[];
  files: string[];
  skipped: Skipped[];
  /** Resolved or written-off cases the default selection left out. */
  closedCases: number;
}

/** The clock as slips print it: Beijing time to the minute, the way terminals print times (domain.md §9). */
export function reprintTime(now: Date): string {
  return `${beijingTime(now.toISOString()).slice(0, 16)} UTC+8`;
}

/** Reads the selected transactions, rebuilds their slips and writes them as PDF files. */
export async function renderSlips(opts: SlipsOptions, ctx: AppContext): Promise<SlipsResult> {
  const reprintedAt = opts.reprintedAt ? `${opts.reprintedAt} UTC+8` : reprintTime(ctx.now());
  const { items, skipped, closedCases } = await withStore(opts.dbPath, (db) => {
    if (!latestRun(db)) throw new UsageError(`${opts.dbPath}: nothing matched yet`, 'run: posrecon match');
    const selection = selectSlipTxns(db, opts.selector);
    const merchants = merchantsRepo(db);
    const models = selection.txns.map((txn) => {
      const primary = txn.terminal ?? txn.settlement;
      const terminalId = primary?.terminal_id ?? '';
      const registryMerchantId = merchants.terminal(terminalId)?.merchant_id ?? null;
      const mid = txn.terminal?.merchant_id ?? txn.settlement?.merchant_id ?? registryMerchantId;
      const row = mid ? merchants.get(mid) : undefined;
      const merchant: MerchantInfo | null = row
        ? { merchantId: row.merchant_id, name: row.name, nameEn: row.name_en, acquirer: row.acquirer }
        : null;
      const model = buildSlipModel({ terminal: source(txn.terminal), settlement: source(txn.settlement), merchant, registryMerchantId, reprintedAt });
      return { txn, model };
    });
    return { items: models, skipped: selection.skipped, closedCases: selection.closedCases };
  });

  await mkdir(opts.outDir, { recursive: true });
  const slips: WrittenSlip[] = [];
  const files: string[] = [];
  if (opts.oneFile) {
    if (items.length === 0) return { slips, files, skipped, closedCases };
    const path = join(opts.outDir, oneFileName(items.map((i) => i.model)));
    const pages = items.flatMap((i) => opts.copies.map((copy) => ({ ...i, copy })));
    const pdf = await renderSlipPdf(pages.map((p) => ({ lines: slipLines(p.model, p.copy) })), {
      widthMm: opts.widthMm,
      title: `签购单(重打印) ${pages.length} 张 / ${pages.length} reprinted slips`,
      subject: `posrecon slips, reprinted ${reprintedAt}`,
      date: latest(items.map((i) => i.model)),
    });
    await writeAtomically(path, pdf);
    files.push(path);
    for (const p of pages) slips.push(written(path, p.copy, p.txn, p.model));
    return { slips, files, skipped, closedCases };
  }
  const jobs = items.flatMap((i) => opts.copies.map((copy) => ({ ...i, copy, name: slipFileName(i.model, copy) })));
  const names = uniqueNames(jobs.map((j) => j.name));
  for (const [n, job] of jobs.entries()) {
    const path = join(opts.outDir, names[n] ?? job.name);
    const m = job.model;
    const pdf = await renderSlipPdf([{ lines: slipLines(m, job.copy) }], {
      widthMm: opts.widthMm,
      title: `签购单(重打印) ${m.terminalId} ${m.traceNo ?? '-'} ${m.txnDate}`,
      subject: `Reprinted from ${m.primary.file} line ${m.primary.line}, ${reprintedAt}`,
      date: latest([m]),
    });
    await writeAtomically(path, pdf);
    files.push(path);
    slips.push(written(path, job.copy, job.txn, m));
  }
  return { slips, files, skipped, closedCases };
}

function written(path: string, copy: SlipCopy, txn: SlipTxn, model: SlipModel): WrittenSlip {
  return { path, copy, caseId: txn.caseId, category: txn.category, model };
}

/** The PDF's dates come from the data: the latest transaction time in it, Beijing time. */
function latest(models: readonly SlipModel[]): Date {
  const times = models.map((m) => Date.parse(`${m.txnDate}T${m.txnTime}+08:00`));
  return new Date(Math.max(...times));
}

/** A reader (or a crash) never sees half a PDF under the final name. */
async function writeAtomically(path: string, data: Buffer): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

function source(r: SlipRecordRow | null): SlipSourceRecord | null {
  if (!r) return null;
  return {
    side: r.side,
    file: r.file,
    line: r.line,
    raw: r.raw,
    rawSha256: r.raw_sha256,
    rawMasked: r.raw_masked === 1,
    merchantId: r.merchant_id,
    terminalId: r.terminal_id,
    batchNo: r.batch_no,
    traceNo: r.trace_no,
    rrn: r.rrn,
    authCode: r.auth_code,
    cardMasked: r.card_masked,
    txnType: known(TXN_TYPES, r.txn_type, 'transaction type') as TxnType,
    amountFen: r.amount_fen,
    txnDate: r.txn_date,
    txnTime: r.txn_time,
    origTraceNo: r.orig_trace_no,
    origRrn: r.orig_rrn,
    origDate: r.orig_date,
    status: r.status === null ? null : (known(TXN_STATUSES, r.status, 'status') as TxnStatus),
    responseCode: r.response_code,
    operator: r.operator,
    settleDate: r.settle_date,
    storeName: r.store_name,
  };
}

function known(values: readonly string[], value: string, what: string): string {
  if (!values.includes(value)) throw new Error(`unknown ${what} ${value} in the database`);
  return value;
}
