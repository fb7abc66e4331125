// The web harness transport: token, loopback, static files, same dispatch as Electron.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererCsp } from '../../src-shared/ipc/csp';
import { startHarness, type Harness } from '../../src-main/harness/server';
import { resolveStaticFile } from '../../src-main/harness/static-files';
import { newToken, tokenFromRequest, tokenMatches } from '../../src-main/harness/token';

const tmp = mkdtempSync(join(tmpdir(), 'epm-harness-'));
const rendererDir = join(tmp, 'renderer');
let h: Harness;

beforeAll(async () => {
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(rendererDir, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(tmp, 'secret.txt'), 'secret');
  symlinkSync(join(tmp, 'secret.txt'), join(rendererDir, 'link.txt'));
  h = await startHarness({
    port: 0,
    rendererDir,
    cachePath: join(tmp, 'cache.sqlite'),
    userDataDir: tmp,
  });
});
afterAll(async () => {
  await h?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Raw request: fetch() would normalise "..", hiding traversal attempts. */
function raw(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: h.port,
        path,
        method: init.method ?? 'GET',
        headers: init.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const json = (token?: string) => ({
  'Content-Type': 'application/json',
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
});

describe('token', () => {
  it('is random, url-safe and compared exactly', () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(t);
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t, t.slice(1))).toBe(false);
    expect(tokenMatches(t, `${t}x`)).toBe(false);
    expect(tokenMatches(t, '')).toBe(false);
    expect(tokenMatches(t, null)).toBe(false);
  });

  it('is read from the Authorization header or the query', () => {
    expect(tokenFromRequest('Bearer abc', new URLSearchParams('token=zzz'))).toBe('abc');
    expect(tokenFromRequest(undefined, new URLSearchParams('token=zzz'))).toBe('zzz');
    expect(tokenFromRequest('Basic abc', new URLSearchParams())).toBeNull();
  });
});

describe('harness server', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/?token=${h.token}`);
  });

  it('answers IPC with the shared dispatch', async () => {
    const r = await raw('/ipc/app:info', { method: 'POST', headers: json(h.token), body: '{}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({
      ok: true,
      value: { harness: true, name: 'EPM Retail' },
    });
    const bad = await raw('/ipc/cache:status', {
      method: 'POST',
      headers: json(h.token),
      body: '{"input":{"x":1}}',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await raw('/ipc/cache%3Adrop', {
      method: 'POST',
      headers: json(h.token),
      body: '{}',
    });
    expect(JSON.parse(unknown.body)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: "unknown IPC channel 'cache:drop'" },
    });
  });

  it('requires the token on /ipc and /events', async () => {
    expect(
      (await raw('/ipc/app:info', { method: 'POST', headers: json(), body: '{}' })).status,
    ).toBe(401);
    expect(
      (await raw('/ipc/app:info', { method: 'POST', headers: json('wrong'), body: '{}' })).status,
    ).toBe(401);
    expect(
      (
        await raw(`/ipc/app:info?token=${h.token}x`, {
          method: 'POST',
          headers: json(),
          body: '{}',
        })
      ).status,
    ).toBe(401);
    expect((await raw('/events')).status).toBe(401);
    expect((await raw('/events?token=nope')).status).toBe(401);
  });

  it('rejects malformed IPC requests', async () => {
    expect((await raw('/ipc/app:info', { headers: json(h.token) })).status).toBe(405);
    expect(
      (
        await raw('/ipc/app:info', {
          method: 'POST',
          headers: { Authorization: `Bearer ${h.token}` },
          body: '{}',
        })
      ).status,
    ).toBe(415);
    const notJson = await raw('/ipc/app:info', {
      method: 'POST',
      headers: json(h.token),
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.code).toBe('VALIDATION');
    expect(
      (await raw('/ipc/app:info', { method: 'POST', headers: json(h.token), body: '[1]' })).status,
    ).toBe(400);
    const big = await raw('/ipc/app:info', {
      method: 'POST',
      headers: json(h.token),
      body: `{"input":"${'x'.repeat(1_100_000)}"}`,
    });
    expect(big.status).toBe(413);
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    expect((await raw('/', { headers: { Host: 'evil.example' } })).status).toBe(421);
  });

  it('serves the renderer with the CSP and refuses traversal', async () => {
    const index = await raw('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(rendererCsp());
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await raw('/assets/a.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/link.txt',
      '/%00',
      '/%E0%A4%A',
      '/assets',
      '/nope.js',
    ]) {
      const r = await raw(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('secret');
    }
  });

  it('streams push events over SSE', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: h.port, path: `/events?token=${h.token}` },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          let buf = '';
          res.on('data', (c: Buffer) => {
            buf += c.toString();
            if (buf.includes(': connected')) h.events.emit('app:navigate', { screen: 'reports' });
            if (buf.includes('event: app:navigate')) {
              req.destroy();
              resolve(buf);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: app:navigate\ndata: {"screen":"reports"}\n\n');
  });
});

describe('resolveStaticFile', () => {
  it('maps "/" to index.html and stays inside the root', () => {
    expect(resolveStaticFile(rendererDir, '/')).toMatch(/index\.html$/);
    expect(resolveStaticFile(rendererDir, '/assets/a.js')).toMatch(/a\.js$/);
    expect(resolveStaticFile(rendererDir, '/../secret.txt')).toBeNull();
    expect(resolveStaticFile(rendererDir, '/assets/..\\..\\secret.txt')).toBeNull();
    expect(resolveStaticFile(rendererDir, '/link.txt')).toBeNull();
  });
});
