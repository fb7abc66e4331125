// Persona: a regional director (two regions, row-level security on the central database). She
// opens the dashboard, drills from a region to a store to its receipts and lines, builds a
// scenario, saves it, clones and changes it, and compares both. Figures are checked against plain
// SQL on the central database (DOMAIN.md §3) and against the what-if engine on her cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAnalyticsCache } from '../../src-main/core/analytics/ready';
import { compareScenarios, runWhatIf } from '../../src-main/core/whatif';
import {
  formatEuros,
  formatEurosRound,
  formatInteger,
  formatRange,
} from '../../src-renderer/src/i18n/format';
import { addDays, addMonths } from '../../src-renderer/src/lib/dates';
import { gotoScreen, openApp, SCREEN_INDEX, type AppUnderTest } from '../support/e2e-app';
import {
  centralCaTtc,
  centralTickets,
  createE2eCentral,
  type E2eCentral,
  type Persona,
} from '../support/e2e-central';

const REGIONS = ['R01', 'R02'];
const JUNE = { from: '2025-06-01', to: '2025-06-30' };

let central: E2eCentral;
let director: Persona;
let app: AppUnderTest;

beforeAll(async () => {
  central = await createE2eCentral('dir');
  director = await central.persona({ prefix: 'dir', role: 'directeur', regions: REGIONS });
  await central.sync(director);
  app = await openApp({
    cachePath: director.cachePath,
    userDataDir: central.dir,
    pgUrl: director.url,
  });
});

afterAll(async () => {
  await app?.close();
  await central?.cleanup();
});

/** Text of an element, with the narrow no-break spaces of fr-FR kept as they are. */
const text = async (sel: string) => (await app.page.locator(sel).first().textContent()) ?? '';

