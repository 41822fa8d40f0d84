import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCases, resolveCase } from '../../src/app/cases.js';
import type { AppContext } from '../../src/app/context.js';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';
import { runScenario } from '../helpers/store.js';

/**
 * Regression: `cases show` and `audit` printed the stored UTC instants (2026-03-10T17:30:00.000Z), which a merchant
 * in China reads as the wrong day. People see Beijing time, marked UTC+8, as in the evidence pack and the slips.
 */
const EVERY = join(import.meta.dirname, '../fixtures/match/every-category');
// 17:30 UTC is already the next day in Beijing: the conversion shows, not only the label.
const late: AppContext = { now: () => new Date('2026-03-10T17:30:00Z'), user: () => 'alice' };

async function prepare(): Promise<{ dbPath: string; id: string }> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'posrecon-local-time-')), 't.db');
  const db = openStore(dbPath);
  await runScenario(EVERY, db);
  db.close();
  const id = (await listCases(dbPath, { category: 'timeout_but_settled' }))[0]?.id ?? '';
  await resolveCase(dbPath, { id, status: 'disputed', note: 'claim 88-1' }, late);
  return { dbPath, id };
}

const run = (args: readonly string[]): Promise<string> => runCli(args, late);

describe('times people read on the console', () => {
  it('cases show prints the status time and the history in Beijing time, marked UTC+8', async () => {
    const { dbPath, id } = await prepare();
    const shown = await run(['cases', 'show', id, '--db', dbPath]);
    expect(shown).toContain('status: disputed (by alice, 2026-03-11 01:30:00 UTC+8): claim 88-1');
    expect(shown).toMatch(/\n {2}#\d+ 2026-03-11 01:30:00 UTC\+8 alice case\.status /);
    expect(shown).toContain(', 2026-03-08 09:20:00 UTC+8, amount 300.00');
    expect(shown).not.toMatch(/\d\d:\d\d:\d\d(\.\d+)?Z/);
  });

  it('audit prints each entry in Beijing time, marked UTC+8; --json keeps the stored instant', async () => {
    const { dbPath, id } = await prepare();
    const listed = await run(['audit', '--db', dbPath]);
    // runScenario imports and matches at 08:00 UTC, 16:00 in Beijing.
    expect(listed).toMatch(/^#1 {2}2026-03-10 16:00:00 UTC\+8 {2}unknown {2}import /);
    expect(listed).toContain(`2026-03-11 01:30:00 UTC+8  alice  case.status ${id}`);
    expect(listed).not.toMatch(/\d\d:\d\d:\d\d(\.\d+)?Z/);
    const json = await run(['audit', '--json', '--case', id, '--db', dbPath]);
    expect(JSON.parse(json)).toMatchObject({ at: '2026-03-10T17:30:00.000Z', actor: 'alice', action: 'case.status' });
  });
});
