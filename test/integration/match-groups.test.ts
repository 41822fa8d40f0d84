/**
 * Issue 6: matching holds one group of terminals in memory at a time. However the terminals are grouped, the
 * pairs, the cases, their ids and the links between them must be those of matching everything at once.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/app/import-file.js';
import { generateScenario } from '../../src/generate/index.js';
import { FORMAT_WRITERS } from '../../src/generate/formats/index.js';
import { CUTOFF, fixedContext, matchCollecting, memoryStore, runScenario, type CollectedMatch } from '../helpers/store.js';

function outcome(m: CollectedMatch) {
  return {
    pairs: m.pairs.map((p) => `${p.terminal.id}-${p.settlement.id} ${p.pass} ${JSON.stringify(p.signals)}`).sort(),
    cases: m.cases.map((c) => `${c.id} ${c.category} ${c.terminal?.id ?? '-'} ${c.settlement?.id ?? '-'} ${c.relatedCaseIds.join(',')} ${c.reason}`).sort(),
    byPass: m.byPass,
    byCategory: m.byCategory,
    fees: m.fees,
  };
}

describe('matching one group of terminals at a time', () => {
  it.each(['generic-csv', 'wechat-bill', 'alipay-trade', 'unionpay-zm'] as const)(
    '%s: a group per terminal gives what one group for everything gives',
    async (format) => {
      const dir = mkdtempSync(join(tmpdir(), `posrecon-groups-${format}-`));
      await generateScenario({ outDir: dir, seed: 31, days: 2, terminals: 5, perDay: 60, settlementFormat: format });
      const db = memoryStore();
      await importFile(db, { path: join(dir, 'journal.csv'), cutoff: CUTOFF }, fixedContext);
      for (const n of readdirSync(dir).filter((f) => FORMAT_WRITERS[format].namePattern.test(f))) {
        await importFile(db, { path: join(dir, n), cutoff: CUTOFF }, fixedContext);
      }
      const whole = matchCollecting(db);
      const grouped = matchCollecting(db, fixedContext, 1);
      expect(whole.cases.length).toBeGreaterThan(5);
      expect(outcome(grouped)).toEqual(outcome(whole));
    },
  );

  it('WeChat rows without 设备号 pair across groups: by order number, and by amount and time when that is missing too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'posrecon-groups-floating-'));
    await generateScenario({ outDir: dir, seed: 7, days: 2, terminals: 5, perDay: 60, settlementFormat: 'wechat-bill' });
    const db = memoryStore();
    await importFile(db, { path: join(dir, 'journal.csv'), cutoff: CUTOFF }, fixedContext);
    for (const n of readdirSync(dir).filter((f) => FORMAT_WRITERS['wechat-bill'].namePattern.test(f))) {
      // 设备号 (column 5) left empty on every row; 商户订单号 (column 7) too on every seventh.
      const lines = readFileSync(join(dir, n), 'utf8').split('\n');
      const blanked = lines.map((line, i) => {
        if (!line.startsWith('`20')) return line;
        const cells = line.split(',');
        cells[4] = '`';
        if (i % 7 === 0) cells[6] = '`';
        return cells.join(',');
      });
      writeFileSync(join(dir, n), blanked.join('\n'));
      await importFile(db, { path: join(dir, n), cutoff: CUTOFF }, fixedContext);
    }
    const whole = matchCollecting(db);
    const grouped = matchCollecting(db, fixedContext, 1);
    expect(whole.pairs.filter((p) => p.settlement.terminalId === '').length).toBeGreaterThan(100);
    expect(whole.byPass.qr_amount_time).toBeGreaterThan(5);
    expect(outcome(grouped)).toEqual(outcome(whole));
  });

  it('the every-category fixture, a terminal per group', async () => {
    const { db, match } = await runScenario(join(import.meta.dirname, '../fixtures/match/every-category'));
    expect(outcome(matchCollecting(db, fixedContext, 1))).toEqual(outcome(match));
  });
});
