import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderSlips } from '../../src/app/render-slips.js';
import { posrecon } from '../helpers/exec.js';
import { fixedContext } from '../helpers/store.js';

const FIX = join(import.meta.dirname, '../fixtures/match/every-category');
const TMP = mkdtempSync(join(tmpdir(), 'posrecon-cli-slips-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let n = 0;

/** A folder where `posrecon run --out out` has been run, as `npm start` leaves the repository. */
function matchedFolder(): string {
  const dir = join(TMP, `w${++n}`);
  mkdirSync(dir);
  const r = posrecon(['run', '--terminal', join(FIX, 'journal.csv'), '--settlement', join(FIX, 'settlement.csv'), '--out', 'out'], { cwd: dir });
  expect(r.code).toBe(0);
  return dir;
}

let sharedDir: string | undefined;
/** One matched folder for the tests that only read its database. */
const shared = (): string => (sharedDir ??= matchedFolder());

describe('posrecon slips', () => {
  it('after run --out out, writes one PDF per case without a slip, finding out/posrecon.db by itself (exit 0)', () => {
    const dir = matchedFolder();
    const r = posrecon(['slips', '--out', 'out/slips'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 slips written to out/slips (database out/posrecon.db)');
    expect(r.stdout).toMatch(/out\/slips\/10012345-000103-20260308-merchant\.pdf {2}10012345 {2}000103 {2}2026-03-08 {6}300\.00 {2}timeout_but_settled {2}c_[0-9a-f]{16}/);
    expect(readdirSync(join(dir, 'out/slips')).sort()).toEqual([
      '10012345-000103-20260308-merchant.pdf',
      '10012345-000104-20260308-merchant.pdf',
      '10012345-000116-20260308-merchant.pdf',
    ]);
    expect(existsSync(join(dir, 'posrecon.db'))).toBe(false);
  });

  it('two runs with the same --reprinted-at write byte-identical files', () => {
    const dir = shared();
    const args = ['slips', '--all-settled', '--one-file', '--copy', 'merchant,cardholder', '--width', '58', '--reprinted-at', '2026-03-10 16:00'];
    expect(posrecon([...args, '--out', 'a'], { cwd: dir }).code).toBe(0);
    expect(posrecon([...args, '--out', 'b'], { cwd: dir }).code).toBe(0);
    const [file] = readdirSync(join(dir, 'a'));
    expect(file).toBe('slips-20260308.pdf');
    expect(readFileSync(join(dir, 'a', file ?? '')).equals(readFileSync(join(dir, 'b', file ?? '')))).toBe(true);
  });

  it('a slip is the same bytes whether its process rendered slips before it or not (shared font caches)', async () => {
    const dir = shared();
    const at = '2026-03-10 16:00';
    expect(posrecon(['slips', '--all-settled', '--out', 'cold', '--reprinted-at', at], { cwd: dir }).code).toBe(0);
    const opts = { dbPath: join(dir, 'out/posrecon.db'), selector: { allSettled: true }, copies: ['merchant'] as const, widthMm: 80 as const, oneFile: false, reprintedAt: at };
    await renderSlips({ ...opts, outDir: join(dir, 'warm-up') }, fixedContext);
    const warm = await renderSlips({ ...opts, outDir: join(dir, 'warm') }, fixedContext);
    const names = readdirSync(join(dir, 'cold')).sort();
    expect(warm.files.map((f) => f.slice(join(dir, 'warm').length + 1)).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(join(dir, 'cold', name)).equals(readFileSync(join(dir, 'warm', name))), name).toBe(true);
  });

  it('merchants set / list write and read the registry that slips print', () => {
    const dir = matchedFolder();
    const set = posrecon(['merchants', 'set', '898310154110001', '--name', '示例便利店', '--acquirer', '银联商务', '--terminal', '10012345', '10012399'], { cwd: dir });
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toBe('added 898310154110001  示例便利店  -  银联商务  10012345,10012399\n');
    const list = posrecon(['merchants', 'list', '--json'], { cwd: dir });
    expect(JSON.parse(list.stdout)).toMatchObject({ merchantId: '898310154110001', terminals: ['10012345', '10012399'] });
    const r = posrecon(['slips', '--out', 's', '--rrn', '030810000101'], { cwd: dir });
    expect(r.code).toBe(0);
  });

  /**
   * Regression: commander kept only the last --rrn, and the last --terminal/--trace pair, so `slips --rrn A
   * --rrn B` wrote one slip and exited 0.
   */
  it.each([
    ['--rrn twice', ['--rrn', '030899990103', '--rrn', '030810000116']],
    ['--terminal/--trace pairs, in order', ['--terminal', '10012345', '--trace', '103', '--terminal', '10012345', '--trace', '116']],
    ['one --terminal for every --trace', ['--terminal', '10012345', '--trace', '103', '--trace', '116']],
  ])('%s: a slip for every transaction named', (what, args) => {
    const dir = shared();
    const r = posrecon(['slips', '--out', what, ...args], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`2 slips written to ${what}`);
    expect(readdirSync(join(dir, what)).sort()).toEqual(['10012345-000103-20260308-merchant.pdf', '10012345-000116-20260308-merchant.pdf']);
  });

  it.each([
    ['a width that is not 58 or 80', ['--width', '70'], '--width "70" is not a paper width'],
    ['a width given twice', ['--width', '58', '--width', '80'], '--width is given more than once ("58", then "80"); it takes one value'],
    ['two terminals for one trace', ['--terminal', '10012345', '--terminal', '10012399', '--trace', '103'], '--terminal is given twice and --trace once'],
    ['an unknown copy', ['--copy', 'merchant,shop'], '--copy "shop" is not a copy'],
    ['--trace without --terminal', ['--trace', '103'], '--terminal and --trace go together'],
    ['an unknown case', ['--case', 'c_0000000000000000'], 'no such case in the last match'],
    ['an unknown category', ['--category', 'lost'], '--category "lost" is not a category'],
    ['a malformed reprint time', ['--reprinted-at', 'tomorrow'], '--reprinted-at "tomorrow" is not a time'],
  ])('exits 2 on %s', (what, args, message) => {
    const dir = shared();
    const r = posrecon(['slips', '--out', what, ...args], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(join(dir, what))).toBe(false);
  });

  it('exits 2 on a database that does not exist, and creates none', () => {
    const dir = join(TMP, 'empty');
    const r = posrecon(['slips', '--out', 's', '--db', 'nope.db'], { cwd: TMP });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.db: no such database');
    expect(existsSync(join(TMP, 'nope.db'))).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('merchants set exits 2 for a new merchant without a name', () => {
    const dir = matchedFolder();
    const r = posrecon(['merchants', 'set', '898310154110009'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('merchant 898310154110009 is new: give its name');
  });
});
