import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReport } from '../../../src/report/build-model.js';
import { memoryStore, runScenario } from '../../helpers/store.js';

const FIX = join(import.meta.dirname, '../../fixtures/report/terminal-health');
const REGISTERED = ['10012345', '10012346', '10099997', '10099903'];

describe('terminal health (fixture terminal-health)', () => {
  it('lists failures by code with meaning and action, and flags 97-only, 03-only, timeouts and unregistered ids', async () => {
    const db = memoryStore();
    db.prepare("INSERT INTO merchants (merchant_id, name, updated_at) VALUES ('898310154110001', '示例便利店', 'x')").run();
    for (const t of REGISTERED) {
      db.prepare("INSERT INTO merchant_terminals (terminal_id, merchant_id, updated_at) VALUES (?, '898310154110001', 'x')").run(t);
    }
    await runScenario(FIX, db);
    const health = openReport(db, { database: 'x', now: new Date('2026-03-10T08:00:00Z') }).head.terminal_health;

    const flag = (terminal: string) => health.flags.filter((f) => f.terminal_id === terminal).map((f) => f.kind);
    expect(flag('10099997')).toEqual(['terminal_not_registered']);
    expect(flag('10099903')).toEqual(['merchant_invalid']);
    expect(flag('10012346')).toEqual(['high_timeout_rate']);
    expect(flag('10012345')).toEqual([]);
    expect(flag('10077777')).toEqual(['not_in_registry']);
    const only97 = health.flags.find((f) => f.terminal_id === '10099997');
    expect(only97?.message).toContain('every one of its 3 attempts was answered 97 (终端未登记 / terminal not registered)');
    expect(only97?.action_zh).toBe('终端号未开通或已停用：携终端号和商户号致电收单机构');
    expect(only97?.action_en).toContain('call the acquirer with the terminal and merchant ids');
    expect(health.terminals.find((t) => t.terminal_id === '10012346')).toMatchObject({ attempts: 10, timeouts: 4, timeout_rate: 0.4 });

    await expect(`${JSON.stringify(health, null, 2)}\n`).toMatchFileSnapshot(join(FIX, 'expected.health.json'));
  });

  it('with an empty registry, says so instead of flagging every terminal', async () => {
    const db = memoryStore();
    await runScenario(FIX, db);
    const health = openReport(db, { database: 'x', now: new Date('2026-03-10T08:00:00Z') }).head.terminal_health;
    expect(health.unregistered).toEqual([]);
    expect(health.flags.some((f) => f.kind === 'not_in_registry')).toBe(false);
    expect(health.notes).toEqual(['The merchant registry lists no terminals, so settlement terminal ids were not checked against it.']);
  });
});
