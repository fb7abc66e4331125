// `npm run bench -- analytics-sync [--lines N] [--days D]`: what the incremental maintenance of
// the analytics aggregates adds to a real incremental sync. Seeds N demo lines (seedDemo) into a
// fresh central database on EPM_BENCH_PG_URL (an admin URL; default the machine's server), runs
// the initial sync as an admin login, then D times: one more business day of sales is written
// centrally (a copy of the last day's receipts and lines, one day later) and an incremental
// sync brings it, into two copies of the initially loaded cache: one maintaining the aggregates
// (the product's default), one synced with `maintainAggregates: false` (the baseline: the same
// rows applied, no tracking triggers, no refresh). What the maintenance adds to a sync is the
// difference of the two elapsed times, measured on the same changes in the same run (the order
// of the two syncs alternates day by day). The refresh phase alone ('aggregates') is reported
// too, but the tracking triggers cost inside the pass: only the baseline shows all of it.
// Appends to bench/results/analytics-sync-<date>.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateCentral } from '../src-main/core/migrations/central';
import { seedDemo } from '../src-main/core/demo/seed';
import { addUser } from '../src-main/core/users';
import { runSync } from '../src-main/core/sync/run-sync';
import { openCache } from '../src-main/core/cache/database';
import type { BenchMachine } from './machine';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');

