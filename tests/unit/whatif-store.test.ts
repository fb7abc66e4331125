// Saved scenarios in the cache: save (new version + history), rename, clone, delete, list, get.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCache, type CacheDb } from '../../src-main/core/cache/database';
import {
  cloneScenario,
  deleteScenario,
  getScenario,
  listScenarios,
  renameScenario,
  saveScenario,
  scenarioHistory,
} from '../../src-main/core/whatif/scenario-store';
import { parseScenario, type Scenario } from '../../src-shared/domain/scenario';

let dir: string;
let db: CacheDb;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'epm-whatif-store-'));
  db = openCache(join(dir, 'cache.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function scenario(name: string, price = 0.05): Scenario {
  const r = parseScenario({
    name,
    baseline: { from: '2025-01-01', to: '2025-12-31' },
    levers: [{ scope: { category: 'ALIM' }, price_pct: price }],
  });
  if (!r.ok) throw new Error('bad fixture');
  return r.scenario;
}

describe('saved scenarios', () => {
  it('saves, lists and reads back the scenario with its defaults filled in', () => {
    const saved = saveScenario(db, scenario('Hausse prix'));
    expect(saved).toMatchObject({ name: 'Hausse prix', version: 1 });
    expect(getScenario(db, 'hausse PRIX').scenario).toEqual(scenario('Hausse prix'));
    expect(listScenarios(db)).toEqual([
      expect.objectContaining({
        name: 'Hausse prix',
        version: 1,
        levers: 1,
        baseline: { from: '2025-01-01', to: '2025-12-31' },
      }),
    ]);
  });

  it('a save under an existing name makes a new version and keeps the previous one', () => {
    saveScenario(db, scenario('A', 0.05));
    expect(saveScenario(db, scenario('A', 0.05)).version).toBe(1); // unchanged: no new version
    const v2 = saveScenario(db, scenario('A', 0.07));
    expect(v2.version).toBe(2);
    const history = scenarioHistory(db, 'A');
    expect(history.map((h) => [h.version, h.replaced_at === null])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(history[1]!.scenario.levers[0]).toMatchObject({ price_pct: 0.05 });
    expect(getScenario(db, 'A').scenario.levers[0]).toMatchObject({ price_pct: 0.07 });
  });

  it('renames (name in the file too) and refuses a name already taken', () => {
    saveScenario(db, scenario('A'));
    saveScenario(db, scenario('B'));
    expect(() => renameScenario(db, 'A', 'b')).toThrow('a scenario named "B" already exists');
    const renamed = renameScenario(db, 'A', 'C');
    expect(renamed).toMatchObject({ name: 'C', version: 2 });
    expect(renamed.scenario.name).toBe('C');
    expect(scenarioHistory(db, 'C').map((h) => h.name)).toEqual(['C', 'A']);
    expect(() => getScenario(db, 'A')).toThrow('no saved scenario named "A"');
  });

  it('clones as a new scenario without history, and deletes with the history', () => {
    saveScenario(db, scenario('A', 0.05));
    saveScenario(db, scenario('A', 0.06));
    const copy = cloneScenario(db, 'A', 'A bis');
    expect(copy).toMatchObject({ name: 'A bis', version: 1 });
    expect(copy.scenario.levers).toEqual(getScenario(db, 'A').scenario.levers);
    expect(scenarioHistory(db, 'A bis')).toHaveLength(1);
    expect(() => cloneScenario(db, 'A', 'a BIS')).toThrow(/already exists/);
    expect(deleteScenario(db, 'a')).toEqual({ deleted: 'A' });
    expect(listScenarios(db).map((s) => s.name)).toEqual(['A bis']);
    expect(
      (db.prepare('SELECT count(*) AS n FROM scenario_history').get() as { n: number }).n,
    ).toBe(0);
    expect(() => deleteScenario(db, 'A')).toThrow(/no saved scenario/);
  });
});
