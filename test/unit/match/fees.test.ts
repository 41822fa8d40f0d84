import { describe, expect, it } from 'vitest';
import { applyRate, formatRate, parseRate } from '../../../src/domain/rate.js';
import { cardTypeOf, channelOf, expectedFee, feeAtStakeFen, pricingOf, ruleFor, type RateRule } from '../../../src/match/fees.js';

const base: RateRule = {
  id: 1,
  merchantId: 'M',
  terminalId: null,
  channel: null,
  cardType: null,
  ratePpm: 6000,
  capFen: null,
  minFen: null,
  validFrom: '1970-01-01',
};

describe('parseRate', () => {
  it.each([
    ['0.55%', 5500],
    ['0.6%', 6000],
    ['0.0055', 5500],
    ['5.5‰', 5500],
    ['0.38 %', 3800],
    ['1%', 10000],
    ['0.0001%', 1],
    ['0', 0],
  ])('%s → %i ppm', (text, ppm) => {
    expect(parseRate(text)).toEqual({ ok: true, value: ppm });
  });

  it.each(['0.00001%', 'abc', '-0.5%', '101%', '0,55%', ''])('refuses %j', (text) => {
    expect(parseRate(text).ok).toBe(false);
  });

  /** Regression: "0.55" (meant as 0.55%) was stored as 55%. */
  it('refuses a rate no acquirer charges, suggesting the percent sign', () => {
    expect(parseRate('0.55')).toEqual({ ok: false, reason: expect.stringContaining('write 0.55% for 0.55%') });
    expect(parseRate('5%').ok).toBe(true);
    expect(parseRate('5.01%').ok).toBe(false);
  });

  it('formats back', () => {
    expect([5500, 6000, 10000, 1, 0].map(formatRate)).toEqual(['0.55%', '0.6%', '1%', '0.0001%', '0%']);
  });
});

describe('expected fee: round-half-up(amount × rate), minimum, cap (domain.md §6.4, §12.3)', () => {
  it.each([
    // amount fen, rate ppm, cap, min, expected fen — the first three are domain.md's worked examples
    [32800, 6000, null, null, 197], // 196.8 → 197
    [500000, 5500, 2000, null, 2000], // 2750 capped at 2000
    [8800, 3800, null, null, 33], // 33.44 → 33
    [25, 6000, null, null, 0], // 0.15 → 0
    [250, 6000, null, null, 2], // 1.5 → 2: half rounds up
    [249, 6000, null, null, 1], // 1.494 → 1
    [100, 5000, null, 10, 10], // 0.5 → 1, raised to the minimum 10
    [400000, 5000, 1800, null, 1800],
    [360100, 5000, 1800, null, 1800], // 1800.5 → 1801, capped
    [1e12, 6000, null, null, 6e9], // no float overflow on big amounts
  ])('%i fen × %i ppm (cap %s, min %s) = %i fen', (amount, ppm, cap, min, fee) => {
    expect(expectedFee(amount, { ...base, ratePpm: ppm, capFen: cap, minFen: min }).fen).toBe(fee);
    if (cap === null && min === null) expect(applyRate(amount, ppm)).toBe(fee);
  });

  it('writes the formula out', () => {
    expect(expectedFee(500000, { ...base, ratePpm: 5500, capFen: 2000 }).formula).toBe('round-half-up(5000.00 × 0.55%) = 27.50, capped at 20.00');
    expect(expectedFee(100, { ...base, ratePpm: 5000, minFen: 10 }).formula).toBe('round-half-up(1.00 × 0.5%) = 0.01, raised to the minimum 0.10');
  });
});

describe('ruleFor', () => {
  const rules: RateRule[] = [
    { ...base, id: 1, ratePpm: 6000 },
    { ...base, id: 2, cardType: 'debit', ratePpm: 5000, capFen: 2000 },
    { ...base, id: 3, cardType: 'debit', ratePpm: 4500, capFen: 1800, validFrom: '2026-03-09' },
    { ...base, id: 4, terminalId: 'T9', ratePpm: 3000 },
    { ...base, id: 5, merchantId: 'OTHER', ratePpm: 1 },
    { ...base, id: 6, channel: 'qr', ratePpm: 3800 },
  ];
  const line = { merchantId: 'M', terminalId: 'T1', txnDate: '2026-03-08', channel: 'card', cardType: 'debit' };
  it.each([
    ['a debit line before the new rate', line, 2],
    ['a debit line on the day the new rate starts', { ...line, txnDate: '2026-03-09' }, 3],
    ['a credit line: the merchant-wide rule', { ...line, cardType: 'credit' }, 1],
    ['a line of unknown card type: only "any" fits', { ...line, cardType: null }, 1],
    ['a terminal rule beats a card-type rule', { ...line, terminalId: 'T9' }, 4],
    ['a QR payment', { ...line, channel: 'qr', cardType: null }, 6],
    ['another merchant with no rule of its own', { ...line, merchantId: 'X' }, undefined],
    ['a line without merchant id', { ...line, merchantId: null }, undefined],
  ])('%s → rule %s', (_label, l, id) => {
    expect(ruleFor(rules, l)?.id).toBe(id);
  });
  it('a rule valid only from a later date does not apply', () => {
    expect(ruleFor([{ ...base, validFrom: '2027-01-01' }], line)).toBeUndefined();
  });
});

describe('card type and channel from the file', () => {
  it.each([
    ['借记卡', 'debit'],
    ['贷记卡', 'credit'],
    ['准贷记卡', 'credit'],
    ['DEBIT', 'debit'],
    ['外卡', 'foreign'],
    ['预付卡', null],
    [null, null],
  ])('%s → %s', (text, type) => {
    expect(cardTypeOf(text)).toBe(type);
  });
  it('QR wallets are the qr channel', () => {
    expect([channelOf('微信'), channelOf('支付宝'), channelOf('借记卡'), channelOf(null)]).toEqual(['qr', 'qr', 'card', 'card']);
  });
  it.each([
    ['a card line: its card type text decides', { feeFen: 500, cardType: '借记卡' }, { channel: 'card', cardType: 'debit' }],
    ['a card line naming a wallet', { feeFen: 500, cardType: '微信扫码' }, { channel: 'qr', cardType: null }],
    ['a WeChat line paid by debit card', { feeFen: 380, cardType: 'PSBC_DEBIT', walletBill: true }, { channel: 'qr', cardType: null }],
    ['a WeChat line paid by credit card', { feeFen: 380, cardType: 'CMB_CREDIT', walletBill: true }, { channel: 'qr', cardType: null }],
    ['an Alipay line (no card type)', { feeFen: 380, cardType: null, walletBill: true }, { channel: 'qr', cardType: null }],
  ])('%s is priced as %j', (_label, facts, priced) => {
    expect(pricingOf(facts)).toEqual(priced);
  });
});

describe('feeAtStakeFen: what a fee case puts at stake', () => {
  it.each([
    [1800, 2000, 200],
    [1200, 1199, 1],
    [650, 600, 50], // an undercharge counts at its size: the acquirer may claim it back
  ])('expected %i, charged %i → %i fen', (expectedFen, actualFen, stake) => {
    expect(feeAtStakeFen({ expectedFen, actualFen })).toBe(stake);
  });
});
