// The load scenario shared by tests/integration/sync-load.test.ts and bench/load.ts: N laptops
// (directors and managers with different scopes, each its own PostgreSQL login role) run their
// incremental sync at the same moment against one central database. Returns the time taken and
// what it cost the server (pg_stat_database deltas), and checks every cache afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runSync } from '../../src-main/core/sync/run-sync';
import type { SyncSummary } from '../../src-main/core/sync/types';
import { applyRandomChanges } from './sync-changes';
import {
  cacheHealth,
  centralChecksums,
  createCentralFixture,
  localChecksums,
  rng,
  sql,
  SMALL,
} from './sync-fixture';

export interface LoadOptions {
  laptops: number;
  /** Central changes committed between the initial load and the concurrent incremental syncs. */
  changes: number;
  /** How many caches get the full checksum comparison (all get the scope and health checks). */
  spotChecks: number;
  seed?: number;
}

export interface ServerCost {
  xact_commit: number;
  xact_rollback: number;
  blks_read: number;
  blks_hit: number;
  tup_returned: number;
  tup_fetched: number;
}

export interface LoadReport {
  laptops: number;
  directors: number;
  managers: number;
  changes: number;
  initialSeconds: number;
  concurrentSeconds: number;
  perSyncMs: { min: number; median: number; p95: number; max: number };
  failures: string[];
  modes: Record<string, number>;
  serverCost: ServerCost;
  scopeViolations: string[];
  unhealthyCaches: string[];
  checksumMismatches: string[];
  spotChecked: number;
}

interface Laptop {
  login: string;
  url: string;
  cachePath: string;
  /** The stores this login may see (from the central scope tables, after the changes). */
  stores: Set<number>;
}

async function statsOf(url: string): Promise<ServerCost> {
  // Statistics are flushed by backends at most once a second (PostgreSQL 15): force a fresh read.
  const [row] = await sql(
    url,
    `SELECT pg_stat_clear_snapshot(), xact_commit, xact_rollback, blks_read, blks_hit,
            tup_returned, tup_fetched
       FROM pg_stat_database WHERE datname = current_database()`,
  );
  const r = row as Record<string, string>;
  return {
    xact_commit: Number(r.xact_commit),
    xact_rollback: Number(r.xact_rollback),
    blks_read: Number(r.blks_read),
    blks_hit: Number(r.blks_hit),
    tup_returned: Number(r.tup_returned),
    tup_fetched: Number(r.tup_fetched),
  };
}

