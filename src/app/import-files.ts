import { AppError, EXIT, InputError } from '../domain/errors.js';
import { withStore, type Db } from '../store/open.js';
import type { AppContext } from './context.js';
import { checkReadable, importFile, type ImportOptions, type ImportResult } from './import-file.js';

/** A file that could not be used at all (exit 2): nothing of it was written. */
export interface RefusedFile {
  path: string;
  error: AppError;
}

export interface ImportEvents {
  /** Each file as it finishes, imported or already imported. */
  onDone?(r: ImportResult): void;
  /** Each file refused, as it is refused; the others are still imported. */
  onRefused?(f: RefusedFile): void;
}

/**
 * Imports files one after another, each in its own transaction. A file that cannot be used does not stop the
 * ones after it: an accountant who gives a month of files learns about every bad one in one go, and the good
 * ones are in. A bug (exit 3) still stops everything.
 */
export async function importEach(db: Db, files: readonly ImportOptions[], ctx: AppContext, on: ImportEvents = {}): Promise<{ results: ImportResult[]; refused: RefusedFile[] }> {
  const results: ImportResult[] = [];
  const refused: RefusedFile[] = [];
  for (const f of files) {
    try {
      const r = await importFile(db, f, ctx);
      on.onDone?.(r);
      results.push(r);
    } catch (e) {
      if (!(e instanceof AppError) || e.exitCode !== EXIT.badInput) throw e;
      refused.push({ path: f.path, error: e });
      on.onRefused?.({ path: f.path, error: e });
    }
  }
  return { results, refused };
}

/** "2 of 5 files were not imported: a.csv, b.csv" */
export function notImported(refused: readonly RefusedFile[], total: number): string {
  const n = refused.length;
  return `${n} of ${total} ${total === 1 ? 'file' : 'files'} ${n === 1 ? 'was' : 'were'} not imported: ${refused.map((f) => f.path).join(', ')}`;
}

/** Every path, before anything is written: a mistyped name refuses the whole command (import and run alike). */
export async function checkAllReadable(files: readonly ImportOptions[]): Promise<void> {
  for (const f of files) await checkReadable(f.path);
}

/** "it" or "them", for the hints that say what to do with the refused files. */
export const itOrThem = (refused: readonly RefusedFile[]): string => (refused.length === 1 ? 'it' : 'them');

/**
 * Imports every usable file, then fails (exit 2) naming the files that were not imported, if any. Every path is
 * checked first: a mistyped name refuses the whole command before anything is written.
 */
export async function importFiles(dbPath: string, files: readonly ImportOptions[], ctx: AppContext, on: ImportEvents = {}): Promise<ImportResult[]> {
  await checkAllReadable(files);
  const { results, refused } = await withStore(dbPath, (db) => importEach(db, files, ctx, on), { create: true });
  if (refused.length > 0) {
    const others = files.length - refused.length;
    const rest = others === 0 ? '' : `; the other ${others === 1 ? 'one was' : `${others} were`} imported`;
    const them = itOrThem(refused);
    throw new InputError(`${notImported(refused, files.length)}${rest}`, `fix ${them} and import ${them} again; giving every file again is safe, as a file already imported is skipped`);
  }
  return results;
}
