import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/model.js';
import { posrecon } from '../helpers/exec.js';
import { readWorkbook } from '../helpers/xlsx.js';

const EVERY = join(import.meta.dirname, '../fixtures/match/every-category');
const HEALTH = join(import.meta.dirname, '../fixtures/report/terminal-health');
const tmpDir = (): string => mkdtempSync(join(tmpdir(), 'posrecon-cli5-'));
const ENV = { POSRECON_USER: 'cli-test' };

describe('posrecon cases, audit, rates, report formats (issue 5)', () => {
  it('run writes report.xlsx; a resolved case keeps its status when run is repeated on the same database', async () => {
    const out = tmpDir();
    const run = ['run', '--terminal', join(EVERY, 'journal.csv'), '--settlement', join(EVERY, 'settlement.csv'), '--out', out];
    const first = posrecon(run, { env: ENV });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('workbook: ');
    expect(first.stdout).toContain('terminal health:');
    expect(existsSync(join(out, 'report.xlsx'))).toBe(true);
    const db = join(out, 'posrecon.db');

    const listed = posrecon(['cases', '--db', db, '--category', 'timeout_but_settled']);
    const id = /c_[0-9a-f]{16}/.exec(listed.stdout)?.[0] ?? '';
    expect(listed.stdout).toMatch(/timeout_but_settled\s+10012345\s+000103 .* open\n1 case\n/);
    const resolved = posrecon(['cases', 'resolve', id, '--status', 'disputed', '--note', 'claim 88-1', '--by', 'alice', '--db', db]);
    expect(resolved.stdout).toBe(`${id}: open → disputed (by alice)\n`);

    expect(posrecon(run, { env: ENV }).code).toBe(0);
    const shown = posrecon(['cases', 'show', id, '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('category: timeout_but_settled');
    expect(shown.stdout).toMatch(/status: disputed \(by alice, .*\): claim 88-1/);
    expect(shown.stdout).toContain('terminal record: journal.csv:4');
    expect(shown.stdout).toContain('settlement record: settlement.csv:3');
    expect(posrecon(['cases', 'list', '--status', 'disputed', '--db', db]).stdout).toContain(`${id}  timeout_but_settled`);

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    expect(report.cases.find((c) => c.id === id)).toMatchObject({ status: 'disputed', status_note: 'claim 88-1', status_updated_by: 'alice' });
    const wb = await readWorkbook(join(out, 'report.xlsx'));
    const sheet = wb.getWorksheet('timeout_but_settled');
    expect(sheet?.getRow(2).getCell(1).value).toBe(id);
    expect(sheet?.getRow(2).getCell(2).value).toBe('disputed');

    const audit = posrecon(['audit', '--db', db]);
    expect(audit.code).toBe(0);
    const lines = audit.stdout.trim().split('\n');
    // "#1  2026-03-10 16:00:00 UTC+8  cli-test  import  {…}": the time is Beijing time, marked.
    expect(lines.slice(0, -1).map((l) => /^#\d+ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+8 {2}(\S+) {2}(\S+)/.exec(l)?.slice(1).join(' '))).toEqual([
      'cli-test import',
      'cli-test import',
      'cli-test match',
      'alice case.status',
      'cli-test match',
    ]);
    expect(lines.at(-1)).toBe('5 entries; hash chain intact');
    expect(audit.stdout).toMatch(/"sha256":"[0-9a-f]{64}"/);
    expect(posrecon(['audit', '--db', db, '--case', id]).stdout).toContain('"from":"open","to":"disputed","note":"claim 88-1"');
  });

  it('rates set, then match, gives fee_mismatch cases; report --format csv and xlsx', () => {
    const dir = tmpDir();
    const db = join(dir, 'f.db');
    expect(posrecon(['import', '--db', db, join(EVERY, 'journal.csv'), join(EVERY, 'settlement.csv')]).code).toBe(0);
    const set = posrecon(['rates', 'set', '--db', db, '--merchant', '898310154110001', '--card-type', 'credit', '--rate', '0.55%', '--from', '2026-01-01']);
    expect(set.stdout).toContain('added rate #1: merchant 898310154110001, credit cards, 0.55%, from 2026-01-01');
    expect(posrecon(['rates', 'list', '--db', db]).stdout).toContain('#1  898310154110001  *  *  credit  0.5500%  cap -  min -  from 2026-01-01');
    const m = posrecon(['match', '--db', db, '--fail-on-discrepancy']);
    expect(m.code).toBe(1);
    expect(m.stdout).toMatch(/fee_mismatch\s+手续费不符 \/ fee differs from rate card\s+\d+/);
    expect(m.stdout).toMatch(/fees: 13 settled lines checked against the rate card, \d+ within ±0\.01; overcharged \d+\.\d\d on \d+ lines?/);
    const fee = posrecon(['cases', 'list', '--category', 'fee_mismatch', '--db', db]);
    expect(fee.stdout).toMatch(/c_[0-9a-f]{16}\s+fee_mismatch\s+10012345\s+000101/);

    const csvDir = join(dir, 'csv');
    const csv = posrecon(['report', '--db', db, '--format', 'csv', '--out', csvDir]);
    expect(csv.code).toBe(0);
    expect(readdirSync(csvDir)).toContain('fee_mismatch.csv');
    expect(readFileSync(join(csvDir, 'fee_mismatch.csv'), 'utf8').startsWith('\uFEFF案件号 Case,')).toBe(true);
    expect(posrecon(['report', '--db', db, '--format', 'xlsx', '--out', join(dir, 'r.xlsx')]).code).toBe(0);
    expect(posrecon(['report', '--db', db, '--format', 'pdf', '--out', join(dir, 'r.pdf')]).code).toBe(2);
  });

  it('a bad rate card file is refused with its key path (exit 2)', () => {
    const dir = tmpDir();
    const file = join(dir, 'rates.json');
    writeFileSync(file, JSON.stringify({ rates: [{ merchant_id: 'M', rate: '0.5%' }, { merchant_id: 'M', rate: 'half' }] }));
    const r = posrecon(['rates', 'import', file, '--db', join(dir, 'x.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rates[1].rate: rate "half" is not a rate');
    // All rules or none: the file is refused before the database is opened, so not even a new one is created.
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });

  it('match prints a terminal that only ever answers 97 with the action to take', () => {
    const db = join(tmpDir(), 'h.db');
    expect(posrecon(['import', '--db', db, join(HEALTH, 'journal.csv'), join(HEALTH, 'settlement.csv')]).code).toBe(0);
    const m = posrecon(['match', '--db', db]);
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('10099997  3 attempts, 0 approved, 3 declined');
    expect(m.stdout).toContain('failed: 97 终端未登记 ×3');
    expect(m.stdout).toContain('! Terminal 10099997: every one of its 3 attempts was answered 97 (终端未登记 / terminal not registered)');
    expect(m.stdout).toContain('处理: 终端号未开通或已停用：携终端号和商户号致电收单机构');
    expect(m.stdout).toContain('! Terminal 10012346: 4 of 10 attempts (40.0%) timed out or were reversed');
  });

  it('evidence writes a pack for a case, or one per case of a category; a wrong selector exits 2', () => {
    const out = tmpDir();
    expect(posrecon(['run', '--terminal', join(EVERY, 'journal.csv'), '--settlement', join(EVERY, 'settlement.csv'), '--out', out]).code).toBe(0);
    const db = join(out, 'posrecon.db');
    const id = /c_[0-9a-f]{16}/.exec(posrecon(['cases', '--db', db, '--category', 'timeout_but_settled']).stdout)?.[0] ?? '';
    const one = posrecon(['evidence', '--case', id, '--out', join(out, 'pack.pdf'), '--db', db]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('1 evidence pack written');
    expect(readFileSync(join(out, 'pack.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const many = posrecon(['evidence', '--category', 'duplicate_charge', '--out', join(out, 'packs'), '--db', db]);
    expect(many.code).toBe(0);
    expect(readdirSync(join(out, 'packs'))).toEqual([expect.stringMatching(/^evidence-10012345-000104-20260308-c_[0-9a-f]{16}\.pdf$/)]);
    expect(posrecon(['evidence', '--out', join(out, 'x.pdf'), '--db', db]).code).toBe(2);
    expect(posrecon(['evidence', '--case', 'c_0000000000000000', '--out', join(out, 'x.pdf'), '--db', db]).code).toBe(2);
  });

  /** Regression: `evidence --case A --case B --out ev2.pdf` wrote B's pack alone and exited 0. */
  it('evidence refuses --case given twice (one pack per file), exit 2, and writes nothing', () => {
    const out = tmpDir();
    expect(posrecon(['run', '--terminal', join(EVERY, 'journal.csv'), '--settlement', join(EVERY, 'settlement.csv'), '--out', out]).code).toBe(0);
    const db = join(out, 'posrecon.db');
    const [a = '', b = ''] = posrecon(['cases', '--db', db]).stdout.match(/c_[0-9a-f]{16}/g) ?? [];
    const r = posrecon(['evidence', '--case', a, '--case', b, '--out', join(out, 'ev2.pdf'), '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`posrecon: --case is given more than once ("${a}", then "${b}"); it takes one value`);
    expect(r.stderr).toContain('hint: one evidence pack per file');
    expect(r.stdout).toBe('');
    expect(existsSync(join(out, 'ev2.pdf'))).toBe(false);
  });

  it('cases resolve refuses an unknown status (exit 2)', () => {
    const out = tmpDir();
    posrecon(['run', '--terminal', join(EVERY, 'journal.csv'), '--out', out]);
    const r = posrecon(['cases', 'resolve', 'c_0000000000000000', '--status', 'closed', '--db', join(out, 'posrecon.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--status "closed" is not a case status');
  });
});

/**
 * Regression: `report --format xlsx --out DIR` (or `run --out d` with d/report.xlsx a folder) exited 13 saying
 * nothing: exceljs lost its file stream's error and its promise never settled. The json and csv writers said
 * "cannot open DIR: EISDIR" with exit 2; a write failing part-way (a full disk) was an internal error for json.
 */
describe('a report path that cannot be written', () => {
  const ran = (): string => {
    const out = tmpDir();
    expect(posrecon(['run', '--terminal', join(EVERY, 'journal.csv'), '--settlement', join(EVERY, 'settlement.csv'), '--out', out]).code).toBe(0);
    return out;
  };

  it.each(['xlsx', 'json'])('report --format %s --out FOLDER: exit 2 naming the folder', (format) => {
    const out = ran();
    const folder = join(out, 'adir');
    mkdirSync(folder);
    const r = posrecon(['report', '--db', join(out, 'posrecon.db'), '--format', format, '--out', folder]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot open ${folder}: EISDIR`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('run --out d, with d/report.xlsx a folder: exit 2 naming it', () => {
    const out = tmpDir();
    mkdirSync(join(out, 'report.xlsx'));
    const r = posrecon(['run', '--terminal', join(EVERY, 'journal.csv'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot open ${join(out, 'report.xlsx')}: EISDIR`);
  });

  // /dev/full takes the open and refuses every write (ENOSPC): a disk that fills up during the report.
  it.runIf(existsSync('/dev/full')).each(['xlsx', 'json'])('report --format %s onto a full disk: exit 2 naming the path', (format) => {
    const r = posrecon(['report', '--db', join(ran(), 'posrecon.db'), '--format', format, '--out', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write /dev/full: ENOSPC');
    expect(r.stderr).not.toContain('internal error');
    expect(existsSync('/dev/full')).toBe(true);
  });
});
