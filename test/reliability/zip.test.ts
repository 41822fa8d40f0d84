import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/app/import-file.js';
import { InputError } from '../../src/domain/errors.js';
import { ZipWriter } from '../../src/generate/zip-writer.js';
import { CUTOFF, fixedContext, memoryStore } from '../helpers/store.js';

/** Crafted archives: names that point outside, bombs, and entries that lie about their size. */
const dir = mkdtempSync(join(tmpdir(), 'posrecon-zip-'));
const CSV = '清算日期,终端号,凭证号,参考号,交易类型,交易金额,交易日期,交易时间\n2026-03-08,10012345,000457,214705912345,消费,328.00,2026-03-08,21:47:05\n';

async function zipOf(name: string, entries: Array<[string, Buffer]>): Promise<string> {
  const path = join(dir, name);
  const z = await ZipWriter.create(path);
  for (const [entry, data] of entries) await z.addFile(entry, 'utf-8', [data]);
  await z.close();
  return path;
}

async function importZip(path: string) {
  const db = memoryStore();
  try {
    return await importFile(db, { path, side: 'settlement', cutoff: CUTOFF }, fixedContext);
  } finally {
    expect(db.prepare('SELECT COUNT(*) FROM settlement_records').pluck().get()).toBe(0);
    db.close();
  }
}

describe('zip inputs', () => {
  it('a plain zip of a CSV imports (the baseline the refusals below differ from)', async () => {
    const path = await zipOf('ok.zip', [['statement.csv', Buffer.from(CSV)]]);
    const db = memoryStore();
    const r = await importFile(db, { path, side: 'settlement', cutoff: CUTOFF }, fixedContext);
    expect(r.status === 'imported' && r.counts.imported).toBe(1);
  });

  it.each(['../evil.csv', 'a/../../evil.csv', '/etc/evil.csv', 'C:\\\\evil.csv', '..\\\\evil.csv'])('refuses an entry named %s', async (name) => {
    const path = await zipOf('escape.zip', [[name, Buffer.from(CSV)]]);
    await expect(importZip(path)).rejects.toThrow(/points outside the archive/);
  });

  it('refuses a bomb from its declared sizes, before inflating it', async () => {
    const path = await zipOf('bomb.zip', [['statement.csv', Buffer.alloc(20 * 2 ** 20, 0x30)]]);
    await expect(importZip(path)).rejects.toThrow(/inflates \d+ to 1, which only a zip bomb does/);
  });

  it('stops an entry that inflates past the size it declares', async () => {
    const path = await zipOf('liar.zip', [['statement.csv', Buffer.from(CSV.repeat(2000))]]);
    const bytes = readFileSync(path);
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(100, central + 24);
    writeFileSync(path, bytes);
    const p = importZip(path);
    await expect(p).rejects.toBeInstanceOf(InputError);
    await expect(p).rejects.toThrow(/damaged or lies about its size/);
  });
});
