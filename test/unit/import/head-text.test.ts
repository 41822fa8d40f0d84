/**
 * Regression: an unrecognised file was refused with its first line quoted by JSON.stringify, which left C1 controls,
 * bidi overrides and runs of U+FFFD in place (a binary file put some 150 characters of noise on the terminal), and a
 * wrong --encoding was never named as the cause.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { resolveSource } from '../../../src/import/detect.js';
import { describeHead, encodingDoubt, quoteText } from '../../../src/import/head-text.js';

const HEADER = '清算日期,商户号,终端号,凭证号,交易金额,交易日期,交易时间';

function tmp(content: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'posrecon-head-')), 'f.csv');
  writeFileSync(path, content);
  return path;
}

async function refusal(content: Buffer, encoding?: string): Promise<{ message: string; hint: string | undefined }> {
  try {
    await resolveSource(tmp(content), encoding === undefined ? {} : { encoding });
  } catch (e) {
    return { message: (e as Error).message, hint: (e as { hint?: string }).hint };
  }
  throw new Error('recognised');
}

describe('quoteText', () => {
  it.each([
    ['plain', 'a,b', '"a,b"'],
    ['controls and DEL escaped', 'a\u0007b\u001bc\u007f', '"a\\x07b\\x1bc\\x7f"'],
    ['C1 controls and bidi overrides escaped', '\u009bx\u202ey', '"\\x9bx\\u202Ey"'],
    ['a run of U+FFFD once', '\uFFFD\uFFFD\uFFFD,\uFFFD', '"\\uFFFD,\\uFFFD"'],
    ['quotes and backslashes escaped', 'a"b\\c', '"a\\"b\\\\c"'],
  ])('%s', (_, text, quoted) => {
    expect(quoteText(text)).toBe(quoted);
  });

  it('cuts long text with an ellipsis', () => {
    expect(quoteText('x'.repeat(200))).toBe(`"${'x'.repeat(80)}…"`);
    expect(quoteText('x'.repeat(80))).toBe(`"${'x'.repeat(80)}"`);
  });
});

describe('describeHead', () => {
  it('says a binary file is not text instead of quoting its bytes', () => {
    const bytes = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256));
    expect(describeHead(bytes, bytes.toString('latin1'))).toMatch(/^not text: \d+ of its first 512 bytes are control bytes$/);
  });

  it('names UTF-16 by its byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, 'utf16le')]);
    expect(describeHead(bytes, '')).toContain('UTF-16');
  });
});

describe('encodingDoubt', () => {
  it('is null when the forced encoding fits', () => {
    expect(encodingDoubt(iconv.encode(HEADER, 'gbk'), HEADER, 'gb18030')).toBeNull();
    expect(encodingDoubt(Buffer.from(HEADER), HEADER, 'utf-8')).toBeNull();
    expect(encodingDoubt(Buffer.from('a,b,c'), 'a,b,c', 'gb18030')).toBeNull();
  });
});

describe('a file refused as unrecognised', () => {
  it('under --encoding utf-8 but GBK: says the bytes are not UTF-8 and suggests leaving the option out', async () => {
    const r = await refusal(iconv.encode(`${HEADER}\n`, 'gbk'), 'utf-8');
    expect(r.message).toMatch(/layout not recognised \(first line "\\uFFFD,\\uFFFD/);
    expect(r.message).toContain('perhaps because of --encoding utf-8: its first bytes are not valid UTF-8');
    expect(r.hint).toMatch(/^leave out --encoding/);
  });

  it('under --encoding gbk but UTF-8 with a BOM: names the byte-order mark', async () => {
    const r = await refusal(Buffer.from(`\uFEFF${HEADER}\n`), 'gbk');
    expect(r.message).toContain('perhaps because of --encoding gbk: the file starts with a UTF-8 byte-order mark, but was read as GBK');
    expect(r.hint).toMatch(/^leave out --encoding/);
  });

  it('under --encoding gbk but UTF-8 without a BOM: says the bytes are UTF-8', async () => {
    const r = await refusal(Buffer.from(`${HEADER}\n`), 'gbk');
    expect(r.message).toContain('its first bytes are valid UTF-8, but were read as GBK');
  });

  it('without --encoding: no word about it', async () => {
    const r = await refusal(Buffer.from('foo,bar\n1,2\n'));
    expect(r.message).toContain('layout not recognised (first line "foo,bar")');
    expect(r.message).not.toContain('--encoding');
  });

  it('a binary file: no bytes of it on the terminal', async () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256));
    const r = await refusal(bytes);
    expect(r.message).toMatch(/layout not recognised \(not text: \d+ of its first 512 bytes are control bytes\)/);
    // eslint-disable-next-line no-control-regex
    expect(r.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\uFFFD]/);
  });
});