function minus(a: ServerCost, b: ServerCost): ServerCost {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof ServerCost)[]) out[k] = a[k] - b[k];
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` over `items` with at most `limit` in flight (set-up work, not the measured part). */
async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

export async function runLoad(opts: LoadOptions): Promise<LoadReport> {
  const seed = opts.seed ?? 5050;
  const fx = await createCentralFixture(seed, SMALL);
  const dir = mkdtempSync(join(tmpdir(), 'epm-load-'));
  try {
    const regions = ['R1', 'R2', 'R3'];
    const storeRows = await sql(
      fx.url,
      'SELECT m.id, r.code FROM magasins m JOIN regions r ON r.id = m.region_id',
    );
    const storesOf = (codes: string[]) =>
      new Set(storeRows.filter((s) => codes.includes(String(s.code))).map((s) => Number(s.id)));
    const allStores = storeRows.map((s) => Number(s.id)).sort((a, b) => a - b);

    // Half directors (one to three regions), half managers (one or two stores): 50 scopes.
    const laptops: Laptop[] = [];
    let directors = 0;
    for (let i = 0; i < opts.laptops; i++) {
      const isDirector = i % 2 === 0;
      let user: { login: string; url: string };
      let stores: Set<number>;
      if (isDirector) {
        // Rotating start region, one to three regions: many distinct scopes.
        const start = (i >> 1) % 3;
        const count = 1 + ((i >> 2) % 3);
        const mine = Array.from({ length: count }, (_, k) => regions[(start + k) % 3] as string);
        user = await fx.user({ role: 'directeur', regions: mine, prefix: 'load_dir' });
        stores = storesOf(mine);
        directors++;
      } else {
        const a = allStores[i % allStores.length] as number;
        const b = allStores[(i * 7) % allStores.length] as number;
        const mine = [...new Set([a, ...(i % 4 === 1 ? [b] : [])])];
        user = await fx.user({ role: 'manager', stores: mine, prefix: 'load_mgr' });
        stores = new Set(mine);
      }
      laptops.push({ ...user, cachePath: join(dir, `${user.login}.sqlite`), stores });
    }

    // Initial loads (not measured as "the load": they give each laptop a checkpoint).
    const t0 = performance.now();
    await pool(laptops, 4, async (l) => {
      await runSync({ pgUrl: l.url, cachePath: l.cachePath, appVersion: 'load' });
    });
    const initialSeconds = (performance.now() - t0) / 1000;

    await applyRandomChanges(fx.url, rng(seed + 1), opts.changes);
    await sleep(1100); // let the set-up's statistics reach pg_stat_database
    const before = await statsOf(fx.url);

    // The measured part: every laptop syncs at once.
    const failures: string[] = [];
    const durations: number[] = [];
    const modes: Record<string, number> = {};
    const t1 = performance.now();
    await Promise.all(
      laptops.map(async (l) => {
        const s0 = performance.now();
        try {
          const summary: SyncSummary = await runSync({
            pgUrl: l.url,
            cachePath: l.cachePath,
            appVersion: 'load',
          });
          modes[summary.mode] = (modes[summary.mode] ?? 0) + 1;
        } catch (e) {
          failures.push(`${l.login}: ${e instanceof Error ? e.message : String(e)}`);
        } finally {
          durations.push(performance.now() - s0);
        }
      }),
    );
    const concurrentSeconds = (performance.now() - t1) / 1000;
    await sleep(1100);
    const serverCost = minus(await statsOf(fx.url), before);

    // Every cache: healthy, and no store outside the login's scope anywhere in it.
    const scopeViolations: string[] = [];
    const unhealthyCaches: string[] = [];
    for (const l of laptops) {
      // The scope now (the random changes may have opened stores or moved them between
      // regions), from the assignment tables rather than through RLS: an independent oracle.
      const allowed = await sql(
        fx.url,
        `SELECT m.id FROM magasins m JOIN epm.utilisateur_regions ur ON ur.region_id = m.region_id
          WHERE ur.login = $1
         UNION SELECT magasin_id FROM epm.utilisateur_magasins WHERE login = $1`,
        [l.login],
      );
      l.stores = new Set(allowed.map((a) => Number(a.id)));
      const h = cacheHealth(l.cachePath);
      if (h.integrity !== 'ok' || h.foreignKeyViolations !== 0 || h.checkpoint === null) {
        unhealthyCaches.push(l.login);
      }
      const db = new Database(l.cachePath, { readonly: true });
      try {
        const seen = db
          .prepare(
            `SELECT id FROM magasins UNION SELECT magasin_id FROM ventes
             UNION SELECT magasin_id FROM lignes_ventes`,
          )
          .pluck()
          .all() as number[];
        const outside = seen.filter((s) => !l.stores.has(s));
        if (outside.length) scopeViolations.push(`${l.login}: stores ${outside.join(',')}`);
      } finally {
        db.close();
      }
    }
    // A few caches in full: byte-for-byte the rows the login sees centrally.
    const checksumMismatches: string[] = [];
    const spot = laptops
      .filter((_, i) => i % Math.max(1, Math.floor(laptops.length / opts.spotChecks)) === 0)
      .slice(0, opts.spotChecks);
    for (const l of spot) {
      const local = localChecksums(l.cachePath);
      const central = await centralChecksums(l.url);
      if (JSON.stringify(local) !== JSON.stringify(central)) checksumMismatches.push(l.login);
    }

    const sorted = [...durations].sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    return {
      laptops: laptops.length,
      directors,
      managers: laptops.length - directors,
      changes: opts.changes,
      initialSeconds,
      concurrentSeconds,
      perSyncMs: {
        min: at(0),
        median: at(0.5),
        p95: at(0.95),
        max: Math.round(sorted.at(-1) ?? 0),
      },
      failures,
      modes,
      serverCost,
      scopeViolations,
      unhealthyCaches,
      checksumMismatches,
      spotChecked: spot.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fx.cleanup();
  }
}

/** The report as Markdown (bench/results/load-<date>.md). */
export function loadMarkdown(r: LoadReport, when: Date, machine: string): string {
  const c = r.serverCost;
  return [
    `# Load: ${r.laptops} concurrent incremental syncs`,
    '',
    `Run ${when.toISOString()} on ${machine}. Central: PostgreSQL on 127.0.0.1, SMALL fixture ` +
      `(3 regions, 6 stores, 400 receipts), ${r.changes} random central changes before the run.`,
    `Laptops: ${r.directors} directors (1–3 regions) and ${r.managers} managers (1–2 stores), each ` +
      'its own login role (created with addUser, dropped afterwards), each its own cache; ' +
      'the syncs are in-process runSync calls started together (Promise.all).',
    '',
    '| figure | value |',
    '|---|---|',
    `| syncs run concurrently | ${r.laptops} |`,
    `| failures | ${r.failures.length} |`,
    `| modes | ${Object.entries(r.modes)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')} |`,
    `| wall time, all ${r.laptops} | ${r.concurrentSeconds.toFixed(2)} s |`,
    `| per sync (min / median / p95 / max) | ${r.perSyncMs.min} / ${r.perSyncMs.median} / ${r.perSyncMs.p95} / ${r.perSyncMs.max} ms |`,
    `| initial loads (set-up, 4 at a time) | ${r.initialSeconds.toFixed(2)} s |`,
    `| server: transactions committed / rolled back | ${c.xact_commit} / ${c.xact_rollback} |`,
    `| server: blocks read from disk / found in cache | ${c.blks_read} / ${c.blks_hit} |`,
    `| server: tuples returned / fetched | ${c.tup_returned} / ${c.tup_fetched} |`,
    `| caches out of scope / unhealthy | ${r.scopeViolations.length} / ${r.unhealthyCaches.length} |`,
    `| caches checksum-compared with the central rows they may see | ${r.spotChecked} (mismatches: ${r.checksumMismatches.length}) |`,
    '',
    'Server figures are pg_stat_database deltas for the test database over the concurrent run ' +
      '(they include the statistics queries themselves, a handful of tuples).',
    '',
  ].join('\n');
}
