// Every screen in French and English, light and dark: a screenshot (docs/screenshots/<screen>-
// <lang>-<theme>.png, looked at by a person for layout, truncation and readability) and an axe
// accessibility scan with no serious or critical violation. Also measures the dashboard's time to
// first full drawing and its redraw after a period change (reported, never a failure: the
// machines are shared).
import { join } from 'node:path';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeScan,
  gotoScreen,
  openApp,
  perfMarks,
  ROOT,
  SCREEN_INDEX,
  screenshot,
  setPreferences,
  type AppUnderTest,
  type AxeViolation,
  type Lang,
  type ScreenName,
  type Theme,
} from '../support/e2e-app';
import { createE2eCentral, type E2eCentral, type Persona } from '../support/e2e-central';
import { launchChromium } from './browser';

const COMBOS: [Lang, Theme][] = [
  ['fr', 'light'],
  ['fr', 'dark'],
  ['en', 'light'],
  ['en', 'dark'],
];
const IMPORT_FIXTURE = join(ROOT, 'tests/fixtures/import/02-receipts-unknown-store.csv');

let central: E2eCentral;
let admin: Persona;
let browser: Browser;
let app: AppUnderTest;
const violations: { where: string; v: AxeViolation }[] = [];

beforeAll(async () => {
  central = await createE2eCentral('scr');
  admin = await central.persona({ prefix: 'adm', role: 'admin' });
  await central.sync(admin);
  browser = await launchChromium();
  app = await openApp({
    cachePath: admin.cachePath,
    userDataDir: central.dir,
    pgUrl: admin.url,
    browser,
  });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await central?.cleanup();
});

async function scan(page: Page, where: string): Promise<void> {
  for (const v of await axeScan(page)) violations.push({ where, v });
}

/** Brings a screen to a representative state and waits for it to be drawn. */
async function prepare(page: Page, screen: ScreenName): Promise<void> {
  switch (screen) {
    case 'dashboard':
      await page.getByTestId('kpi-cards').waitFor();
      await page.waitForFunction(
        () =>
          (window as { __epmPerf?: { dashboardDrawnMs: number | null } }).__epmPerf
            ?.dashboardDrawnMs != null,
      );
      break;
    case 'consolidation':
      await page.getByTestId('consolidation-tree').waitFor();
      // One region open on its stores.
      await page
        .getByTestId('consolidation-tree')
        .locator('tr[data-key="region:1"] .tree-toggle')
        .click();
      break;
    case 'simulator':
      await page.getByTestId('whatif-group').waitFor();
      if ((await page.getByTestId('lever-0').count()) === 0) {
        await page.getByTestId('add-lever-scope').click();
        await page.getByTestId('lever-0-region').selectOption('R01');
        await page.getByTestId('lever-0-price').fill('4');
        await page.getByTestId('lever-0-volume').fill('2');
      }
      await page.waitForFunction(
        () =>
          !document
            .querySelector('[data-testid=whatif-status]')
            ?.textContent?.match(/Calcul|Computing|Chargement|Loading/),
      );
      break;
    case 'analyses':
      await page.getByTestId('abc-class-A').waitFor();
      break;
    case 'reports':
      await page.getByTestId('report-consolidation').waitFor();
      break;
    case 'sync':
      await page.getByTestId('sync-clients').waitFor();
      break;
    case 'import':
      await page.getByTestId('import-path').fill(IMPORT_FIXTURE);
      await page.getByTestId('import-validate').click();
      await page.getByTestId('import-report').waitFor({ timeout: 30_000 });
      break;
    case 'settings':
      await expect
        .poll(() => page.getByTestId('settings-identity').textContent())
        .toContain(admin.login);
      break;
    case 'first-run':
      break;
  }
}

