import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { EXIT, UsageError } from '../../src/domain/errors.js';
import { fixedContext } from '../helpers/store.js';

const program = (): Command => buildProgram({ exitCode: EXIT.ok, ctx: fixedContext });

/** Every command with its path from the root: ['cases', 'show'], ['import']… */
function commands(cmd: Command, path: readonly string[] = []): Array<{ path: string[]; cmd: Command }> {
  return cmd.commands.flatMap((c) => [{ path: [...path, c.name()], cmd: c }, ...commands(c, [...path, c.name()])]);
}

/** Options meant to be given several times: they collect every value (tested in test/e2e/slips.test.ts). */
const REPEATABLE = new Set(['slips --rrn', 'slips --terminal', 'slips --trace', 'slips --category']);
/** Values each option's parser accepts, so that the second occurrence, not a bad value, is what fails. */
const VALID: Record<string, string> = {
  '--side': 'terminal', '--year': '2026', '--format': 'json', '--category': 'timeout_but_settled', '--status': 'open',
  '--copy': 'merchant', '--width': '58', '--reprinted-at': '2026-03-08 10:00', '--prepared-at': '2026-03-08 10:00',
  '--seed': '1', '--days': '1', '--terminals': '1', '--per-day': '1', '--cutoff': '22:00',
};

const singleValued = commands(program()).flatMap(({ path, cmd }) =>
  cmd.options
    .filter((o) => !o.isBoolean() && !o.variadic && !REPEATABLE.has(`${path.join(' ')} ${o.long ?? ''}`))
    .map((o) => ({ path, flag: o.long ?? o.flags })),
);

/**
 * Regression: commander keeps the last value of an option given twice, so `evidence --case A --case B --out
 * ev.pdf` wrote B's pack alone and `slips --rrn A --rrn B` one slip, both with exit 0. An option that takes one
 * value is now refused a second time, on every command, before anything runs.
 */
describe('an option that takes one value, given twice', () => {
  it('the commands have such options (the table below is not empty)', () => {
    expect(singleValued.length).toBeGreaterThan(30);
    expect(singleValued).toContainEqual({ path: ['evidence'], flag: '--case' });
  });

  it.each(singleValued.map((x) => [`${x.path.join(' ')} ${x.flag}`, x] as const))('%s is refused (usage error, exit 2)', async (_name, { path, flag }) => {
    const value = VALID[flag] ?? 'a';
    const p = program().parseAsync([...path, flag, value, flag, value], { from: 'user' });
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(p).rejects.toThrow(`${flag} is given more than once`);
  });

  it('evidence --case twice says why: one pack per file, and what to do instead', async () => {
    const p = program().parseAsync(['evidence', '--case', 'c_1', '--case', 'c_2', '--out', 'ev2.pdf'], { from: 'user' });
    await expect(p).rejects.toThrow('--case is given more than once ("c_1", then "c_2"); it takes one value');
    await expect(p).rejects.toMatchObject({ hint: expect.stringContaining('one evidence pack per file') as unknown });
  });
});

describe('help texts', () => {
  /** Regression: import --help said a profile was JSON, while YAML profiles (profiles/*.yaml) work. */
  it('import --profile names both profile languages', () => {
    const help = program().commands.find((c) => c.name() === 'import')?.helpInformation() ?? '';
    expect(help).toMatch(/--profile <file>\s+a profile \(YAML for \.yaml\/\.yml, else JSON\)/);
  });
});

/**
 * Regression: messages named options that do not exist: `rates set --from 2026-13-01` said "--valid-from: …" (the
 * rate card file's key), `generate --per-day 0` said "perDay 0 is out of range" and `--days 0` blamed "--days and
 * --terminals". Each message now starts with the option as typed.
 */
describe('a bad option value is named as the user typed it', () => {
  it.each([
    [['rates', 'set', '--merchant', 'M1', '--rate', '0.5%', '--from', '2026-13-01'], '--from: date "2026-13-01"'],
    [['rates', 'set', '--merchant', 'M1', '--rate', '0.5%', '--min', '-1'], '--min: "-1" is negative'],
    [['generate', '--out', 'g', '--per-day', '0'], '--per-day 0 is out of range (expected a whole number from 1 to 1000000)'],
    [['generate', '--out', 'g', '--days', '0'], '--days 0 is out of range'],
    [['generate', '--out', 'g', '--terminals', '10000'], '--terminals 10000 is out of range'],
    [['generate', '--out', 'g', '--start', '2026-02-30'], '--start "2026-02-30" is not a date'],
  ])('%j', async (args, message) => {
    // Refused while the values are read: no database is opened and no folder written (--db is never created).
    const p = program().parseAsync([...args, ...(args[0] === 'rates' ? ['--db', '/nonexistent/never.db'] : [])], { from: 'user' });
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(p).rejects.toThrow(message);
  });
});
