// Electron main: lifecycle only. Everything the app computes lives in core/ and is reached
// through the IPC dispatch; this file wires windows, menu, security and paths.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  safeStorage,
  session,
  shell,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_NAME, APP_VERSION } from './core/app-info';
import { resolveCachePath } from './core/config';
import { createPushEvents } from './core/ipc/push-events';
import type { HandlerContext } from './core/ipc/context';
import { rendererCsp } from '../src-shared/ipc/csp';
import { forwardPushEvents, registerIpcHandlers } from './electron/ipc';
import { menuTemplate } from './electron/menu';
import {
  applyCspHeader,
  denyPermissions,
  hardenWebContents,
  isTrustedRendererUrl,
  type RendererOrigin,
} from './electron/security';
import { createMainWindow } from './electron/window';
import { electronPlatform } from './electron/platform';
import { createSafeStorageSecretStore } from './electron/secret-store';
import { wireSyncFeedback } from './electron/sync-feedback';
import { disposeState } from './core/ipc/services/state';
import { readSettings } from './core/ipc/services/settings-store';
import { CHROMIUM_LOCALES, DEFAULT_LANGUAGE, type Language } from '../src-shared/domain/language';

const here = fileURLToPath(new URL('.', import.meta.url)); // out/main/
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const dev = !app.isPackaged;

// Every renderer sandboxed, whatever a future window forgets to say.
app.enableSandbox();

// Chromium's locale only takes effect before the app is ready: the interface language the
// renderer last told (settings.json), so that what the web platform draws itself (the calendar
// popup of date fields, spell-check) follows the app's language, not the operating system's.
const launchLanguage: Language = readSettings(app.getPath('userData')).language ?? DEFAULT_LANGUAGE;
app.commandLine.appendSwitch('lang', CHROMIUM_LOCALES[launchLanguage]);

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the cache (single SQLite writer): hand over and leave.
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let language = launchLanguage;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    // The packaged app reads its SQL migrations from resources/ (electron-builder
    // extraResources); in development from the repository.
    process.env.EPM_MIGRATIONS_DIR ??= app.isPackaged
      ? join(process.resourcesPath, 'migrations')
      : join(app.getAppPath(), 'migrations');

    const userDataDir = app.getPath('userData');
    const buildMenu = (): void =>
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate({
            dev,
            isMac: process.platform === 'darwin',
            language,
            navigate: (screen) => ctx.events.emit('app:navigate', { screen }),
            about: () => app.showAboutPanel(),
            quit: () => app.quit(),
          }),
        ),
      );
    const ctx: HandlerContext = {
      userDataDir,
      cachePath: resolveCachePath(undefined, { ...process.env, EPM_HOME: userDataDir }),
      pgUrl: process.env.EPM_PG_URL,
      transport: 'electron',
      events: createPushEvents((e) => console.error('[push] listener failed:', e)),
      // The central URL holds the password: OS keychain or memory, never plain text on disk.
      secrets: createSafeStorageSecretStore(safeStorage, join(userDataDir, 'connection.secret')),
      platform: electronPlatform({
        shell,
        dialog,
        window: () => mainWindow,
        documentsDir: app.getPath('documents'),
        language: () => language,
        launchLanguage,
        onLanguageChanged: (next) => {
          if (next === language) return;
          language = next;
          buildMenu();
        },
      }),
    };

    const renderer: RendererOrigin = devServerUrl
      ? { kind: 'dev', url: devServerUrl }
      : { kind: 'file', indexHtml: join(here, '../renderer/index.html') };

    denyPermissions(session.defaultSession);
    applyCspHeader(session.defaultSession, rendererCsp({ dev: Boolean(devServerUrl) }));
    registerIpcHandlers(ipcMain, ctx, (url) => isTrustedRendererUrl(url, renderer));
    forwardPushEvents(ctx, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
    wireSyncFeedback(
      ctx.events,
      () => BrowserWindow.getAllWindows(),
      (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
      () => language,
    );
    // A quit during a sync or an export: the workers are told to stop (the cache keeps its
    // last checkpoint, an unfinished workbook is never left behind).
    app.on('will-quit', () => void disposeState(ctx));

    app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: APP_VERSION });
    buildMenu();

    const open = (): void => {
      mainWindow = createMainWindow(
        {
          preload: join(here, '../preload/index.cjs'),
          renderer,
          // Packaged builds get their icon from electron-builder (desktop file, exe, icns).
          icon: dev ? join(app.getAppPath(), 'resources/icon.png') : undefined,
        },
        dev,
      );
      mainWindow.on('closed', () => (mainWindow = null));
    };
    open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
  });
}
