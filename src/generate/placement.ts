import { injectedCard } from './cards.js';
import { CASE_PATTERNS } from './case-patterns.js';
import type { Attempt } from './model.js';
import type { DayRule, PatternDef } from './pattern-kit.js';
import { createRng } from './rng.js';
import { TRAP_PATTERNS } from './trap-patterns.js';

export const ALL_PATTERNS: readonly PatternDef[] = [...CASE_PATTERNS, ...TRAP_PATTERNS];

export interface Shape {
  seed: number;
  terminals: number;
  days: number;
  perDay: number;
}

/** Where the instances of one pattern kind go: instance k on terminal (tBase + k) mod T and a day per its rule. */
export interface Placement {
  def: PatternDef;
  count: number;
  tBase: number;
  dBase: number;
  /** Card id of instance 0; instance k uses firstId + k, so every instance in the scenario has its own card. */
  firstId: number;
}

export interface Layout {
  placements: readonly Placement[];
  /** First card id not used by a pattern (the unimported terminal takes its cards from here). */
  nextId: number;
}

/**
 * Instances of each pattern kind in the whole scenario: never fewer than two (the acceptance bar for every category),
 * more for busier terminals, but capped. A whole kind can land on one terminal-day (1 terminal × 1 day), and all of a
 * terminal-day's patterns are held in memory at once, like the truth cases: the cap keeps both bounded.
 */
export const MAX_INSTANCES = 250;

export function instanceCount(perDay: number): number {
  return Math.min(MAX_INSTANCES, Math.max(2, Math.round(perDay / 40)));
}

export function layoutPatterns(shape: Shape): Layout {
  let nextId = 0;
  const placements = ALL_PATTERNS.map((def) => {
    const rng = createRng(shape.seed, 'place', def.kind);
    const count = def.days === 'not-last' && shape.days < 2 ? 0 : instanceCount(shape.perDay);
    const placement: Placement = {
      def,
      count,
      tBase: rng.int(0, shape.terminals - 1),
      dBase: rng.int(0, shape.days - 1),
      firstId: nextId,
    };
    nextId += count;
    return placement;
  });
  return { placements, nextId };
}

/**
 * The attempts of every pattern instance placed on (terminal, day). Built on demand per terminal-day, so memory
 * holds one day's patterns, never the whole scenario's. Attempts may fall on a later day (a next-day refund).
 */
export function patternsAt(layout: Layout, shape: Shape, terminal: number, day: number): Attempt[] {
  const out: Attempt[] = [];
  for (const p of layout.placements) {
    const first = mod(terminal - p.tBase, shape.terminals);
    for (let k = first; k < p.count; k += shape.terminals) {
      if (dayOf(p.def.days, p.dBase + k, shape.days) !== day) continue;
      const ctx = {
        rng: createRng(shape.seed, 'pattern', p.def.kind, k),
        day,
        days: shape.days,
        card: injectedCard(shape.seed, p.firstId + k),
        index: k,
      };
      out.push(...p.def.build(ctx));
    }
  }
  return out;
}

function dayOf(rule: DayRule, spread: number, days: number): number {
  switch (rule) {
    case 'any':
      return spread % days;
    case 'last':
      return days - 1;
    case 'not-last':
      return spread % (days - 1);
  }
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}
