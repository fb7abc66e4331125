// Load: 50 laptops with different scopes sync incrementally at the same moment against one
// central PostgreSQL. All must succeed, each cache must stay healthy and hold only its scope.
// The figures (time, server cost) are printed; bench/load.ts writes them to bench/results.
import { describe, expect, it } from 'vitest';
import { runLoad } from '../support/security-load';

const LAPTOPS = Number(process.env.EPM_LOAD_LAPTOPS ?? 50);

describe('sync under load', () => {
  it(`${LAPTOPS} concurrent incremental syncs from different users all complete`, async () => {
    const r = await runLoad({ laptops: LAPTOPS, changes: 200, spotChecks: 5 });
    console.info('[sync-load]', JSON.stringify(r));
    expect(r.failures).toEqual([]);
    expect(r.modes.incremental).toBe(LAPTOPS);
    expect(r.unhealthyCaches).toEqual([]);
    expect(r.scopeViolations).toEqual([]);
    expect(r.checksumMismatches).toEqual([]);
    expect(r.directors).toBeGreaterThan(0);
    expect(r.managers).toBeGreaterThan(0);
  }, 180_000);
});
