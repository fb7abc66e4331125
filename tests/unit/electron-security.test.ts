// Electron hardening, asserted without launching Electron: the glue keeps its decisions in pure
// functions that take the Electron objects, and these tests hand them fakes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../src-shared/ipc/contract';
import { rendererCsp } from '../../src-shared/ipc/csp';
import { SCREENS } from '../../src-shared/ipc/screens';
import { createPushEvents } from '../../src-main/core/ipc/push-events';
import type { HandlerContext } from '../../src-main/core/ipc/context';
import { forwardPushEvents, registerIpcHandlers } from '../../src-main/electron/ipc';
import { menuTemplate, type MenuActions } from '../../src-main/electron/menu';
import {
  applyCspHeader,
  denyPermissions,
  hardenWebContents,
  isTrustedRendererUrl,
} from '../../src-main/electron/security';
import { windowOptions } from '../../src-main/electron/window-options';

const root = join(import.meta.dirname, '..', '..');

describe('window options', () => {
  it('sandboxes and isolates the renderer', () => {
    const o = windowOptions('/app/out/preload/index.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(windowOptions('/p', { dev: true }).webPreferences?.devTools).toBe(true);
    expect(o.show).toBe(false);
  });
});

type Listener = (event: { preventDefault(): void }, ...args: unknown[]) => void;

function fakeContents() {
  const on = new Map<string, Listener>();
  let openHandler: ((details: unknown) => unknown) | undefined;
  const contents = {
    on: vi.fn((name: string, l: Listener) => {
      on.set(name, l);
      return contents;
    }),
    setWindowOpenHandler: vi.fn((h: (details: unknown) => unknown) => {
      openHandler = h;
    }),
  };
  return { contents, on, openHandler: () => openHandler };
}

describe('web contents hardening', () => {
  it('prevents every navigation, redirect and webview attachment', () => {
    const f = fakeContents();
    hardenWebContents(f.contents as never);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      f.on.get(name)?.({ preventDefault }, 'https://evil.example/');
      expect(preventDefault, name).toHaveBeenCalledOnce();
    }
  });

  it('denies window.open', () => {
    const f = fakeContents();
    hardenWebContents(f.contents as never);
    expect(f.openHandler()?.({ url: 'https://example.com', frameName: '', features: '' })).toEqual({
      action: 'deny',
    });
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    } as never);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      const cb = vi.fn();
      request?.({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(check?.({}, permission, 'file://', {})).toBe(false);
    }
  });

  it('sets the CSP header, replacing any server-sent one', () => {
    let listener: ((details: unknown, cb: (r: unknown) => void) => void) | undefined;
    applyCspHeader(
      { webRequest: { onHeadersReceived: (l: typeof listener) => (listener = l) } } as never,
      'default-src x',
    );
    const cb = vi.fn();
    listener?.({ responseHeaders: { 'content-security-policy': ['*'], 'X-Other': ['1'] } }, cb);
    expect(cb).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': ['default-src x'] },
    });
  });
});

