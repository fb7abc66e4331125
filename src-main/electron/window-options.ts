// The one place BrowserWindow options are decided. Pure (type-only electron import) so the unit
// tests can assert the security-relevant flags without launching Electron.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsFlags {
  /** Development build: DevTools allowed. Never true in a packaged app. */
  dev?: boolean;
  iconPath?: string;
}

export function windowOptions(
  preloadPath: string,
  flags: WindowOptionsFlags = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'EPM Retail',
    // Shown on 'ready-to-show' to avoid a white flash while the renderer boots.
    show: false,
    backgroundColor: '#f4f5f7',
    ...(flags.iconPath ? { icon: flags.iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      // The renderer is treated as untrusted web content: OS-sandboxed, isolated from the
      // preload's world, no Node, same-origin policy on.
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: flags.dev === true,
    },
  };
}
