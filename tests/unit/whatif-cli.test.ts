// `epm whatif` and `epm scenario …` end to end on a fixture cache: JSON shape, exit codes and
// messages (1 for a bad scenario with the field path, 2 for usage), the saved-scenario workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src-main/cli/framework';
import { commands } from '../../src-main/cli/commands/index';
import { WHATIF_MEASURES } from '../../src-shared/domain/scenario';
import { buildWhatIfCache } from '../fixtures/whatif/cache';

let dir: string;
let cache: string;

async function epm(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(commands, argv, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    stderrIsTTY: false,
    env: {},
  });
  return { code, out, err };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const SCENARIO = {
  name: 'Hausse prix alimentaire',
  baseline: { from: '2025-01-01', to: '2025-03-31' },
  levers: [
    {
      scope: { region: 'R1', category: 'ALIM' },
      price_pct: 0.05,
      volume_pct: 0,
      cost_pct: 0.02,
      elasticity: -1.2,
    },
    { type: 'close_store', store: 2, from: '2025-03-01', transfer_pct: 0.3 },
    {
      type: 'open_store',
      like_store: 1,
      region: 'R2',
      from: '2025-02-01',
      size_factor: 0.8,
      ramp_up_months: 2,
      cannibalisation_pct: 0.05,
    },
  ],
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'epm-whatif-cli-'));
  cache = join(dir, 'cache.sqlite');
  buildWhatIfCache(cache).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('epm whatif', () => {
  it('--json prints elapsed_ms and rows with base_, scen_, delta_ of every measure', async () => {
    const r = await epm(
      'whatif',
      '--cache',
      cache,
      '--scenario',
      file('s.json', SCENARIO),
      '--level',
      'store',
      '--json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(typeof out.elapsed_ms).toBe('number');
    expect(out.rows.map((x: { id: number | null; code: string | null }) => x.id ?? x.code)).toEqual(
      [1, 2, 3, 4, 'open_store:2'],
    );
    for (const row of out.rows) {
      expect(row.level).toBe('store');
      for (const m of WHATIF_MEASURES) {
        for (const p of ['base_', 'scen_', 'delta_']) expect(row).toHaveProperty(`${p}${m}`);
      }
    }
    const store2 = out.rows[1];
    expect(store2.scen_ca_ttc).toBeLessThan(store2.base_ca_ttc);
    expect(store2.delta_ca_ttc).toBeCloseTo(store2.scen_ca_ttc - store2.base_ca_ttc, 2);
    expect(out.rows[4].base_ca_ttc).toBe(0);
    expect(out.rows[4].base_taux_marge).toBeNull();
  });

  it('prints a French table without --json', async () => {
    const r = await epm(
      'whatif',
      '--cache',
      cache,
      '--scenario',
      file('s.json', SCENARIO),
      '--level',
      'region',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('Scénario « Hausse prix alimentaire »');
    expect(r.out).toContain('CA TTC scénario');
    expect(r.out).toContain('R1 Nord');
    expect(r.out).toContain('Effet prix');
  });

  it('a wrong scenario exits 1 naming the field; usage errors exit 2', async () => {
    const bad = {
      ...SCENARIO,
      levers: [{ type: 'close_store', store: 2, from: '2025-03-01', transfer_pct: 1.3 }],
    };
    let r = await epm('whatif', '--cache', cache, '--scenario', file('bad.json', bad));
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'epm whatif: invalid scenario: levers[0].transfer_pct: must be between 0 and 1\n',
    );
    r = await epm(
      'whatif',
      '--cache',
      cache,
      '--scenario',
      file('bad2.json', { ...SCENARIO, levers: [{ scope: { region: 'R9' } }] }),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('levers[0].scope.region: unknown region "R9"');
    r = await epm('whatif', '--cache', cache, '--scenario', file('broken.json', '{ "name": '));
    expect(r.code).toBe(1);
    expect(r.err).toContain('is not valid JSON');
    r = await epm('whatif', '--cache', cache, '--scenario', join(dir, 'missing.json'));
    expect(r.code).toBe(1);
    r = await epm('whatif', '--cache', cache);
    expect(r.code).toBe(2);
    expect(r.err).toContain('give --scenario FILE.json or --saved NAME');
    r = await epm(
      'whatif',
      '--cache',
      cache,
      '--scenario',
      file('s.json', SCENARIO),
      '--level',
      'rayon',
    );
    expect(r.code).toBe(2);
  });
});

describe('epm scenario', () => {
  it('save, list, show, compare, rename, clone, history, delete', async () => {
    const path = file('s.json', SCENARIO);
    expect((await epm('scenario', 'save', path, '--cache', cache)).out).toContain(
      'Enregistré : « Hausse prix alimentaire » (version 1',
    );
    const second = file('s2.json', {
      ...SCENARIO,
      name: 'Volume +3 %',
      levers: [{ scope: {}, volume_pct: 0.03 }],
    });
    expect((await epm('scenario', 'save', second, '--cache', cache)).code).toBe(0);
    const list = JSON.parse((await epm('scenario', 'list', '--cache', cache, '--json')).out);
    expect(list.scenarios.map((s: { name: string }) => s.name)).toEqual([
      'Hausse prix alimentaire',
      'Volume +3 %',
    ]);
    const shown = JSON.parse(
      (await epm('scenario', 'show', 'Volume +3 %', '--cache', cache, '--json')).out,
    );
    expect(shown.scenario.levers).toEqual([
      { type: 'scope', scope: {}, price_pct: 0, volume_pct: 0.03, cost_pct: 0 },
    ]);

    const cmp = await epm(
      'scenario',
      'compare',
      'Hausse prix alimentaire',
      'Volume +3 %',
      '--cache',
      cache,
      '--level',
      'region',
      '--json',
    );
    expect(cmp.code).toBe(0);
    const comparison = JSON.parse(cmp.out);
    expect(comparison.scenarios).toEqual(['Hausse prix alimentaire', 'Volume +3 %']);
    expect(comparison.rows[0].scenarios[1].scen.ca_ttc).toBeCloseTo(
      comparison.rows[0].base.ca_ttc * 1.03,
      1,
    );
    expect((await epm('scenario', 'compare', 'Volume +3 %', '--cache', cache)).code).toBe(2);

    const saved = await epm('whatif', '--cache', cache, '--saved', 'volume +3 %', '--json');
    expect(JSON.parse(saved.out).rows[0].delta_pct_unites).toBeCloseTo(0.03, 10);

    expect(
      (await epm('scenario', 'rename', 'Volume +3 %', 'Volume +3', '--cache', cache)).code,
    ).toBe(0);
    expect((await epm('scenario', 'clone', 'Volume +3', 'Copie', '--cache', cache)).code).toBe(0);
    const history = JSON.parse(
      (await epm('scenario', 'history', 'Volume +3', '--cache', cache, '--json')).out,
    );
    expect(history.versions.map((v: { name: string }) => v.name)).toEqual([
      'Volume +3',
      'Volume +3 %',
    ]);
    const exported = await epm('scenario', 'export', 'Copie', '--cache', cache);
    expect(JSON.parse(exported.out)).toMatchObject({
      name: 'Copie',
      levers: [{ volume_pct: 0.03 }],
    });
    expect((await epm('scenario', 'delete', 'Copie', '--cache', cache)).out).toContain(
      'Supprimé : « Copie »',
    );
    const missing = await epm('scenario', 'show', 'Copie', '--cache', cache);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no saved scenario named "Copie"');
    expect((await epm('scenario', 'show', '--cache', cache)).code).toBe(2);
  });

  it('refuses to save a scenario that does not fit the cache', async () => {
    const r = await epm(
      'scenario',
      'save',
      file('x.json', {
        ...SCENARIO,
        name: 'X',
        levers: [{ type: 'close_store', store: 42, from: '2025-03-01' }],
      }),
      '--cache',
      cache,
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('levers[0].store: unknown store 42');
  });
});
