import type { ImportResult } from '../app/import-file.js';
import { formatScaled, type ControlCheck } from '../import/control.js';
import { err, out } from './output.js';

const MAX_SHOWN_WARNINGS = 20;

function diff(c: ControlCheck, actual: number | null): string {
  if (actual === null) return '';
  const d = actual - c.stated;
  return d === 0 ? '' : ` (${d > 0 ? '+' : ''}${formatScaled(d, c.scale)})`;
}

/** One line per stated total: what the file says, what its rows add up to, what was imported. */
export function controlLine(c: ControlCheck): string {
  const stated = formatScaled(c.stated, c.scale);
  if (c.status === 'unchecked') return `${c.label} ${stated}: not checked (this file has no detail rows for it)`;
  const rows = c.inRows === null ? 'n/a' : formatScaled(c.inRows, c.scale);
  const imported = c.imported === null ? 'n/a' : formatScaled(c.imported, c.scale);
  const verdict = c.status === 'agrees' ? 'agrees' : 'DIFFERS';
  return `${c.label}: file says ${stated}; its rows ${rows}${diff(c, c.inRows)}; imported ${imported}${diff(c, c.imported)} — ${verdict}`;
}

/**
 * The file's own totals after the read = imported + rejected + skipped line. Agreement goes to stdout; a
 * difference is a warning on stderr, so it is never missed when stdout is piped away.
 */
export function printImportChecks(r: Extract<ImportResult, { status: 'imported' }>): void {
  const bySource = new Map<string, ControlCheck[]>();
  for (const c of r.controls) bySource.set(c.source, [...(bySource.get(c.source) ?? []), c]);
  const stated = (cs: readonly ControlCheck[]): string => cs.map((c) => `${c.label} ${formatScaled(c.stated, c.scale)}`).join(', ');
  for (const [source, checks] of bySource) {
    if (checks.some((c) => c.status === 'differs')) {
      err(`${r.path}: warning: control totals (${source}) do not all agree with the rows:`);
      for (const c of checks) err(`  ${controlLine(c)}`);
      continue;
    }
    // A total with no detail rows to add up (a summary-only report) is not a difference: saying "do not agree"
    // would send an accountant looking for money that is not missing.
    const agree = checks.filter((c) => c.status === 'agrees');
    const unchecked = checks.filter((c) => c.status === 'unchecked');
    if (agree.length > 0) out(`${r.path}: control totals (${source}) agree: ${stated(agree)}`);
    if (unchecked.length > 0) out(`${r.path}: note: control totals (${source}) not checked (this file has no detail rows for them): ${stated(unchecked)}`);
  }
  // Not refused: an acquirer's file for a day without sales is a header and nothing else, and is the right file to
  // have. But a header-only export is as often an export cut short, so the user is told and shown the way back out.
  // A file that states its own totals (an RD report, a bill's summary row) says what it holds and needs no warning.
  if (r.counts.imported === 0 && r.counts.rejected === 0 && r.controls.length === 0) {
    err(
      `${r.path}: warning: no transaction in this file: all ${r.counts.read} line(s) were skipped (header, title, blank or non-transaction lines); ` +
        `it is recorded as imported all the same (file #${r.fileId}); if it should not be: posrecon files remove ${r.fileId}`,
    );
  }
  if (r.sideDoubt !== null) {
    const other = r.side === 'settlement' ? 'terminal' : 'settlement';
    err(
      `${r.path}: warning: ${r.sideDoubt}; its ${r.counts.imported} rows were imported as ${r.side} records. ` +
        `If it is a ${other === 'terminal' ? 'terminal journal' : 'settlement file'}, take it out again (posrecon files remove ${r.fileId}) and import it with --side ${other}`,
    );
  }
  for (const e of r.repeats.earlier) {
    err(
      `${r.path}: warning: ${e.rows} of ${r.repeats.sampled} rows looked up across this file are already in the database, identical, from file #${e.fileId} ${e.name}; ` +
        `if this file is a second copy, take it out again: posrecon files remove ${r.fileId}`,
    );
  }
  for (const w of r.warnings.slice(0, MAX_SHOWN_WARNINGS)) err(`${r.path}${w.where ?? `:${w.line}`}: warning: ${w.reason}`);
  if (r.warnings.length > MAX_SHOWN_WARNINGS) err(`${r.path}: … and ${r.warnings.length - MAX_SHOWN_WARNINGS} more warnings (all kept in the database)`);
}
