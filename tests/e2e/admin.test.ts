// Persona: an administrator on a new laptop (empty cache). She starts a sync and watches its
// progress (rows, percentage, time left) — the central connection goes through a throttling proxy
// so the initial load lasts long enough to be watched — cancels it, runs another to completion,
// and sees this laptop's history and every laptop of the company with its last sync.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEurosRound } from '../../src-renderer/src/i18n/format';
import { gotoScreen, openApp, SCREEN_INDEX, type AppUnderTest } from '../support/e2e-app';
import {
  centralCaTtc,
  createE2eCentral,
  type E2eCentral,
  type Persona,
} from '../support/e2e-central';
import { startThrottleProxy, throughProxy, type ThrottleProxy } from '../support/e2e-throttle';

let central: E2eCentral;
let admin: Persona;
let director: Persona;
let proxy: ThrottleProxy;
let app: AppUnderTest;

beforeAll(async () => {
  central = await createE2eCentral('adm');
  // Another laptop of the company, synced earlier: it must appear in the admin's list.
  director = await central.persona({ prefix: 'dir', role: 'directeur', regions: ['R03'] });
  await central.sync(director);
  admin = await central.persona({ prefix: 'adm', role: 'admin' });
  // ~60 KB/s: the initial load of the small chain takes tens of seconds.
  proxy = await startThrottleProxy(60_000);
  app = await openApp({
    cachePath: admin.cachePath,
    userDataDir: central.dir,
    pgUrl: throughProxy(admin.url, proxy.port),
  });
});

afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await central?.cleanup();
});

describe('administrator', () => {
  it('starts on an empty cache: the dashboard says to synchronise', async () => {
    const { page } = app;
    await page
      .getByRole('heading', { name: 'Aucune donnée locale : lancez une synchronisation' })
      .waitFor();
  });

  it('watches a sync progress with rows, percentage and time left, and cancels it', async () => {
    const { page } = app;
    await gotoScreen(page, SCREEN_INDEX.sync);
    await page.getByRole('heading', { level: 1, name: 'Synchronisation' }).waitFor();
    await page.getByTestId('sync-start').click();
    const bar = page.getByTestId('sync-progress-bar');
    await bar.waitFor({ timeout: 30_000 });
    // Rows flowing, a percentage and an estimated time left.
    await expect
      .poll(async () => (await bar.textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/\d[\d\s]*\/\s*\d[\d\s]* lignes.*reste/);
    const value = Number(await bar.locator('progress').getAttribute('value'));
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(100);
    await expect.poll(() => page.getByTestId('status-sync').isVisible()).toBe(true);

    await page.getByTestId('sync-cancel').click();
    await expect
      .poll(() => page.getByTestId('sync-outcome').textContent(), { timeout: 30_000 })
      .toContain('Synchronisation annulée');
    await expect.poll(() => page.getByTestId('sync-history').textContent()).toContain('annulée');
  });

  it('runs another sync to completion and then sees the figures', async () => {
    const { page } = app;
    proxy.rate = Infinity;
    await page.getByTestId('sync-start').click();
    await expect
      .poll(() => page.getByTestId('sync-outcome').textContent(), { timeout: 120_000 })
      .toContain('Synchronisation réussie');
    const history = page.getByTestId('sync-history');
    await expect.poll(() => history.textContent()).toContain('réussie');
    expect(await history.textContent()).toContain('annulée');
    expect(await page.getByTestId('sync-last').textContent()).not.toContain('jamais');

    await gotoScreen(page, SCREEN_INDEX.dashboard);
    const expected = await centralCaTtc(central, { from: '2025-06-01', to: '2025-06-30' });
    await expect
      .poll(() => page.getByTestId('kpi-ca-value').textContent(), { timeout: 20_000 })
      .toBe(formatEurosRound(expected, 'fr-FR'));
  });

  it('sees every laptop of the company with its last sync', async () => {
    const { page } = app;
    await gotoScreen(page, SCREEN_INDEX.sync);
    await page.getByRole('heading', { level: 2, name: 'Postes de la société' }).waitFor();
    await page.getByRole('button', { name: 'Actualiser' }).click();
    const clients = page.getByTestId('sync-clients');
    await expect.poll(() => clients.textContent()).toContain(director.login);
    expect(await clients.textContent()).toContain(admin.login);
    const runs = await central.sql<{ login: string; status: string }>(
      'SELECT login, status FROM epm.sync_runs ORDER BY id',
    );
    expect(runs.map((r) => `${r.login}:${r.status}`)).toEqual([
      `${director.login}:succeeded`,
      `${admin.login}:cancelled`,
      `${admin.login}:succeeded`,
    ]);
  });

  it('imports a file: validation report first, then the confirmed import reaches the central database', async () => {
    const { page } = app;
    const file = join(central.dir, 'regions-outre-mer.csv');
    writeFileSync(file, 'code;nom\nR90;Outre-mer\nR91;Corse\n', 'utf8');
    await gotoScreen(page, SCREEN_INDEX.import);
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await page.getByTestId('import-path').fill(file);
    await page.getByTestId('import-kind').selectOption('regions');
    await page.getByTestId('import-validate').click();
    await expect
      .poll(() => page.getByTestId('import-status').textContent(), { timeout: 30_000 })
      .toContain('Fichier valide');
    // The dry run wrote nothing.
    expect(await central.sql(`SELECT 1 FROM regions WHERE code IN ('R90', 'R91')`)).toHaveLength(0);
    await page.getByTestId('import-confirm').click();
    await expect
      .poll(() => page.getByTestId('import-status').textContent(), { timeout: 30_000 })
      .toContain('Import terminé');
    const rows = await central.sql<{ code: string; nom: string }>(
      `SELECT code, nom FROM regions WHERE code IN ('R90', 'R91') ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: 'R90', nom: 'Outre-mer' },
      { code: 'R91', nom: 'Corse' },
    ]);
  });

  it('met no page error and no CSP violation', () => {
    expect(app.problems).toEqual([]);
  });
});
