import { formatYuan, parseFen, parseYuan } from '../../domain/money.js';
import { directionOf, lookupTxnType } from '../../domain/txn.js';
import { TOTAL_MONEY, totalRow } from '../control.js';
import { applyPattern } from '../date-pattern.js';
import type { Field, FieldMap } from '../fields.js';
import type { SourceRow } from '../types.js';
import type { ColumnSpec, Profile, ProfileField } from './types.js';

export interface HeaderMap {
  index: Partial<Record<ProfileField, number>>;
  direction: number | null;
  skip: Array<{ index: number; re: RegExp; rule: number }>;
  totals: { index: number; re: RegExp } | null;
}

const names = (spec: ColumnSpec): readonly string[] => (typeof spec === 'string' ? [spec] : spec);
const fold = (s: string): string => s.replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\s+/g, '').toLowerCase();

/** The first alternative the header has; header cells compared without spaces, case or full-width brackets. */
function find(header: readonly string[], spec: ColumnSpec): number {
  const folded = header.map(fold);
  for (const n of names(spec)) {
    const i = folded.indexOf(fold(n));
    if (i !== -1) return i;
  }
  return -1;
}

export function isHeader(profile: Profile, cells: readonly string[], line: number): boolean {
  if ('row' in profile.header) return line === profile.header.row;
  return profile.header.search.every((n) => find(cells, n) !== -1);
}

/** Resolves every mapped column against the header; a mapped column the header lacks is named with its key path. */
export function mapHeader(profile: Profile, header: readonly string[]): HeaderMap | { missing: string[] } {
  const index: HeaderMap['index'] = {};
  const missing: string[] = [];
  for (const [field, spec] of Object.entries(profile.columns) as Array<[ProfileField, ColumnSpec]>) {
    const i = find(header, spec);
    if (i === -1) missing.push(`columns.${field} (${names(spec).map((n) => JSON.stringify(n)).join(' or ')})`);
    else index[field] = i;
  }
  const rule = (spec: ColumnSpec, path: string): number => {
    const i = find(header, spec);
    if (i === -1) missing.push(`${path} (${names(spec).map((n) => JSON.stringify(n)).join(' or ')})`);
    return i;
  };
  const direction = profile.direction ? rule(profile.direction.column, 'direction.column') : null;
  const skip = (profile.skip ?? []).map((r, n) => ({ index: rule(r.column, `skip[${n}].column`), re: new RegExp(r.matches), rule: n }));
  const totals = profile.totals ? { index: rule(profile.totals.column, 'totals.column'), re: new RegExp(profile.totals.matches) } : null;
  return missing.length ? { missing } : { index, direction, skip, totals };
}

type Base = { line: number; raw: string; where?: string };
// The money keys a total row is checked in (control.ts): a row's own sums must be kept in the same ones.
const MONEY = TOTAL_MONEY;
type Money = Partial<Record<(typeof MONEY)[number], number>>;

function fen(text: string, unit: 'yuan' | 'fen'): number | null {
  const r = unit === 'fen' ? parseFen(text) : parseYuan(text);
  return r.ok ? r.value : null;
}

/** A total row states amount, fee and net in the mapped columns, and perhaps a count ("合计 12笔"). */
function totalsOf(profile: Profile, h: HeaderMap, cells: readonly string[], line: number): ReturnType<typeof totalRow> {
  const unit = profile.amounts?.unit ?? 'yuan';
  const money: Parameters<typeof totalRow>[2] = {};
  for (const k of MONEY) {
    const index = h.index[k];
    if (index !== undefined) money[k] = { index, unit };
  }
  return totalRow(cells, line, money);
}

function isCredit(type: string | undefined): boolean {
  const t = type === undefined ? null : lookupTxnType(type);
  return t?.kind === 'value' && directionOf(t.value) === 'credit';
}

function isKnownType(type: string): boolean {
  return lookupTxnType(type).kind === 'value';
}

function directionConflict(profile: Profile, said: string, type: string, typeCredit: boolean): string {
  const credits = (profile.direction?.credit ?? []).map((v) => JSON.stringify(v)).join(', ');
  const expected = typeCredit ? `one of ${credits}` : `anything but ${credits}`;
  return `direction "${said}" contradicts txn_type ${type}, which ${typeCredit ? 'gives money back (a credit)' : 'takes money (a debit)'} (expected direction ${expected})`;
}