describe('regional director', () => {
  it('sees the KPIs of her two regions for the last month, equal to the central SQL', async () => {
    const { page } = app;
    await page.getByTestId('kpi-cards').waitFor();
    const expected = await centralCaTtc(central, { ...JUNE, regions: REGIONS });
    expect(expected).toBeGreaterThan(0);
    await expect
      .poll(() => text('[data-testid=kpi-ca-value]'))
      .toBe(formatEurosRound(expected, 'fr-FR'));
    // Her scope only: the regions table lists exactly her two regions.
    const rows = page.getByTestId('org-table').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    // The role was confirmed by the server (used for the admin-only features).
    await page.waitForFunction(
      () => document.querySelector('[data-testid=status-online]')?.textContent,
    );
  });

  it('drills from a region to a store, to its receipts and to the lines of one', async () => {
    const { page } = app;
    const stores = await central.sql<{ id: string; nom: string }>(
      `SELECT m.id, m.nom FROM magasins m JOIN regions r ON r.id = m.region_id WHERE r.code = 'R01'`,
    );
    await page
      .getByTestId('org-table')
      .getByRole('button', { name: /Île-de-France/ })
      .click();
    const drill = page.getByTestId('drill');
    await drill.getByTestId('drill-children').waitFor();
    expect(await drill.getByTestId('drill-children').locator('tbody tr').count()).toBe(
      stores.length,
    );

    // The first store (sorted by revenue, descending): its figure is the central one.
    const first = drill.getByTestId('drill-children').locator('tbody tr').first();
    const name = ((await first.locator('td').first().textContent()) ?? '').trim();
    const store = stores.find((s) => s.nom === name);
    expect(store).toBeDefined();
    const storeId = Number(store!.id);
    const storeCa = await centralCaTtc(central, { ...JUNE, store: storeId });
    expect(((await first.locator('td').nth(1).textContent()) ?? '').trim()).toBe(
      formatEurosRound(storeCa, 'fr-FR'),
    );

    await first.getByRole('button').click();
    await drill.getByTestId('drill-receipts').waitFor();
    const tickets = await centralTickets(central, { ...JUNE, store: storeId });
    await expect
      .poll(() => drill.getByTestId('drill-receipts-total').textContent())
      .toContain(`sur ${formatInteger(tickets, 'fr-FR')}`);

    const receipt = drill.getByTestId('drill-receipts').locator('tbody tr').first();
    const label = ((await receipt.locator('td').first().textContent()) ?? '').trim();
    const venteId = Number(label.replace(/\D/g, ''));
    await receipt.getByRole('button').click();
    await drill.getByTestId('drill-lines').waitFor();
    const lines = await central.sql<{ n: string; ca: string }>(
      'SELECT count(*) AS n, sum(quantite * prix_unitaire) AS ca FROM lignes_ventes WHERE vente_id = $1',
      [venteId],
    );
    expect(await drill.getByTestId('drill-lines').locator('tbody tr').count()).toBe(
      Number(lines[0]!.n),
    );
    expect(await drill.getByTestId('drill-lines-total').textContent()).toBe(
      formatEuros(Number(lines[0]!.ca), 'fr-FR'),
    );
    // Back up the breadcrumb, then close.
    await drill.getByRole('navigation').getByRole('button', { name: 'Île-de-France' }).click();
    await drill.getByTestId('drill-children').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => drill.isVisible()).toBe(false);
  });

  it('builds a scenario live, saves it, clones and changes it, and compares both', async () => {
    const { page } = app;
    await gotoScreen(page, SCREEN_INDEX.simulator);
    await page.getByRole('heading', { level: 1, name: 'Simulateur' }).waitFor();
    await page.getByTestId('scenario-name').waitFor();
    await page.getByTestId('scenario-name').fill('Hausse prix IDF');
    await page.getByTestId('add-lever-scope').click();
    await page.getByTestId('lever-0-region').selectOption('R01');
    await page.getByTestId('lever-0-price').fill('5');

    // Live result = the engine on the same cache.
    const db = openAnalyticsCache(director.cachePath);
    try {
      // The simulator's default baseline: the 12 months ending on the last day with sales.
      const last = (
        db.prepare('SELECT max(jour) AS d FROM agg_magasin_jour').get() as { d: string }
      ).d;
      const BASELINE = { from: addDays(addMonths(last, -12), 1), to: last };
      const scenarioA = {
        name: 'Hausse prix IDF',
        baseline: BASELINE,
        levers: [{ scope: { region: 'R01' }, price_pct: 0.05 }],
      };
      const a = runWhatIf(db, scenarioA, 'group').rows[0]!;
      await expect
        .poll(() => text('[data-testid=whatif-scen-ca_ttc]'), { timeout: 15_000 })
        .toBe(formatEurosRound(a.scen.ca_ttc!, 'fr-FR'));

      await page.getByTestId('scenario-save').click();
      await expect
        .poll(() => text('[data-testid=whatif-status]'))
        .toContain('enregistré sous « Hausse prix IDF »');

      await page.getByRole('button', { name: 'Dupliquer' }).click();
      await page.getByTestId('name-dialog-input').fill('Hausse prix IDF +10');
      await page.getByRole('button', { name: 'Valider' }).click();
      await expect
        .poll(() => page.getByTestId('scenario-name').inputValue())
        .toBe('Hausse prix IDF +10');
      await page.getByTestId('lever-0-price').fill('10');
      const scenarioB = {
        ...scenarioA,
        name: 'Hausse prix IDF +10',
        levers: [{ scope: { region: 'R01' }, price_pct: 0.1 }],
      };
      const b = runWhatIf(db, scenarioB, 'group').rows[0]!;
      await expect
        .poll(() => text('[data-testid=whatif-scen-ca_ttc]'), { timeout: 15_000 })
        .toBe(formatEurosRound(b.scen.ca_ttc!, 'fr-FR'));
      // A rate's gap in points (written here by hand), and no gap in % for it.
      const gap = (b.scen.taux_marge! - b.base.taux_marge!) * 100;
      const points = `${gap > 0 ? '+' : ''}${gap.toFixed(1).replace('.', ',')} pt`;
      const rate = page.locator('[data-testid=whatif-group] tr[data-measure=taux_marge] td');
      expect((await rate.nth(2).textContent())?.replace(/\u00a0/g, ' ')).toBe(points);
      expect(await rate.nth(3).textContent()).toBe('—');
      await page.getByTestId('scenario-save').click();
      await expect
        .poll(() => text('[data-testid=whatif-status]'))
        .toContain('enregistré sous « Hausse prix IDF +10 »');

      const saved = page.getByTestId('saved-scenarios');
      await saved.getByRole('checkbox', { name: 'Comparer Hausse prix IDF', exact: true }).check();
      await saved.getByRole('checkbox', { name: 'Comparer Hausse prix IDF +10' }).check();
      await page.getByTestId('compare-button').click();
      await page.getByTestId('comparison').waitFor();
      const cmp = compareScenarios(db, [scenarioA, scenarioB], 'group').rows[0]!;
      const cells = page.getByTestId('comparison').getByTestId('compare-ca_ttc');
      expect(await cells.count()).toBe(2);
      for (let i = 0; i < 2; i++) {
        expect(await cells.nth(i).textContent()).toContain(
          formatEurosRound(cmp.scenarios[i]!.scen.ca_ttc!, 'fr-FR'),
        );
      }
    } finally {
      db.close();
    }
  });

  it('works the consolidation tree from the keyboard', async () => {
    const { page } = app;
    await gotoScreen(page, SCREEN_INDEX.consolidation);
    const tree = page.getByTestId('consolidation-tree');
    await tree.waitFor();
    const rows = tree.locator('tbody tr.tree-row');
    expect(await rows.count()).toBe(3); // the total and her two regions
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe(
      'true',
    );
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-level'))).toBe('3');
    await page.keyboard.press('Enter');
    await page.getByTestId('drill').getByTestId('drill-receipts').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-level'))).toBe('2');
  });

  it('types a custom period as dd/mm/yyyy; a wrong day is refused and changes nothing', async () => {
    const { page } = app;
    await gotoScreen(page, SCREEN_INDEX.dashboard);
    await page.getByTestId('kpi-cards').waitFor();
    // The reference day reads the French way, whatever the browser's locale (en-US here).
    expect(await page.getByTestId('period-anchor').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await page.getByTestId('period-kind').selectOption('custom');
    const from = page.getByTestId('period-from');
    const to = page.getByTestId('period-to');
    await from.fill('01/06/2025');
    await from.press('Enter');
    await to.fill('15/06/2025');
    await to.press('Tab');
    const range = { from: '2025-06-01', to: '2025-06-15' };
    await expect
      .poll(() => page.getByTestId('period-resolved').textContent())
      .toContain(formatRange(range, 'fr-FR'));
    const expected = await centralCaTtc(central, { ...range, regions: REGIONS });
    expect(expected).toBeGreaterThan(0);
    await expect
      .poll(() => text('[data-testid=kpi-ca-value]'))
      .toBe(formatEurosRound(expected, 'fr-FR'));

    // 31 February: said so under the field, the period stays as it was.
    await to.fill('31/02/2025');
    await to.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe("Ce jour n'existe pas");
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('period-resolved').textContent()).toContain(
      formatRange(range, 'fr-FR'),
    );
    // After the data's last day (30 June 2025): the bound is named.
    await to.fill('01/07/2025');
    await to.press('Enter');
    await expect.poll(() => alert.textContent()).toBe('Au plus tard le 30/06/2025');
    // Escape puts the current day back; the arrow key moves it by one.
    await to.press('Escape');
    expect(await to.inputValue()).toBe('15/06/2025');
    expect(await to.getAttribute('aria-invalid')).toBeNull();
    await to.press('ArrowUp');
    await expect
      .poll(() => page.getByTestId('period-resolved').textContent())
      .toContain(formatRange({ from: '2025-06-01', to: '2025-06-16' }, 'fr-FR'));

    // Back to June for what follows.
    await page.getByTestId('period-kind').selectOption('month');
  });

  it('shows the year in progress to date, N-1 on the same dates; unticked, the whole year', async () => {
    const { page } = app;
    await page.getByTestId('period-kind').selectOption('year');
    // The data ends on 30 June 2025: 2025 is in progress, shown to date by default.
    const toDate = page.getByTestId('period-to-date');
    await toDate.waitFor();
    expect(await toDate.isChecked()).toBe(true);
    const half = { from: '2025-01-01', to: '2025-06-30' };
    await expect
      .poll(() => page.getByTestId('period-resolved').textContent())
      .toContain(`${formatRange(half, 'fr-FR')} (à date)`);
    const n1Half = await centralCaTtc(central, {
      from: '2024-01-01',
      to: '2024-06-30',
      regions: REGIONS,
    });
    const n1Year = await centralCaTtc(central, {
      from: '2024-01-01',
      to: '2024-12-31',
      regions: REGIONS,
    });
    expect(n1Year).toBeGreaterThan(n1Half);
    const n1Text = () => text('[data-testid=kpi-evol-n1] .kpi-sub');
    await expect.poll(n1Text).toContain(formatEurosRound(n1Half, 'fr-FR'));

    // Nothing after the year in progress; the year before has data.
    expect(await page.getByTestId('period-next').isDisabled()).toBe(true);
    expect(await page.getByTestId('period-prev').isDisabled()).toBe(false);

    await toDate.uncheck();
    await expect
      .poll(() => page.getByTestId('period-resolved').textContent())
      .toContain(formatRange({ from: '2025-01-01', to: '2025-12-31' }, 'fr-FR'));
    expect(await page.getByTestId('period-resolved').textContent()).not.toContain('à date');
    await expect.poll(n1Text).toContain(formatEurosRound(n1Year, 'fr-FR'));

    // June, whole and over, has nothing to cut: no box.
    await toDate.check();
    await page.getByTestId('period-kind').selectOption('month');
    await expect.poll(() => toDate.count()).toBe(0);
  });

  it('met no page error and no CSP violation', () => {
    expect(app.problems).toEqual([]);
  });
});
