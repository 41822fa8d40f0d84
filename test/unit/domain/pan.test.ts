import { describe, expect, it } from 'vitest';
import { luhnValid, maskCard, redactPans } from '../../../src/domain/pan.js';

describe('maskCard', () => {
  it.each([
    ['6225881234567894', '622588******7894'],
    ['6225 8812 3456 7894', '622588******7894'],
    ['6217001234567890123', '621700*********0123'],
    ['622588******7894', '622588******7894'],
    ['6225 88** **** 7894', '622588******7894'],
    ['****7894', '****7894'],
  ])('%s → %s', (input, masked) => {
    expect(maskCard(input)).toEqual({ masked, last4: masked.slice(-4) });
  });

  /** Regression: a card number copied from a slip, with its entry-mode letter (domain.md §2.5), was rejected. */
  it.each([
    ['621669*********9200 /C', '621669*********9200'],
    ['621669*********9200/I', '621669*********9200'],
    ['6225 88** **** 1234 I', '622588******1234'],
    ['6225881234567894 /s', '622588******7894'],
    ['****7894 /M', '****7894'],
  ])('reads the slip form %s as %s', (input, masked) => {
    expect(maskCard(input)).toEqual({ masked, last4: masked.slice(-4) });
  });

  it.each(['621669*********9200 /X', '621669*********9200C', 'C'])('still rejects %s', (input) => {
    expect('error' in maskCard(input)).toBe(true);
  });

  it('rejects text that is no card number, without echoing a long digit run', () => {
    const r = maskCard('62258812345x67894');
    expect('error' in r).toBe(true);
  });
});

describe('redactPans', () => {
  it('masks Luhn-valid 16-19 digit runs and keeps merchant ids, RRNs and order numbers', () => {
    const line = '898310154110001,214705912345,4111111111111111,20260308000000012345';
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(redactPans(line)).toBe('898310154110001,214705912345,411111******1111,20260308000000012345');
  });

  /**
   * Regression: only 16-19 digit runs were masked, so a 13-15 digit Visa, Diners, Amex or old JCB number typed
   * into a remark column was stored in full.
   */
  it.each([
    ['Visa 13', '4222222222222', '422222***2222'],
    ['Diners 14 (30)', '30569309025904', '305693****5904'],
    ['Diners 14 (36)', '36148900647913', '361489****7913'],
    ['Diners 14 (38)', '38520000023237', '385200****3237'],
    ['Amex 15 (34)', '341111111111111', '341111*****1111'],
    ['Amex 15 (37)', '378282246310005', '378282*****0005'],
    ['JCB 15 (1800)', '180000000000002', '180000*****0002'],
    ['JCB 15 (2131)', '213100000000001', '213100*****0001'],
    ['Diners 14 (39)', '39123456780001', '391234****0001'],
    ['Maestro 13 (5018)', '5018000000007', '501800***0007'],
    ['Maestro 15 (6759)', '675900000000005', '675900*****0005'],
  ])('masks a Luhn-valid %s card number in free text', (_brand, pan, masked) => {
    expect(luhnValid(pan)).toBe(true);
    expect(redactPans(`1,退款 卡号${pan}顾客来电,x`)).toBe(`1,退款 卡号${masked}顾客来电,x`);
  });

  it.each([
    ['a 15-digit UnionPay merchant id', '898310148160568'],
    ['a Luhn-valid 15-digit merchant id', '898310148160565'],
    ['13 digits starting with 4 that fail Luhn', '4222222222223'],
    ['15 digits starting with 37 that fail Luhn', '378282246310006'],
    ['15 Luhn-valid digits starting with 4 (no Visa has 15)', '412345678901233'],
    ['14 Luhn-valid digits starting with 34 (an Amex has 15)', '34123456789015'],
    ['a Luhn-valid 14-digit order number', '20260308123450'],
    ['a Luhn-valid 13-digit millisecond time', '1772950000003'],
  ])('keeps %s readable', (_what, id) => {
    expect(redactPans(`${id},${id}`)).toBe(`${id},${id}`);
  });

  it('masks a short card number at either end of the line, next to a longer one', () => {
    expect(redactPans('4222222222222 4111111111111111 378282246310005')).toBe('422222***2222 411111******1111 378282*****0005');
  });

  /**
   * Regression: any Luhn-valid 16-19 digit run was masked, so about one numeric order number in ten was starred in
   * the stored line while order_no showed it whole. Card numbers start 3, 4, 5, 6, 9, 2221-2720 or 81 (UnionPay).
   */
  it.each([
    ['a date-prefixed order number', '202603091000001232'],
    ['an order number starting 21', '2131000000000000001'],
    ['one starting 2220 (below the 2-series)', '2220000000000000'],
    ['one starting 2721 (above the 2-series)', '2721000000000004'],
    ['one starting 0', '0260309100000124'],
    ['one starting 1', '1000000000000008'],
    ['one starting 7', '7000000000000005'],
    ['one starting 89', '8900000000000004'],
  ])('keeps %s readable although it passes Luhn', (_what, id) => {
    expect(luhnValid(id)).toBe(true);
    expect(redactPans(`x,${id},y`)).toBe(`x,${id},y`);
  });

  it.each([
    ['Mastercard 2-series (2221)', '2221000000000009'],
    ['Mastercard 2-series (2720)', '2720990000000007'],
    ['UnionPay 81', '8171999927660000'],
    ['a domestic card starting 9', '9558801001114972'],
    ['JCB 35', '3530111333300000'],
  ])('still masks a Luhn-valid %s number', (_what, pan) => {
    expect(luhnValid(pan)).toBe(true);
    expect(redactPans(`x,${pan},y`)).toBe(`x,${pan.slice(0, 6)}******${pan.slice(-4)},y`);
  });

  it('masks a full card number given in the slip form as the known card value, even when it fails Luhn', () => {
    expect(redactPans('a,6225881234567800 /C,b', ['6225881234567800 /C'])).toBe('a,622588******7800 /C,b');
  });

  it('masks a known card value even when it fails Luhn', () => {
    expect(redactPans('a,6225881234567800,b', ['6225881234567800'])).toBe('a,622588******7800,b');
  });

  it.each([
    ['4-4-4-4 by spaces', '退款 4111 1111 1111 1111 已办', '退款 4111 11** **** 1111 已办'],
    ['4-4-4-4 by hyphens', 'card 4111-1111-1111-1111.', 'card 4111-11**-****-1111.'],
    ['Amex 4-6-5', '卡号 3782 822463 10005', '卡号 3782 82**** *0005'],
    ['Diners 4-6-4', '3056 930902 5904', '3056 93**** 5904'],
    ['19 digits 4-4-4-4-3', '6222 0202 0000 0000 006,x', '6222 02** **** ***0 006,x'],
  ])('masks a card number written in groups, %s, keeping its layout', (_layout, line, masked) => {
    expect(redactPans(line)).toBe(masked);
  });

  it.each([
    ['groups that fail Luhn', 'order 2026 0308 1234 5671'],
    ['a date and time', '2026-03-08 08:01:44,1234 5678'],
    ['separators that differ', '4111 1111-1111 1111'],
    ['five groups of four (20 digits)', '4111 1111 1111 1111 1111'],
    ['fixed-width fields that join into 16 digits', 'S56 123456 0308081532 x'],
  ])('keeps %s readable', (_what, line) => {
    expect(redactPans(line)).toBe(line);
  });
});
