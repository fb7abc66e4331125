// Hardening of every web contents and of the session. Each function takes the Electron object
// it configures (type-only imports), so tests pass fakes and check that everything is denied.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Session, WebContents } from 'electron';

type NavigationTarget = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** The app is a single page: any navigation (link, drag-drop, script) is refused. */
export function denyNavigation(contents: Pick<WebContents, 'on'>): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  // <webview> is disabled in webPreferences; refuse attachment anyway (defence in depth).
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** No new windows: window.open and target=_blank links are denied. */
export function denyWindowOpen(contents: Pick<WebContents, 'setWindowOpenHandler'>): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenWebContents(contents: NavigationTarget): void {
  denyNavigation(contents);
  denyWindowOpen(contents);
}

/**
 * The app needs no browser permission (camera, notifications through the web API, geolocation,
 * clipboard-read…). Native notifications go through main. Everything is refused.
 */
export function denyPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * CSP as a response header as well as the <meta> tag. Headers only exist for http(s) responses
 * (the Vite dev server); the packaged app loads file:// where the meta tag is what applies.
 */
export function applyCspHeader(session: Pick<Session, 'webRequest'>, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}

/** Where the trusted renderer is loaded from. */
export type RendererOrigin = { kind: 'file'; indexHtml: string } | { kind: 'dev'; url: string };

/**
 * True when an IPC sender frame shows our renderer: exactly our index.html (any hash/query),
 * or the dev server's origin. Anything else (about:blank, a navigated frame, a remote page)
 * is refused before dispatch.
 */
export function isTrustedRendererUrl(
  frameUrl: string | undefined | null,
  origin: RendererOrigin,
): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (origin.kind === 'dev') {
    try {
      return url.origin === new URL(origin.url).origin;
    } catch {
      return false;
    }
  }
  if (url.protocol !== 'file:' || url.host !== '') return false;
  try {
    return resolve(fileURLToPath(url)) === resolve(origin.indexHtml);
  } catch {
    return false;
  }
}
