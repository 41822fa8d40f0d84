import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listCases } from '../../src/app/cases.js';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';
import { fixedContext, runScenario } from '../helpers/store.js';

/**
 * Regression: `cases show` printed `amount_fen=4974.88`, yuan under a fen label, and `cases list` printed
 * `1424.88` with no header where the match summary prints `1,424.88`. People read yuan, grouped, under a label
 * that says so; `--json` keeps its integer fen.
 */
const EVERY = join(import.meta.dirname, '../fixtures/match/every-category');
let dbPath = '';

beforeAll(async () => {
  dbPath = join(mkdtempSync(join(tmpdir(), 'posrecon-cases-output-')), 't.db');
  const db = openStore(dbPath);
  await runScenario(EVERY, db);
  db.close();
});

const run = (args: readonly string[]): Promise<string> => runCli([...args, '--db', dbPath], fixedContext);

const idOf = async (category: 'timeout_but_settled' | 'pending_settlement'): Promise<string> => (await listCases(dbPath, { category }))[0]?.id ?? '';

describe('cases on the console', () => {
  it('list: a header line, columns aligned, amounts in yuan grouped by thousands as in the match summary', async () => {
    const lines = (await run(['cases', 'list'])).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id {18}category {15}terminal {2}trace {3}time \(UTC\+8\) {9}amount \(yuan\) {2}RRN {11}status$/);
    expect(lines).toContainEqual(expect.stringMatching(/^c_[0-9a-f]{16} {2}pending_settlement {5}10012345 {2}000117 {2}2026-03-08 23:30:00 {7}1,100\.00 {2}030810000117 {2}open$/));
    // Amounts end under the end of their heading.
    const end = (lines[0] ?? '').indexOf('amount (yuan)') + 'amount (yuan)'.length;
    for (const l of lines.slice(1, -1)) expect(l.slice(0, end)).toMatch(/\d\.\d\d$/);
    expect(lines.at(-1)).toBe('8 cases');
  });

  it('list --json: one object per line with integer fen, no header', async () => {
    const lines = (await run(['cases', 'list', '--json'])).trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    const pending = lines.map((l) => JSON.parse(l) as { category: string; amount_fen: number }).find((c) => c.category === 'pending_settlement');
    expect(pending?.amount_fen).toBe(110000);
  });

  it('show: amounts labelled yuan, not fen, and grouped', async () => {
    const shown = await run(['cases', 'show', await idOf('timeout_but_settled')]);
    expect(shown).toContain(', amount 300.00 yuan, settle date 2026-03-08');
    expect(shown).toContain('amount_yuan=300.00  fee_yuan=1.80  net_yuan=298.20');
    expect(shown).not.toMatch(/_fen=/);
    expect(await run(['cases', 'show', await idOf('pending_settlement')])).toContain('amount_yuan=1,100.00');
  });

  it('show --json keeps the stored integer fen', async () => {
    const d = JSON.parse(await run(['cases', 'show', await idOf('timeout_but_settled'), '--json'])) as { current: { amount_fen: number; settlement_record: Record<string, unknown> } };
    expect(d.current.amount_fen).toBe(30000);
    expect(d.current.settlement_record).toMatchObject({ amount_fen: 30000, fee_fen: 180, net_fen: 29820 });
  });
});