/**
 * amounts.fee_sign "charged" and amounts.net_before_fee, in fen: the fee as the merchant's charge on the row's
 * direction (the built-in Alipay reading), and the net as the receipt less that fee. Only the values that change.
 */
function chargedFee(profile: Profile, money: Money, credit: boolean): { fee?: number; net_amount?: number } {
  const out: { fee?: number; net_amount?: number } = {};
  const fee = profile.amounts?.fee_sign === 'charged' && money.fee !== undefined ? Math.abs(money.fee) * (credit ? -1 : 1) : money.fee;
  if (fee !== money.fee && fee !== undefined) out.fee = fee;
  if (profile.amounts?.net_before_fee === true && money.net_amount !== undefined) out.net_amount = money.net_amount - (fee ?? 0);
  return out;
}

export function mapRow(profile: Profile, h: HeaderMap, cells: readonly string[], base: Base, cellWhere?: (i: number) => string): SourceRow {
  if (cells.every((c) => c.trim() === '')) return { ...base, kind: 'skip', reason: 'blank row' };
  for (const s of h.skip) if (s.re.test(cells[s.index]?.trim() ?? '')) return { ...base, kind: 'skip', reason: `skip[${s.rule}] of the profile: "${cells[s.index]?.trim() ?? ''}"` };
  if (h.totals && h.totals.re.test(cells[h.totals.index]?.trim() ?? '')) {
    const { statement, unread } = totalsOf(profile, h, cells, base.line);
    return { ...base, kind: 'skip', reason: 'total row: control totals', control: statement, ...(unread.length > 0 ? { warnings: unread } : {}) };
  }
  const unit = profile.amounts?.unit ?? 'yuan';
  const fields: FieldMap = {};
  const fieldWhere: Partial<Record<Field, string>> = {};
  for (const [field, i] of Object.entries(h.index) as Array<[ProfileField, number]>) {
    let v = (cells[i] ?? '').trim();
    if (v === '') continue;
    if (field === 'txn_type' || field === 'status') v = profile.values?.[field]?.[v] ?? v;
    if (field === 'txn_date' || field === 'orig_date' || field === 'settle_date') v = applyPattern(v, profile.dates?.date, 'date');
    if (field === 'txn_time') v = applyPattern(v, profile.dates?.time, 'time');
    if (field === 'txn_datetime') v = applyPattern(v, profile.dates?.datetime, 'datetime');
    const key: Field = (MONEY as readonly string[]).includes(field) && unit === 'fen' ? (`${field}_fen` as Field) : field;
    fields[key] = v;
    if (cellWhere) fieldWhere[key] = cellWhere(i);
  }
  // A direction column turns unsigned amounts into credits: the importer then reads them as refunds (README).
  const credit = h.direction !== null && (profile.direction?.credit ?? []).includes((cells[h.direction] ?? '').trim());
  const money: Money = {};
  for (const k of MONEY) {
    const key: Field = unit === 'fen' ? `${k}_fen` : k;
    const text = fields[key];
    if (text === undefined) continue;
    if (credit && !text.startsWith('-') && k !== 'fee') fields[key] = `-${text}`;
    const v = fen(fields[key] ?? '', unit);
    if (v !== null) money[k] = v;
  }
  const typeCredit = isCredit(fields.txn_type);
  const charged = chargedFee(profile, money, credit || typeCredit);
  const measures: Record<string, number> = { count: 1, ...money, ...charged };
  // With both columns, the direction signs the amount and the type names it: when they disagree, which is right is unknown.
  if (h.direction !== null && fields.txn_type !== undefined && credit !== typeCredit && isKnownType(fields.txn_type)) {
    const said = (cells[h.direction] ?? '').trim();
    const printed = (cells[h.index.txn_type ?? -1] ?? '').trim();
    const type = printed === fields.txn_type ? `"${printed}"` : `"${printed}" (${fields.txn_type})`;
    return { ...base, kind: 'reject', reason: directionConflict(profile, said, type, typeCredit), measures };
  }
  for (const [k, v] of Object.entries(charged)) fields[(unit === 'fen' ? `${k}_fen` : k) as Field] = unit === 'fen' ? String(v) : formatYuan(v);
  const where = Object.keys(fieldWhere).length ? { fieldWhere } : {};
  return { ...base, kind: 'fields', fields, measures, ...where };
}
