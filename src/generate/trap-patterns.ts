import { attempt, settled } from './model.js';
import { baseSale, baseTime, injectedAmount, lateTime, minutesLater, reswipe, voidOf, type PatternDef } from './pattern-kit.js';

/** Real CUPS declines (domain.md §3.2). The no-reply codes (98, 94, 68, A0) are left out: they mean "unknown". */
const DECLINE_CODES = ['51', '55', '05', '61', '14', '54', '97', '03', '57', '91'] as const;

/**
 * Non-cases: situations a correct reconciler must NOT report. Each looks like one of the truth categories at a
 * glance, which is the point.
 */
export const TRAP_PATTERNS: readonly PatternDef[] = [
  {
    kind: 'decline',
    days: 'any',
    build: (ctx) => {
      const code = ctx.rng.pick(DECLINE_CODES);
      const decline = baseSale(ctx, { outcome: 'declined', declineCode: code, settle: null });
      // After a wrong PIN the cardholder re-enters it: same card and amount, approved, settled once.
      return code === '55' ? [decline, reswipe(ctx, decline, 1, 3)] : [decline];
    },
  },
  {
    // The reversal reached the host, so only the re-swipe settles.
    kind: 'reversed_reswipe',
    days: 'any',
    build: (ctx) => {
      const first = baseSale(ctx, { outcome: 'reversed', settle: null });
      return [first, reswipe(ctx, first, 1, 3)];
    },
  },
  {
    // Two slips, two RRNs, two auth codes: a real second purchase, not a duplicate (domain.md §4.3).
    kind: 'repeat_sale',
    days: 'any',
    build: (ctx) => {
      const first = baseSale(ctx);
      return [first, reswipe(ctx, first, 2, 10)];
    },
  },
  {
    // Same-batch void: many acquirers net the pair to zero and list neither leg.
    kind: 'void_unsettled',
    days: 'any',
    build: (ctx) => {
      const sale = baseSale(ctx, { settle: null });
      return [sale, voidOf(ctx, sale, null)];
    },
  },
  {
    kind: 'void_settled',
    days: 'any',
    build: (ctx) => {
      const sale = baseSale(ctx);
      return [sale, voidOf(ctx, sale, settled(sale.amountFen))];
    },
  },
  {
    // Refund of an earlier sale, next day when there is one; partial refunds are allowed (domain.md §4.4).
    kind: 'refund',
    days: 'any',
    build: (ctx) => {
      const sale = baseSale(ctx);
      const nextDay = ctx.day + 1 < ctx.days;
      const time = nextDay ? baseTime(ctx.rng) : minutesLater(ctx.rng, sale.time, 10, 60);
      const refundFen = sale.amountFen - ctx.rng.int(0, Math.floor(sale.amountFen / 200)) * 100;
      const refund = attempt({
        day: nextDay ? ctx.day + 1 : ctx.day,
        time,
        card: sale.card,
        amountFen: refundFen,
        kind: 'refund',
        origin: sale,
      });
      return [sale, refund];
    },
  },
  {
    // After the cut-off on a day that is not the last: it settles in the next day's file, which exists.
    kind: 'late_sale',
    days: 'not-last',
    build: (ctx) => [attempt({ day: ctx.day, time: lateTime(ctx.rng), card: ctx.card, amountFen: injectedAmount(ctx.rng) })],
  },
  {
    kind: 'settled_without_rrn',
    days: 'any',
    build: (ctx) => {
      const sale = baseSale(ctx);
      return [{ ...sale, settle: settled(sale.amountFen, { rrn: true }) }];
    },
  },
  {
    kind: 'settled_without_rrn_or_batch',
    days: 'any',
    build: (ctx) => {
      const sale = baseSale(ctx);
      return [{ ...sale, settle: settled(sale.amountFen, { rrn: true, batch: true }) }];
    },
  },
];
