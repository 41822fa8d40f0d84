import type { IsoDate } from '../domain/dates.js';
import { backgroundSales } from './background.js';
import { Emitter, type EmitterSinks, type TerminalState } from './emitter.js';
import { terminalId, type Attempt } from './model.js';
import type { ResolvedOptions } from './options.js';
import { layoutPatterns, patternsAt, type Shape } from './placement.js';
import { createRng, type Rng } from './rng.js';
import { unimportedCardId, unimportedDay } from './unimported.js';

/**
 * Writes every row, terminal by terminal and day by day, so the journal comes out sorted by terminal then time and
 * each settlement file by terminal then time as well. Returns the emitter, which holds the counts and the truth.
 */
export async function writeScenario(o: ResolvedOptions, dates: readonly IsoDate[], sinks: EmitterSinks): Promise<Emitter> {
  const shape: Shape = { seed: o.seed, terminals: o.terminals, days: o.days, perDay: o.perDay };
  const layout = layoutPatterns(shape);
  const emitter = new Emitter(sinks, dates, createRng(o.seed, 'host'));
  // The second terminal (or the only one) starts just below 999999, so its trace numbers wrap within the scenario.
  const wrapping = Math.min(1, o.terminals - 1);

  for (let t = 0; t < o.terminals; t++) {
    const term = openTerminal(o.seed, t, t === wrapping);
    // Attempts a pattern scheduled for a later day (a next-day refund); at most a handful.
    let carried: Attempt[] = [];
    for (let d = 0; d < o.days; d++) {
      emitter.startDay(term);
      const planned = [...carried, ...patternsAt(layout, shape, t, d)];
      carried = planned.filter((a) => a.day > d);
      const injected = planned.filter((a) => a.day === d).sort((x, y) => x.time - y.time);
      const background = backgroundSales(createRng(o.seed, 'bg', t, d), d, o.perDay);
      const rng = createRng(o.seed, 'emit', t, d);
      for (const a of mergeByTime(injected, background)) await emitter.emit(term, a, rng);
    }
  }

  const extra = openTerminal(o.seed, o.terminals, false);
  for (let d = 0; d < o.days; d++) {
    emitter.startDay(extra);
    const rng = createRng(o.seed, 'emit', o.terminals, d);
    for (const a of unimportedDay(o.seed, d, unimportedCardId(layout.nextId, d))) await emitter.emit(extra, a, rng);
  }
  return emitter;
}

function openTerminal(seed: number, index: number, wraps: boolean): TerminalState {
  const rng: Rng = createRng(seed, 'terminal', index);
  const batch = rng.int(1, 999);
  // startDay and the first attempt add 2–5, so the wrapping terminal's first trace is 999990–999997.
  const trace = wraps ? rng.int(999_988, 999_992) : rng.int(1, 899_999);
  return { id: terminalId(index), trace, batch };
}

/** Merges the (small, sorted) injected list into the lazy background stream; ties go to the injected attempt. */
function* mergeByTime(injected: readonly Attempt[], background: Iterator<Attempt>): Generator<Attempt> {
  let i = 0;
  let bg = background.next();
  while (!bg.done || i < injected.length) {
    const next = injected[i];
    if (next && (bg.done || next.time <= bg.value.time)) {
      i++;
      yield next;
    } else if (!bg.done) {
      yield bg.value;
      bg = background.next();
    }
  }
}
