import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREDIT_SETTLED_ACTIONS, JOURNAL_NOT_IMPORTED_NO_DEVICE_ACTION, POSSIBLE_DOUBLE_CHARGE_ACTION } from '../../src/domain/categories.js';
import { formatYuan } from '../../src/domain/money.js';
import { runScenario } from '../helpers/store.js';

const ROOT = join(import.meta.dirname, '../fixtures/match');

/** One golden text file per scenario: every match with its pass, then every case. */
describe.each(readdirSync(ROOT))('match fixture %s', (name) => {
  it('matches and classifies as in expected.txt', async () => {
    const { match } = await runScenario(join(ROOT, name));
    const pairs = match.pairs
      .map((p) => `${p.terminal.terminalId} ${p.terminal.traceNo ?? '-'} ↔ ${p.settlement.traceNo ?? '-'} ${p.settlement.rrn ?? '-'} | ${p.pass}`)
      .sort();
    const cases = match.cases
      .map((c) => {
        const r = c.terminal ?? c.settlement;
        return `${c.category.padEnd(22)} ${r?.terminalId} ${r?.traceNo ?? '-'} ${formatYuan(r?.amountFen ?? 0).padStart(9)}  ${c.reason}`;
      })
      .sort();
    const text = ['# matches', ...pairs, '', '# cases', ...cases, ''].join('\n');
    await expect(text).toMatchFileSnapshot(join(ROOT, name, 'expected.txt'));
  });
});

describe('a void or refund that failed on the terminal but settled', () => {
  it('is a credit to the card: the action warns against refunding again, not to refund the customer', async () => {
    const { match } = await runScenario(join(ROOT, 'failed-then-retried'));
    const byTrace = new Map(match.cases.map((c) => [c.terminal?.traceNo, c]));
    expect(byTrace.get('000301')?.action).toBe(CREDIT_SETTLED_ACTIONS.once);
    expect(byTrace.get('000402')?.action).toBe(CREDIT_SETTLED_ACTIONS.twice);
    expect(byTrace.get('000402')?.related.map((r) => r.role)).toEqual(['reswipe', 'reswipe_settlement']);
  });
});

describe('a double charge only the settlement file shows', () => {
  it('links the unjournaled line to the journaled twin and asks the cardholder first', async () => {
    const { match } = await runScenario(join(ROOT, 'double-charge-settlement-only'));
    const byTrace = new Map(match.cases.map((c) => [c.settlement?.traceNo, c]));
    const twin = match.pairs.find((p) => p.terminal.traceNo === '000102');
    expect(byTrace.get('000101')?.related).toEqual([
      { side: 'terminal', id: twin?.terminal.id, role: 'reswipe' },
      { side: 'settlement', id: twin?.settlement.id, role: 'reswipe_settlement' },
    ]);
    expect(byTrace.get('000101')?.action).toBe(POSSIBLE_DOUBLE_CHARGE_ACTION);
    expect(byTrace.get('000203')?.related).toEqual([]);
    expect(byTrace.get('000203')?.action).toBeUndefined();
  });
});

describe('a wallet line naming no device that no journal could hold yet', () => {
  it('asks for the journals of the terminals taking that wallet merchant’s payments, not of a terminal it does not name', async () => {
    const { match } = await runScenario(join(ROOT, 'wallet-lines-other-merchant'));
    const waiting = match.cases.filter((c) => c.category === 'journal_not_imported');
    expect(waiting.map((c) => c.settlement?.orderNo).sort()).toEqual(['B20260308001', 'B20260308002']);
    expect(waiting.every((c) => c.action === JOURNAL_NOT_IMPORTED_NO_DEVICE_ACTION)).toBe(true);
  });
});
