// `npm run bench -- analytics [--lines N] [--queries Q] [--seed S] [--keep]`
// Dashboard queries (random node: group / region / store, standard period, N-1 and target, a
// quarter of them filtered by category) answered in-process by the analytics engine from the
// cache's aggregates, and side by side in the same run by DuckDB (@duckdb/node-api, in memory)
// from the same detail (the per-store sums by SQL over the lines, then the same consolidation
// code). Every answer of both is compared. Also times the aggregate build, and the incremental
// maintenance of one day of new sales against the time to apply those rows to SQLite.
// Appends the run to bench/results/analytics-<date>.json and .md (with the machine).
// The SQLite detail is generated directly (bench/analytics-data.ts) in $EPM_BENCH_TMP (default
// the OS temp folder; kept with --keep for the next run).
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { openCache, type CacheDb } from '../src-main/core/cache/database';
import {
  ReceiptInserts,
  rebuildAggregates,
  refreshDirtyAggregates,
} from '../src-main/core/analytics/aggregates';
import { addDays } from '../src-main/core/analytics/dates';
import { assembleKpis, computeKpis } from '../src-main/core/analytics/kpi';
import { loadHierarchy, resolveScope } from '../src-main/core/analytics/hierarchy';
import { emptySums, type Sums } from '../src-main/core/analytics/measures';
import { periodContaining, previousYearRange } from '../src-main/core/analytics/periods';
import type { KpiLevel, KpiRow, PeriodKind, ScopeFilter } from '../src-shared/domain/analytics';
import { generateSyntheticCache, prng } from './analytics-data';
import type { BenchMachine } from './machine';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results');
// Its own scratch folder (large files; bench/.tmp is shared with other benchmarks that clean it).
const TMP = process.env.EPM_BENCH_TMP ?? join(tmpdir(), 'epm-bench-analytics');
const KINDS: Exclude<PeriodKind, 'custom'>[] = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'ytd',
  'rolling12',
];

interface Query {
  level: KpiLevel;
  kind: string;
  range: { from: string; to: string };
  filter: ScopeFilter;
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    p50: r(at(50)),
    p95: r(at(95)),
    p99: r(at(99)),
    max: r(s[s.length - 1]!),
    mean: r(s.reduce((t, x) => t + x, 0) / s.length),
  };
}

function makeQueries(db: CacheDb, n: number, seed: number): Query[] {
  const r = prng(seed);
  const h = loadHierarchy(db);
  const out: Query[] = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    const level: KpiLevel = x < 0.2 ? 'group' : x < 0.6 ? 'region' : 'store';
    const filter: ScopeFilter = {};
    // A random node: the group, a region (its stores' rows) or a store.
    if (level === 'region' && r() < 0.5)
      filter.region = h.regions[Math.floor(r() * h.regions.length)]!.code;
    if (level === 'store') filter.store = h.stores[Math.floor(r() * h.stores.length)]!.id;
    if (r() < 0.25) filter.category = h.categories[Math.floor(r() * h.categories.length)]!.code;
    const kind = KINDS[Math.floor(r() * KINDS.length)]!;
    const anchor = addDays('2024-01-01', Math.floor(r() * 730)); // N-1 always inside the data
    out.push({ level, kind, range: periodContaining(kind, anchor), filter });
  }
  return out;
}

