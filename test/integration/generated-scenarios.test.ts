import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/generate/index.js';
import { caseKeys, runScenario } from '../helpers/store.js';

interface Truth {
  cases: Array<{ category: string; terminal_id: string; trace_no: string }>;
}

function truthKeys(dir: string): string[] {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  return truth.cases.map((c) => `${c.category} ${c.terminal_id} ${c.trace_no}`).sort();
}

/** End to end: generated files → import → match; every truth case found and no other. */
describe.each([
  { seed: 1, days: 2, terminals: 3, perDay: 60 },
  { seed: 2, days: 3, terminals: 4, perDay: 120 },
  { seed: 77, days: 1, terminals: 3, perDay: 40 },
  { seed: 4242, days: 4, terminals: 2, perDay: 200 },
  { seed: 90210, days: 2, terminals: 5, perDay: 80, settlementEncoding: 'gbk' as const },
])('generated scenario %o', (opts) => {
  it('is classified exactly as its truth.json says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-gen-'));
    await generateScenario({ outDir: dir, ...opts });
    const { match, imports } = await runScenario(dir);
    for (const i of imports) {
      expect(i.status === 'imported' && i.counts.rejected).toBe(0);
    }
    expect(caseKeys(match)).toEqual(truthKeys(dir));
  });
});
