import { basename } from 'node:path';
import { InputError, UsageError } from '../../domain/errors.js';
import { byteLineBatches, byteLines, decodeGbk } from '../byte-lines.js';
import { partPrefix, type SourceInput, type SourcePart } from '../source-input.js';
import type { Detection, ReadContext, SamplePart, SourceAdapter, SourceRow, SourceSample } from '../types.js';
import { clearingDateOf, yearFor, type ClearingDay } from './unionpay-dates.js';
import { ZM_LENGTH, ZME_LENGTH } from './unionpay-layout.js';
import { looksLikeRd, rdClearingDate, readRd } from './unionpay-rd.js';
import { zmeRow, zmRow } from './unionpay-records.js';

type PartKind = 'zm' | 'zme' | 'rd' | 'other';

function firstLine(bytes: Buffer): Buffer {
  const nl = bytes.indexOf(0x0a);
  const end = nl === -1 ? bytes.length : nl;
  return bytes.subarray(0, end > 0 && bytes[end - 1] === 0x0d ? end - 1 : end);
}

function kindOf(p: SamplePart): PartKind {
  const first = firstLine(p.bytes);
  const coded = /^[A-Z]\d{2} /.test(first.subarray(0, 4).toString('latin1'));
  if (/ZME_/i.test(p.name) || (coded && first.length === ZME_LENGTH)) return 'zme';
  if (/ZM_/i.test(p.name) || (coded && first.length === ZM_LENGTH)) return 'zm';
  return looksLikeRd(p.head) ? 'rd' : 'other';
}

/** UnionPay 全渠道 merchant files: the ZM detail file, the ZME adjustments, the RD summary, or the zip of them. */
export const unionpayZm: SourceAdapter = {
  format: 'unionpay-zm',
  description: 'UnionPay 全渠道 ZM detail file (607-byte fixed width, GBK), with its ZME and RD files, or the zip UnionPay delivers',
  sides: ['settlement'],
  detect(sample: SourceSample): Detection {
    const kinds = sample.parts.map(kindOf);
    const names = sample.parts.filter((_, i) => kinds[i] !== 'other').map((p) => p.name);
    if (kinds.includes('zm') || kinds.includes('zme')) {
      return { fits: true, format: 'unionpay-zm', side: 'settlement', confidence: 0.98, why: `UnionPay ${ZM_LENGTH}-byte records (${names.join(', ')})` };
    }
    if (kinds.includes('rd')) {
      return { fits: true, format: 'unionpay-zm', side: 'settlement', confidence: 0.9, why: 'UnionPay RD summary report (中国银联全渠道商户交易汇总表): control totals only' };
    }
    const first = firstLine(sample.parts[0]?.bytes ?? Buffer.alloc(0));
    const coded = /^[A-Z]\d{2} /.test(first.subarray(0, 4).toString('latin1'));
    return {
      fits: false,
      format: 'unionpay-zm',
      closeness: coded ? 0.6 : 0,
      miss: coded ? `the first record is ${first.length} bytes, expected ${ZM_LENGTH} (ZM) or ${ZME_LENGTH} (ZME)` : `no ${ZM_LENGTH}-byte record starting with a transaction code like "S56 ", and no RD report`,
    };
  },
  read: readUnionpay,
  readBatches: readUnionpayBatches,
};

async function* readUnionpay(input: SourceInput, ctx: ReadContext): AsyncGenerator<SourceRow> {
  for await (const rows of readUnionpayBatches(input, ctx)) yield* rows;
}

/** The rows a chunk of records at a time: one await per record cost more than slicing it. */
async function* readUnionpayBatches(input: SourceInput, ctx: ReadContext): AsyncGenerator<SourceRow[]> {
  const samples = await Promise.all(input.parts.map(async (p) => ({ p, head: await headOf(p) })));
  const rdDate = samples.map((s) => (looksLikeRd(s.head.text) ? rdClearingDate(s.head.text) : null)).find((d) => d !== null) ?? null;
  for (const { p, head } of samples) {
    const kind = kindOf({ name: p.name, encoding: p.encoding, bytes: head.bytes, head: head.text });
    const prefix = partPrefix(input, p);
    const where = (line: number, cols?: string): string | undefined =>
      prefix || cols ? `${prefix}:${line}${cols ? `:${cols}` : ''}` : undefined;
    if (kind === 'rd') {
      for await (const row of readRd(textLines(p), p.name, (line) => where(line))) yield [row];
      continue;
    }
    if (kind === 'other') {
      for await (const l of textLines(p)) {
        yield [{ kind: 'skip', line: l.line, raw: l.text, reason: `not a UnionPay ZM, ZME or RD file (${p.name}): not read`, ...withWhere(where(l.line)) }];
      }
      continue;
    }
    const day = clearingDayFor(input, p, rdDate, ctx);
    for await (const lines of byteLineBatches(p.bytes())) {
      const rows: SourceRow[] = [];
      for (const { line, bytes } of lines) {
        const raw = decodeGbk(bytes);
        if (bytes.length === 0 || raw.trim() === '') rows.push({ kind: 'skip', line, raw, reason: 'blank line', ...withWhere(where(line)) });
        else rows.push(kind === 'zm' ? zmRow(bytes, raw, line, day, where) : zmeRow(bytes, raw, line, where));
      }
      yield rows;
    }
  }
}

function withWhere(w: string | undefined): { where?: string } {
  return w === undefined ? {} : { where: w };
}

/** The clearing day from the file name (INN150905…ZM_, or the zip's …_20150905), the RD report, or --year. */
function clearingDayFor(input: SourceInput, p: SourcePart, rdDate: string | null, ctx: ReadContext): ClearingDay {
  const own = clearingDateOf(p.name);
  const named = own ?? clearingDateOf(input.path);
  const day = named ?? (rdDate ? { date: rdDate, from: 'the RD report' } : null);
  if (day) {
    // --year is for files whose name does not tell. One that contradicts the name was stored as transactions of
    // 2016 settling in 2015, without a word: which of the two is right cannot be known, so neither is guessed.
    if (ctx.year !== undefined && ctx.year !== Number(day.date.slice(0, 4))) {
      throw new UsageError(
        `${input.path}${input.archive ? `!${p.name}` : ''}: --year ${ctx.year} contradicts the clearing date ${day.date} that ${named ? `the file name ${own ? p.name : basename(input.path)}` : day.from} gives; nothing imported`,
        'leave out --year: it is only for UnionPay files whose name gives no date; if the file was renamed with a wrong date, give it its real name',
      );
    }
    return { ...day, year: yearFor(day.date, ctx.year) };
  }
  if (ctx.year !== undefined) return { date: null, from: '--year', year: ctx.year };
  throw new InputError(
    `${input.path}${input.archive ? `!${p.name}` : ''}: the times are MMDDhhmmss without a year, and neither the file name nor an RD report gives the clearing date`,
    'give the year with --year YYYY (or keep UnionPay\'s file name, e.g. INN150905…ZM_…)',
  );
}

async function headOf(p: SourcePart): Promise<{ bytes: Buffer; text: string }> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of p.bytes()) {
    chunks.push(c);
    n += c.length;
    if (n >= 8192) break;
  }
  const bytes = Buffer.concat(chunks);
  return { bytes, text: new TextDecoder(p.encoding).decode(bytes) };
}

async function* textLines(p: SourcePart): AsyncGenerator<{ line: number; text: string }> {
  for await (const { line, bytes } of byteLines(p.bytes())) yield { line, text: p.encoding === 'utf-8' ? bytes.toString('utf8') : decodeGbk(bytes) };
}
