import { describe, expect, it } from 'vitest';
import { luhnValid } from '../../../src/domain/pan.js';
import { backgroundCard, INJECTED_CARD_CAPACITY, injectedCard, maskPan } from '../../../src/generate/cards.js';
import { createRng } from '../../../src/generate/rng.js';

describe('cards', () => {
  it('makes Luhn-valid 16- and 19-digit background PANs outside the reserved 62258x BINs', () => {
    const rng = createRng(5, 'cards');
    const lengths = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const { pan } = backgroundCard(rng);
      expect(luhnValid(pan), pan).toBe(true);
      expect(pan.startsWith('62258')).toBe(false);
      lengths.add(pan.length);
    }
    expect([...lengths].sort()).toEqual([16, 19]);
  });

  it('gives every injected pattern its own masked card, ending in its id', () => {
    const masks = new Set<string>();
    for (let id = 0; id < 3_000; id++) {
      const card = injectedCard(9, id);
      expect(luhnValid(card.pan), card.pan).toBe(true);
      expect(card.pan.slice(-4)).toBe(String(id).padStart(4, '0'));
      masks.add(maskPan(card.pan));
    }
    expect(masks.size).toBe(3_000);
    expect(injectedCard(9, 0).pan.slice(0, 6)).toBe('622588');
    expect(injectedCard(9, 12_345).pan.slice(0, 6)).toBe('622580');
    expect(maskPan(injectedCard(9, INJECTED_CARD_CAPACITY - 1).pan)).not.toBe(maskPan(injectedCard(9, 0).pan));
  });

  it('alternates lengths and card types so fees cover both debit and credit', () => {
    const cards = [0, 1, 2, 3].map((id) => injectedCard(1, id));
    expect(cards.map((c) => c.pan.length)).toEqual([16, 19, 16, 19]);
    expect(cards.map((c) => c.type)).toEqual(['debit', 'debit', 'credit', 'credit']);
  });

  it.each([
    ['6225880000000000', '622588******0000'],
    ['6217001234567890123', '621700*********0123'],
  ])('masks %s as %s', (pan, masked) => {
    expect(maskPan(pan)).toBe(masked);
    expect(maskPan(pan)).toHaveLength(pan.length);
  });
});
