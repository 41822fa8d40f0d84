/** A seeded pseudo-random stream. Never Math.random or the clock: the same options must give byte-identical files. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/**
 * sfc32 seeded from a hash of the whole key, e.g. createRng(seed, 'bg', terminal, day). Each purpose gets its own
 * stream, so adding an injected pattern never shifts the background rows of another terminal or day.
 */
export function createRng(...key: ReadonlyArray<number | string>): Rng {
  const seeder = splitmix32(hashKey(key));
  let a = seeder();
  let b = seeder();
  let c = seeder();
  let d = seeder();
  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs of sfc32 still carry structure from the seed words; discard them.
  for (let i = 0; i < 12; i++) nextU32();
  const next = (): number => nextU32() / 4294967296;
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick() from an empty list');
      return item;
    },
  };
}

/** FNV-1a over the key parts; numbers contribute both 32-bit halves so seeds above 2^32 still differ. */
function hashKey(key: ReadonlyArray<number | string>): number {
  let h = 0x811c9dc5;
  const mix = (word: number): void => {
    h = Math.imul(h ^ (word >>> 0), 0x01000193);
    h ^= h >>> 15;
  };
  for (const part of key) {
    if (typeof part === 'number') {
      const big = BigInt.asUintN(64, BigInt(Math.trunc(part)));
      mix(Number(big & 0xffffffffn));
      mix(Number(big >> 32n));
      mix(0x6e756d);
    } else {
      for (let i = 0; i < part.length; i++) mix(part.charCodeAt(i));
      mix(0x737472 ^ part.length);
    }
  }
  return h >>> 0;
}

function splitmix32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}
