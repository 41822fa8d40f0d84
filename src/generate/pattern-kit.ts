import type { Category } from '../domain/categories.js';
import type { Card } from './cards.js';
import { attempt, type Attempt, type SettleSpec } from './model.js';
import type { Rng } from './rng.js';

export interface PatternContext {
  rng: Rng;
  day: number;
  days: number;
  /** The pattern's own card: unique to this instance. */
  card: Card;
  /** Instance number within its kind; used to alternate variants (超时 vs 冲正失败, …). */
  index: number;
}

/** Which day an instance may be placed on. */
export type DayRule = 'any' | 'last' | 'not-last';

export interface PatternDef {
  /** A truth category, or a descriptive name for a non-case that must not be reported. */
  kind: string;
  days: DayRule;
  build(ctx: PatternContext): Attempt[];
}

const MINUTE = 60;

/**
 * Injected amounts always end in .88 fen and background amounts never do, so even a matcher that ignored the card
 * could not pair a background sale with a pattern row.
 */
export function injectedAmount(rng: Rng, minYuan = 1, maxYuan = 4_999): number {
  return rng.int(minYuan, maxYuan) * 100 + 88;
}

/** Daytime start of a pattern: late enough that follow-ups (void up to +90 min) stay before 22:30. */
export function baseTime(rng: Rng): number {
  return rng.int(9 * 3600, 20 * 3600);
}

/** 23:00:00–23:58:59: past the acquirer's cut-off, so the transaction belongs to the next clearing date. */
export function lateTime(rng: Rng): number {
  return rng.int(23 * 3600, 23 * 3600 + 58 * MINUTE + 59);
}

export function minutesLater(rng: Rng, from: number, minMinutes: number, maxMinutes: number): number {
  return from + rng.int(minMinutes * MINUTE, maxMinutes * MINUTE);
}

/** An approved sale at a daytime base, on the pattern's card with a .88 amount. */
export function baseSale(ctx: PatternContext, extra: Partial<Attempt> = {}): Attempt {
  return attempt({ day: ctx.day, time: baseTime(ctx.rng), card: ctx.card, amountFen: injectedAmount(ctx.rng), ...extra });
}

/** A full void of `sale` later the same day (voids are only possible within the batch, domain.md §4.4). */
export function voidOf(ctx: PatternContext, sale: Attempt, settle: SettleSpec | null, extra: Partial<Attempt> = {}): Attempt {
  return attempt({
    day: sale.day,
    time: minutesLater(ctx.rng, sale.time, 5, 90),
    card: sale.card,
    amountFen: sale.amountFen,
    kind: 'void',
    origin: sale,
    settle,
    ...extra,
  });
}

/** A new attempt with the same card and amount a few minutes later: what a clerk does after no reply. */
export function reswipe(ctx: PatternContext, first: Attempt, minMinutes: number, maxMinutes: number): Attempt {
  return attempt({
    day: first.day,
    time: minutesLater(ctx.rng, first.time, minMinutes, maxMinutes),
    card: first.card,
    amountFen: first.amountFen,
  });
}

export function truth(category: Category, note: string): Pick<Attempt, 'truth'> {
  return { truth: { category, note } };
}
