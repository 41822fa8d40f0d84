import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPROVED_CODES, responseAdvice } from '../../../src/domain/response-actions.js';

/**
 * Regression: the approved response codes were listed twice, as APPROVED_CODES (which decides a journal row's
 * status on import) and as the 'approved' rows of the advice table (what reports and evidence packs say). A code
 * added to one list only would be imported as declined yet explained as approved, or the other way round.
 */
const ROOT = join(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('approved response codes', () => {
  it('are the codes the advice table groups as approved (domain.md §3.1)', () => {
    expect([...APPROVED_CODES].sort()).toEqual(['00', '10', '11', 'A2', 'A4', 'A5', 'A6']);
    for (const code of APPROVED_CODES) expect(responseAdvice(code).group, code).toBe('approved');
    for (const code of ['01', '05', '51', '68', '94', '96', '98', 'A0', 'A7']) expect(APPROVED_CODES.has(code), code).toBe(false);
  });

  it('are written down in one place: no other source file lists them', () => {
    // A2/A4/A5/A6 mean nothing but "approved with remark", so a file naming them holds a list of approvals.
    const listing = sourceFiles(join(ROOT, 'src'))
      .filter((f) => /['"]A[2456]['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(listing).toEqual(['src/domain/response-actions.ts']);
  });
});
