import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvLine, feeFen, withThousands } from '../../../src/generate/rows.js';
import { LineSink } from '../../../src/generate/sink.js';

describe('feeFen', () => {
  it.each([
    [10_000, 'credit', 60], // 100.00 × 0.6%
    [7_412, 'credit', 44], // 0.44472 → 0.44
    [7_500, 'credit', 45], // exactly 0.45
    [2_500, 'credit', 15],
    [1_750, 'credit', 11], // 0.105 → half up to 0.11
    [10_000, 'debit', 50],
    [1_100, 'debit', 6], // 0.055 → half up to 0.06
    [400_000, 'debit', 2_000], // 20.00 exactly
    [500_000, 'debit', 2_000], // capped
  ] as const)('%i fen on a %s card costs %i fen', (amount, type, fee) => {
    expect(feeFen(amount, type)).toBe(fee);
  });
});

describe('csv text', () => {
  it.each([
    ['328.00', '328.00'],
    ['1328.00', '1,328.00'],
    ['4999.88', '4,999.88'],
    ['1234567.00', '1,234,567.00'],
  ])('writes %s with thousands as %s', (plain, grouped) => {
    expect(withThousands(plain)).toBe(grouped);
  });

  it('quotes only the cells that need it', () => {
    expect(csvLine(['a', '1,328.00', 'say "hi"', ''])).toBe('a,"1,328.00","say ""hi""",');
  });
});

describe('LineSink', () => {
  it('waits for drain instead of buffering, and encodes GBK with CRLF', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'posrecon-sink-'));
    try {
      const path = join(dir, 'out.csv');
      const sink = new LineSink(path, { encoding: 'gbk', bom: false, highWaterMark: 64 });
      for (let i = 0; i < 2_000; i++) await sink.writeLine(`${i},消费,借记卡`);
      await sink.close();
      const text = iconv.decode(await readFile(path), 'gbk');
      const lines = text.split('\r\n');
      expect(lines).toHaveLength(2_001);
      expect(lines[1_999]).toBe('1999,消费,借记卡');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports an unwritable path instead of crashing the process', async () => {
    const sink = new LineSink(join(tmpdir(), 'no-such-dir-posrecon', 'x.csv'), { encoding: 'utf-8', bom: true });
    await expect(
      (async () => {
        for (let i = 0; i < 10; i++) await sink.writeLine('x'.repeat(40_000));
        await sink.close();
      })(),
    ).rejects.toThrow(/ENOENT/);
  });
});
