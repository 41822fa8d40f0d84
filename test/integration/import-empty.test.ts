import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { importFile } from '../../src/app/import-file.js';
import { runCli } from '../helpers/cli.js';
import { CUTOFF, fixedContext, memoryStore } from '../helpers/store.js';

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'posrecon-empty-')), name);
  writeFileSync(path, content);
  return path;
}

/**
 * Regression: an empty file was refused as "layout not recognised (first line "")", which sends the user looking
 * for a layout problem; and a header-only file imported as read 0 with exit 0, taking a file slot without a word.
 */
describe('files with nothing in them', () => {
  it.each([
    ['an empty file', '', 'the file is empty (0 bytes); nothing imported'],
    ['a file of blank lines', '\r\n\n  \n', 'the file is only blank lines (6 bytes, no text); nothing imported'],
  ])('%s is refused as such, whatever format is forced', async (_what, content, message) => {
    const path = file('settlement.csv', content);
    await expect(importFile(memoryStore(), { path, cutoff: CUTOFF }, fixedContext)).rejects.toThrow(`${path}: ${message}`);
    await expect(importFile(memoryStore(), { path, cutoff: CUTOFF, format: 'generic-csv' }, fixedContext)).rejects.toThrow(message);
  });

  it('a header-only file is imported (a day without sales is a real file) with a warning naming the way back out', async () => {
    const path = file('settlement.csv', '清算日期,终端号,凭证号,交易类型,交易金额,手续费,结算金额,交易日期,交易时间\n');
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => stderr.push(String(chunk)) > 0);
    let stdout = '';
    try {
      stdout = await runCli(['import', '--db', join(path, '..', 'e.db'), path], fixedContext);
    } finally {
      spy.mockRestore();
    }
    expect(stdout).toContain(`${path}: read 1 = imported 0 + rejected 0 + skipped 1`);
    expect(stderr.join('')).toContain(`${path}: warning: no transaction in this file: all 1 line(s) were skipped`);
    expect(stderr.join('')).toContain('posrecon files remove 1');
  });
});