async function loadDuckDb(db: CacheDb): Promise<{ con: DuckDBConnection; seconds: number }> {
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const tables: [string, string, string][] = [
    ['magasins', 'SELECT id, region_id FROM magasins', "{'id':'INTEGER','region_id':'INTEGER'}"],
    [
      'categories',
      'SELECT id, CAST(round(taux_tva * 10000) AS INTEGER) FROM categories',
      "{'id':'INTEGER','taux_bp':'INTEGER'}",
    ],
    [
      'produits',
      'SELECT id, categorie_id, prix_achat_cents FROM produits',
      "{'id':'INTEGER','categorie_id':'INTEGER','prix_achat':'BIGINT'}",
    ],
    [
      'ventes',
      'SELECT id, magasin_id, jour FROM ventes',
      "{'id':'BIGINT','magasin_id':'INTEGER','jour':'DATE'}",
    ],
    [
      'lignes',
      'SELECT vente_id, produit_id, quantite, prix_unitaire_cents FROM lignes_ventes',
      "{'vente_id':'BIGINT','produit_id':'INTEGER','quantite':'INTEGER','prix':'BIGINT'}",
    ],
  ];
  mkdirSync(TMP, { recursive: true });
  for (const [name, sql, columns] of tables) {
    const file = join(TMP, `duck-${name}.csv`);
    const out = createWriteStream(file);
    let chunk: string[] = [];
    for (const row of db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
      chunk.push(row.join(','));
      if (chunk.length === 50_000) {
        if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
        chunk = [];
      }
    }
    out.end(chunk.length > 0 ? chunk.join('\n') + '\n' : '');
    await once(out, 'finish');
    await con.run(
      `CREATE TABLE ${name} AS SELECT * FROM read_csv('${file}', header = false, columns = ${columns})`,
    );
    rmSync(file);
  }
  return { con, seconds: (performance.now() - t0) / 1000 };
}

/** The same dashboard query from the detail in DuckDB: per-store sums, then the same consolidation. */
async function duckKpis(con: DuckDBConnection, db: CacheDb, q: Query): Promise<KpiRow[]> {
  const h = loadHierarchy(db);
  const scope = resolveScope(db, h, q.filter);
  const n1Range = previousYearRange(q.range, 'calendar');
  const stores = scope.stores.map((s) => s.id).join(',') || 'NULL';
  const cat = scope.category ? `AND p.categorie_id = ${scope.category.id}` : '';
  const reader = await con.runAndReadAll(
    `SELECT v.magasin_id, (v.jour BETWEEN DATE '${q.range.from}' AND DATE '${q.range.to}') AS courant, c.taux_bp,
       SUM(l.quantite * l.prix), SUM(l.quantite * p.prix_achat), SUM(l.quantite), COUNT(DISTINCT v.id)
     FROM lignes l JOIN ventes v ON v.id = l.vente_id JOIN produits p ON p.id = l.produit_id
       JOIN categories c ON c.id = p.categorie_id
     WHERE v.magasin_id IN (${stores}) ${cat}
       AND (v.jour BETWEEN DATE '${q.range.from}' AND DATE '${q.range.to}'
         OR v.jour BETWEEN DATE '${n1Range.from}' AND DATE '${n1Range.to}')
     GROUP BY GROUPING SETS ((v.magasin_id, courant), (v.magasin_id, courant, c.taux_bp))`,
  );
  const current = new Map<number, Sums>();
  const previous = new Map<number, Sums>();
  for (const row of reader.getRows()) {
    const [store, isCurrent, rate, ca, cout, unites, tickets] = row as [
      number,
      boolean,
      number | null,
      unknown,
      unknown,
      unknown,
      unknown,
    ];
    const map = isCurrent ? current : previous;
    const s = map.get(store) ?? emptySums();
    map.set(store, s);
    if (rate === null) {
      s.caTtc = Number(ca);
      s.cout = Number(cout);
      s.unites = Number(unites);
      s.tickets = Number(tickets);
    } else if (Number(ca) !== 0) s.caByRate.set(rate, Number(ca));
  }
  return assembleKpis({
    level: q.level,
    h,
    scope,
    filter: q.filter,
    range: q.range,
    n1Range,
    current,
    previous,
  });
}

/**
 * What an incremental sync brings, applied to SQLite with the triggers on, then the refresh
 * (each rolled back): one more business day of sales (a copy of the last day's receipts and
 * lines), and separately a cost change of a best-selling product (all its cells recomputed).
 */
