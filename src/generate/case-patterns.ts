import { attempt, settled } from './model.js';
import { baseSale, injectedAmount, lateTime, reswipe, truth, voidOf, type PatternDef } from './pattern-kit.js';

/**
 * One pattern per truth category (except journal_not_imported, which is a whole terminal: see unimported.ts).
 * Each builds exactly one attempt that carries the truth, cited by its own trace number.
 */
export const CASE_PATTERNS: readonly PatternDef[] = [
  {
    kind: 'missing_in_settlement',
    days: 'any',
    build: (ctx) => [
      baseSale(ctx, { settle: null, ...truth('missing_in_settlement', 'approved sale (00, RRN) absent from the settlement file') }),
    ],
  },
  {
    // Only the last day: on any other day a sale after 23:00 simply settles in the next file (see late_sale).
    kind: 'pending_settlement',
    days: 'last',
    build: (ctx) => [
      attempt({
        day: ctx.day,
        time: lateTime(ctx.rng),
        card: ctx.card,
        amountFen: injectedAmount(ctx.rng),
        ...truth('pending_settlement', 'approved after the 23:00 cut-off on the last day; its clearing file is not generated'),
      }),
    ],
  },
  {
    kind: 'timeout_but_settled',
    days: 'any',
    build: (ctx) => {
      const outcome = ctx.index % 2 === 0 ? 'timeout' : 'reversal_failed';
      return [baseSale(ctx, { outcome, ...truth('timeout_but_settled', `terminal shows ${label(outcome)} with no RRN, acquirer settled it`) })];
    },
  },
  {
    kind: 'duplicate_charge',
    days: 'any',
    build: (ctx) => {
      const outcome = ctx.index % 2 === 0 ? 'reversal_failed' : 'timeout';
      const first = baseSale(ctx, {
        outcome,
        ...truth('duplicate_charge', `${label(outcome)} attempt settled, and the approved re-swipe settled too`),
      });
      return [first, reswipe(ctx, first, 1, 8)];
    },
  },
  {
    // The terminal used the trace (the journal shows a gap there) but the row itself is gone.
    kind: 'missing_on_terminal',
    days: 'any',
    build: (ctx) => [baseSale(ctx, { inJournal: false, ...truth('missing_on_terminal', 'settled line with no journal row') })],
  },
  {
    kind: 'amount_mismatch',
    days: 'any',
    build: (ctx) => {
      const sale = baseSale(ctx, truth('amount_mismatch', 'settled with the same RRN and trace but a smaller amount'));
      // Keeps the .88 ending, so the settled amount is still distinct from every background amount.
      const journalFen = injectedAmount(ctx.rng, 100, 4_999);
      const settledFen = journalFen - ctx.rng.int(1, 50) * 100;
      return [{ ...sale, amountFen: journalFen, settle: settled(settledFen) }];
    },
  },
  {
    kind: 'void_not_honored',
    days: 'any',
    build: (ctx) => {
      const sale = baseSale(ctx);
      return [sale, voidOf(ctx, sale, null, truth('void_not_honored', 'approved void, but the voided sale settled and no void line did'))];
    },
  },
];

function label(outcome: 'timeout' | 'reversal_failed'): string {
  return outcome === 'timeout' ? '超时' : '冲正失败';
}
