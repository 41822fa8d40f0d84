import { redactPans } from '../domain/pan.js';
import type { Side } from '../domain/record.js';
import { parseFen, parseYuan } from '../domain/money.js';
import { ControlLedger, type ControlCheck, type Measures } from '../import/control.js';
import type { FieldMap } from '../import/fields.js';
import { normalize, type NormalizeContext } from '../import/normalize.js';
import { removeSecrets } from '../import/secrets.js';
import { whereOf, type SourceRow } from '../import/types.js';
import type { RowCounts } from '../store/repos/files.js';
import { pushSettlement, pushTerminal, type Value } from '../store/repos/records.js';
import { sha256Text } from './hash-file.js';

export interface RowIssue {
  line: number;
  reason: string;
  /** Set when `file:line` is not precise enough: a zip entry, byte columns, an xlsx cell (see SourceRow.where). */
  where?: string;
}

export interface RowsOutcome {
  counts: RowCounts;
  rejected: RowIssue[];
  /** Rows imported, but not exactly as printed (a fee rounded to the fen…), and format notes. */
  warnings: RowIssue[];
  /** The file's own totals against its rows and against what was imported. */
  controls: ControlCheck[];
  /** Rows skipped because no header had been found yet: all of them means the layout never matched. */
  aboveHeader: number;
  /** Why the file looks like the other side's, from its header (layout.ts sideDoubt), or null. */
  sideDoubt: string | null;
}

/**
 * What a stretch of rows adds to the database, as flat arrays of plain values: that is what crosses from the
 * worker thread cheaply (one array per batch, not an object per row).
 */
export interface RowBatch {
  /** Rows read in the file so far, this batch included. */
  read: number;
  /** Records in recordsRepo's column order (pushTerminal / pushSettlement), row after row. */
  terminal: Value[];
  settlement: Value[];
  /** [line, disposition, reason, raw] for each rejected or skipped row. */
  unimported: Value[];
  /** [line, where, text] for each warning. */
  warnings: Value[];
}

export interface RowOptions {
  fileId: number;
  side: Side;
  cutoff: string;
  terminalOptional: boolean;
  /** Rows without a clearing date settle on their own date (SourceAdapter.naturalDay). */
  naturalDay?: boolean;
  /** Sum the rows' amount, fee and net as printed, for a total row (SourceAdapter.sumsRows). */
  sumsRows?: boolean;
}

const NONE: readonly string[] = [];

function issue(row: { line: number; where?: string | undefined }, reason: string): RowIssue {
  return row.where === undefined ? { line: row.line, reason } : { line: row.line, reason, where: row.where };
}

/**
 * Turns source rows into what is stored: every row imported, rejected or skipped with its reason, so that
 * read = imported + rejected + skipped. Pure, so it runs the same in the import worker and in process.
 */
export class RowBatcher {
  private readonly ledger = new ControlLedger();
  private readonly counts: RowCounts = { read: 0, imported: 0, rejected: 0, skipped: 0 };
  private readonly rejected: RowIssue[] = [];
  private readonly warnings: RowIssue[] = [];
  private readonly normalizeCtx: NormalizeContext;
  private aboveHeader = 0;
  private sideDoubt: string | null = null;
  private readonly sums = new RowSums();
  private batch: RowBatch = emptyBatch(0);
  /** Rows in the current batch. */
  size = 0;

  constructor(private readonly opts: RowOptions) {
    this.normalizeCtx = { cutoff: opts.cutoff, terminalOptional: opts.terminalOptional, naturalDay: opts.naturalDay === true };
  }

  add(row: SourceRow): void {
    this.counts.read++;
    this.size++;
    // The card column's value is masked wherever it appears in the line; any other card-shaped Luhn-valid run too.
    // Personal values go first: an ID number that also looks like a card would otherwise be card-masked (six and
    // four digits shown) and then no longer found to be masked as personal data (first and last only).
    const fields = row.kind === 'fields' ? row : undefined;
    const card = fields?.fields.card_no;
    const raw = redactPans(maskValues(removeSecrets(row.raw, fields?.secrets), fields?.sensitive), card ? [card] : NONE);
    if (row.kind !== 'fields') {
      if (row.kind === 'skip' && row.control) this.ledger.addStatement(row.control);
      this.unimported(row, row.kind, row.reason, raw);
      if (row.kind === 'skip') {
        this.warn(row, row.warnings);
        if (row.sideDoubt !== undefined) {
          // Kept with the file's warnings in the database; printed once, with the remedy, by the caller.
          this.sideDoubt ??= row.sideDoubt;
          this.batch.warnings.push(row.line, whereOf(row), row.sideDoubt);
        }
        this.ledger.addRow(row.measures, row.accounted === true);
      } else this.ledger.addRow(row.measures, false);
      return;
    }
    const n = normalize(this.opts.side, row.fields, this.normalizeCtx);
    // A row skipped on purpose (a pre-auth) is not missing from the import: the file's totals may count it.
    const counted = n.kind === 'record' || (n.kind === 'skip' && n.accounted === true);
    this.ledger.addRow(row.measures, counted);
    if (this.opts.sumsRows === true && row.measures === undefined) {
      if (n.kind === 'record') this.sums.addRecord(row.fields, n.record);
      else this.sums.addPrinted(row.fields, counted);
    }
    if (n.kind !== 'record') {
      // "amount: …" names the field; an xlsx row knows that field's cell, which is the better location.
      // A row cut short fails on whichever required cell it lacks; its length is the better reason.
      const reason = n.kind === 'reject' && row.short !== undefined ? row.short : n.reason;
      const cell = row.fieldWhere?.[/^(\w+):/.exec(reason)?.[1] ?? ''];
      this.unimported(cell === undefined ? row : { line: row.line, where: cell }, n.kind, reason, raw);
      return;
    }
    // Hash what is stored: a hash of the unmasked line would give the hidden card digits away to a brute force.
    const prov = { line: row.line, raw, rawSha256: sha256Text(raw), rawMasked: raw !== row.raw };
    if ('settleDate' in n.record) pushSettlement(this.batch.settlement, this.opts.fileId, n.record, prov);
    else pushTerminal(this.batch.terminal, this.opts.fileId, n.record, prov);
    this.counts.imported++;
    this.warn(row, row.warnings);
  }

