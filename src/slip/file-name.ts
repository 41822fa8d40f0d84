import type { SlipCopy } from './layout.js';
import type { SlipModel } from './model.js';

const safe = (s: string): string => s.replace(/[^0-9A-Za-z]+/g, '_');

/**
 * "10012345-000103-20260308-merchant.pdf": terminal, trace and transaction date, so a folder of slips sorts
 * by terminal and a slip is found by what a bank asks for. Without a trace: the RRN, else the source line.
 */
export function slipFileName(m: SlipModel, copy: SlipCopy): string {
  const trace = m.traceNo ?? (m.rrn ? `rrn${m.rrn}` : `line${m.primary.line}`);
  return `${safe(m.terminalId)}-${safe(trace)}-${m.txnDate.replace(/-/g, '')}-${copy}.pdf`;
}

/** "slips-20260308-20260309.pdf" for --one-file: the span of transaction dates it holds. */
export function oneFileName(models: readonly SlipModel[]): string {
  const dates = models.map((m) => m.txnDate.replace(/-/g, '')).sort();
  const first = dates[0] ?? 'none';
  const last = dates[dates.length - 1] ?? first;
  return first === last ? `slips-${first}.pdf` : `slips-${first}-${last}.pdf`;
}

/** Two slips with the same name (a trace reused after wrapping, two copies of one line) get -2, -3…. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : name.replace(/\.pdf$/, `-${n}.pdf`);
  });
}
