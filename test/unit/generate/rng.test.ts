import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/generate/rng.js';

const draw = (key: Array<number | string>, n = 20): number[] => {
  const rng = createRng(...key);
  return Array.from({ length: n }, () => rng.int(0, 1_000_000));
};

describe('createRng', () => {
  it('repeats the same stream for the same key', () => {
    expect(draw([42, 'bg', 3, 1])).toEqual(draw([42, 'bg', 3, 1]));
  });

  it.each([
    [[42, 'bg', 3, 1], [43, 'bg', 3, 1]],
    [[42, 'bg', 3, 1], [42, 'bg', 1, 3]],
    [[42, 'bg', 3, 1], [42, 'emit', 3, 1]],
    [[2 ** 32, 'x'], [0, 'x']],
    [[-1, 'x'], [1, 'x']],
    [['ab', 'c'], ['a', 'bc']],
  ])('gives independent streams for %j and %j', (a, b) => {
    expect(draw(a)).not.toEqual(draw(b));
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const v = rng.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => createRng(1).pick([])).toThrow(/empty/);
  });
});
