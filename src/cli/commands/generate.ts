import type { Command } from 'commander';
import { generateScenario } from '../../generate/index.js';
import { SETTLEMENT_FORMATS, type SettlementFormat } from '../../generate/formats/index.js';
import { UsageError } from '../../domain/errors.js';
import { out, showPath } from '../output.js';
import { parsePositiveInt } from '../options.js';

interface GenerateFlags {
  out: string;
  seed: number;
  days: number;
  terminals: number;
  perDay: number;
  start?: string;
  settlementEncoding?: string;
  settlementFormat: string;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write a synthetic scenario: journal.csv, settlement_<YYYYMMDD>.csv per day and truth.json')
    .requiredOption('--out <dir>', 'output folder')
    .option('--seed <n>', 'random seed (same seed, same files)', parsePositiveInt('--seed'), 1)
    .option('--days <n>', 'number of days', parsePositiveInt('--days'), 2)
    .option('--terminals <n>', 'terminals with a journal', parsePositiveInt('--terminals'), 3)
    .option('--per-day <n>', 'ordinary sales per terminal per day', parsePositiveInt('--per-day'), 100)
    .option('--start <YYYY-MM-DD>', 'first day (default 2026-03-08)')
    .option('--settlement-encoding <enc>', 'utf-8 or gbk, for generic-csv (default utf-8)')
    .option('--settlement-format <name>', `settlement file layout: ${SETTLEMENT_FORMATS.join(', ')}`, 'generic-csv')
    .action(async (o: GenerateFlags) => {
      // --days, --terminals and --per-day are checked by generateScenario, with their limits and these names.
      if (o.settlementEncoding !== undefined && o.settlementEncoding !== 'utf-8' && o.settlementEncoding !== 'gbk') {
        throw new UsageError(`--settlement-encoding "${o.settlementEncoding}" (expected utf-8 or gbk)`);
      }
      if (!(SETTLEMENT_FORMATS as readonly string[]).includes(o.settlementFormat)) {
        throw new UsageError(`--settlement-format "${o.settlementFormat}" (expected ${SETTLEMENT_FORMATS.join(', ')})`);
      }
      const s = await generateScenario({
        outDir: o.out,
        seed: o.seed,
        days: o.days,
        terminals: o.terminals,
        perDay: o.perDay,
        settlementFormat: o.settlementFormat as SettlementFormat,
        ...(o.settlementEncoding === undefined ? {} : { settlementEncoding: o.settlementEncoding }),
        ...(o.start === undefined ? {} : { startDate: o.start }),
      });
      out(`wrote ${s.files.length} files to ${showPath(o.out)}: ${s.journalRows} journal rows, ${s.settlementRows} settlement rows, ${s.truthCases} truth cases`);
    });
}
