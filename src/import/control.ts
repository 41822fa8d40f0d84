/**
 * Control totals: what a file says about itself (WeChat's summary row, Alipay's #交易合计 footer, UnionPay's RD
 * report, a total row in a statement), checked against the rows the file actually holds and against the rows that
 * were imported. A difference is a warning the user sees, never a silent pass.
 */

import { parseFen, parseYuan } from '../domain/money.js';

/** A measure's unit: a count, money in fen (scale 2), or money to 5 decimals of a yuan (WeChat fees, scale 5). */
export type Scale = 0 | 2 | 5;

export interface StatedMeasure {
  /** Stable key the detail rows contribute to, e.g. 'count', 'amount_credit', '手续费'. */
  key: string;
  /** As the file labels it, e.g. "总交易单数" or "交易金额(贷)". */
  label: string;
  scale: Scale;
  /** Integer at `scale`. */
  stated: number;
}

export interface ControlStatement {
  /** Where the file states it, e.g. "summary row, line 5" or "RD201015090501_802310048993424 总计". */
  source: string;
  measures: readonly StatedMeasure[];
  /**
   * 'rows' when nothing the statement covers is imported (a WeChat fund-flow bill): it is checked against the
   * file's rows only.
   */
  scope?: 'rows';
}

/** A detail row's contribution to each measure key, integers at the measure's scale. */
export type Measures = Readonly<Record<string, number>>;

export type ControlStatus = 'agrees' | 'differs' | 'unchecked';

export interface ControlCheck {
  source: string;
  key: string;
  label: string;
  scale: Scale;
  stated: number;
  /** Sum over every detail row the file holds (null when no row contributes to this measure). */
  inRows: number | null;
  /** Sum over the rows that were imported. */
  imported: number | null;
  /** 'unchecked' when no detail row of the file carries the measure (a summary-only file). */
  status: ControlStatus;
}

/** Adds up the rows' contributions, split into all rows and imported rows. */
export class ControlLedger {
  private readonly all = new Map<string, number>();
  private readonly done = new Map<string, number>();
  private readonly statements: ControlStatement[] = [];

  addRow(measures: Measures | undefined, imported: boolean): void {
    if (!measures) return;
    for (const [k, v] of Object.entries(measures)) {
      this.all.set(k, (this.all.get(k) ?? 0) + v);
      if (imported) this.done.set(k, (this.done.get(k) ?? 0) + v);
      else if (!this.done.has(k)) this.done.set(k, 0);
    }
  }

  addStatement(s: ControlStatement): void {
    this.statements.push(s);
  }

  checks(): ControlCheck[] {
    return this.statements.flatMap((s) =>
      s.measures.map((m) => {
        const inRows = this.all.get(m.key) ?? null;
        const imported = s.scope === 'rows' ? null : (this.done.get(m.key) ?? null);
        const status: ControlStatus =
          inRows === null ? 'unchecked' : inRows === m.stated && (s.scope === 'rows' || imported === m.stated) ? 'agrees' : 'differs';
        return { source: s.source, key: m.key, label: m.label, scale: m.scale, stated: m.stated, inRows, imported, status };
      }),
    );
  }
}

/** 1234 at scale 2 → "12.34"; 4330 at scale 5 → "0.04330"; counts as they are. */
export function formatScaled(value: number, scale: Scale): string {
  if (scale === 0) return String(value);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const div = 10 ** scale;
  return `${sign}${Math.floor(abs / div)}.${(abs % div).toString().padStart(scale, '0')}`;
}

/** Parses a decimal yuan string ("4.33000", "-0.02", "0", "1,328.00") into an integer at `scale`, exactly. */
export function parseScaled(text: string, scale: Scale): number | null {
  const m = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) return null;
  const n = Number((m[2] ?? '').replace(/,/g, '') + frac.slice(0, scale).padEnd(scale, '0'));
  if (!Number.isSafeInteger(n)) return null;
  return m[1] === '-' && n !== 0 ? -n : n;
}

/**
 * Binary noise a spreadsheet's cached SUM leaves in a yuan total (898724.2800000004): far below a fen, far above
 * nothing. A value this close to a whole fen is that fen; anything further is a real fraction and is not read.
 */
const FEN_NOISE = 1e-6;

/** A stated total in fen (a statement's 合计 row), or why it cannot be read. */
export function statedFen(text: string, unit: 'yuan' | 'fen'): { ok: true; value: number } | { ok: false; reason: string } {
  const r = unit === 'fen' ? parseFen(text) : parseYuan(text);
  if (r.ok) return r;
  const n = unit === 'yuan' && /^-?\d+\.\d{3,}$/.test(text.trim()) ? Number(text) * 100 : NaN;
  if (Math.abs(n - Math.round(n)) < FEN_NOISE * 100) return { ok: true, value: Math.round(n) };
  return r;
}

/** The money columns a statement's total row states, in the keys detail rows add up to (RowBatcher, mapRow). */
export const TOTAL_MONEY = ['amount', 'fee', 'net_amount'] as const;

/**
 * A statement's total row (合计, 总计…): the count it states ("合计 12笔") and its amount, fee and net cells, in the
 * same keys, labels and source whichever format the statement came in (CSV, Excel, a profile). A money cell that
 * cannot be read is said in `unread`, so the total is never dropped without a word.
 */
export function totalRow(
  cells: readonly string[],
  line: number,
  money: Partial<Record<(typeof TOTAL_MONEY)[number], { index: number; unit: 'yuan' | 'fen' }>>,
): { statement: ControlStatement; unread: string[] } {
  const measures: StatedMeasure[] = [];
  const unread: string[] = [];
  const count = /(\d+)\s*笔/.exec(cells.join(' '));
  if (count) measures.push({ key: 'count', label: 'count (total row)', scale: 0, stated: Number(count[1]) });
  for (const k of TOTAL_MONEY) {
    const col = money[k];
    const text = col === undefined ? '' : (cells[col.index] ?? '').trim();
    if (col === undefined || text === '') continue;
    const v = statedFen(text, col.unit);
    if (v.ok) measures.push({ key: k, label: `${k} (total row)`, scale: 2, stated: v.value });
    else unread.push(`total row: ${k} "${text}" is not an amount (${v.reason}); that total is not checked`);
  }
  return { statement: { source: `total row, line ${line}`, measures }, unread };
}
