/**
 * A tiny seeded pseudo-random generator (mulberry32), so fixtures are the same on every run.
 */

/** A deterministic source of randomness. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** `true` with the given probability. */
  chance(probability: number): boolean;
}

/**
 * Creates a seeded generator: the same seed always yields the same sequence.
 * @example
 * const rng = createRandom(42);
 * rng.int(1, 6); // always the same first throw for seed 42
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T,>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('createRandom().pick needs a non-empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (probability) => next() < probability,
  };
}

/**
 * Hashes a string into a 32-bit seed (FNV-1a), to derive per-item generators from one seed.
 * @example
 * createRandom(hashSeed(`${seed}:${userId}`));
 */
export function hashSeed(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