describe('screens', () => {
  for (const [lang, theme] of COMBOS) {
    it(`every screen in ${lang}/${theme}: screenshot and accessibility scan`, async () => {
      const { page } = app;
      await setPreferences(page, lang, theme);
      for (const [screen, index] of Object.entries(SCREEN_INDEX) as [ScreenName, number][]) {
        await gotoScreen(page, index);
        await prepare(page, screen);
        await screenshot(page, screen, lang, theme);
        await scan(page, `${screen}-${lang}-${theme}`);
      }
      // The drill-down dialog over the dashboard.
      await gotoScreen(page, SCREEN_INDEX.dashboard);
      await prepare(page, 'dashboard');
      await page.getByTestId('org-table').locator('tbody tr').first().getByRole('button').click();
      await page.getByTestId('drill-children').waitFor();
      await screenshot(page, 'drill', lang, theme);
      await scan(page, `drill-${lang}-${theme}`);
      await page.keyboard.press('Escape');
    });
  }

  it('the first-run screen in both languages and themes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'epm-e2e-first-'));
    const fresh = await openApp({
      cachePath: join(dir, 'cache.sqlite'),
      userDataDir: dir,
      browser,
    });
    try {
      for (const [lang, theme] of COMBOS) {
        await setPreferences(fresh.page, lang, theme);
        await fresh.page.getByTestId('first-run').waitFor();
        await screenshot(fresh.page, 'first-run', lang, theme);
        await scan(fresh.page, `first-run-${lang}-${theme}`);
      }
      // The company-server path: test, save; the password never reaches the disk in clear.
      await setPreferences(fresh.page, 'fr', 'light');
      const page = fresh.page;
      await page.getByRole('radio', { name: /Serveur de la société/ }).check();
      const u = new URL(admin.url);
      await page.getByTestId('conn-host').fill(u.hostname);
      await page.getByTestId('conn-port').fill(u.port || '5432');
      await page.getByTestId('conn-database').fill(u.pathname.slice(1));
      await page.getByTestId('conn-login').fill(admin.login);
      await page.getByTestId('conn-password').fill('Tr3s-S3cret!');
      await page.getByRole('button', { name: 'Tester la connexion' }).click();
      await page.getByText(`Connexion réussie : ${admin.login} (administrateur)`).waitFor();
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByRole('heading', { level: 1, name: 'Synchronisation' }).waitFor();
      for (const f of readdirSync(dir)) {
        if (statSync(join(dir, f)).isFile())
          expect(readFileSync(join(dir, f), 'latin1')).not.toContain('Tr3s-S3cret');
      }
      expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).connection.mode).toBe(
        'central',
      );
      expect(fresh.problems).toEqual([]);
    } finally {
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has no serious or critical accessibility violation', () => {
    expect(
      violations.map(
        (x) => `${x.where}: ${x.v.id} (${x.v.impact}) ${x.v.help} ${x.v.nodes.join(', ')}`,
      ),
    ).toEqual([]);
  });

  it('draws the dashboard quickly and redraws it on a period change (reported)', async () => {
    const { page } = app;
    await setPreferences(page, 'fr', 'light');
    await gotoScreen(page, SCREEN_INDEX.dashboard);
    await page.reload();
    await page.waitForFunction(
      () =>
        (window as { __epmPerf?: { dashboardDrawnMs: number | null } }).__epmPerf
          ?.dashboardDrawnMs != null,
    );
    for (let i = 1; i <= 5; i++) {
      await page.getByTestId('period-prev').click();
      await page.waitForFunction(
        (n) =>
          ((window as { __epmPerf?: { periodChanges: number[] } }).__epmPerf?.periodChanges
            .length ?? 0) >= n,
        i,
      );
    }
    const marks = await perfMarks(page);
    console.info(
      `[perf] dashboard drawn ${marks.dashboardDrawnMs?.toFixed(0)} ms after load (budget 1500); period changes ${marks.periodChanges.map((m) => m.toFixed(0)).join(', ')} ms (budget 200)`,
    );
    expect(marks.dashboardDrawnMs).not.toBeNull();
    expect(marks.periodChanges).toHaveLength(5);
  });

  it('met no page error and no CSP violation', () => {
    expect(app.problems).toEqual([]);
  });
});
