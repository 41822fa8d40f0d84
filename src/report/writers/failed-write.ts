import { lstat, rm } from 'node:fs/promises';
import { AppError, EXIT } from '../../domain/errors.js';

/**
 * Ends a report file that could not be written to the end (a full disk, a device that takes no data): the
 * partial file is removed, so that nothing half-written passes for the report, and the error names the path.
 * Only a regular file is removed: --out /dev/full must stay /dev/full.
 */
export async function failedWrite(path: string, cause: unknown): Promise<never> {
  const partial = (await lstat(path).catch(() => null))?.isFile() === true;
  if (partial) await rm(path, { force: true });
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === undefined || !code.startsWith('E')) throw cause;
  throw new AppError(`cannot write ${path}: ${code}${partial ? '; the partial file was removed' : ''}`, {
    code: 'output',
    exitCode: EXIT.badInput,
    hint: 'check --out, and the free space where it points',
    cause,
  });
}