async function sql(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<pg.QueryResultRow[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

function withPath(base: string, db: string, user?: string): string {
  const u = new URL(base);
  u.pathname = `/${db}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

/**
 * Copies the receipts (and lines) of the last business day to the next day, as new rows: two
 * statements, so that the central row trigger filling lignes_ventes.magasin_id sees the receipts.
 */
async function addOneDay(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query(`CREATE TEMP TABLE src ON COMMIT DROP AS
      SELECT v.id AS old_id, (SELECT max(id) FROM ventes) + row_number() OVER (ORDER BY v.id) AS new_id,
        v.magasin_id, v.client_id, v.date_vente + interval '1 day' AS date_vente, v.montant_ttc
      FROM ventes v WHERE (v.date_vente AT TIME ZONE 'Europe/Paris')::date =
        (SELECT max((date_vente AT TIME ZONE 'Europe/Paris')::date) FROM ventes)`);
    await c.query(`INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc)
      SELECT new_id, magasin_id, client_id, date_vente, montant_ttc FROM src`);
    const { rowCount } =
      await c.query(`INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire)
      SELECT (SELECT max(id) FROM lignes_ventes) + row_number() OVER (ORDER BY l.id), src.new_id,
        l.produit_id, l.quantite, l.prix_unitaire
      FROM src JOIN lignes_ventes l ON l.vente_id = src.old_id`);
    for (const t of ['ventes', 'lignes_ventes']) {
      await c.query(
        `SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) + 1 FROM ${t}), false)`,
      );
    }
    await c.query('COMMIT');
    return rowCount ?? 0;
  } finally {
    await c.end();
  }
}

interface Incremental {
  lines: number;
  elapsed_ms: number;
  phases_ms: Record<string, number>;
  aggregates_share: number;
  without_ms?: number;
  without_phases_ms?: Record<string, number>;
  added_share?: number;
}

interface Run {
  at: string;
  /** Added by hand when a run predates a change, or shows an artefact, that matters to read it. */
  note?: string;
  lines: number;
  initial: { elapsed_ms: number; phases_ms: Record<string, number> };
  incrementals: Incremental[];
  machine: BenchMachine;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      lines: { type: 'string' },
      days: { type: 'string' },
      render: { type: 'boolean' },
    },
  });
  if (values.render) {
    // Rewrites today's .md from its .json (after a note was added by hand).
    const base = join(RESULTS, `analytics-sync-${new Date().toISOString().slice(0, 10)}`);
    const { runs } = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { runs: Run[] };
    writeFileSync(`${base}.md`, markdown(runs));
    return;
  }
  const lines = Number((values.lines ?? '1000000').replace(/_/g, ''));
  const days = Number(values.days ?? 4);
  const admin = process.env.EPM_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `epm_bench_analytics_${Date.now()}`;
  const url = withPath(admin, name);
  const login = `bench_analytics_${process.pid}`;
  const dir = join(tmpdir(), `epm-bench-analytics-sync-${process.pid}`);
  const cachePath = join(dir, 'cache.sqlite');
  const baselinePath = join(dir, 'baseline.sqlite');
  const load = loadavg().map((x) => Math.round(x * 10) / 10);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  await sql(admin, `CREATE DATABASE "${name}"`);
  try {
    await migrateCentral(url);
    log(`seeding ${lines.toLocaleString('en')} lines…`);
    await seedDemo(url, { lines, today: '2025-12-31' });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await addUser(c, { login, role: 'admin' });
    } finally {
      await c.end();
    }
    mkdirSync(dir, { recursive: true });
    const userUrl = withPath(admin, name, login);
    log('initial sync…');
    const initial = await runSync({ pgUrl: userUrl, cachePath, appVersion: 'bench' });
    // The baseline: a copy of the loaded cache (WAL folded in first), whose aggregates a first
    // sync without changes takes out of service (not timed).
    const db = openCache(cachePath);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    copyFileSync(cachePath, baselinePath);
    const syncCopy = (maintainAggregates: boolean) =>
      runSync({
        pgUrl: userUrl,
        cachePath: maintainAggregates ? cachePath : baselinePath,
        appVersion: 'bench',
        maintainAggregates,
      });
    await syncCopy(false);
    // And the same sync without changes for the maintained copy, so that both have the same
    // history before the first timed day. (That day can still be slow for the copy synced first:
    // the file copy above may have pushed its pages out of the OS page cache; see the notes of
    // the 2026-12-03 runs.)
    await syncCopy(true);
    const incrementals: Incremental[] = [];
    for (let d = 0; d < days; d++) {
      const added = await addOneDay(url);
      const order = d % 2 === 0 ? [true, false] : [false, true];
      const runs = new Map<boolean, Awaited<ReturnType<typeof runSync>>>();
      for (const maintain of order) runs.set(maintain, await syncCopy(maintain));
      const s = runs.get(true)!;
      const without = runs.get(false)!;
      const agg = s.phases_ms.aggregates ?? 0;
      incrementals.push({
        lines: added,
        elapsed_ms: Math.round(s.elapsed_ms),
        phases_ms: s.phases_ms,
        aggregates_share: Math.round((agg / Math.max(1, s.elapsed_ms - agg)) * 1000) / 1000,
        without_ms: Math.round(without.elapsed_ms),
        without_phases_ms: without.phases_ms,
        added_share:
          Math.round(
            ((s.elapsed_ms - without.elapsed_ms) / Math.max(1, without.elapsed_ms)) * 1000,
          ) / 1000,
      });
      log(
        `day ${d + 1}: ${added} lines; with aggregates ${Math.round(s.elapsed_ms)} ms (refresh ${agg} ms), without ${Math.round(without.elapsed_ms)} ms`,
      );
    }
    const result: Run = {
      at: new Date().toISOString(),
      lines,
      initial: { elapsed_ms: Math.round(initial.elapsed_ms), phases_ms: initial.phases_ms },
      incrementals,
      machine: {
        cpu: cpus()[0]?.model ?? '?',
        cores: cpus().length,
        memory_gib: Math.round(totalmem() / 2 ** 30),
        load_avg_at_start: load,
        os: `${platform()} ${release()}`,
        node: process.version,
      },
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    mkdirSync(RESULTS, { recursive: true });
    const base = join(RESULTS, `analytics-sync-${result.at.slice(0, 10)}`);
    const runs = existsSync(`${base}.json`)
      ? (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { runs: Run[] }).runs
      : [];
    runs.push(result);
    writeFileSync(
      `${base}.json`,
      JSON.stringify({ benchmark: 'analytics-sync', runs }, null, 2) + '\n',
    );
    writeFileSync(`${base}.md`, markdown(runs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sql(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await sql(admin, `DROP ROLE IF EXISTS "${login}"`).catch(() => undefined);
  }
}

/** The results page of a day, from its JSON (every run of that day). */
function markdown(runs: Run[]): string {
  return [
    '# Aggregate maintenance inside real incremental syncs (`npm run bench -- analytics-sync`)',
    '',
    'Central seeded by `seedDemo`; initial sync as an admin login; then one more business day of',
    'sales per incremental sync, brought into two copies of the loaded cache: one maintaining the',
    'aggregates (the default), the baseline synced with `maintainAggregates: false` (same rows, no',
    'tracking triggers, no refresh), in alternating order. **added** = (with − without) / without:',
    'all that the maintenance adds (triggers in the pass, refresh, larger commit). *refresh share*',
    '= refresh phase / (elapsed − refresh), the only figure of runs before 2026-12-03 16:00 (it',
    "misses the triggers' cost). Elapsed times exclude the WAL checkpoint that follows each sync.",
    '',
    '| at (UTC) | lines | initial sync s (of which aggregates s) | day lines | sync with aggregates ms (refresh ms) | without ms | added | refresh share | load avg | machine |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...runs.flatMap((r) =>
      r.incrementals.map(
        (i) =>
          `| ${r.at.slice(0, 19).replace('T', ' ')} | ${r.lines.toLocaleString('en')} | ${(r.initial.elapsed_ms / 1000).toFixed(1)} (${((r.initial.phases_ms.aggregates ?? 0) / 1000).toFixed(1)}) | ${i.lines} | ${i.elapsed_ms} (${i.phases_ms.aggregates ?? 0}) | ${i.without_ms ?? '–'} | ${i.added_share === undefined ? '–' : `**${Math.round(i.added_share * 100)} %**`} | ${Math.round(i.aggregates_share * 100)} % | ${r.machine.load_avg_at_start.join(' ')} | ${r.machine.cpu}, ${r.machine.cores} cores |`,
      ),
    ),
    '',
    ...runs
      .filter((r) => r.note)
      .map((r) => `Run ${r.at.slice(0, 16).replace('T', ' ')}: ${r.note}.\n`),
  ].join('\n');
}
