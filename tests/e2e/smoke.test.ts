// Smoke test of the shell: the built renderer in Chromium, talking to the real core through the
// web harness (same dispatch as Electron). `npm run test:e2e` builds first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../src-main/core/cache/database';
import { startHarness, type Harness } from '../../src-main/harness/server';
import { launchChromium } from './browser';

const root = join(import.meta.dirname, '..', '..');
const version = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
).version;
const screenshots = join(root, 'docs', 'screenshots');

let tmp: string;
let cachePath: string;
let harness: Harness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const cspViolations: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'epm-e2e-'));
  cachePath = join(tmp, 'cache.sqlite');
  harness = await startHarness({ port: 0, cachePath, userDataDir: tmp });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'fr-FR' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(harness.url);
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('shell over the web harness', () => {
  it('starts on the first-run screen (nothing configured, no data), which can be left for later', async () => {
    await page.getByTestId('first-run').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Bienvenue dans EPM Retail' }).waitFor();
    expect(await page.getByRole('radio', { name: /Démonstration/ }).isChecked()).toBe(true);
    await page.getByTestId('first-run-later').click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  });

  it('shows the version obtained by a real IPC round trip', async () => {
    const status = page.getByTestId('status-version');
    await status.getByText(`Version ${version}`).waitFor();
    expect(await status.textContent()).toBe(`EPM Retail · Version ${version}`);
    // The token left the address bar (kept in sessionStorage for reloads).
    expect(page.url()).not.toContain('token=');
  });

  it('shows the cache status: path and never synchronised', async () => {
    const cache = page.getByTestId('status-cache');
    await cache.getByText('jamais synchronisé').waitFor();
    expect(await cache.textContent()).toContain(cachePath);
    expect(await cache.textContent()).toContain('fichier absent');
  });

  it('shows the dashboard empty state and leads to Synchronisation', async () => {
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    await page
      .getByRole('heading', { name: 'Aucune donnée locale : lancez une synchronisation' })
      .waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(
      true,
    );
    expect(await page.getByRole('main').isVisible()).toBe(true);
    expect(await page.getByRole('contentinfo').isVisible()).toBe(true);
    await page.screenshot({ path: join(screenshots, 'shell-fr-light.png') });

    await page.getByRole('button', { name: 'Aller à Synchronisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Synchronisation' }).waitFor();
    expect(await page.getByTestId('cache-path').textContent()).toBe(cachePath);
    expect(await page.getByTestId('cache-last-sync').textContent()).toBe('jamais synchronisé');
    // Focus moved to the new screen's title (keyboard and screen-reader users).
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });

  it('says in French that no central server is configured, and leads to Paramètres', async () => {
    await page.getByTestId('sync-start').click();
    const alert = page.getByRole('alert').filter({ hasText: 'Aucun serveur central' });
    await alert.waitFor();
    expect(await alert.locator('strong').textContent()).toBe(
      'Aucun serveur central n’est configuré sur ce poste : choisissez la démo ou le serveur de votre entreprise dans les Paramètres',
    );
    // The engine's own words stay below, for support.
    expect(await alert.locator('.notice-detail').textContent()).toMatch(/^no central database/);
    await alert.getByRole('button', { name: 'Ouvrir les Paramètres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
    // Nothing configured: no word about where a password would be kept.
    expect(await page.getByTestId('settings-connection').textContent()).toContain('Non configuré');
    expect(await page.getByTestId('settings-secret').count()).toBe(0);
  });

  it('switches screens with Ctrl+digit and the arrow keys in the navigation', async () => {
    await page.keyboard.press('Control+2');
    await page.getByRole('heading', { level: 1, name: 'Consolidation' }).waitFor();
    const nav = page.getByRole('navigation');
    await nav.getByRole('button', { name: 'Consolidation', exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Simulateur' }).waitFor();
    expect(
      await nav
        .getByRole('button', { name: 'Simulateur', exact: true })
        .getAttribute('aria-current'),
    ).toBe('page');
  });

  it('follows push events from main (menu navigation) over SSE', async () => {
    const heading = page.getByRole('heading', { level: 1, name: 'Import' });
    // The EventSource connects asynchronously: emit until the tab has received it.
    await expect
      .poll(
        async () => {
          harness.events.emit('app:navigate', { screen: 'import' });
          return heading.isVisible();
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true);
  });

  it('switches to English and dark theme, persisted across a reload', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: 'Paramètres', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByText('Dashboard')
        .isVisible(),
    ).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // Main is told the language (its menu, dialogs and the next start's Chromium locale).
    const told = () => {
      try {
        return (
          JSON.parse(readFileSync(join(tmp, 'settings.json'), 'utf8')) as { language?: string }
        ).language;
      } catch {
        return undefined;
      }
    };
    await expect.poll(told, { timeout: 5_000 }).toBe('en');
    await page.getByRole('radio', { name: 'Dark' }).check();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    await page.reload();
    await page.getByTestId('status-cache').getByText('never synchronised').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page
      .getByRole('navigation')
      .getByRole('button', { name: 'Synchronisation', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Synchronisation' }).waitFor();
    await page.getByRole('heading', { name: 'Local cache' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'shell-en-dark.png') });
  });

  it('refuses IPC without the token', async () => {
    const res = await fetch(`${harness.origin}/ipc/app:info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    // From the page too: a script without the token gets nothing.
    const status = await page.evaluate(async () => {
      const r = await fetch('/ipc/cache:status', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return r.status;
    });
    expect(status).toBe(401);
  });

  it('refreshes the cache status when main announces a change', async () => {
    // Simulate the end of a successful sync: the keys a sync writes in its final commit.
    const db = openCache(cachePath);
    db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?), (?, ?), (?, ?)').run(
      'checkpoint',
      'cp-1',
      'last_sync_at',
      '2025-03-31T23:30:00.000Z',
      'last_sync_mode',
      'initial',
    );
    db.close();
    await page
      .getByRole('navigation')
      .getByRole('button', { name: 'Dashboard', exact: true })
      .click();
    harness.events.emit('cache:changed', {});
    // 23:30 UTC on 31 March is 1 April in Paris (business time zone, DOMAIN.md §2).
    const lastSync = page.getByTestId('status-last-sync');
    await lastSync.getByText('Last sync: 1 Apr 2025, 01:30').waitFor();
    // Months old: its age is said and flagged (the figures are still shown).
    expect(await lastSync.textContent()).toMatch(/\(\d+ days ago\)$/);
    expect(await lastSync.getAttribute('class')).toBe('status-stale');
    expect(await lastSync.getAttribute('title')).toContain('more than 24 h old');
    // A synchronised cache without any sale in the scope says so (no endless loading).
    await page.getByRole('heading', { name: 'No sales in your scope' }).waitFor();
  });

  it('ran without CSP violations or page errors', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
