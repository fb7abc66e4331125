// The main window factory: options from windowOptions(), hardened contents, renderer loaded
// from the built files (or the Vite dev server in `npm run dev`).
import { BrowserWindow } from 'electron';
import { windowOptions } from './window-options';
import type { RendererOrigin } from './security';

export interface MainWindowPaths {
  preload: string;
  renderer: RendererOrigin;
  icon?: string;
}

export function createMainWindow(paths: MainWindowPaths, dev: boolean): BrowserWindow {
  const win = new BrowserWindow(windowOptions(paths.preload, { dev, iconPath: paths.icon }));
  win.once('ready-to-show', () => win.show());
  // Navigation / window.open / webview are refused for every web contents in
  // app.on('web-contents-created') (index.ts), which also covers this one.
  if (paths.renderer.kind === 'dev') void win.loadURL(paths.renderer.url);
  else void win.loadFile(paths.renderer.indexHtml);
  return win;
}
