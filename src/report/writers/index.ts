import type { Category } from '../../domain/categories.js';
import type { ReportFormat } from '../formats.js';
import type { ReportSource } from '../model.js';
import { writeCsvReport } from './csv.js';
import { writeJsonReport } from './json.js';
import { writeXlsxReport } from './xlsx.js';

export { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../formats.js';

/** Writers by format. json and xlsx write one file; csv writes a folder of one file per category. Returns the paths. */
export const WRITERS: Record<ReportFormat, (report: ReportSource, out: string, opts: { category?: Category }) => Promise<string[]>> = {
  json: async (report, out) => {
    await writeJsonReport(report, out);
    return [out];
  },
  xlsx: async (report, out) => {
    await writeXlsxReport(report, out);
    return [out];
  },
  csv: (report, out, opts) => writeCsvReport(report, out, opts.category ? [opts.category] : undefined),
};
