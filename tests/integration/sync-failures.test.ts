// Failures and control: cancellation, a connection cut in the middle of a COPY stream, a backend
// terminated by the server, the history unreachable, the change tracking no longer covering the
// checkpoint, a second sync of the same cache, and the worker-thread job.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import pg from 'pg';
import { openCache } from '../../src-main/core/cache/database';
import { runSync } from '../../src-main/core/sync/run-sync';
import { startSyncJob } from '../../src-main/core/sync/job';
import { listLocalHistory } from '../../src-main/core/sync/clients';
import type { SyncOptions, SyncProgress } from '../../src-main/core/sync/types';
import { AppError } from '../../src-shared/errors';
import { applyRandomChanges } from '../support/sync-changes';
import {
  cacheHealth,
  centralChecksums,
  createCentralFixture,
  localChecksums,
  rng,
  sql,
  type CentralFixture,
} from '../support/sync-fixture';
import { startCuttingProxy, viaProxy } from '../support/sync-proxy';

let fx: CentralFixture;
let admin: { login: string; url: string };
let dir: string;
let n = 0;

const freshCache = () => join(dir, `cache-${++n}.sqlite`);
const opts = (cachePath: string, extra: Partial<SyncOptions> = {}): SyncOptions => ({
  pgUrl: admin.url,
  cachePath,
  appVersion: 'test',
  chunkRows: 100,
  verifyForeignKeys: true,
  ...extra,
});

async function expectEqual(path: string): Promise<void> {
  const h = cacheHealth(path);
  expect(h.integrity).toBe('ok');
  expect(h.foreignKeyViolations).toBe(0);
  expect(localChecksums(path)).toEqual(await centralChecksums(admin.url));
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the sync to fail');
}

beforeAll(async () => {
  fx = await createCentralFixture(777);
  admin = await fx.user({ role: 'admin', prefix: 'sync_fail' });
  dir = mkdtempSync(join(tmpdir(), 'epm-sync-fail-'));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await fx?.cleanup();
});

describe('sync: cancellation', () => {
  it('cancelling an initial load leaves no checkpoint; the next run resumes', async () => {
    const path = freshCache();
    const ac = new AbortController();
    const err = await rejection(
      runSync(
        opts(path, {
          signal: ac.signal,
          onProgress: (p) => {
            if (p.table === 'lignes_ventes' && p.tables.lignes_ventes.done > 250) ac.abort();
          },
        }),
      ),
    );
    expect(err.code).toBe('CANCELLED');
    expect(cacheHealth(path)).toEqual({
      integrity: 'ok',
      foreignKeyViolations: 0,
      checkpoint: null,
    });
    expect(listLocalHistory(path)[0]).toMatchObject({ status: 'cancelled' });
    const central = await sql(
      admin.url,
      `SELECT status FROM epm.sync_runs ORDER BY id DESC LIMIT 1`,
    );
    expect(central[0]!.status).toBe('cancelled');

    const resumed = await runSync(opts(path));
    expect(resumed.resumed).toBe(true);
    const total = (await centralChecksums(admin.url)).lignes_ventes.count;
    expect(resumed.tables.lignes_ventes.inserted).toBeLessThan(total);
    expect(resumed.tables.lignes_ventes.inserted).toBeGreaterThan(0);
    await expectEqual(path);
  });

  it('cancelling an incremental sync rolls it back: the previous checkpoint stays intact', async () => {
    const path = freshCache();
    const first = await runSync(opts(path));
    const before = localChecksums(path);
    await applyRandomChanges(fx.url, rng(5), 40);
    const ac = new AbortController();
    const err = await rejection(
      runSync(
        opts(path, {
          signal: ac.signal,
          onProgress: (p) => {
            if (p.phase === 'applying' && p.table === 'lignes_ventes') ac.abort();
          },
        }),
      ),
    );
    expect(err.code).toBe('CANCELLED');
    expect(cacheHealth(path).checkpoint).toBe(first.checkpoint);
    expect(localChecksums(path)).toEqual(before);
    const next = await runSync(opts(path));
    expect(next.previous_checkpoint).toBe(first.checkpoint);
    await expectEqual(path);
  });
});

