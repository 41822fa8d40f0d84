import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { worthAWorker } from '../../../src/app/row-source.js';
import { generateScenario } from '../../../src/generate/index.js';
import { ADAPTERS } from '../../../src/import/adapters/index.js';
import { resolveSource, type Resolved } from '../../../src/import/detect.js';

describe('which files the import worker reads', () => {
  let zip: Resolved;
  let small: Resolved;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-worker-choice-'));
    await generateScenario({ outDir: dir, seed: 6, days: 1, terminals: 20, perDay: 600, settlementFormat: 'unionpay-zm' });
    const path = join(dir, readdirSync(dir).find((f) => f.endsWith('.zip')) ?? '');
    expect(statSync(path).size).toBeLessThan(4 << 20);
    zip = await resolveSource(path, {});
    small = await resolveSource(join(dir, 'journal.csv'), {});
  });

  it('a zip whose entries hold 4 MB or more, however small it is compressed', () => {
    expect(zip.adapter.format).toBe('unionpay-zm');
    expect(worthAWorker(zip)).toBe(true);
  });

  it('not a file of less content', () => {
    expect(worthAWorker(small)).toBe(false);
    expect(worthAWorker({ ...zip, input: { ...zip.input, parts: zip.input.parts.map((p) => ({ ...p, size: 1000 })) } })).toBe(false);
  });

  it('not an adapter the worker cannot find by name (a profile), nor a workbook', () => {
    expect(worthAWorker({ ...zip, adapter: { ...zip.adapter } })).toBe(false);
    const xlsx = ADAPTERS.find((a) => a.format === 'xlsx');
    expect(xlsx).toBeDefined();
    if (xlsx) expect(worthAWorker({ ...zip, adapter: xlsx })).toBe(false);
  });
});
