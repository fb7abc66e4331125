// The interface language beyond the renderer: main is told it (settings:set-language), keeps it
// in settings.json for the next start's Chromium locale, and the glue's own texts (native menu,
// file dialog, sync notifications) follow it.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CHROMIUM_LOCALES, LANGUAGES } from '../../src-shared/domain/language';
import { SCREENS } from '../../src-shared/ipc/screens';
import type { HandlerContext, PlatformHooks } from '../../src-main/core/ipc/context';
import { invokeTyped } from '../../src-main/core/ipc/dispatch';
import { createPushEvents } from '../../src-main/core/ipc/push-events';
import { stateOf } from '../../src-main/core/ipc/services/state';
import {
  readSettings,
  settingsPath,
  writeSettings,
} from '../../src-main/core/ipc/services/settings-store';
import { menuTemplate, type MenuActions } from '../../src-main/electron/menu';
import { electronPlatform } from '../../src-main/electron/platform';
import { wireSyncFeedback } from '../../src-main/electron/sync-feedback';

const tmp = mkdtempSync(join(tmpdir(), 'epm-language-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ctxWith = (platform?: PlatformHooks): HandlerContext => ({
  cachePath: join(tmp, 'c.sqlite'),
  userDataDir: join(tmp, `ud-${Math.random()}`),
  transport: platform ? 'electron' : 'harness',
  events: createPushEvents(),
  ...(platform ? { platform } : {}),
});
const setLanguage = (input: unknown, ctx: HandlerContext) =>
  invokeTyped('settings:set-language', input, ctx, { logError: () => undefined });

describe('a settings.json that cannot be read right now', () => {
  it('changes nothing: the language is not saved, the stored password is not forgotten', async () => {
    const ctx = ctxWith();
    stateOf(ctx).secrets.write('postgres://u:p@h/epm');
    mkdirSync(settingsPath(ctx.userDataDir), { recursive: true }); // unreadable as a file
    const lang = await setLanguage({ language: 'en' }, ctx);
    expect(lang.ok ? null : lang.error.message).toMatch(/cannot read .*not saved/);
    const forget = await invokeTyped('settings:forget-connection', undefined, ctx, {
      logError: () => undefined,
    });
    expect(forget.ok ? null : forget.error.message).toMatch(/cannot read .*not saved/);
    expect(stateOf(ctx).secrets.read()).toBe('postgres://u:p@h/epm');
  });
});

describe('settings:set-language', () => {
  it('keeps the language in settings.json, beside what was there', async () => {
    const ctx = ctxWith();
    writeSettings(ctx.userDataDir, { setupDone: true });
    expect(readSettings(ctx.userDataDir).language).toBeNull();
    const r = await setLanguage({ language: 'en' }, ctx);
    expect(r).toEqual({ ok: true, value: { language: 'en', restartNeeded: false } });
    const file = JSON.parse(readFileSync(settingsPath(ctx.userDataDir), 'utf8')) as {
      language: string;
      setupDone: boolean;
    };
    expect(file.language).toBe('en');
    expect(file.setupDone).toBe(true);
    // Told again at every start: an unchanged language writes nothing.
    const before = readFileSync(settingsPath(ctx.userDataDir), 'utf8');
    utimesSync(settingsPath(ctx.userDataDir), 0, 0);
    await setLanguage({ language: 'en' }, ctx);
    expect(statSync(settingsPath(ctx.userDataDir)).mtimeMs).toBe(0);
    expect(readFileSync(settingsPath(ctx.userDataDir), 'utf8')).toBe(before);
  });

  it('tells the desktop glue and says when Chromium runs in another language', async () => {
    const languageChanged = vi.fn();
    const ctx = ctxWith({ launchLanguage: 'fr', languageChanged });
    expect(await setLanguage({ language: 'fr' }, ctx)).toMatchObject({
      ok: true,
      value: { restartNeeded: false },
    });
    expect(await setLanguage({ language: 'en' }, ctx)).toMatchObject({
      ok: true,
      value: { language: 'en', restartNeeded: true },
    });
    expect(languageChanged.mock.calls).toEqual([['fr'], ['en']]);
    // Back to the language Chromium started with: nothing to restart for.
    expect(await setLanguage({ language: 'fr' }, ctx)).toMatchObject({
      ok: true,
      value: { restartNeeded: false },
    });
  });

  it('refuses an unknown language or extra fields and writes nothing', async () => {
    const ctx = ctxWith();
    for (const input of [{ language: 'de' }, { language: 'en', extra: 1 }, {}, 'en', null]) {
      const r = await setLanguage(input, ctx);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
    expect(readSettings(ctx.userDataDir).language).toBeNull();
  });

  it('reads a damaged language as none without losing the rest of the file', () => {
    const dir = join(tmp, 'damaged');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      settingsPath(dir),
      JSON.stringify({ connection: { mode: 'demo', display: null }, language: 'klingon' }),
    );
    const s = readSettings(dir);
    expect(s.language).toBeNull();
    expect(s.connection.mode).toBe('demo');
  });

  it('has a Chromium locale for every language', () => {
    for (const l of LANGUAGES) expect(CHROMIUM_LOCALES[l]).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    expect(CHROMIUM_LOCALES.fr).toBe('fr-FR');
  });
});

