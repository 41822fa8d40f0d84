import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The acquirers' own sample files live beside the repository (../shared/reference/public-samples), never inside it:
 * they are read where they are, at test time. CI clones have that folder; elsewhere these tests are skipped, loudly.
 */
export const PUBLIC_SAMPLES = join(import.meta.dirname, '../../../shared/reference/public-samples');
export const HAVE_PUBLIC_SAMPLES = existsSync(PUBLIC_SAMPLES);

if (!HAVE_PUBLIC_SAMPLES) {
  console.warn(`public-sample tests skipped: ${PUBLIC_SAMPLES} is absent (it sits beside the repository in CI clones)`);
}

export function sample(...parts: string[]): string {
  return join(PUBLIC_SAMPLES, ...parts);
}
