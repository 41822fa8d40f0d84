/** The CLI side of issue 3: formats, detection with its reasons, control totals on the console, exit codes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { posrecon } from '../helpers/exec.js';
import { HAVE_PUBLIC_SAMPLES, sample } from '../helpers/public-samples.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'posrecon-fmt-'));

describe('posrecon formats and acquirer files', () => {
  it('formats lists every built-in format', () => {
    const r = posrecon(['formats']);
    expect(r.code).toBe(0);
    for (const f of ['generic-csv', 'jsonl', 'unionpay-zm', 'wechat-bill', 'wechat-fundflow', 'alipay-trade', 'allinpay-syb', 'leshua-trade', 'xlsx']) {
      expect(r.stdout).toMatch(new RegExp(`^${f}\\s`, 'm'));
    }
  });

  it.skipIf(!HAVE_PUBLIC_SAMPLES)('import of the UnionPay zip says which format and why, and that the RD totals agree', () => {
    const r = posrecon(['import', '--db', join(tmp(), 'u.db'), sample('unionpay', '802310048993424_20150905.zip')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('unionpay-zm (UnionPay 607-byte records');
    expect(r.stdout).toContain('read 31 = imported 8 + rejected 0 + skipped 23');
    expect(r.stdout).toMatch(/control totals \(RD201015090501_802310048993424 总计 by 交易类型\) agree: 交易笔数 8, .*交易金额\(贷\) 13227\.00, 费用\(借\) 79\.36/);
    expect(r.stderr).toBe('');
  });

  it.skipIf(!HAVE_PUBLIC_SAMPLES)('a WeChat bill whose summary disagrees with its rows is a warning on stderr, not a silent pass', () => {
    const r = posrecon(['import', '--db', join(tmp(), 'w.db'), sample('wechatpay', 'wechatpay_tradebill_ALL_newformat_anonymised__WxJava.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: control totals (summary row, line 4) do not all agree');
    expect(r.stderr).toMatch(/总交易单数: file says 48; its rows 1 \(-47\); imported 1 \(-47\) — DIFFERS/);
  });

  it.skipIf(!HAVE_PUBLIC_SAMPLES)('an RD report alone: a note that its totals could not be checked, once, and no warning', () => {
    const r = posrecon(['import', '--db', join(tmp(), 'rd.db'), sample('unionpay', 'RD201015090501_802310048993424')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.match(/not checked/g)).toHaveLength(1);
  });

  it('an unrecognised file exits 2 with the closest formats and what did not fit', () => {
    const bad = join(tmp(), 'odd.txt');
    writeFileSync(bad, 'S56 this is not a full record\r\n');
    const r = posrecon(['import', '--db', join(tmp(), 'b.db'), bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('layout not recognised');
    expect(r.stderr).toMatch(/closest formats:\n\s+unionpay-zm: the first record is 29 bytes, expected 607/);
  });

  it('an acquirer format is a settlement file: --side terminal is refused (exit 2)', () => {
    const dir = tmp();
    expect(posrecon(['generate', '--out', dir, '--days', '1', '--per-day', '5', '--settlement-format', 'wechat-bill']).code).toBe(0);
    const r = posrecon(['import', '--side', 'terminal', '--db', join(dir, 'x.db'), join(dir, 'wechat_tradebill_ALL_20260308.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wechat-bill files are settlement files, not terminal');
  });

  it('generate --settlement-format unionpay-zm, then run: the zip is detected and matched (exit 0)', () => {
    const dir = tmp();
    expect(posrecon(['generate', '--out', dir, '--days', '1', '--per-day', '20', '--settlement-format', 'unionpay-zm']).code).toBe(0);
    const r = posrecon(['run', '--terminal', join(dir, 'journal.csv'), '--settlement', join(dir, '898310154110001_20260308.zip'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/898310154110001_20260308\.zip: unionpay-zm/);
    expect(r.stdout).toContain('agree: 交易笔数');
  });

  it('a broken --profile exits 2 naming the file and the key path', () => {
    const dir = tmp();
    const profile = join(dir, 'mine.json');
    writeFileSync(profile, JSON.stringify({ version: 1, name: 'm', format: 'csv', header: { row: 1 }, columns: { terminal_id: 'T', txn_date: 'D' } }));
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, 'T,D\n1,2\n');
    const r = posrecon(['import', '--profile', profile, '--db', join(dir, 'p.db'), csv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mine.json: columns.amount: required');
  });
});
