import { PROFILE_FIELDS, PROFILE_VERSION, type Profile } from './types.js';

/** A problem in a profile, with the dot path of the key it is about (e.g. "columns.amount", "skip[1].matches"). */
export interface ProfileIssue {
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === undefined) return 'nothing';
  return Array.isArray(v) ? 'a list' : v === null ? 'null' : 'an object';
}

class Checker {
  readonly issues: ProfileIssue[] = [];
  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }
  keys(o: Obj, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.fail(path ? `${path}.${k}` : k, `unknown key (expected one of ${allowed.join(', ')})`);
  }
  str(v: unknown, path: string, optional = false): void {
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || v === '') this.fail(path, `expected a non-empty string, got ${show(v)}`);
  }
  oneOf(v: unknown, path: string, values: readonly unknown[], optional = false): void {
    if (v === undefined && optional) return;
    if (!values.includes(v)) this.fail(path, `expected ${values.map(show).join(' or ')}, got ${show(v)}`);
  }
  strings(v: unknown, path: string, optional = false): void {
    if (v === undefined && optional) return;
    if (!Array.isArray(v) || v.length === 0) return this.fail(path, `expected a list of strings, got ${show(v)}`);
    v.forEach((x, i) => this.str(x, `${path}[${i}]`));
  }
  column(v: unknown, path: string): void {
    if (typeof v === 'string' && v !== '') return;
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== '')) return;
    this.fail(path, `expected a header name or a list of alternative header names, got ${show(v)}`);
  }
  regex(v: unknown, path: string): void {
    this.str(v, path);
    if (typeof v !== 'string') return;
    try {
      new RegExp(v);
    } catch (e) {
      this.fail(path, `not a valid regular expression (${(e as Error).message})`);
    }
  }
  rule(v: unknown, path: string): void {
    if (!isObj(v)) return this.fail(path, `expected { "column": …, "matches": … }, got ${show(v)}`);
    this.keys(v, path, ['column', 'matches']);
    this.column(v['column'], `${path}.column`);
    this.regex(v['matches'], `${path}.matches`);
  }
}