describe('IPC sender check', () => {
  const indexHtml = join(root, 'out', 'renderer', 'index.html');
  const fileOrigin = { kind: 'file', indexHtml } as const;

  it('trusts only our index.html (hash and query allowed)', () => {
    const url = pathToFileURL(indexHtml).href;
    expect(isTrustedRendererUrl(url, fileOrigin)).toBe(true);
    expect(isTrustedRendererUrl(`${url}#main`, fileOrigin)).toBe(true);
    for (const bad of [
      undefined,
      '',
      'about:blank',
      'https://evil.example/index.html',
      pathToFileURL(join(root, 'out', 'renderer', 'other.html')).href,
      pathToFileURL('/tmp/index.html').href,
      'file://remote-host' + pathToFileURL(indexHtml).pathname,
      'not a url',
    ]) {
      expect(isTrustedRendererUrl(bad, fileOrigin), String(bad)).toBe(false);
    }
  });

  it('trusts the dev server by origin only', () => {
    const dev = { kind: 'dev', url: 'http://localhost:5173/' } as const;
    expect(isTrustedRendererUrl('http://localhost:5173/#x', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', dev)).toBe(false);
  });

  function ctx(): HandlerContext {
    return {
      cachePath: '/nonexistent/cache.sqlite',
      userDataDir: '/nonexistent',
      transport: 'electron',
      events: createPushEvents(),
    };
  }

  it('registers one handler per contract channel and refuses untrusted senders', async () => {
    const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    const ipc = {
      handle: vi.fn((c: string, h: (event: unknown, input: unknown) => Promise<unknown>) =>
        registered.set(c, h),
      ),
      removeHandler: vi.fn((c: string) => registered.delete(c)),
    };
    const unregister = registerIpcHandlers(ipc as never, ctx(), (url) => url === 'file:///ok');
    expect([...registered.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());

    const handler = registered.get('app:info');
    const trusted = await handler?.({ senderFrame: { url: 'file:///ok' } }, undefined);
    expect(trusted).toMatchObject({ ok: true, value: { harness: false } });
    for (const event of [
      { senderFrame: { url: 'https://evil.example' } },
      { senderFrame: null },
      {},
    ]) {
      expect(await handler?.(event, undefined)).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION' },
      });
    }
    expect(
      await registered.get('cache:status')?.({ senderFrame: { url: 'file:///ok' } }, 'x'),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    unregister();
    expect(registered.size).toBe(0);
  });

  it('forwards push events to live windows only', () => {
    const c = ctx();
    const live = { isDestroyed: () => false, send: vi.fn() };
    const dead = { isDestroyed: () => true, send: vi.fn() };
    const stop = forwardPushEvents(c, () => [live, dead]);
    c.events.emit('app:navigate', { screen: 'import' });
    stop();
    c.events.emit('cache:changed', {});
    expect(live.send).toHaveBeenCalledExactlyOnceWith('app:navigate', { screen: 'import' });
    expect(dead.send).not.toHaveBeenCalled();
  });
});

describe('native menu', () => {
  const actions = (dev: boolean): MenuActions => ({
    dev,
    isMac: false,
    navigate: vi.fn(),
    about: vi.fn(),
    quit: vi.fn(),
  });
  type Item = {
    label?: string;
    role?: string;
    accelerator?: string;
    click?: () => void;
    submenu?: Item[];
  };
  const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

  it('switches screens with Ctrl+1… in navigation order', () => {
    const a = actions(false);
    const items = flat(menuTemplate(a) as Item[]);
    SCREENS.forEach((screen, i) => {
      const item = items.find((it) => it.accelerator === `CmdOrCtrl+${i + 1}`);
      expect(item, screen).toBeDefined();
      item?.click?.();
      expect(a.navigate).toHaveBeenLastCalledWith(screen);
    });
    expect(items.find((i) => i.label === 'Tableau de bord')?.accelerator).toBe('CmdOrCtrl+1');
  });

  it('has a Quit entry and French labels', () => {
    const a = actions(false);
    const items = flat(menuTemplate(a) as Item[]);
    const quit = items.find((i) => i.label === 'Quitter');
    expect(quit?.accelerator).toBe('CmdOrCtrl+Q');
    quit?.click?.();
    expect(a.quit).toHaveBeenCalled();
    expect(menuTemplate(a).map((m) => m.label)).toEqual([
      'Fichier',
      'Édition',
      'Affichage',
      'Aide',
    ]);
  });

  it('offers reload and DevTools only in development', () => {
    const prod = flat(menuTemplate(actions(false)) as Item[]);
    expect(
      prod.some(
        (i) => i.role === 'reload' || i.role === 'forceReload' || i.accelerator === 'CmdOrCtrl+R',
      ),
    ).toBe(false);
    expect(prod.some((i) => i.role === 'toggleDevTools')).toBe(false);
    const dev = flat(menuTemplate(actions(true)) as Item[]);
    expect(dev.find((i) => i.role === 'reload')?.accelerator).toBe('CmdOrCtrl+R');
  });
});

describe('Content-Security-Policy', () => {
  const html = readFileSync(join(root, 'src-renderer', 'index.html'), 'utf8');
  const metaCsp = (doc: string) =>
    /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(doc)?.[1];

  it('forbids eval and inline script, in the headers and in index.html', () => {
    for (const csp of [rendererCsp(), metaCsp(html)]) {
      expect(csp).toBeDefined();
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(csp).toMatch(/(^|; )default-src 'self'(;|$)/);
      expect(csp).toMatch(/(^|; )object-src 'none'(;|$)/);
    }
  });

  it('keeps the meta tag equal to the shared policy', () => {
    expect(metaCsp(html)).toBe(rendererCsp({ forMeta: true }));
    expect(rendererCsp()).toContain("frame-ancestors 'none'");
  });

  const builtIndex = join(root, 'out', 'renderer', 'index.html');
  for (const [name, file] of [
    ['source', join(root, 'src-renderer', 'index.html')],
    ['built', builtIndex],
  ] as const) {
    it.skipIf(!existsSync(file))(
      `has no inline script or handler in the ${name} index.html`,
      () => {
        const doc = readFileSync(file, 'utf8');
        const scripts = [...doc.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
        expect(scripts.length).toBeGreaterThan(0);
        for (const [, attrs, body] of scripts) {
          expect(attrs).toMatch(/\bsrc="/);
          expect(body?.trim()).toBe('');
        }
        expect(doc).not.toMatch(/\son[a-z]+\s*=/i);
        expect(doc).not.toMatch(/javascript:/i);
        expect(metaCsp(doc)).toBe(rendererCsp({ forMeta: true }));
      },
    );
  }
});
