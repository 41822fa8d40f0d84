import type { Command } from 'commander';
import type { Category } from '../../domain/categories.js';
import { UsageError } from '../../domain/errors.js';
import { DB_HELP, dbPath, parseBeijingMinute, refuseRepeatedValues } from '../options.js';
import { out, showPath } from '../output.js';
import type { CliState } from '../state.js';
import { parseCategory } from './cases.js';

/** One pack is one PDF: several cases cannot share --out FILE, and --category already writes a folder of them. */
const ONE_PACK_PER_FILE = {
  '--case': 'one evidence pack per file: run posrecon evidence once per case, or give --category C --out DIR for every case of a category',
};

export function registerEvidence(program: Command, state: CliState): void {
  const evidence = program
    .command('evidence')
    .description('write dispute evidence packs (PDF): cover, timeline, both records with their source lines, response code, reprinted slip')
    .option('--case <id>', 'one case (given once): --out is its PDF file')
    .option('--category <category>', 'every case of a category: --out is a folder, one PDF per case', parseCategory)
    .requiredOption('--out <path>', 'PDF file (--case) or folder (--category)')
    .option('--prepared-at <time>', 'the preparation time printed in the pack, "YYYY-MM-DD HH:mm" Beijing time (default: now); fixes the PDF bytes', (t: string) => parseBeijingMinute('--prepared-at', t).date)
    .option('--db <path>', DB_HELP)
    .action(async (o: { case?: string; category?: Category; out: string; preparedAt?: Date; db?: string }) => {
      if ((o.case === undefined) === (o.category === undefined)) throw new UsageError('give either --case ID or --category C');
      const target = o.case !== undefined ? { caseId: o.case, outFile: o.out } : { category: o.category as Category, outDir: o.out };
      const at = o.preparedAt;
      // Loaded when the command runs: its libraries (exceljs, pdfkit, fonts) cost every other command 0.7 s to load.
      const { writeEvidence } = await import('../../app/evidence.js');
      const r = await writeEvidence(dbPath(o.db), target, at ? { ...state.ctx, now: () => at } : state.ctx);
      for (const w of r.written) out(`${w.caseId}: ${showPath(w.path)}`);
      out(`${r.written.length} evidence ${r.written.length === 1 ? 'pack' : 'packs'} written`);
    });
  refuseRepeatedValues(evidence, ONE_PACK_PER_FILE);
}
