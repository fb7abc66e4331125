// Properties of the what-if engine on random baselines (fast-check): no lever is the baseline
// exactly; scope levers compose by multiplication whatever their order; the price/volume/mix
// parts always add up to the revenue change; a live session after any sequence of edits gives
// exactly what a computation from scratch gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  WHATIF_LEVELS,
  WHATIF_MEASURES,
  type Lever,
  type Scenario,
  type WhatIfRow,
} from '../../src-shared/domain/scenario';
import { indexBaseline, type BaselineData } from '../../src-main/core/whatif/baseline';
import { evaluate, rowsOf } from '../../src-main/core/whatif/engine';
import { ScenarioSession } from '../../src-main/core/whatif/session';
import { scenarioIssues } from '../../src-main/core/whatif/validate';
import { baselineArb, leverArb } from '../fixtures/whatif/random';

const scenarioOf = (b: BaselineData, levers: Lever[]): Scenario => ({
  name: 'p',
  baseline: b.range,
  levers,
});
const valid = (b: BaselineData, levers: Lever[]) =>
  scenarioIssues(scenarioOf(b, levers), b).length === 0;

function allRows(b: BaselineData, levers: Lever[]): WhatIfRow[] {
  const ix = indexBaseline(b);
  const ev = evaluate(ix, scenarioOf(b, levers));
  return WHATIF_LEVELS.flatMap((l) => rowsOf(ix, ev, l));
}

const withLevers = (count: number) =>
  baselineArb.chain((b) => fc.tuple(fc.constant(b), fc.array(leverArb(b), { maxLength: count })));

describe('what-if properties', () => {
  it('no lever reproduces the baseline exactly (equality, not closeness)', () => {
    fc.assert(
      fc.property(baselineArb, (b) => {
        for (const row of allRows(b, [])) {
          expect(row.scen).toEqual(row.base);
          expect(row.pvm).toEqual({ prix: 0, volume: 0, mix: 0 });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('scope levers commute: any order gives the same figures', () => {
    const scopeOnly = baselineArb.chain((b) =>
      fc.tuple(
        fc.constant(b),
        fc.array(
          leverArb(b).filter((l) => l.type === 'scope'),
          { minLength: 2, maxLength: 5 },
        ),
        fc.nat(),
      ),
    );
    fc.assert(
      fc.property(scopeOnly, ([b, levers, shift]) => {
        const k = shift % levers.length;
        const rotated = [...levers.slice(k), ...levers.slice(0, k)].reverse();
        const a = allRows(b, levers);
        const r = allRows(b, rotated);
        a.forEach((row, i) => {
          for (const m of WHATIF_MEASURES) {
            const x = row.scen[m];
            const y = r[i]!.scen[m];
            if (x === null || y === null) expect(x).toBe(y);
            // Rounded to the cent: a product computed in another order may land on the other
            // side of a half cent.
            else expect(Math.abs(x - y)).toBeLessThanOrEqual(0.0100001 + 1e-9 * Math.abs(x));
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('prix + volume + mix = delta of ca_ttc on every row, and base + delta = scen', () => {
    fc.assert(
      fc.property(withLevers(6), ([b, levers]) => {
        fc.pre(valid(b, levers));
        for (const row of allRows(b, levers)) {
          const parts =
            Math.round(row.pvm.prix * 100) +
            Math.round(row.pvm.volume * 100) +
            Math.round(row.pvm.mix * 100);
          expect(parts).toBe(Math.round(row.delta.ca_ttc! * 100));
          expect(Math.round((row.base.ca_ttc! + row.delta.ca_ttc!) * 100)).toBe(
            Math.round(row.scen.ca_ttc! * 100),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a session after random edits equals a computation from scratch, bit for bit', () => {
    const edits = baselineArb.chain((b) =>
      fc.tuple(
        fc.constant(b),
        fc.array(leverArb(b), { maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.option(leverArb(b), { nil: null })), {
          minLength: 1,
          maxLength: 6,
        }),
      ),
    );
    fc.assert(
      fc.property(edits, ([b, initial, steps]) => {
        fc.pre(valid(b, initial));
        const ix = indexBaseline(b);
        const session = new ScenarioSession(ix, scenarioOf(b, initial));
        for (const [at, lever] of steps) {
          const levers = session.current.levers;
          if (lever === null) {
            if (levers.length === 0) continue;
            session.removeLever(at % levers.length);
          } else {
            const index = at % (levers.length + 1);
            const next = [...levers];
            next[index] = lever;
            if (!valid(b, next)) continue;
            const update = session.updateLever(index, lever);
            expect(update.elapsed_ms).toBeGreaterThanOrEqual(0);
          }
          const scratch = evaluate(ix, session.current);
          for (const level of WHATIF_LEVELS)
            expect(session.rows(level)).toEqual(rowsOf(ix, scratch, level));
        }
      }),
      { numRuns: 120 },
    );
  });
});
