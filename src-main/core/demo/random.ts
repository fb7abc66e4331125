// Deterministic pseudo-randomness for the demo generator. Every draw is a pure function of
// (seed, stream, index): no hidden state, so any row can be regenerated on its own, in any order,
// and the SQL side (set-based, chunked) agrees with itself whatever the chunking.
//
// Two implementations of the same idea:
// - `uniform` in TypeScript, for the small reference tables (regions, stores, products);
// - `sqlUniform` for the big tables, built on PostgreSQL's hashint8extended(), a C hash that
//   is stable across platforms and versions (hash partitioning depends on it).

/** Stream numbers keep independent draws independent. One per decision, never reused. */
export const STREAM = {
  storeRegion: 1,
  storeSize: 2,
  storeGrowth: 3,
  storeSunday: 4,
  storeOpening: 5,
  storeName: 6,
  productPrice: 10,
  productMargin: 11,
  productName: 12,
  productLoss: 13,
  // SQL-side streams
  dayNoise: 20,
  phase: 21,
  pattern: 22,
  block: 23,
  line: 36,
  lineExtra: 37,
  anonymous: 24,
  client: 25,
  timeOfDay: 26,
  category: 27,
  product: 28,
  quantity: 29,
  returned: 30,
  promo: 31,
  promoRate: 32,
  anomaly: 33,
  objective: 34,
  storeAnon: 35,
} as const;

function mix32(h: number): number {
  // murmur3 finaliser: good avalanche for sequential inputs.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) determined by (seed, stream, index). */
export function uniform(seed: number, stream: number, index: number): number {
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(stream + 1, 0x27d4eb2f));
  h = mix32(h ^ (index >>> 0));
  h = mix32(h ^ Math.floor(index / 2 ** 32));
  const lo = mix32(h ^ 0x165667b1);
  // 53 bits of randomness from two 32-bit draws.
  return ((h >>> 5) * 67108864 + (lo >>> 6)) / 9007199254740992;
}

export function uniformInt(seed: number, stream: number, index: number, n: number): number {
  return Math.floor(uniform(seed, stream, index) * n);
}

export function pick<T>(seed: number, stream: number, index: number, items: readonly T[]): T {
  return items[uniformInt(seed, stream, index, items.length)]!;
}

/**
 * SQL expression for a uniform float8 in [0, 1) from a bigint expression and a stream.
 * 53 bits of the 64-bit hash, so the float conversion is exact and 1.0 is never reached.
 */
export function sqlUniform(seed: number, stream: number, indexExpr: string): string {
  const key = BigInt(seed) * 256n + BigInt(stream);
  return `(((hashint8extended((${indexExpr})::bigint, ${key}) >> 11) & 9007199254740991)::float8 / 9007199254740992.0)`;
}

/** SQL for a raw 64-bit hash of an index on a stream, to be split with `sqlSlot`. */
export function sqlHash(seed: number, stream: number, indexExpr: string): string {
  return `hashint8extended((${indexExpr})::bigint, ${BigInt(seed) * 256n + BigInt(stream)})`;
}

/**
 * One of three independent 21-bit uniforms in [0, 1) carved out of a 64-bit hash column: three
 * decisions for the price of one hash on the hot path (sale lines). 21 bits (1 in 2 million) is
 * ample resolution for rates of a percent.
 */
export function sqlSlot(hashExpr: string, slot: 0 | 1 | 2): string {
  return `(((${hashExpr}) >> ${21 * slot}) & 2097151)::float8 / 2097152.0`;
}
