import { withStore } from '../store/open.js';
import type { AppContext } from './context.js';
import { checkReadable, importFile, type ImportOptions, type ImportResult } from './import-file.js';

/** Imports files one after another, each in its own transaction, reporting each as it finishes. */
export async function importFiles(
  dbPath: string,
  files: readonly ImportOptions[],
  ctx: AppContext,
  onDone: (r: ImportResult) => void = () => {},
): Promise<ImportResult[]> {
  for (const f of files) await checkReadable(f.path);
  return withStore(dbPath, async (db) => {
    const results: ImportResult[] = [];
    for (const f of files) {
      const r = await importFile(db, f, ctx);
      onDone(r);
      results.push(r);
    }
    return results;
  }, { create: true });
}
