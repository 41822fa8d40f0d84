import { basename } from 'node:path';
import { redactPans } from '../domain/pan.js';
import type { Side } from '../domain/record.js';
import { ControlLedger, type ControlCheck } from '../import/control.js';
import { normalize } from '../import/normalize.js';
import { whereOf, type SourceRow } from '../import/types.js';
import type { Db } from '../store/open.js';
import { controlTotalsRepo } from '../store/repos/control-totals.js';
import type { RowCounts } from '../store/repos/files.js';
import { recordsRepo } from '../store/repos/records.js';
import type { AppContext } from './context.js';
import { removeSecrets } from '../import/secrets.js';
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
}

export interface ConsumeOptions {
  path: string;
  side: Side;
  cutoff: string;
  terminalOptional: boolean;
}

function issue(row: { line: number; where?: string }, reason: string): RowIssue {
  return row.where === undefined ? { line: row.line, reason } : { line: row.line, reason, where: row.where };
}

/**
 * Stores every row of one file inside the caller's transaction: imported, rejected or skipped, each with its reason,
 * so that read = imported + rejected + skipped. Rows located more precisely than by line keep that location in the
 * stored reason, since the table has only a line column.
 */
export async function consumeRows(db: Db, fileId: number, rows: AsyncIterable<SourceRow>, opts: ConsumeOptions, ctx: AppContext): Promise<RowsOutcome> {
  const records = recordsRepo(db);
  const controlsRepo = controlTotalsRepo(db);
  const ledger = new ControlLedger();
  const counts: RowCounts = { read: 0, imported: 0, rejected: 0, skipped: 0 };
  const rejected: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  let aboveHeader = 0;
  // Reasons and warnings quote cells; a card number quoted there is masked like the raw line.
  const unimported = (row: SourceRow, kind: 'skip' | 'reject', quoted: string, raw: string): void => {
    const reason = redactPans(quoted);
    const disposition = kind === 'skip' ? 'skipped' : 'rejected';
    records.addUnimported(fileId, row.line, disposition, row.where === undefined ? reason : `${row.where.replace(/^[!:]/, '')}: ${reason}`, raw);
    counts[disposition]++;
    if (reason.startsWith('above the header row')) aboveHeader++;
    if (kind === 'reject') rejected.push(issue(row, reason));
  };
  const warn = (row: SourceRow, list: readonly string[] | undefined): void => {
    for (const quoted of list ?? []) {
      const w = redactPans(quoted);
      warnings.push(issue(row, w));
      controlsRepo.addWarning(fileId, row.line, whereOf(row), w);
    }
  };
  for await (const row of rows) {
    counts.read++;
    if (counts.read % 10000 === 0) ctx.progress?.(basename(opts.path), counts.read);
    // The card column's value is masked wherever it appears in the line; any other Luhn-valid run too.
    const fields = row.kind === 'fields' ? row : undefined;
    const raw = maskValues(redactPans(removeSecrets(row.raw, fields?.secrets), fields?.fields.card_no ? [fields.fields.card_no] : []), fields?.sensitive);
    if (row.kind !== 'fields') {
      if (row.kind === 'skip' && row.control) ledger.addStatement(row.control);
      unimported(row, row.kind, row.reason, raw);
      if (row.kind === 'skip') {
        warn(row, row.warnings);
        ledger.addRow(row.measures, row.accounted === true);
      }
      continue;
    }
    const n = normalize(opts.side, row.fields, { cutoff: opts.cutoff, terminalOptional: opts.terminalOptional });
    ledger.addRow(row.measures, n.kind === 'record');
    if (n.kind !== 'record') {
      // "amount: …" names the field; an xlsx row knows that field's cell, which is the better location.
      const cell = row.fieldWhere?.[/^(\w+):/.exec(n.reason)?.[1] ?? ''];
      unimported(cell === undefined ? row : { ...row, where: cell }, n.kind, n.reason, raw);
      continue;
    }
    // Hash what is stored: a hash of the unmasked line would give the hidden card digits away to a brute force.
    const prov = { line: row.line, raw, rawSha256: sha256Text(raw), rawMasked: raw !== row.raw };
    if ('settleDate' in n.record) records.addSettlement(fileId, { ...n.record, ...prov });
    else records.addTerminal(fileId, { ...n.record, ...prov });
    counts.imported++;
    warn(row, row.warnings);
  }
  records.flush();
  const controls = ledger.checks();
  for (const c of controls) controlsRepo.add(fileId, c);
  return { counts, rejected, warnings, controls, aboveHeader };
}

/** Keeps the first and last character of each personal value (a name, an id number) and stars the rest. */
function maskValues(raw: string, values: readonly string[] | undefined): string {
  let out = raw;
  for (const v of values ?? []) {
    const masked = v.length <= 2 ? '*'.repeat(v.length) : `${v[0] ?? ''}${'*'.repeat(v.length - 2)}${v.at(-1) ?? ''}`;
    out = out.split(v).join(masked);
  }
  return out;
}