describe('native texts follow the language', () => {
  type Item = { label?: string; accelerator?: string; submenu?: Item[]; type?: string };
  const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
  const actions = (language?: MenuActions['language']): MenuActions => ({
    dev: true,
    isMac: false,
    ...(language ? { language } : {}),
    navigate: vi.fn(),
    about: vi.fn(),
    quit: vi.fn(),
  });

  it('draws the menu in English with the same entries and shortcuts as in French', () => {
    const fr = flat(menuTemplate(actions('fr')) as Item[]);
    const en = flat(menuTemplate(actions('en')) as Item[]);
    expect(menuTemplate(actions('en')).map((m) => m.label)).toEqual([
      'File',
      'Edit',
      'View',
      'Help',
    ]);
    expect(en.find((i) => i.accelerator === 'CmdOrCtrl+Q')?.label).toBe('Quit');
    expect(en.find((i) => i.accelerator === 'CmdOrCtrl+1')?.label).toBe('Dashboard');
    expect(en.map((i) => i.accelerator)).toEqual(fr.map((i) => i.accelerator));
    // Every labelled entry is translated except the words both languages share.
    const shared = new Set(['Consolidation', 'Analyses', 'Synchronisation', 'Import']);
    en.forEach((item, i) => {
      if (item.label === undefined || shared.has(item.label)) return;
      expect(item.label, `entry ${i}`).not.toBe(fr[i]?.label);
    });
    expect(
      en.filter((i) => i.accelerator?.startsWith('CmdOrCtrl+') && /\d$/.test(i.accelerator)),
    ).toHaveLength(SCREENS.length);
  });

  it('keeps French when no language is given', () => {
    expect(menuTemplate(actions()).map((m) => m.label)).toEqual([
      'Fichier',
      'Édition',
      'Affichage',
      'Aide',
    ]);
  });

  it('notifies the end of a sync in the language of that moment', () => {
    const events = createPushEvents();
    const notify = vi.fn();
    let language: 'fr' | 'en' = 'fr';
    wireSyncFeedback(
      events,
      () => [],
      notify,
      () => language,
    );
    events.emit('sync:finished', { jobId: 'a', outcome: 'succeeded' });
    language = 'en';
    events.emit('sync:finished', { jobId: 'b', outcome: 'failed' });
    expect(notify.mock.calls.map((c) => c[0])).toEqual([
      'Synchronisation terminée',
      'Synchronisation failed',
    ]);
  });

  it('titles the import dialog in the current language', async () => {
    const showOpenDialog = vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] }));
    let language: 'fr' | 'en' = 'en';
    const onLanguageChanged = vi.fn();
    const platform = electronPlatform({
      shell: { showItemInFolder: vi.fn() },
      dialog: { showOpenDialog } as never,
      window: () => null,
      documentsDir: tmp,
      language: () => language,
      launchLanguage: 'fr',
      onLanguageChanged,
    });
    expect(await platform.pickFile?.()).toBeNull();
    language = 'fr';
    await platform.pickFile?.();
    const titles = (showOpenDialog.mock.calls as unknown as [{ title: string }][]).map(
      (c) => c[0].title,
    );
    expect(titles).toEqual(['File to import', 'Fichier à importer']);
    expect(platform.launchLanguage).toBe('fr');
    platform.languageChanged?.('en');
    expect(onLanguageChanged).toHaveBeenCalledWith('en');
  });
});
