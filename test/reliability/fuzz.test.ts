import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importFile, type ImportResult } from '../../src/app/import-file.js';
import { AppError } from '../../src/domain/errors.js';
import type { Side } from '../../src/domain/record.js';
import { ADAPTERS } from '../../src/import/adapters/index.js';
import { CUTOFF, fixedContext, memoryStore } from '../helpers/store.js';
import { LONG } from '../helpers/child.js';

/**
 * Hostile and broken input: whatever the bytes, an import either refuses the file with a clear AppError
 * (exit 2, no stack trace) or imports it with every row accounted for.
 */
const dir = mkdtempSync(join(tmpdir(), 'posrecon-fuzz-'));
let n = 0;
const HEADER = '终端号,凭证号,参考号,卡号,交易类型,交易金额,交易日期,交易时间,应答码,清算日期\n';
const GOOD = '10012345,000457,214705912345,6225881234567894,消费,328.00,2026-03-08,21:47:05,00,2026-03-08\n';

async function attempt(content: string | Buffer, opts: { side?: Side; format?: string } = {}): Promise<ImportResult | AppError> {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  const db = memoryStore();
  try {
    const r = await importFile(db, { path, cutoff: CUTOFF, ...opts }, fixedContext);
    if (r.status === 'imported') {
      const c = r.counts;
      expect(c.read, 'read = imported + rejected + skipped').toBe(c.imported + c.rejected + c.skipped);
      const stored = db.prepare('SELECT COUNT(*) FROM rejected_rows').pluck().get() as number;
      expect(stored).toBe(c.rejected + c.skipped);
    }
    return r;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    expect(e.message).toContain(path);
    expect(db.prepare('SELECT COUNT(*) FROM imported_files').pluck().get()).toBe(0);
    return e;
  } finally {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }
}

const RUNS = LONG ? 2000 : 150;
const sides: Side[] = ['terminal', 'settlement'];

describe('fuzz: every adapter, any bytes', () => {
  it.each(ADAPTERS.map((a) => a.format))('%s: random bytes never crash', async (format) => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom(...sides), async (bytes, side) => {
        await attempt(Buffer.from(bytes), { side, format });
      }),
      { numRuns: RUNS },
    );
  });

  it('random edits of a valid file never crash and never lose a row', async () => {
    const base = HEADER + GOOD.repeat(20);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length), fc.string({ maxLength: 8 }), fc.nat(6)), { maxLength: 12 }),
        async (edits) => {
          let text = base;
          for (const [at, insert, remove] of edits) text = text.slice(0, at) + insert + text.slice(at + remove);
          await attempt(text, { side: 'settlement' });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('hostile files', () => {
  it('a truncated file, cut mid-way through a GBK character', async () => {
    const gbk = iconv.encode(HEADER + GOOD + GOOD, 'gbk');
    const cut = gbk.subarray(0, gbk.length - 8 - 1);
    const r = await attempt(Buffer.concat([cut, Buffer.from([0xd6])]), { side: 'settlement' });
    expect(r instanceof AppError || r.status === 'imported').toBe(true);
  });

  it('a row with 10,000 columns is rejected, the rest imports', async () => {
    const wide = `${Array.from({ length: 10_000 }, (_, i) => `x${i}`).join(',')}\n`;
    const r = await attempt(HEADER + GOOD + wide + GOOD, { side: 'settlement' });
    expect(r).toMatchObject({ status: 'imported', counts: { read: 4, imported: 2, rejected: 1 } });
  });

  it(`a single ${LONG ? 100 : 8} MB line is rejected, not a crash`, async () => {
    const huge = `${'9'.repeat((LONG ? 100 : 8) * 2 ** 20)}\n`;
    const r = await attempt(HEADER + huge + GOOD, { side: 'settlement' });
    expect(r).toMatchObject({ status: 'imported', counts: { read: 3, imported: 1, rejected: 1 } });
  });

  it('embedded NULs', async () => {
    const r = await attempt(HEADER + GOOD.replace('328.00', '32\u00008.00') + GOOD, { side: 'settlement' });
    expect(r).toMatchObject({ status: 'imported', counts: { read: 3, imported: 1, rejected: 1 } });
  });

  it('a quote never closed rejects one line and reads on', async () => {
    const r = await attempt(HEADER + GOOD + GOOD.replace('消费', '"消费') + GOOD.repeat(3), { side: 'settlement' });
    expect(r).toMatchObject({ status: 'imported', counts: { read: 6, imported: 4, rejected: 1 } });
  });

  it('a file in UTF-16 is refused or rejected row by row, never misread as data', async () => {
    const r = await attempt(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER + GOOD, 'utf16le')]), { side: 'settlement' });
    if (!(r instanceof AppError)) expect(r.status === 'imported' && r.counts.imported).toBe(0);
  });

  it('an empty file is refused with the missing columns', async () => {
    const r = await attempt('', { side: 'terminal' });
    expect(r).toBeInstanceOf(AppError);
  });
});
