// PostgreSQL "restarted" mid-sync. Restarting the machine's shared server is not safe in a test,
// so every backend of the test database is terminated at once (what a fast restart does to the
// sessions: FATAL 57P01 admin_shutdown), at seeded random points while COPY data is streaming.
// sync-failures.test.ts already covers one backend killed while it waits on a lock (incremental)
// and a socket cut by a proxy; this adds the server-side termination of ALL sessions (the sync's
// reader and its history writer alike) in the middle of initial-load and incremental COPY
// streams, repeated: UNAVAILABLE every time, the cache consistent, and the next run resumes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync } from '../../src-main/core/sync/run-sync';
import type { SyncOptions } from '../../src-main/core/sync/types';
import { isAppError } from '../../src-shared/errors';
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

const ROUNDS = Number(process.env.EPM_RESTART_ROUNDS ?? 20);
let fx: CentralFixture;
let admin: { login: string; url: string };
let dir: string;

beforeAll(async () => {
  fx = await createCentralFixture(9191);
  admin = await fx.user({ role: 'admin', prefix: 'sync_restart' });
  dir = mkdtempSync(join(tmpdir(), 'epm-sync-restart-'));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await fx?.cleanup();
});

/** Every session of the test database but the one asking: the server "restarts" for them. */
async function terminateAllBackends(): Promise<number> {
  const rows = await sql(
    fx.url,
    `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Runs a sync and terminates every backend once `afterRows` rows have been reported. Returns the
 * error, or null when the sync finished before the termination landed.
 */
async function syncWithRestart(cachePath: string, afterRows: number): Promise<unknown> {
  let fired: Promise<number> | null = null;
  const opts: SyncOptions = {
    pgUrl: admin.url,
    cachePath,
    appVersion: 'test',
    chunkRows: 50,
    onProgress: (p) => {
      if (!fired && (p.phase === 'loading' || p.phase === 'applying') && p.done >= afterRows) {
        fired = terminateAllBackends();
      }
    },
  };
  try {
    await runSync(opts);
    return null;
  } catch (e) {
    return e;
  } finally {
    await fired;
  }
}

describe('sync: PostgreSQL sessions all terminated mid-COPY', () => {
  it(`${ROUNDS} terminations at random points: UNAVAILABLE, consistent cache, next run completes`, async () => {
    const r = rng(9192);
    let hits = 0;
    // A termination fired while rows stream may land after a short incremental pass has ended
    // (the run then succeeds, and is checked all the same): more rounds are run until half of
    // ROUNDS were interrupted, so that the count does not depend on the machine's speed.
    const wanted = Math.ceil(ROUNDS / 2);
    let round = 0;
    for (; round < ROUNDS || (hits < wanted && round < ROUNDS * 3); round++) {
      const path = join(dir, `cache-${round}.sqlite`);
      // Even rounds interrupt the initial load; odd rounds an incremental sync after changes.
      let before: string | null = null;
      if (round % 2 === 1) {
        before = (await runSync({ pgUrl: admin.url, cachePath: path, appVersion: 'test' }))
          .checkpoint;
        await applyRandomChanges(fx.url, r, 300);
      }
      const error = await syncWithRestart(path, Math.floor(r() * 400));
      const h = cacheHealth(path);
      expect(h.integrity, `round ${round}`).toBe('ok');
      expect(h.foreignKeyViolations, `round ${round}`).toBe(0);
      if (error !== null) {
        hits++;
        expect(isAppError(error) && error.code, `round ${round}: ${String(error)}`).toBe(
          'UNAVAILABLE',
        );
        // Nothing half-applied: the previous checkpoint (or none, for an initial load).
        expect(h.checkpoint, `round ${round}`).toBe(before);
      }
      const next = await runSync({
        pgUrl: admin.url,
        cachePath: path,
        appVersion: 'test',
        verifyForeignKeys: true,
      });
      expect(cacheHealth(path).checkpoint).toBe(next.checkpoint);
      expect(localChecksums(path), `round ${round}`).toEqual(await centralChecksums(admin.url));
    }
    console.info(`[sync-server-restart] ${hits}/${round} syncs interrupted mid-stream`);
    expect(hits).toBeGreaterThanOrEqual(wanted);
  });
});