describe('sync: connection failures', () => {
  it('a connection cut in the middle of a COPY stream gives UNAVAILABLE; the next run resumes', async () => {
    const proxy = await startCuttingProxy();
    try {
      // Measure a complete load through the proxy, then cut the next one at 60 % of it.
      await runSync(opts(freshCache(), { readUrl: viaProxy(admin.url, proxy.port) }));
      const full = proxy.bytesFromServer;
      proxy.bytesFromServer = 0;
      proxy.cutAfter = Math.floor(full * 0.6);
      const path = freshCache();
      const err = await rejection(
        runSync(opts(path, { readUrl: viaProxy(admin.url, proxy.port) })),
      );
      expect(proxy.cuts).toBeGreaterThan(0);
      expect(err.code).toBe('UNAVAILABLE');
      expect(err.message).toMatch(/connection to the central database lost/);
      expect(cacheHealth(path)).toEqual({
        integrity: 'ok',
        foreignKeyViolations: 0,
        checkpoint: null,
      });
      expect(listLocalHistory(path)[0]).toMatchObject({ status: 'failed' });

      const resumed = await runSync(opts(path));
      expect(resumed.resumed).toBe(true);
      const loadedBefore = Object.values(resumed.tables).reduce((s, t) => s + t.inserted, 0);
      const total = Object.values(await centralChecksums(admin.url)).reduce(
        (s, t) => s + t.count,
        0,
      );
      expect(loadedBefore).toBeLessThan(total);
      await expectEqual(path);
    } finally {
      await proxy.close();
    }
  });

  it('without a read replica one connection serves the whole run; cut mid-stream, the failure is still recorded centrally', async () => {
    const proxy = await startCuttingProxy();
    const connects = vi.spyOn(pg.Client.prototype, 'connect');
    try {
      const proxied = viaProxy(admin.url, proxy.port);
      const path = freshCache();
      const initial = await runSync(opts(path, { pgUrl: proxied }));
      // History start, read session and history end on the same connection.
      expect(connects).toHaveBeenCalledTimes(1);
      const full = proxy.bytesFromServer;
      await applyRandomChanges(fx.url, rng(21), 20);
      connects.mockClear();
      const incremental = await runSync(opts(path, { pgUrl: proxied }));
      expect(connects).toHaveBeenCalledTimes(1);
      expect(incremental.history).toEqual({ local: true, central: true });
      const [run] = await sql(
        admin.url,
        `SELECT status, mode, checkpoint, ended_at IS NOT NULL AS ended FROM epm.sync_runs
         WHERE client_id = $1 ORDER BY id DESC LIMIT 1`,
        [initial.client_id],
      );
      expect(run).toEqual({
        status: 'succeeded',
        mode: 'incremental',
        checkpoint: incremental.checkpoint,
        ended: true,
      });
      await expectEqual(path);

      // The run's connection cut in the middle of an initial load; the network comes back.
      proxy.bytesFromServer = 0;
      proxy.cutAfter = Math.floor(full * 0.6);
      proxy.cutOnce = true;
      const cutPath = freshCache();
      const err = await rejection(runSync(opts(cutPath, { pgUrl: proxied })));
      expect(proxy.cuts).toBe(1);
      expect(err.code).toBe('UNAVAILABLE');
      expect(listLocalHistory(cutPath)[0]).toMatchObject({ status: 'failed' });
      // Recorded on a connection of its own, the run's being gone.
      const cutDb = openCache(cutPath);
      const cutClient = cutDb
        .prepare(`SELECT value FROM sync_state WHERE key = 'client_id'`)
        .pluck()
        .get() as string;
      cutDb.close();
      const [failed] = await sql(
        admin.url,
        `SELECT status, error FROM epm.sync_runs WHERE client_id = $1 ORDER BY id DESC LIMIT 1`,
        [cutClient],
      );
      expect(failed!.status).toBe('failed');
      expect(failed!.error).toMatch(/connection to the central database lost/);
      await runSync(opts(cutPath, { pgUrl: proxied }));
      await expectEqual(cutPath);
    } finally {
      connects.mockRestore();
      await proxy.close();
    }
  });

  it('an unreachable server (no read replica) fails the run once: one connection attempt, UNAVAILABLE', async () => {
    const connects = vi.spyOn(pg.Client.prototype, 'connect');
    try {
      const closed = new URL(admin.url);
      closed.port = '9'; // nothing listens there
      const path = freshCache();
      const err = await rejection(runSync(opts(path, { pgUrl: closed.toString() })));
      expect(err.code).toBe('UNAVAILABLE');
      expect(err.message).toMatch(/central database unreachable/);
      // Neither the read session nor the outcome's record tried again.
      expect(connects).toHaveBeenCalledTimes(1);
      expect(listLocalHistory(path)[0]).toMatchObject({ status: 'failed' });
    } finally {
      connects.mockRestore();
    }
  });

  // Liveness, not speed: the connect timeout is 10 s, this test's limit 8 s (a cancel that waited
  // for the timeout would exceed it); the cancel itself comes after 200 ms.
  it(
    'cancelling while the server does not answer ends the run at once as CANCELLED and frees the cache',
    {
      timeout: 8_000,
    },
    async () => {
      const silent = net.createServer(() => undefined); // accepts, never answers
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const connects = vi.spyOn(pg.Client.prototype, 'connect');
      try {
        const port = (silent.address() as net.AddressInfo).port;
        const path = freshCache();
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 200);
        const err = await rejection(
          runSync(opts(path, { pgUrl: viaProxy(admin.url, port), signal: ac.signal })),
        );
        expect(err.code).toBe('CANCELLED');
        expect(connects).toHaveBeenCalledTimes(1);
        expect(listLocalHistory(path)[0]).toMatchObject({ status: 'cancelled' });
        connects.mockRestore();
        // The sync lock was released: the next run (server reachable) goes through.
        const s = await runSync(opts(path));
        expect(s.mode).toBe('initial');
      } finally {
        connects.mockRestore();
        silent.close();
      }
    },
  );

  it('a backend terminated by the server (pg_terminate_backend) gives UNAVAILABLE, checkpoint kept', async () => {
    const path = freshCache();
    const first = await runSync(opts(path));
    await applyRandomChanges(fx.url, rng(9), 10);
    const locker = new pg.Client({ connectionString: fx.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE lignes_ventes IN ACCESS EXCLUSIVE MODE');
      const running = runSync(opts(path));
      running.catch(() => undefined);
      let pid: number | undefined;
      for (let i = 0; i < 200 && pid === undefined; i++) {
        await new Promise((r) => setTimeout(r, 25));
        const rows = await sql(
          fx.url,
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'epm sync' AND wait_event_type = 'Lock'`,
        );
        pid = rows[0]?.pid as number | undefined;
      }
      expect(pid).toBeDefined();
      await sql(fx.url, 'SELECT pg_terminate_backend($1)', [pid]);
      const err = await rejection(running);
      expect(err.code).toBe('UNAVAILABLE');
      await locker.query('ROLLBACK');
    } finally {
      await locker.end();
    }
    expect(cacheHealth(path).checkpoint).toBe(first.checkpoint);
    await runSync(opts(path));
    await expectEqual(path);
  });

  it('a sync that succeeded is not failed by an unreachable central history', async () => {
    const path = freshCache();
    const closed = new URL(admin.url);
    closed.port = '9'; // nothing listens there
    const s = await runSync(opts(path, { pgUrl: closed.toString(), readUrl: admin.url }));
    expect(s.read_from).toBe('replica');
    expect(s.history.local).toBe(true);
    expect(s.history.central).toBe(false);
    expect(s.history.central_error).toBeTruthy();
    await expectEqual(path);
  });
});

describe('sync: control', () => {
  it('reloads in full, atomically, when the change tracking no longer covers the checkpoint', async () => {
    const path = freshCache();
    const first = await runSync(opts(path));
    await applyRandomChanges(fx.url, rng(11), 20);
    // What a tombstone purge or a TRUNCATE does.
    await sql(fx.url, 'SELECT epm.advance_tracking_horizon(pg_current_xact_id())');
    const s = await runSync(opts(path));
    expect(s.mode).toBe('initial');
    expect(s.full_reload_reason).toMatch(/no longer covers/);
    expect(s.previous_checkpoint).toBe(first.checkpoint);
    await expectEqual(path);
    // Whether the new checkpoint is covered depends on other sessions of the cluster (a
    // transaction older than the horizon keeps epm.can_sync_incrementally false): the sync
    // must follow the central verdict either way.
    const [{ ok }] = (await sql(
      admin.url,
      'SELECT epm.can_sync_incrementally($1::pg_snapshot) AS ok',
      [s.checkpoint],
    )) as [{ ok: boolean }];
    await applyRandomChanges(fx.url, rng(12), 5);
    expect((await runSync(opts(path))).mode).toBe(ok ? 'incremental' : 'initial');
    await expectEqual(path);
  });

  it('refuses a second concurrent sync of the same cache, and takes over a dead one', async () => {
    const path = freshCache();
    writeFileSync(`${path}.sync-lock`, `${process.pid}\n`);
    const err = await rejection(runSync(opts(path)));
    expect(err.code).toBe('CONFLICT');
    writeFileSync(`${path}.sync-lock`, `999999999\n`); // no such process
    await runSync(opts(path));
    await expectEqual(path);
  });

  it('runs in a worker thread with progress events, and can be cancelled there', async () => {
    const path = freshCache();
    const events: SyncProgress[] = [];
    const job = startSyncJob(
      { pgUrl: admin.url, cachePath: path, appVersion: 'test', chunkRows: 100 },
      { onProgress: (p) => events.push(p) },
    );
    const summary = await job.promise;
    expect(summary.mode).toBe('initial');
    expect(events.some((e) => e.phase === 'loading' && e.percent > 0 && e.percent < 100)).toBe(
      true,
    );
    expect(events.at(-1)!.phase).toBe('done');
    const loading = events.filter((e) => e.phase === 'loading');
    expect(loading.at(-1)!.tables.lignes_ventes.total).toBe(summary.tables.lignes_ventes.inserted);
    await expectEqual(path);

    await applyRandomChanges(fx.url, rng(13), 20);
    const cancelled = startSyncJob({ pgUrl: admin.url, cachePath: path, appVersion: 'test' });
    cancelled.cancel();
    const err = await rejection(cancelled.promise);
    expect(err.code).toBe('CANCELLED');
    expect(cacheHealth(path).checkpoint).toBe(summary.checkpoint);
  });
});
