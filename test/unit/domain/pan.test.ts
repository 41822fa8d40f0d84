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

  it('masks a known card value even when it fails Luhn', () => {
    expect(redactPans('a,6225881234567800,b', ['6225881234567800'])).toBe('a,622588******7800,b');
  });
});
