// The embedded PostgreSQL default (core/pg/embedded.ts): a fresh data folder is initialised, the
// server starts on the requested port, serves PostgreSQL 18, is reused by a second call, and
// stops. Skip with EPM_SKIP_EMBEDDED=1 on machines that cannot run the bundled binaries.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  embeddedStatus,
  resolveCentralUrl,
  stopEmbeddedServer,
} from '../../src-main/core/pg/embedded';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

describe.skipIf(process.env.EPM_SKIP_EMBEDDED === '1')('embedded PostgreSQL', () => {
  const home = mkdtempSync(join(tmpdir(), 'epm-embedded-'));
  // mkdtemp makes a 0700 folder; as root the server runs as `postgres` and must reach it.
  chmodSync(home, 0o755);
  let env: NodeJS.ProcessEnv = {};

  afterAll(async () => {
    await stopEmbeddedServer(env).catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  });

  it('starts on the requested port, serves PostgreSQL 18, is reused, and stops', async () => {
    env = { ...process.env, EPM_HOME: home, EPM_EMBEDDED_PG_PORT: String(await freePort()) };
    delete env.EPM_PG_URL;
    const central = await resolveCentralUrl(undefined, env);
    expect(central.embedded).toBe(true);
    expect(new URL(central.url).port).toBe(env.EPM_EMBEDDED_PG_PORT);
    expect(new URL(central.url).pathname).toBe('/epm');

    const client = new pg.Client({ connectionString: central.url });
    await client.connect();
    try {
      const r = await client.query<{ v: string; n: string }>(
        "SELECT version() AS v, current_setting('server_version_num') AS n",
      );
      expect(r.rows[0]!.v).toMatch(/^PostgreSQL 18\./);
      expect(Number(r.rows[0]!.n)).toBeGreaterThanOrEqual(180000);
    } finally {
      await client.end();
    }
    expect((await embeddedStatus(env)).dataDir).toBe(join(home, 'pg'));

    // A second command finds it running; its stop() leaves the server to its starter.
    const again = await resolveCentralUrl(undefined, env);
    expect(again.url).toBe(central.url);
    await again.stop();
    expect((await embeddedStatus(env)).running).toBe(true);

    await central.stop();
    expect((await embeddedStatus(env)).running).toBe(false);
  });

  it('lets two concurrent commands share one first start', async () => {
    const home2 = mkdtempSync(join(tmpdir(), 'epm-embedded-'));
    chmodSync(home2, 0o755);
    const env2: NodeJS.ProcessEnv = {
      ...process.env,
      EPM_HOME: home2,
      EPM_EMBEDDED_PG_PORT: String(await freePort()),
    };
    delete env2.EPM_PG_URL;
    try {
      const [x, y] = await Promise.all([
        resolveCentralUrl(undefined, env2),
        resolveCentralUrl(undefined, env2),
      ]);
      expect(x.url).toBe(y.url);
      const c = new pg.Client({ connectionString: y.url });
      await c.connect();
      await c.end();
    } finally {
      expect((await stopEmbeddedServer(env2)).stopped).toBe(true);
      rmSync(home2, { recursive: true, force: true });
    }
  });

  it('returns an explicit URL untouched', async () => {
    const r = await resolveCentralUrl('postgres://u@db.example:5432/x', { EPM_HOME: home });
    expect(r).toMatchObject({ url: 'postgres://u@db.example:5432/x', embedded: false });
    await r.stop();
  });
});
