import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Fraction, euros, ratio } from '../../src-main/core/analytics/fraction';
import {
  caHtCents,
  emptySums,
  isLikeForLike,
  objectifCents,
  toMeasures,
} from '../../src-main/core/analytics/measures';
import { bridgeOf } from '../../src-main/core/analytics/analyses/pvm';
import type { Store } from '../../src-main/core/analytics/hierarchy';

const store = (o: Partial<Store>): Store => ({
  id: 1,
  regionId: 1,
  nom: 'M',
  objectifCaCents: 36_500_00,
  dateOuverture: null,
  dateFermeture: null,
  ...o,
});

describe('exact money', () => {
  it('rounds halves away from zero, like PostgreSQL round(numeric)', () => {
    expect(Fraction.of(5, 2).round()).toBe(3n);
    expect(Fraction.of(-5, 2).round()).toBe(-3n);
    // 3 cents at 20 % VAT = 2.5 cents excl. VAT → 3 cents.
    expect(caHtCents({ ...emptySums(), caByRate: new Map([[2000, 3]]) }).round()).toBe(3n);
    expect(euros(Fraction.of(12345, 1))).toBe(123.45);
  });

  it('ratio is null on a zero denominator, never NaN or Infinity', () => {
    expect(ratio(Fraction.of(1), Fraction.ZERO)).toBeNull();
    const m = toMeasures({
      current: emptySums(),
      caTtcN1: 0,
      lfl: { current: 0, n1: 0 },
      objectif: Fraction.ZERO,
    });
    expect(m).toMatchObject({ ca_ttc: 0, ca_ht: 0, marge: 0, tickets: 0 });
    for (const k of [
      'taux_marge',
      'panier_moyen',
      'upt',
      'atteinte',
      'evol_n1',
      'evol_lfl',
    ] as const) {
      expect(m[k]).toBeNull();
    }
  });

  it('ca_ht sums exactly over VAT rates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100_000, max: 10_000_000 }), { minLength: 3, maxLength: 3 }),
        ([a, b, c]) => {
          const ht = caHtCents({
            ...emptySums(),
            caByRate: new Map([
              [550, a!],
              [1000, b!],
              [2000, c!],
            ]),
          });
          const expected = a! / 1.055 + b! / 1.1 + c! / 1.2;
          expect(Math.abs(ht.toNumber() - expected)).toBeLessThan(1e-6);
        },
      ),
    );
  });
});

describe('targets', () => {
  it('prorates the annual target by open days, year by year', () => {
    // 365 € a year on a non-leap year = 1 € a day; 2024 has 366 days.
    const s = store({ objectifCaCents: 36_500 });
    expect(euros(objectifCents([s], { from: '2023-01-01', to: '2023-01-10' }))).toBe(10);
    expect(objectifCents([s], { from: '2023-12-31', to: '2024-01-01' }).toNumber()).toBeCloseTo(
      100 + 36_500 / 366,
      9,
    );
    // Opened on the 5th (open that day), closed on the 8th (closed that day): open 5, 6, 7.
    const mid = store({
      objectifCaCents: 36_500,
      dateOuverture: '2023-01-05',
      dateFermeture: '2023-01-08',
    });
    expect(euros(objectifCents([mid], { from: '2023-01-01', to: '2023-01-10' }))).toBe(3);
    expect(objectifCents([mid], { from: '2023-02-01', to: '2023-02-10' }).isZero()).toBe(true);
  });

  it('like-for-like: open over the whole N-1 and current periods', () => {
    const cur = { from: '2024-03-01', to: '2024-03-31' };
    const n1 = { from: '2023-03-01', to: '2023-03-31' };
    expect(isLikeForLike(store({}), cur, n1)).toBe(true);
    expect(isLikeForLike(store({ dateOuverture: '2023-03-01' }), cur, n1)).toBe(true);
    expect(isLikeForLike(store({ dateOuverture: '2023-03-02' }), cur, n1)).toBe(false);
    expect(isLikeForLike(store({ dateFermeture: '2024-04-01' }), cur, n1)).toBe(true);
    expect(isLikeForLike(store({ dateFermeture: '2024-03-31' }), cur, n1)).toBe(false);
  });
});

describe('price-volume-mix bridge', () => {
  const product = fc.record({
    q0: fc.integer({ min: -5, max: 50 }),
    r0: fc.integer({ min: -10_000, max: 500_000 }),
    q1: fc.integer({ min: -5, max: 50 }),
    r1: fc.integer({ min: -10_000, max: 500_000 }),
  });

  it('parts add up exactly to the change, in cents', () => {
    fc.assert(
      fc.property(fc.array(product, { maxLength: 30 }), (products) => {
        const b = bridgeOf(products);
        const change = products.reduce((t, p) => t + p.r1 - p.r0, 0);
        expect(b.current - b.base).toBe(change);
        expect(b.volume + b.mix + b.prix + b.nouveaux + b.arretes + b.autres).toBe(change);
      }),
    );
  });

  it('pure volume, pure price and pure mix', () => {
    // Same prices, twice the units in the same proportions: all volume.
    expect(bridgeOf([{ q0: 10, r0: 1000, q1: 20, r1: 2000 }])).toMatchObject({
      volume: 1000,
      mix: 0,
      prix: 0,
    });
    // Same units, +10 % prices: all price.
    expect(bridgeOf([{ q0: 10, r0: 1000, q1: 10, r1: 1100 }])).toMatchObject({
      volume: 0,
      mix: 0,
      prix: 100,
    });
    // Same total units, shifted to the dearer product at unchanged prices: all mix.
    const b = bridgeOf([
      { q0: 10, r0: 1000, q1: 5, r1: 500 },
      { q0: 10, r0: 3000, q1: 15, r1: 4500 },
    ]);
    expect(b).toMatchObject({ volume: 0, mix: 1000, prix: 0 });
    expect(bridgeOf([{ q0: 0, r0: 0, q1: 3, r1: 300 }])).toMatchObject({ nouveaux: 300 });
  });
});