function incremental(db: CacheDb): Record<string, number> {
  // The last complete day (the generator may stop within the very last one).
  const last = (
    db
      .prepare('SELECT jour AS j FROM ventes GROUP BY jour ORDER BY jour DESC LIMIT 1 OFFSET 1')
      .get() as { j: string }
  ).j;
  const day = addDays(
    (db.prepare('SELECT max(jour) AS j FROM ventes').get() as { j: string }).j,
    1,
  );
  const receipts = db
    .prepare('SELECT id, magasin_id, heure, montant_ttc_cents FROM ventes WHERE jour = ?')
    .all(last) as { id: number; magasin_id: number; heure: number; montant_ttc_cents: number }[];
  const linesOf = db
    .prepare(
      'SELECT produit_id, quantite, prix_unitaire_cents FROM lignes_ventes WHERE vente_id = ?',
    )
    .raw();
  const insV = db.prepare(
    'INSERT INTO ventes (id, magasin_id, client_id, date_vente, jour, heure, montant_ttc_cents) VALUES (?, ?, NULL, ?, ?, ?, ?)',
  );
  const insL = db.prepare(
    'INSERT INTO lignes_ventes (id, vente_id, produit_id, magasin_id, quantite, prix_unitaire_cents) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let v = (db.prepare('SELECT max(id) AS n FROM ventes').get() as { n: number }).n;
  let l = (db.prepare('SELECT max(id) AS n FROM lignes_ventes').get() as { n: number }).n;
  const out: Record<string, number> = {};
  db.exec('BEGIN');
  try {
    const t0 = performance.now();
    // Told of each insert, as the sync's writer does (ventes and lignes_ventes have no INSERT
    // trigger).
    const inserts = new ReceiptInserts(db);
    let n = 0;
    for (const r of receipts) {
      inserts.receiptInserting(++v);
      insV.run(v, r.magasin_id, `${day}T10:00:00.000Z`, day, r.heure, r.montant_ttc_cents);
      for (const [p, q, prix] of linesOf.all(r.id) as [number, number, number][]) {
        inserts.lineInserting(v);
        insL.run(++l, v, p, r.magasin_id, q, prix);
        n++;
      }
    }
    out.day_lines = n;
    out.day_apply_ms = Math.round(performance.now() - t0);
    const t1 = performance.now();
    out.day_cells = refreshDirtyAggregates(db).cells;
    out.day_refresh_ms = Math.round(performance.now() - t1);
  } finally {
    db.exec('ROLLBACK');
  }
  db.exec('BEGIN');
  try {
    const t0 = performance.now();
    db.prepare('UPDATE produits SET prix_achat_cents = prix_achat_cents + 1 WHERE id = 1').run();
    const r = refreshDirtyAggregates(db);
    out.cost_change_cells = r.cells;
    out.cost_change_refresh_ms = Math.round(performance.now() - t0);
  } finally {
    db.exec('ROLLBACK');
  }
  return out;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      lines: { type: 'string' },
      queries: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  const lines = Number((values.lines ?? '1000000').replace(/_/g, ''));
  const nQueries = Number(values.queries ?? 240);
  const seed = Number(values.seed ?? 1);
  mkdirSync(TMP, { recursive: true });
  const path = join(TMP, `analytics-${lines}.sqlite`);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const load = loadavg().map((x) => Math.round(x * 10) / 10);
  let db: CacheDb;
  let generateS: number | null = null;
  let buildS: number | null = null;
  if (values.keep && existsSync(path)) {
    db = openCache(path);
  } else {
    for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
    log(`generating ${lines.toLocaleString('en')} lines…`);
    const t0 = performance.now();
    db = generateSyntheticCache(path, { lines, seed });
    generateS = (performance.now() - t0) / 1000;
    log('building the aggregates…');
    db.pragma('cache_size = -262144');
    buildS = rebuildAggregates(db).seconds;
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  db.pragma('cache_size = -65536');
  const counts = Object.fromEntries(
    [
      'ventes',
      'lignes_ventes',
      'agg_magasin_jour',
      'agg_categorie_jour',
      'agg_tva_jour',
      'agg_produit_jour',
    ].map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
  log('loading DuckDB from the same detail…');
  const duck = await loadDuckDb(db);
  const queries = makeQueries(db, nQueries, seed);
  // Warm-up: prepared statements, DuckDB's first-query costs.
  for (const q of queries.slice(0, 10)) {
    computeKpis(db, { level: q.level, range: q.range, filter: q.filter, n1: 'calendar' });
    await duckKpis(duck.con, db, q);
  }
  log(`${queries.length} dashboard queries, engine and DuckDB alternately…`);
  const engineMs: number[] = [];
  const duckMs: number[] = [];
  let mismatches = 0;
  for (const q of queries) {
    let t = performance.now();
    const mine = computeKpis(db, {
      level: q.level,
      range: q.range,
      filter: q.filter,
      n1: 'calendar',
    }).rows;
    engineMs.push(performance.now() - t);
    t = performance.now();
    const theirs = await duckKpis(duck.con, db, q);
    duckMs.push(performance.now() - t);
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) mismatches++;
  }
  const inc = incremental(db);
  db.close();
  duck.con.closeSync();
  const engine = stats(engineMs);
  const duckdb = stats(duckMs);
  const result = {
    at: new Date().toISOString(),
    lines,
    counts,
    queries: queries.length,
    mix: 'level group 20 % / region 40 % / store 40 %; periods day, week, month, quarter, year, ytd, rolling12 (random anchor 2024–2025); N-1 calendar + target always; 25 % with a category filter',
    seconds: {
      generate: generateS && Math.round(generateS * 10) / 10,
      build_aggregates: buildS && Math.round(buildS * 10) / 10,
      duckdb_load: Math.round(duck.seconds * 10) / 10,
    },
    engine_ms: engine,
    duckdb_ms: duckdb,
    speedup: {
      p50: Math.round((duckdb.p50 / engine.p50) * 10) / 10,
      p95: Math.round((duckdb.p95 / engine.p95) * 10) / 10,
    },
    mismatches,
    incremental: inc,
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
  const base = join(RESULTS, `analytics-${result.at.slice(0, 10)}`);
  const runs = existsSync(`${base}.json`)
    ? (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { runs: (typeof result)[] }).runs
    : [];
  runs.push(result);
  writeFileSync(`${base}.json`, JSON.stringify({ benchmark: 'analytics', runs }, null, 2) + '\n');
  writeFileSync(`${base}.md`, markdown(runs));
  if (!values.keep) for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
}

function markdown(
  runs: {
    at: string;
    lines: number;
    queries: number;
    engine_ms: ReturnType<typeof stats>;
    duckdb_ms: ReturnType<typeof stats>;
    speedup: { p50: number; p95: number };
    mismatches: number;
    seconds: Record<string, number | null>;
    incremental: Record<string, number>;
    machine: BenchMachine;
  }[],
): string {
  const m = runs[runs.length - 1]!.machine;
  return [
    '# Analytics benchmark (`npm run bench -- analytics`)',
    '',
    'Mixed dashboard queries (random node: group/region/store; standard period; N-1 calendar and',
    'target always; 25 % with a category filter): the engine in-process from the aggregates vs',
    'DuckDB in memory from the same detail, alternately in the same run; every answer compared.',
    'Incremental (rolled back): one more day of sales applied to SQLite with the triggers on, then',
    '`refreshDirtyAggregates`; and the cost change of the best-selling product (every cell of its lines).',
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}, Node ${m.node} (shared with other work; load average at start in the table).`,
    '',
    '| at (UTC) | lines | queries | engine p50 / p95 / max ms | DuckDB p50 / p95 ms | speed-up p50 / p95 | mismatches | build aggregates s | DuckDB load s | new day: lines, apply / refresh ms (cells) | cost change: refresh ms (cells) | load avg |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.at.slice(0, 19).replace('T', ' ')} | ${r.lines.toLocaleString('en')} | ${r.queries} | ${r.engine_ms.p50} / **${r.engine_ms.p95}** / ${r.engine_ms.max} | ${r.duckdb_ms.p50} / ${r.duckdb_ms.p95} | ${r.speedup.p50}× / **${r.speedup.p95}×** | ${r.mismatches} | ${r.seconds.build_aggregates ?? '(kept)'} | ${r.seconds.duckdb_load} | ${r.incremental.day_lines}: ${r.incremental.day_apply_ms} / ${r.incremental.day_refresh_ms} (${r.incremental.day_cells}) | ${r.incremental.cost_change_refresh_ms} (${r.incremental.cost_change_cells}) | ${r.machine.load_avg_at_start.join(' ')} |`,
    ),
    '',
  ].join('\n');
}
