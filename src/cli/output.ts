import { relative } from 'node:path';
import type { ImportResult } from '../app/import-file.js';
import type { MatchResult } from '../app/run-match.js';
import type { AppError } from '../domain/errors.js';
import { CATEGORIES, CATEGORY_LABEL, NOT_YET_DISCREPANCIES, type Category } from '../domain/categories.js';
import { formatYuan } from '../domain/money.js';
import { beijingTimeMarked } from '../report/local-time.js';
import { printImportChecks } from './import-checks.js';
import { clearProgress } from './progress.js';

/** stdout carries results; stderr carries diagnostics and progress. */
export const out = (line = ''): void => void process.stdout.write(`${line}\n`);
export const err = (line: string): void => void process.stderr.write(`${line}\n`);

/** An error as main.ts ends with it, for one that does not end the command (a refused file among several). */
export function printError(e: AppError): void {
  err(`posrecon: ${e.message}`);
  if (e.hint) err(`  hint: ${e.hint}`);
}

const MAX_SHOWN_REJECTS = 20;

export function showPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel.startsWith('..') ? p : rel;
}

export function printImport(r: ImportResult): void {
  if (r.status === 'already-imported') {
    out(`${r.path}: already imported as file #${r.previous.id} on ${beijingTimeMarked(r.previous.imported_at)} (sha256 ${r.sha256.slice(0, 12)}…); nothing changed`);
    return;
  }
  const c = r.counts;
  out(`${r.path}: ${r.why}`);
  out(`${r.path}: read ${c.read} = imported ${c.imported} + rejected ${c.rejected} + skipped ${c.skipped}`);
  for (const x of r.rejected.slice(0, MAX_SHOWN_REJECTS)) err(`${r.path}${x.where ?? `:${x.line}`}: rejected: ${x.reason}`);
  if (r.rejected.length > MAX_SHOWN_REJECTS) {
    err(`${r.path}: … and ${r.rejected.length - MAX_SHOWN_REJECTS} more rejected rows (all kept, with their raw text, in the database)`);
  }
  printImportChecks(r);
}

/** Each file of an import as it finishes: its counts, or why it was refused. */
export const printImports = {
  onDone(r: ImportResult): void {
    clearProgress();
    printImport(r);
  },
  onRefused(f: { error: AppError }): void {
    clearProgress();
    printError(f.error);
  },
};

/** Width in terminal columns: CJK characters take two. */
function columns(text: string): number {
  return [...text].reduce((n, ch) => n + (/[\u1100-\uFFEF]/.test(ch) ? 2 : 1), 0);
}

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - columns(text)));
  return right ? fill + text : text + fill;
}

export function printMatchSummary(m: MatchResult): void {
  const passes = Object.entries(m.byPass)
    .map(([p, n]) => `${p} ${n}`)
    .join(', ');
  out(`matched ${m.matched} pairs of ${m.terminalRecords} terminal and ${m.settlementRecords} settlement records (${passes})`);
  out('');
  // A fee or amount case counts at its difference, the others at their amount: what each puts at stake.
  out(`${pad('category', 24)}${pad('', 46)}${pad('count', 7, true)}${pad('at stake', 16, true)}`);
  for (const c of CATEGORIES) {
    const s = m.byCategory[c] ?? { count: 0, amountFen: 0 };
    const note = NOT_YET_DISCREPANCIES.has(c) ? ' (waiting)' : '';
    out(`${pad(c, 24)}${pad(CATEGORY_LABEL[c] + note, 46)}${pad(String(s.count), 7, true)}${pad(yuan(s.amountFen), 16, true)}`);
  }
}

export function discrepancyCount(m: MatchResult): number {
  return Object.entries(m.byCategory)
    .filter(([c]) => !NOT_YET_DISCREPANCIES.has(c as Category))
    .reduce((n, [, v]) => n + v.count, 0);
}

/** 132800 fen → "1,328.00": yuan grouped by thousands, for people reading a console. */
export function yuan(fen: number): string {
  return formatYuan(fen).replace(/\B(?=(\d{3})+\.)/g, ',');
}

/**
 * Rows as columns under a header line, each column as wide as its widest cell; `right` names the columns
 * aligned right (amounts).
 */
export function printTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: ReadonlySet<number> = new Set()): void {
  // A reduce, not Math.max(...): a spread of 100,000 cases overflows the call stack.
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, columns(r[i] ?? '')), columns(h)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => pad(c, widths[i] ?? 0, right.has(i))).join('  ').trimEnd();
  out(line(header));
  for (const r of rows) out(line(r));
}