/** Checks a parsed profile against version 1, collecting every problem rather than stopping at the first. */
export function validateProfile(raw: unknown): { profile: Profile } | { issues: ProfileIssue[] } {
  const c = new Checker();
  if (!isObj(raw)) return { issues: [{ path: '(top)', message: `expected an object, got ${show(raw)}` }] };
  c.keys(raw, '', ['$schema', 'version', 'name', 'description', 'sample', 'format', 'side', 'terminal_optional', 'csv', 'xlsx', 'header', 'columns', 'amounts', 'direction', 'dates', 'values', 'skip', 'totals']);
  c.oneOf(raw['version'], 'version', [PROFILE_VERSION]);
  c.str(raw['name'], 'name');
  c.str(raw['description'], 'description', true);
  c.strings(raw['sample'], 'sample', true);
  c.oneOf(raw['format'], 'format', ['csv', 'xlsx']);
  c.oneOf(raw['side'], 'side', ['terminal', 'settlement'], true);
  c.oneOf(raw['terminal_optional'], 'terminal_optional', [true, false], true);
  const csv = raw['csv'];
  if (csv !== undefined) {
    if (!isObj(csv)) c.fail('csv', `expected an object, got ${show(csv)}`);
    else {
      c.keys(csv, 'csv', ['encoding', 'delimiter']);
      c.oneOf(csv['encoding'], 'csv.encoding', ['auto', 'utf-8', 'gbk', 'gb18030'], true);
      if (csv['delimiter'] !== undefined && (typeof csv['delimiter'] !== 'string' || csv['delimiter'].length !== 1)) c.fail('csv.delimiter', `expected one character, got ${show(csv['delimiter'])}`);
    }
  }
  const xlsx = raw['xlsx'];
  if (xlsx !== undefined) {
    if (!isObj(xlsx)) c.fail('xlsx', `expected an object, got ${show(xlsx)}`);
    else {
      c.keys(xlsx, 'xlsx', ['sheet']);
      const s = xlsx['sheet'];
      if (s !== undefined && !(typeof s === 'string' && s !== '') && !(Number.isInteger(s) && (s as number) >= 1)) c.fail('xlsx.sheet', `expected a sheet name or a 1-based position, got ${show(s)}`);
    }
  }
  const header = raw['header'];
  if (!isObj(header)) c.fail('header', `expected { "row": N } or { "search": [names] }, got ${show(header)}`);
  else if ('row' in header) {
    c.keys(header, 'header', ['row']);
    if (!Number.isInteger(header['row']) || (header['row'] as number) < 1) c.fail('header.row', `expected a row number from 1, got ${show(header['row'])}`);
  } else if ('search' in header) {
    c.keys(header, 'header', ['search']);
    c.strings(header['search'], 'header.search');
  } else c.fail('header', 'expected "row" or "search"');
  const columns = raw['columns'];
  if (!isObj(columns)) c.fail('columns', `expected an object mapping fields to header names, got ${show(columns)}`);
  else {
    c.keys(columns, 'columns', PROFILE_FIELDS);
    for (const [k, v] of Object.entries(columns)) c.column(v, `columns.${k}`);
    for (const need of ['terminal_id', 'amount'] as const) if (!(need in columns)) c.fail(`columns.${need}`, 'required');
    if (!('txn_date' in columns) && !('txn_datetime' in columns)) c.fail('columns.txn_date', 'required (or columns.txn_datetime)');
  }
  const amounts = raw['amounts'];
  if (amounts !== undefined) {
    if (!isObj(amounts)) c.fail('amounts', `expected { "unit": "yuan" | "fen" }, got ${show(amounts)}`);
    else {
      c.keys(amounts, 'amounts', ['unit', 'fee_sign', 'net_before_fee']);
      c.oneOf(amounts['unit'], 'amounts.unit', ['yuan', 'fen'], true);
      c.oneOf(amounts['fee_sign'], 'amounts.fee_sign', ['as-printed', 'charged'], true);
      c.oneOf(amounts['net_before_fee'], 'amounts.net_before_fee', [true, false], true);
      if (amounts['net_before_fee'] === true && isObj(columns) && !('fee' in columns && 'net_amount' in columns)) c.fail('amounts.net_before_fee', 'needs columns.fee and columns.net_amount');
    }
  }
  const direction = raw['direction'];
  if (direction !== undefined) {
    if (!isObj(direction)) c.fail('direction', `expected an object, got ${show(direction)}`);
    else {
      c.keys(direction, 'direction', ['column', 'credit', 'debit']);
      c.column(direction['column'], 'direction.column');
      c.strings(direction['credit'], 'direction.credit');
      c.strings(direction['debit'], 'direction.debit', true);
    }
  }
  const dates = raw['dates'];
  if (dates !== undefined) {
    if (!isObj(dates)) c.fail('dates', `expected an object, got ${show(dates)}`);
    else {
      c.keys(dates, 'dates', ['date', 'time', 'datetime']);
      for (const [k, v] of Object.entries(dates)) {
        c.str(v, `dates.${k}`);
        if (typeof v === 'string' && !/YYYY|HH/.test(v)) c.fail(`dates.${k}`, `pattern ${show(v)} has neither YYYY nor HH`);
      }
    }
  }
  const values = raw['values'];
  if (values !== undefined) {
    if (!isObj(values)) c.fail('values', `expected an object, got ${show(values)}`);
    else {
      c.keys(values, 'values', ['txn_type', 'status']);
      for (const [k, map] of Object.entries(values)) {
        if (!isObj(map)) c.fail(`values.${k}`, `expected an object of "file value": "posrecon value", got ${show(map)}`);
        else for (const [from, to] of Object.entries(map)) c.str(to, `values.${k}.${from}`);
      }
    }
  }
  const skip = raw['skip'];
  if (skip !== undefined) {
    if (!Array.isArray(skip)) c.fail('skip', `expected a list of rules, got ${show(skip)}`);
    else skip.forEach((r, i) => c.rule(r, `skip[${i}]`));
  }
  if (raw['totals'] !== undefined) c.rule(raw['totals'], 'totals');
  return c.issues.length ? { issues: c.issues } : { profile: raw as unknown as Profile };
}
