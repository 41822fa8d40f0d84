import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.js';
import { posrecon } from '../helpers/exec.js';

const FIX = join(import.meta.dirname, '../fixtures/match/every-category');
const journal = join(FIX, 'journal.csv');
const settlement = join(FIX, 'settlement.csv');

function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), 'posrecon-cli-'));
}

describe('posrecon CLI', () => {
  it('run: imports, matches, prints the summary and writes report.json (exit 0)', () => {
    const out = tmpDir();
    const r = posrecon(['run', '--terminal', journal, '--settlement', settlement, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('journal.csv: read 21 = imported 20 + rejected 0 + skipped 1');
    expect(r.stdout).toMatch(/duplicate_charge\s+重复扣款 \/ double charge\s+1\s+400\.00/);
    expect(r.stdout).toContain('report: ');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    expect(report.summary.missing_in_settlement).toEqual({ count: 1, amount_fen: 20000 });
    expect(report.matched).toBe(13);
    expect(report.inputs.map((i) => i.file)).toEqual(['journal.csv', 'settlement.csv']);
    const dup = report.cases.find((c) => c.category === 'duplicate_charge');
    expect(dup).toMatchObject({ terminal_id: '10012345', trace_no: '000104', amount_fen: 40000, settle_date: '2026-03-08' });
    expect(dup?.terminal_record).toMatchObject({ file: 'journal.csv', line: 5, status: 'REVERSAL_FAILED' });
    expect(dup?.settlement_record).toMatchObject({ file: 'settlement.csv', line: 4, rrn: '030899990104' });
    expect(dup?.related_records.map((x) => x.role)).toEqual(['reswipe', 'reswipe_settlement']);
    expect(dup?.action).toMatch(/[\u4e00-\u9fff].* \/ [A-Z]/);
  });

  it('--fail-on-discrepancy exits 1 when a discrepancy is found', () => {
    const r = posrecon(['run', '--terminal', journal, '--settlement', settlement, '--out', tmpDir(), '--fail-on-discrepancy']);
    expect(r.code).toBe(1);
  });

  it('import then match on one database; a second import is a no-op; cases lists them', () => {
    const db = join(tmpDir(), 'x.db');
    expect(posrecon(['import', '--db', db, journal, settlement]).code).toBe(0);
    const again = posrecon(['import', '--db', db, journal]);
    expect(again.stdout).toMatch(/already imported as file #1 on \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\+8 .*nothing changed/);
    const m = posrecon(['match', '--db', db]);
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('matched 13 pairs of 20 terminal and 15 settlement records');
    const c = posrecon(['cases', '--db', db, '--category', 'void_not_honored']);
    expect(c.stdout).toMatch(/c_[0-9a-f]{16}\s+void_not_honored\s+10012345\s+000113/);
    const reportPath = join(tmpDir(), 'r.json');
    expect(posrecon(['report', '--db', db, '--format', 'json', '--out', reportPath]).code).toBe(0);
    expect((JSON.parse(readFileSync(reportPath, 'utf8')) as ReportModel).cases).toHaveLength(8);
  });

  it('POSRECON_DB chooses the database', () => {
    const db = join(tmpDir(), 'env.db');
    expect(posrecon(['import', journal], { env: { POSRECON_DB: db } }).code).toBe(0);
    expect(posrecon(['match'], { env: { POSRECON_DB: db } }).stdout).toContain('of 20 terminal');
  });

  it('a file whose layout is not recognised exits 2 with the required columns and the headers seen', () => {
    const bad = join(tmpDir(), 'bad.csv');
    writeFileSync(bad, 'alpha,beta,gamma\n1,2,3\n');
    const r = posrecon(['import', '--side', 'terminal', '--db', join(tmpDir(), 'b.db'), bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('layout not recognised');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a missing column is named with the headers seen (exit 2)', () => {
    const bad = join(tmpDir(), 'bad.csv');
    writeFileSync(bad, '终端号,凭证号,交易金额,交易日期\n1,2,3,4\n');
    const r = posrecon(['import', '--side', 'terminal', '--db', join(tmpDir(), 'b.db'), bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required column\(s\) not found: txn_time \(交易时间\), txn_type \(交易类型\).*headers seen: "终端号", "凭证号", "交易金额", "交易日期"/);
  });

  it('usage errors exit 2; --help exits 0', () => {
    expect(posrecon(['match', '--cutoff', '25:00', '--db', join(tmpDir(), 'c.db')]).code).toBe(2);
    expect(posrecon(['frobnicate']).code).toBe(2);
    expect(posrecon(['run', '--out', tmpDir()]).stderr).toContain('nothing to do');
    const help = posrecon(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--settlement <files...>');
  });

  it('a missing file exits 2 naming it, and leaves no database or output folder behind', () => {
    const dir = tmpDir();
    const r = posrecon(['import', '--db', join(dir, 'd.db'), '/nonexistent/j.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/j.csv: cannot read (no such file)');
    const run = posrecon(['run', '--terminal', '/nonexistent/j.csv', '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('output into a pipe that closes early', () => {
  /** Regression: `posrecon formats | head -1` died with an unhandled EPIPE stack trace. */
  it('ends quietly', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" bin/posrecon.js formats | head -1`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toHaveLength(2);
  });
});

describe('a --format forced wrongly', () => {
  /** Regression: it imported nothing with exit 0 and recorded the file, so the right import was refused later. */
  it('exits 2 and leaves the file importable', () => {
    const db = join(tmpDir(), 'f.db');
    const r = posrecon(['import', '--db', db, '--format', 'jsonl', '--side', 'settlement', settlement]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('leave out --format jsonl');
    const again = posrecon(['import', '--db', db, settlement]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('imported 15');
  });
});

describe('evidence packs', () => {
  it('are byte-identical for the same database and --prepared-at', () => {
    const out = tmpDir();
    expect(posrecon(['run', '--terminal', journal, '--settlement', settlement, '--out', out]).code).toBe(0);
    const db = join(out, 'posrecon.db');
    const id = /c_[0-9a-f]{16}/.exec(posrecon(['cases', '--db', db, '--category', 'timeout_but_settled']).stdout)?.[0] ?? '';
    const make = (name: string) => {
      const r = posrecon(['evidence', '--db', db, '--case', id, '--out', join(out, name), '--prepared-at', '2026-03-10 09:00']);
      expect(r.code).toBe(0);
      return readFileSync(join(out, name));
    };
    expect(make('a.pdf').equals(make('b.pdf'))).toBe(true);
    expect(posrecon(['evidence', '--db', db, '--case', id, '--out', join(out, 'c.pdf'), '--prepared-at', 'tomorrow']).code).toBe(2);
  });
});

describe('an output path that cannot be written', () => {
  it('exits 2 with the path, not an internal error', () => {
    const out = tmpDir();
    expect(posrecon(['run', '--terminal', journal, '--out', out]).code).toBe(0);
    writeFileSync(join(out, 'taken'), 'a file');
    const r = posrecon(['report', '--db', join(out, 'posrecon.db'), '--format', 'csv', '--out', join(out, 'taken')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot \w+ .*taken: E[A-Z]+/);
    expect(r.stderr).not.toContain('internal error');
  });
});

/**
 * Regression: a mistyped --db became a new, empty database, and the command read it as "nothing there": audit said
 * "0 entries; hash chain intact", match matched 0 pairs, all with exit 0; report with no database in the folder
 * created ./posrecon.db. A command that only reads or changes what is there refuses instead, creating nothing.
 */
describe('a database that does not exist', () => {
  const readers = [
    ['audit'], ['match'], ['cases'], ['cases', 'list'], ['cases', 'show', 'c_1'], ['cases', 'resolve', 'c_1', '--status', 'disputed'],
    ['report', '--out', 'r.json'], ['rates', 'list'], ['rates', 'remove', '1'], ['merchants', 'list'], ['doctor'], ['backup', '--out', 'b.db'],
  ];
  it.each(readers.map((args) => [args.join(' '), args]))('%s --db typo.db: exit 2, "no such database", nothing created', (_name, args) => {
    const dir = tmpDir();
    const r = posrecon([...args, '--db', 'typo.db'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'typo.db')}: no such database`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('without --db, in a folder with no database, report refuses and creates no ./posrecon.db', () => {
    const dir = tmpDir();
    const r = posrecon(['report', '--out', 'r.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'posrecon.db')}: no such database`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the commands that start a database still create one', () => {
    const dir = tmpDir();
    expect(posrecon(['rates', 'set', '--merchant', 'M1', '--rate', '0.5%', '--db', 'r.db'], { cwd: dir }).code).toBe(0);
    expect(posrecon(['merchants', 'set', 'M1', '--name', '示例', '--db', 'm.db'], { cwd: dir }).code).toBe(0);
    expect(posrecon(['import', journal, '--db', 'i.db'], { cwd: dir }).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.db')).sort()).toEqual(['i.db', 'm.db', 'r.db']);
  });
});

/**
 * Regression: `import good1 empty.csv good2` imported good1, refused empty.csv (exit 2) and never imported good2,
 * without a word about it; `run` did the same and left the rest of the month out of the database.
 */
describe('several files, one of them unusable', () => {
  const empty = (): string => {
    const path = join(tmpDir(), 'empty.csv');
    writeFileSync(path, '');
    return path;
  };

  it('import imports the others, then exits 2 naming the file not imported', () => {
    const db = join(tmpDir(), 'multi.db');
    const bad = empty();
    const r = posrecon(['import', '--db', db, journal, bad, settlement]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('journal.csv: read 21 = imported 20 + rejected 0 + skipped 1');
    expect(r.stdout).toContain('settlement.csv: read 16 = imported 15 + rejected 0 + skipped 1');
    expect(r.stderr).toContain(`${bad}: the file is empty (0 bytes)`);
    expect(r.stderr).toContain(`1 of 3 files was not imported: ${bad}; the other 2 were imported`);
    expect(r.stderr).toContain('import it again');
    expect(posrecon(['files', '--db', db]).stdout).toContain('2 files');
    const again = posrecon(['import', '--db', db, journal, settlement]);
    expect(again.code).toBe(0);
    expect(again.stdout.match(/already imported/g)).toHaveLength(2);
  });

  it('run imports the others, then stops before matching (exit 2); run again once fixed', () => {
    const out = tmpDir();
    const bad = empty();
    const r = posrecon(['run', '--terminal', journal, '--settlement', bad, settlement, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('settlement.csv: read 16 = imported 15 + rejected 0 + skipped 1');
    expect(r.stderr).toContain(`1 of 3 files was not imported: ${bad}; nothing was matched and no report written`);
    expect(r.stdout).not.toContain('matched');
    expect(readdirSync(out)).toEqual(['posrecon.db']);
    const fixed = posrecon(['run', '--terminal', journal, '--settlement', settlement, '--out', out]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout.match(/already imported/g)).toHaveLength(2);
    expect(fixed.stdout).toContain('matched 13 pairs');
  });
});
