// The application under test: the real harness (same dispatch as Electron) on a persona's cache
// and central URL, the built renderer in Chromium, and the helpers the journeys share (navigate,
// screenshots, accessibility scan, performance marks).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHarness, type Harness } from '../../src-main/harness/server';
import { launchChromium } from '../e2e/browser';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

export type Lang = 'fr' | 'en';
export type Theme = 'light' | 'dark';

export interface AppUnderTest {
  harness: Harness;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Page errors and CSP violations seen so far (a journey ends by asserting none). */
  problems: string[];
  close(): Promise<void>;
}

export async function openApp(opts: {
  cachePath: string;
  userDataDir: string;
  pgUrl?: string;
  lang?: Lang;
  theme?: Theme;
  browser?: Browser;
}): Promise<AppUnderTest> {
  const harness = await startHarness({
    port: 0,
    cachePath: opts.cachePath,
    userDataDir: opts.userDataDir,
    ...(opts.pgUrl ? { pgUrl: opts.pgUrl } : {}),
  });
  const browser = opts.browser ?? (await launchChromium());
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  // Preferences before the first script runs (the view store reads them at start-up); only on
  // the first load of the tab, so that setPreferences() survives its reload.
  await context.addInitScript(
    ([lang, theme]) => {
      if (sessionStorage.getItem('epm.e2e.prefs')) return;
      sessionStorage.setItem('epm.e2e.prefs', '1');
      localStorage.setItem('epm.language', lang);
      localStorage.setItem('epm.theme', theme);
    },
    [opts.lang ?? 'fr', opts.theme ?? 'light'] as const,
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  await page.goto(harness.url);
  return {
    harness,
    browser,
    context,
    page,
    problems,
    async close() {
      await context.close();
      if (!opts.browser) await browser.close();
      await harness.close();
    },
  };
}

/** Changes language and theme the way a user would see them after a restart. */
export async function setPreferences(page: Page, lang: Lang, theme: Theme): Promise<void> {
  await page.evaluate(
    ([l, t]) => {
      localStorage.setItem('epm.language', l);
      localStorage.setItem('epm.theme', t);
    },
    [lang, theme] as const,
  );
  await page.reload();
  await page.waitForFunction(
    ([l, t]) => document.documentElement.lang === l && document.documentElement.dataset.theme === t,
    [lang, theme] as const,
  );
}

/** Navigates with Ctrl+<n> (the app's own shortcut; the labels depend on the language). */
export async function gotoScreen(page: Page, index: number): Promise<void> {
  await page.locator('body').focus();
  await page.keyboard.press(`Control+${index}`);
}

export const SCREEN_INDEX = {
  dashboard: 1,
  consolidation: 2,
  simulator: 3,
  analyses: 4,
  reports: 5,
  sync: 6,
  import: 7,
  settings: 8,
} as const;
export type ScreenName = keyof typeof SCREEN_INDEX | 'first-run' | 'drill';

export async function screenshot(
  page: Page,
  screen: ScreenName,
  lang: Lang,
  theme: Theme,
): Promise<void> {
  // Fonts and the last chart frame settle before the picture.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SCREENSHOTS, `${screen}-${lang}-${theme}.png`) });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core on the current page; returns the serious and critical violations. The script is
 * evaluated through the DevTools protocol: the app's CSP forbids inline scripts, and
 * page.addScriptTag would inject one (CDP evaluation is not subject to the page's CSP).
 */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }
    ).axe;
    return (await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    };
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
}

export interface PerfMarks {
  dashboardDrawnMs: number | null;
  periodChanges: number[];
}

export async function perfMarks(page: Page): Promise<PerfMarks> {
  return page.evaluate(
    () =>
      (window as unknown as { __epmPerf?: PerfMarks }).__epmPerf ?? {
        dashboardDrawnMs: null,
        periodChanges: [],
      },
  );
}
