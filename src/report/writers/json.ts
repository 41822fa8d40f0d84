import { writeFile } from 'node:fs/promises';
import type { ReportModel } from '../model.js';

export async function writeJsonReport(model: ReportModel, path: string): Promise<void> {
  await writeFile(path, `${JSON.stringify(model, null, 2)}\n`);
}
