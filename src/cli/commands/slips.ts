import type { Command } from 'commander';
import { DEFAULT_SLIP_CATEGORIES } from '../../app/select-slips.js';
import { CATEGORIES, isCategory, type Category } from '../../domain/categories.js';
import { UsageError } from '../../domain/errors.js';
import { SLIP_COPIES, type SlipCopy } from '../../slip/layout.js';
import type { SlipWidth } from '../../slip/render-pdf.js';
import { DB_HELP, dbPath, parseBeijingMinute, repeatable } from '../options.js';
import { err, out, showPath, yuan } from '../output.js';
import type { CliState } from '../state.js';

interface SlipsFlags {
  out: string;
  case?: string[];
  category?: Category[];
  rrn?: string[];
  terminal?: string[];
  trace?: string[];
  allSettled?: boolean;
  copy?: SlipCopy[];
  width: SlipWidth;
  oneFile?: boolean;
  reprintedAt?: string;
  db?: string;
}

function parseCategory(text: string): Category {
  if (isCategory(text)) return text;
  throw new UsageError(`--category "${text}" is not a category`, `categories: ${CATEGORIES.join(', ')}`);
}

function parseCopies(text: string): SlipCopy[] {
  const copies = text.split(',').map((c) => c.trim());
  for (const c of copies) {
    if (!(SLIP_COPIES as readonly string[]).includes(c)) throw new UsageError(`--copy "${c}" is not a copy (expected ${SLIP_COPIES.join(', ')})`);
  }
  return [...new Set(copies)] as SlipCopy[];
}

function parseWidth(text: string): SlipWidth {
  if (text === '58' || text === '80') return Number(text) as SlipWidth;
  throw new UsageError(`--width "${text}" is not a paper width (expected 58 or 80, in mm)`);
}

const parseReprintedAt = (text: string): string => parseBeijingMinute('--reprinted-at', text).text;

const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/**
 * The n-th --terminal goes with the n-th --trace; one --terminal goes with every --trace. Any other count would
 * leave a trace whose terminal posrecon would have to guess.
 */
function terminalTraces(terminals: readonly string[], traces: readonly string[]): Array<{ terminalId: string; traceNo: string }> {
  if ((terminals.length === 0) !== (traces.length === 0)) throw new UsageError('--terminal and --trace go together');
  if (terminals.length !== traces.length && terminals.length !== 1) {
    throw new UsageError(
      `--terminal is given ${times(terminals.length)} and --trace ${times(traces.length)}: which terminal goes with which trace?`,
      'give one --terminal before each --trace (they pair in order), or one --terminal for all the traces',
    );
  }
  return traces.map((traceNo, i) => ({ terminalId: terminals[terminals.length === 1 ? 0 : i] ?? '', traceNo }));
}

export function registerSlips(program: Command, state: CliState): void {
  program
    .command('slips')
    .description('write reprinted slips (签购单) as PDF: by default for the cases that have no slip')
    .requiredOption('--out <dir>', 'folder for the PDF files')
    .option('--case <ids...>', 'these cases (ids from posrecon cases)')
    .option('--category <category>', `cases of this category, repeatable (default: ${DEFAULT_SLIP_CATEGORIES.join(', ')})`, repeatable(parseCategory))
    .option('--rrn <rrn>', 'the transaction with this reference number (参考号), repeatable', repeatable(String))
    .option('--terminal <tid>', 'with --trace: the transaction with this terminal and trace (凭证号); repeatable, pairs in order', repeatable(String))
    .option('--trace <n>', 'with --terminal, repeatable; one --terminal goes with every --trace', repeatable(String))
    .option('--all-settled', 'every transaction in the settlement files')
    .option('--copy <copies>', `${SLIP_COPIES.join(', ')}; comma-separated for several (default: merchant)`, parseCopies)
    .option('--width <mm>', 'paper width, 58 or 80', parseWidth, 80)
    .option('--one-file', 'one PDF with one slip per page')
    .option('--reprinted-at <time>', 'the reprint time printed on the slips, "YYYY-MM-DD HH:mm" Beijing time (default: now)', parseReprintedAt)
    .option('--db <path>', DB_HELP)
    .action(async (o: SlipsFlags) => {
      const traces = terminalTraces(o.terminal ?? [], o.trace ?? []);
      const db = dbPath(o.db);
      // Loaded when the command runs: its libraries (exceljs, pdfkit, fonts) cost every other command 0.7 s to load.
      const { renderSlips } = await import('../../app/render-slips.js');
      const r = await renderSlips(
        {
          dbPath: db,
          outDir: o.out,
          selector: {
            ...(o.case ? { caseIds: o.case } : {}),
            categories: o.category ?? [],
            rrns: o.rrn ?? [],
            terminalTraces: traces,
            ...(o.allSettled ? { allSettled: true } : {}),
          },
          copies: o.copy ?? ['merchant'],
          widthMm: o.width,
          oneFile: Boolean(o.oneFile),
          ...(o.reprintedAt ? { reprintedAt: o.reprintedAt } : {}),
        },
        state.ctx,
      );
      for (const s of r.skipped) err(`skipped: ${s.what}: ${s.reason}`);
      if (r.closedCases > 0) {
        const n = r.closedCases === 1 ? '1 resolved or written-off case' : `${r.closedCases} resolved or written-off cases`;
        err(`left out: ${n}; name them with --case or --category to print them`);
      }
      for (const s of r.slips) {
        const m = s.model;
        const what = [m.terminalId, m.traceNo ?? '-', m.txnDate, yuan(m.amountFen).padStart(10), s.category ?? '', s.caseId ?? ''];
        out(`${showPath(s.path)}  ${what.join('  ').trimEnd()}`);
      }
      const where = r.files.length === 1 && o.oneFile ? showPath(r.files[0] ?? '') : showPath(o.out);
      out(`${r.slips.length} ${r.slips.length === 1 ? 'slip' : 'slips'} written to ${where} (database ${showPath(db)})`);
    });
}
