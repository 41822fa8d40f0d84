import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addDays } from '../domain/dates.js';
import { UsageError } from '../domain/errors.js';
import type { TruthCase } from './emitter.js';
import { resolveOptions, type GenerateOptions, type ResolvedOptions } from './options.js';
import { FORMAT_WRITERS } from './formats/index.js';
import type { FormatWriter } from './formats/types.js';
import { JOURNAL_HEADER } from './rows.js';
import { writeScenario } from './scenario.js';
import { LineSink } from './sink.js';

export type { GenerateOptions } from './options.js';
export type { TruthCase } from './emitter.js';

export interface GenerateSummary {
  /** journal.csv, the settlement files in date order, truth.json; each joined onto outDir. */
  files: string[];
  journalRows: number;
  settlementRows: number;
  truthCases: number;
}

/**
 * Writes a synthetic scenario (journal.csv, settlement_YYYYMMDD.csv per day, truth.json) into outDir. Rows are
 * streamed with backpressure; the same options always give byte-identical files.
 *
 * @example
 * await generateScenario({ outDir: 'out/demo', seed: 7, days: 3, terminals: 4, perDay: 200 });
 */
export async function generateScenario(opts: GenerateOptions): Promise<GenerateSummary> {
  const o = resolveOptions(opts);
  await mkdir(o.outDir, { recursive: true });
  const dates = Array.from({ length: o.days }, (_, d) => addDays(o.startDate, d));
  const writer = FORMAT_WRITERS[o.settlementFormat];
  await refuseStaleSettlement(o.outDir, dates.map((d) => writer.fileName(d)));
  const journal = new LineSink(join(o.outDir, 'journal.csv'), { encoding: 'utf-8', bom: true });
  const settlement = dates.map((date) => writer.open(o.outDir, date, { encoding: o.settlementEncoding }));
  const sinks = [journal, ...settlement];
  let result: Awaited<ReturnType<typeof writeScenario>>;
  try {
    await journal.writeLine(writer.orderNumbers ? `${JOURNAL_HEADER},商户订单号` : JOURNAL_HEADER);
    result = await writeScenario(o, dates, { journal, settlement, orderNumbers: writer.orderNumbers });
    for (const s of sinks) await s.close();
  } catch (err) {
    for (const s of sinks) s.abort();
    throw err;
  }
  const truthPath = join(o.outDir, 'truth.json');
  await writeFile(truthPath, renderTruth(o, result.truth));
  return {
    files: [...sinks.map((s) => s.path), truthPath],
    journalRows: result.journalRows,
    settlementRows: result.settlementRows,
    truthCases: result.truth.length,
  };
}


/**
 * A settlement file left by an earlier, longer scenario would be read as part of this one and contradict its truth.
 * Deleting it is not ours to decide, so stop instead; files this run writes anyway are simply overwritten.
 */
async function refuseStaleSettlement(outDir: string, expected: readonly string[]): Promise<void> {
  const keep = new Set(expected);
  const patterns = Object.values(FORMAT_WRITERS).map((w: FormatWriter) => w.namePattern);
  const stale = (await readdir(outDir)).filter((n) => patterns.some((p) => p.test(n)) && !keep.has(n)).sort();
  if (stale.length > 0) {
    throw new UsageError(
      `${outDir} already holds ${stale.join(', ')} from another scenario (expected only ${expected[0] ?? ''}…${expected.at(-1) ?? ''})`,
      'write the scenario into an empty directory',
    );
  }
}

function renderTruth(o: ResolvedOptions, cases: readonly TruthCase[]): string {
  const sorted = [...cases].sort(
    (a, b) => cmp(a.category, b.category) || cmp(a.terminal_id, b.terminal_id) || cmp(a.trace_no, b.trace_no),
  );
  const doc = { seed: o.seed, start_date: o.startDate, days: o.days, terminals: o.terminals, per_day: o.perDay, cases: sorted };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Plain code-unit order, not locale order: the file must not depend on the machine's locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
