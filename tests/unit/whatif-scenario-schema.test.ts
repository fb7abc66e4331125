// The scenario file format: the issue's example parses, defaults are filled in, and every wrong
// scenario is rejected with the field path and the reason, syntactic (shared zod schema) or
// semantic (codes and dates checked against the cache's dimensions).
import { describe, expect, it } from 'vitest';
import { describeIssues, parseScenario } from '../../src-shared/domain/scenario';
import { scenarioIssues, validateScenario } from '../../src-main/core/whatif/validate';
import { isAppError } from '../../src-shared/errors';
import { twoStoreBaseline } from '../fixtures/whatif/two-stores';

const dims = twoStoreBaseline();
const BASELINE = { from: '2025-01-01', to: '2025-03-31' };

function messages(input: unknown): string {
  const r = parseScenario(input);
  if (r.ok) return describeIssues(scenarioIssues(r.scenario, dims));
  return describeIssues(r.issues);
}

const withLevers = (...levers: unknown[]) => ({ name: 'x', baseline: BASELINE, levers });

describe('scenario schema', () => {
  it('accepts the format of the issue and fills the defaults in', () => {
    const r = parseScenario({
      name: 'Hausse prix épicerie',
      baseline: { from: '2025-01-01', to: '2025-12-31' },
      levers: [
        {
          scope: { region: 'R01', category: 'C03' },
          price_pct: 0.05,
          volume_pct: 0,
          cost_pct: 0.02,
          elasticity: -1.2,
        },
        { type: 'close_store', store: 12, from: '2025-07-01', transfer_pct: 0.3 },
        {
          type: 'open_store',
          like_store: 7,
          region: 'R02',
          from: '2025-03-01',
          size_factor: 0.8,
          ramp_up_months: 6,
          cannibalisation_pct: 0.05,
        },
        { type: 'target', scope: { region: 'R01' }, objectif_pct: 0.03 },
      ],
      elasticities: { C03: -0.8 },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.levers[0]).toMatchObject({ type: 'scope', price_pct: 0.05 });
    const minimal = parseScenario(
      withLevers(
        { scope: { store: 1 }, price_pct: 0.1 },
        { type: 'close_store', store: 2, from: '2025-02-01' },
      ),
    );
    expect(minimal.ok && minimal.scenario.levers).toEqual([
      { type: 'scope', scope: { store: 1 }, price_pct: 0.1, volume_pct: 0, cost_pct: 0 },
      { type: 'close_store', store: 2, from: '2025-02-01', transfer_pct: 0 },
    ]);
  });

  it.each([
    [
      withLevers(
        { scope: {} },
        { type: 'close_store', store: 2, from: '2025-02-01', transfer_pct: 1.5 },
      ),
      'levers[1].transfer_pct: must be between 0 and 1',
    ],
    [
      withLevers({ price_pct: -1 }),
      'levers[0].price_pct: must be greater than -1 (a fraction: -0.1 = -10 %)',
    ],
    [withLevers({ price_pct: '5%' }), 'levers[0].price_pct: must be a number'],
    [withLevers({ price_pc: 0.05 }), 'levers[0].price_pc: unknown field'],
    [withLevers({ scope: { rayon: 'X' } }), 'levers[0].scope.rayon: unknown field'],
    [
      withLevers({ type: 'close' }),
      'levers[0].type: must be one of scope, close_store, open_store, target (absent = scope)',
    ],
    [withLevers({ type: 'close_store', from: '2025-02-01' }), 'levers[0].store: is required'],
    [
      withLevers({ type: 'close_store', store: 1, from: '2025-02-30' }),
      'levers[0].from: must be a date YYYY-MM-DD',
    ],
    [
      withLevers({
        type: 'open_store',
        like_store: 1,
        region: 'R1',
        from: '2025-02-01',
        ramp_up_months: 2.5,
      }),
      'levers[0].ramp_up_months: must be a whole number of months',
    ],
    [
      withLevers({
        type: 'open_store',
        like_store: 1,
        region: 'R1',
        from: '2025-02-01',
        size_factor: 0,
      }),
      'levers[0].size_factor: must be greater than 0',
    ],
    [withLevers({ scope: {}, elasticity: 0.5 }), 'levers[0].elasticity: must be between -10 and 0'],
    [
      withLevers({ type: 'target', scope: {} }),
      'levers[0]: give exactly one of objectif_pct or objectif_ca',
    ],
    [withLevers(42), 'levers[0]: must be an object'],
    [{ baseline: BASELINE }, 'name: is required'],
    [
      { name: 'x', baseline: { from: '2025-03-01', to: '2025-01-31' } },
      'baseline.to: must not be before from (2025-03-01)',
    ],
    [{ name: 'x', baseline: BASELINE, levers: {} }, 'levers: must be a list of levers'],
    [
      { name: 'x', baseline: BASELINE, elasticities: { ALIM: -20 } },
      'elasticities.ALIM: must be between -10 and 0',
    ],
  ])('syntax: %j → %s', (input, expected) => {
    expect(messages(input)).toBe(expected);
  });

  it.each([
    [
      withLevers({ scope: { region: 'R9' }, price_pct: 0.1 }),
      'levers[0].scope.region: unknown region "R9"',
    ],
    [withLevers({ scope: { store: 99 } }), 'levers[0].scope.store: unknown store 99'],
    [
      withLevers({ scope: { category: 'FRAIS' } }),
      'levers[0].scope.category: unknown category "FRAIS"',
    ],
    [
      withLevers({ scope: { region: 'R2', store: 2 } }),
      'levers[0].scope.store: store 2 is not in region R2',
    ],
    [
      withLevers({ type: 'close_store', store: 2, from: '2025-04-01' }),
      'levers[0].from: must be inside the baseline 2025-01-01..2025-03-31',
    ],
    [
      withLevers(
        { type: 'close_store', store: 2, from: '2025-02-01' },
        { type: 'close_store', store: 2, from: '2025-03-01' },
      ),
      'levers[1].store: store 2 is already closed by levers[0]',
    ],
    [
      withLevers({ type: 'open_store', like_store: 5, region: 'R3', from: '2024-12-01' }),
      'levers[0].like_store: unknown store 5; levers[0].region: unknown region "R3"; levers[0].from: must be inside the baseline 2025-01-01..2025-03-31',
    ],
    [
      withLevers({ type: 'target', scope: { store: 7 }, objectif_pct: 0.1 }),
      'levers[0].scope.store: unknown store 7',
    ],
    [
      { name: 'x', baseline: BASELINE, elasticities: { XYZ: -1 } },
      'elasticities.XYZ: unknown category "XYZ"',
    ],
  ])('against the cache: %j → %s', (input, expected) => {
    expect(messages(input)).toBe(expected);
  });

  it('refuses an opening modelled on a store that did not trade during the baseline', () => {
    const withDates = (dateOuverture: string | null, dateFermeture: string | null) => ({
      ...dims,
      stores: dims.stores.map((s) => (s.id === 1 ? { ...s, dateOuverture, dateFermeture } : s)),
    });
    const r = parseScenario(
      withLevers({ type: 'open_store', like_store: 1, region: 'R1', from: '2025-02-01' }),
    );
    if (!r.ok) throw new Error('fixture scenario should parse');
    expect(describeIssues(scenarioIssues(r.scenario, withDates(null, '2024-12-31')))).toBe(
      'levers[0].like_store: store 1 closed on 2024-12-31, before the baseline 2025-01-01..2025-03-31: choose a store that traded during it',
    );
    expect(describeIssues(scenarioIssues(r.scenario, withDates('2025-04-01', null)))).toBe(
      'levers[0].like_store: store 1 opens only on 2025-04-01, after the baseline 2025-01-01..2025-03-31: choose a store that traded during it',
    );
    // Trading for part of the baseline is enough.
    expect(scenarioIssues(r.scenario, withDates(null, '2025-02-15'))).toEqual([]);
  });

  it('refuses to close a store already closed in the cache', () => {
    const closed = {
      ...dims,
      stores: dims.stores.map((s) => (s.id === 2 ? { ...s, dateFermeture: '2025-02-01' } : s)),
    };
    const r = parseScenario(withLevers({ type: 'close_store', store: 2, from: '2025-03-01' }));
    expect(r.ok && describeIssues(scenarioIssues(r.scenario, closed))).toBe(
      'levers[0].store: store 2 is already closed on 2025-03-01 (date_fermeture 2025-02-01)',
    );
  });

  it('validateScenario throws a VALIDATION AppError listing every issue with its path', () => {
    try {
      validateScenario(
        withLevers(
          { scope: { region: 'R9' } },
          { type: 'close_store', store: 1, from: '2025-02-01', transfer_pct: 2 },
        ),
        dims,
      );
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('VALIDATION');
      expect((e as Error).message).toBe(
        'invalid scenario: levers[1].transfer_pct: must be between 0 and 1',
      );
      expect((e as { details: unknown }).details).toEqual({
        issues: [{ path: 'levers[1].transfer_pct', message: 'must be between 0 and 1' }],
      });
    }
  });
});