  /** The rows added since the last take(). */
  take(): RowBatch {
    const b = this.batch;
    b.read = this.counts.read;
    this.batch = emptyBatch(this.counts.read);
    this.size = 0;
    return b;
  }

  outcome(): RowsOutcome {
    if (this.opts.sumsRows === true) this.sums.into(this.ledger);
    return {
      counts: this.counts,
      rejected: this.rejected,
      warnings: this.warnings,
      controls: this.ledger.checks(),
      aboveHeader: this.aboveHeader,
      sideDoubt: this.sideDoubt,
    };
  }

  // Reasons and warnings quote cells; a card number quoted there is masked like the raw line.
  private unimported(row: { line: number; where?: string | undefined }, kind: 'skip' | 'reject', quoted: string, raw: string): void {
    const reason = redactPans(quoted);
    const disposition = kind === 'skip' ? 'skipped' : 'rejected';
    this.batch.unimported.push(row.line, disposition, row.where === undefined ? reason : `${row.where.replace(/^[!:]/, '')}: ${reason}`, raw);
    this.counts[disposition]++;
    if (reason.startsWith('above the header row')) this.aboveHeader++;
    if (kind === 'reject') this.rejected.push(issue(row, reason));
  }

  private warn(row: SourceRow, list: readonly string[] | undefined): void {
    if (list === undefined) return;
    for (const quoted of list) {
      const w = redactPans(quoted);
      this.warnings.push(issue(row, w));
      this.batch.warnings.push(row.line, whereOf(row), w);
    }
  }
}

function emptyBatch(read: number): RowBatch {
  return { read, terminal: [], settlement: [], unimported: [], warnings: [] };
}

/** Keeps the first and last character of each personal value (a name, an id number) and stars the rest. */
function maskValues(raw: string, values: readonly string[] | undefined): string {
  if (values === undefined) return raw;
  let out = raw;
  for (const v of values) {
    const masked = v.length <= 2 ? '*'.repeat(v.length) : `${v[0] ?? ''}${'*'.repeat(v.length - 2)}${v.at(-1) ?? ''}`;
    out = out.split(v).join(masked);
  }
  return out;
}

/**
 * The rows' count, amount, fee and net as printed, for a statement's total row, in the keys totalRow states them
 * in. Plain numbers added up per row, not a measures object per row: a generic CSV can hold a million rows, and
 * an imported row's values are taken from its record, already parsed. Only a row that did not become a record (rare)
 * has its cells parsed again.
 */
class RowSums {
  private count = 0;
  private amount = 0;
  private fee = 0;
  private net = 0;
  private doneCount = 0;
  private doneAmount = 0;
  private doneFee = 0;
  private doneNet = 0;
  /** Whether any row had a fee, a net: a total of a column no row has stays unchecked rather than "0". */
  private hasFee = false;
  private hasNet = false;

  addRecord(fields: FieldMap, r: { amountFen: number; feeFen?: number | null; netFen?: number | null }): void {
    // The record keeps the amount unsigned; a statement's total adds it as printed.
    const text = fields.amount_fen ?? fields.amount ?? '';
    this.add(text.charCodeAt(0) === 45 ? -r.amountFen : r.amountFen, r.feeFen ?? null, r.netFen ?? null, true);
  }

  addPrinted(fields: FieldMap, counted: boolean): void {
    this.add(printed(fields.amount_fen, fields.amount) ?? 0, printed(fields.fee_fen, fields.fee), printed(fields.net_amount_fen, fields.net_amount), counted);
  }

  into(ledger: ControlLedger): void {
    const of = (count: number, amount: number, fee: number, net: number): Measures => ({
      count,
      amount,
      ...(this.hasFee ? { fee } : {}),
      ...(this.hasNet ? { net_amount: net } : {}),
    });
    ledger.addRow(of(this.doneCount, this.doneAmount, this.doneFee, this.doneNet), true);
    ledger.addRow(of(this.count - this.doneCount, this.amount - this.doneAmount, this.fee - this.doneFee, this.net - this.doneNet), false);
  }

  private add(amount: number, fee: number | null, net: number | null, counted: boolean): void {
    this.count++;
    this.amount += amount;
    if (fee !== null) {
      this.hasFee = true;
      this.fee += fee;
    }
    if (net !== null) {
      this.hasNet = true;
      this.net += net;
    }
    if (!counted) return;
    this.doneCount++;
    this.doneAmount += amount;
    this.doneFee += fee ?? 0;
    this.doneNet += net ?? 0;
  }
}

function printed(fen: string | undefined, yuan: string | undefined): number | null {
  const r = fen !== undefined && fen !== '' ? parseFen(fen) : yuan !== undefined && yuan !== '' ? parseYuan(yuan) : null;
  return r?.ok === true ? r.value : null;
}
