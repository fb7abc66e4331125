// A local cache filled with the demo data the way a user gets it: a fresh central database
// (all migrations), `seedDemo`, a registered admin login, the real `runSync`. For the export
// renderings (docs/reports) and the export benchmark. The central database is dropped afterwards;
// only the cache file stays.
import pg from 'pg';
import { migrateCentral } from '../../src-main/core/migrations/central';
import { seedDemo, type SeedSummary } from '../../src-main/core/demo/seed';
import { addUser } from '../../src-main/core/users';
import { runSync } from '../../src-main/core/sync/run-sync';
import { ADMIN_URL, createTestDatabase, query, uniqueName, urlForUser } from './pg';

export interface DemoCache {
  cachePath: string;
  seed: SeedSummary;
  seed_ms: number;
  sync_ms: number;
}

export async function buildDemoCache(
  cachePath: string,
  opts: { lines: number; seed?: number; today?: string; log?: (s: string) => void },
): Promise<DemoCache> {
  const log = opts.log ?? (() => undefined);
  const db = await createTestDatabase('epm_export_demo');
  const login = uniqueName('export_demo');
  try {
    await migrateCentral(db.url);
    log(`seeding ${opts.lines.toLocaleString('en')} lines`);
    const t0 = performance.now();
    const seed = await seedDemo(db.url, {
      lines: opts.lines,
      seed: opts.seed ?? 42,
      today: opts.today,
    });
    const seed_ms = performance.now() - t0;
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await addUser(c, { login, role: 'admin' });
    } finally {
      await c.end();
    }
    log('syncing into the cache');
    const t1 = performance.now();
    await runSync({ pgUrl: urlForUser(db.url, login), cachePath, appVersion: 'export-demo' });
    return { cachePath, seed, seed_ms, sync_ms: performance.now() - t1 };
  } finally {
    await db.drop();
    await query(ADMIN_URL, `DROP ROLE IF EXISTS "${login}"`);
  }
}
