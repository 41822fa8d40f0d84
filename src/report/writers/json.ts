import type { ReportSource } from '../model.js';
import { writeChunked } from './chunked-file.js';

const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);
const field = (key: string, value: unknown): string => `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}`;

/**
 * The report as JSON, streamed case by case. The text is what JSON.stringify(model, null, 2) would give for the
 * whole model (ReportModel): the same keys in the same order, the same indentation.
 */
export async function writeJsonReport(report: ReportSource, path: string): Promise<void> {
  await writeChunked(path, async (put) => {
    const { generated_at, database, inputs, summary, matched, ...rest } = report.head;
    const before = [field('generated_at', generated_at), field('database', database), field('inputs', inputs), field('summary', summary), field('matched', matched)];
    await put(`{\n${before.join(',\n')},\n  "cases": [`);
    let first = true;
    for await (const c of report.cases()) {
      await put(`${first ? '' : ','}\n    ${indent(JSON.stringify(c, null, 2), '    ')}`);
      first = false;
    }
    const after = Object.entries(rest).map(([k, v]) => field(k, v));
    await put(`${first ? ']' : '\n  ]'},\n${after.join(',\n')}\n}\n`);
  });
}
