// `npm run bench -- whatif [--lines N] [--edits N] [--fresh] [--clean]`: the what-if engine at a
// 10-million-line baseline (DOMAIN.md §5, issue 5). Builds (once, in the OS temp folder) a
// synthetic cache of N sale lines over one year: 8 regions, 120 stores, 12 categories, 5,000
// products with a skewed popularity, receipts of 1–5 lines, ~2 % returns; aggregates built as a
// sync builds them. Then measures:
//  - loading the baseline (store × product × month line groups) and indexing it;
//  - the first computation of a 10-lever scenario over the full hierarchy (every row of every
//    level), on a fresh index (baseline figures included) and on a loaded one;
//  - the recomputation after editing one lever (a slider move), lever after lever: p50/p95/max;
//  - the same scenario recomputed from the detail lines in SQL (the naive way), whose totals
//    must agree with the engine's.
// Results go to bench/results/whatif-<date>.json (appended) and .md, with the machine.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openCache, type CacheDb } from '../src-main/core/cache/database';
import { rebuildAggregates } from '../src-main/core/analytics/aggregates';
import { addDays, isoWeekday } from '../src-main/core/analytics/dates';
import { indexBaseline, type BaselineIndex } from '../src-main/core/whatif/baseline';
import { evaluate, rowsOf } from '../src-main/core/whatif/engine';
import { buildModel } from '../src-main/core/whatif/factors';
import { loadBaseline } from '../src-main/core/whatif/load-baseline';
import { runTaskInWorker } from '../src-main/core/ipc/jobs/worker-runner';
import { ScenarioSession } from '../src-main/core/whatif/session';
import { validateScenario } from '../src-main/core/whatif/validate';
import { WHATIF_LEVELS, type Lever, type Scenario } from '../src-shared/domain/scenario';
import type { BenchMachine } from './machine';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');
const FROM = '2025-01-01';
const TO = '2025-12-31';
const N_REGIONS = 8;
const N_STORES = 120;
const N_CATS = 12;
const N_PRODUCTS = 5000;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One year of synthetic sales written straight into a cache (deterministic). */
function generate(path: string, lines: number): void {
  const rnd = prng(42);
  const db = openCache(path);
  db.pragma('cache_size = -262144');
  db.transaction(() => {
    for (let r = 1; r <= N_REGIONS; r++)
      db.prepare('INSERT INTO regions VALUES (?, ?, ?)').run(
        r,
        `R${String(r).padStart(2, '0')}`,
        `Région ${r}`,
      );
    const store = db.prepare('INSERT INTO magasins VALUES (?, ?, ?, ?, ?, ?)');
    for (let s = 1; s <= N_STORES; s++) {
      store.run(
        s,
        ((s - 1) % N_REGIONS) + 1,
        `Magasin ${s}`,
        Math.round((1_500_000 + rnd() * 4_000_000) * 100),
        null,
        null,
      );
    }
    const rates = [0.055, 0.1, 0.2];
    for (let c = 1; c <= N_CATS; c++) {
      db.prepare('INSERT INTO categories VALUES (?, ?, ?, ?, ?)').run(
        c,
        `C${String(c).padStart(2, '0')}`,
        `Catégorie ${c}`,
        rates[c % 3],
        -0.4 - (c % 5) * 0.3,
      );
    }
    const prices: number[] = [0];
    const product = db.prepare('INSERT INTO produits VALUES (?, ?, ?, ?, ?, ?)');
    for (let p = 1; p <= N_PRODUCTS; p++) {
      const price = Math.round(100 + rnd() * rnd() * 20_000);
      prices.push(price);
      product.run(
        p,
        ((p - 1) % N_CATS) + 1,
        `SKU${p}`,
        Math.round((price / 1.2) * (0.4 + rnd() * 0.3)),
        price,
        null,
      );
    }
    db.prepare('INSERT INTO clients (id) VALUES (1)').run();
    const vente = db.prepare('INSERT INTO ventes VALUES (?, ?, ?, ?, ?, ?, ?)');
    const ligne = db.prepare('INSERT INTO lignes_ventes VALUES (?, ?, ?, ?, ?, ?)');
    const perStoreDay = lines / 3 / (N_STORES * 365);
    let venteId = 0;
    let ligneId = 0;
    for (let d = 0; d < 365 && ligneId < lines; d++) {
      const jour = addDays(FROM, d);
      const weekend = isoWeekday(jour) >= 6 ? 1.4 : 1;
      const season = 1 + 0.25 * Math.sin((d / 365) * 2 * Math.PI);
      for (let s = 1; s <= N_STORES; s++) {
        const receipts = Math.round(perStoreDay * weekend * season * (0.6 + rnd() * 0.8));
        for (let k = 0; k < receipts && ligneId < lines; k++) {
          venteId++;
          let total = 0;
          const n = 1 + Math.floor(rnd() * 5);
          const batch: [number, number, number][] = [];
          for (let i = 0; i < n; i++) {
            const p = 1 + Math.floor(Math.pow(rnd(), 2.2) * N_PRODUCTS); // low ids sell far more
            const q = rnd() < 0.02 ? -1 : 1 + Math.floor(rnd() * rnd() * 4);
            const prix = Math.round(prices[p]! * (rnd() < 0.15 ? 0.8 : 1));
            total += q * prix;
            batch.push([p, q, prix]);
          }
          vente.run(venteId, s, null, `${jour}T10:00:00.000Z`, jour, 11, total);
          for (const [p, q, prix] of batch) ligne.run(++ligneId, venteId, p, s, q, prix);
        }
      }
    }
    db.prepare(`INSERT INTO sync_state VALUES ('checkpoint', 'synthetic')`).run();
  })();
  rebuildAggregates(db);
  db.close();
}

/** Ten levers over the whole hierarchy: 6 scope levers, a closure, an opening, 2 target changes. */
function tenLevers(): Lever[] {
  return [
    { type: 'scope', scope: { category: 'C03' }, price_pct: 0.05, volume_pct: 0, cost_pct: 0.02 },
    { type: 'scope', scope: { region: 'R01' }, price_pct: 0, volume_pct: 0.03, cost_pct: 0 },
    {
      type: 'scope',
      scope: { region: 'R02', category: 'C05' },
      price_pct: -0.04,
      volume_pct: 0,
      cost_pct: 0.01,
      elasticity: -1.8,
    },
    { type: 'scope', scope: { store: 17 }, price_pct: 0.02, volume_pct: 0.01, cost_pct: 0 },
    { type: 'scope', scope: { category: 'C08' }, price_pct: 0, volume_pct: 0, cost_pct: -0.03 },
    { type: 'scope', scope: {}, price_pct: 0.01, volume_pct: -0.005, cost_pct: 0.01 },
    { type: 'close_store', store: 12, from: '2025-07-01', transfer_pct: 0.3 },
    {
      type: 'open_store',
      like_store: 7,
      region: 'R02',
      from: '2025-03-01',
      size_factor: 0.8,
      ramp_up_months: 6,
      cannibalisation_pct: 0.05,
    },
    { type: 'target', scope: { region: 'R03' }, objectif_pct: 0.04 },
    { type: 'target', scope: { store: 30 }, objectif_ca: 4_000_000 },
  ];
}

/** A slider move on lever i (k-th edit): the kind of change the simulator sends live. */
function nudge(l: Lever, k: number): Lever {
  const step = ((k % 7) - 3) / 1000;
  switch (l.type) {
    case 'scope':
      return l.price_pct !== 0 || l.volume_pct === 0
        ? { ...l, price_pct: l.price_pct + step }
        : { ...l, volume_pct: l.volume_pct + step };
    case 'close_store':
      return { ...l, transfer_pct: Math.min(1, Math.max(0, l.transfer_pct + step * 10)) };
    case 'open_store':
      return { ...l, size_factor: l.size_factor + step };
    case 'target':
      return l.objectif_pct !== undefined
        ? { ...l, objectif_pct: l.objectif_pct + step }
        : { ...l, objectif_ca: l.objectif_ca! * (1 + step) };
  }
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 100) / 100;
/** CPU time of the process since c0 (what the work costs, whatever else the machine runs). */
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return Math.round((c.user + c.system) / 10) / 100;
};
const WARM_UP_EDITS = 30;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

/** The same scenario from the detail lines in SQL, with the engine's factor tables. */
function naive(
  db: CacheDb,
  ix: BaselineIndex,
  scenario: Scenario,
): { ms: number; ca: number; cout: number; unites: number } {
  const t0 = performance.now();
  const model = buildModel(ix, scenario);
  const { C, M } = ix;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS wf_pair (magasin_id INTEGER, categorie_id INTEGER, fp REAL, fq REAL, fc REAL, PRIMARY KEY (magasin_id, categorie_id));
    CREATE TEMP TABLE IF NOT EXISTS wf_cal (magasin_id INTEGER, mois TEXT, k REAL, PRIMARY KEY (magasin_id, mois));
    DELETE FROM wf_pair; DELETE FROM wf_cal;`);
  const pair = db.prepare('INSERT INTO wf_pair VALUES (?, ?, ?, ?, ?)');
  const cal = db.prepare('INSERT INTO wf_cal VALUES (?, ?, ?)');
  db.transaction(() => {
    model.stores.forEach((s, i) => {
      if (s.id === null) return;
      ix.data.categories.forEach((c, ci) =>
        pair.run(
          s.id,
          c.id,
          model.price[i * C + ci],
          model.quantity[i * C + ci],
          model.cost[i * C + ci],
        ),
      );
      ix.data.months.forEach((m, mi) => cal.run(s.id, m.key, model.calendar[i * M + mi]));
    });
  })();
  const sums = (where: string, params: unknown[], factor: string) =>
    db
      .prepare(
        `SELECT SUM(l.quantite * f.fq * ${factor}), SUM(l.quantite * l.prix_unitaire_cents * f.fq * f.fp * ${factor}),
           SUM(l.quantite * p.prix_achat_cents * f.fq * f.fc * ${factor})
         FROM lignes_ventes l JOIN ventes v ON v.id = l.vente_id JOIN produits p ON p.id = l.produit_id
           JOIN wf_pair f ON f.magasin_id = v.magasin_id AND f.categorie_id = p.categorie_id
           JOIN wf_cal c ON c.magasin_id = v.magasin_id AND c.mois = substr(v.jour, 1, 7)
         WHERE v.jour BETWEEN ? AND ? ${where}`,
      )
      .raw()
      .get(...params) as [number, number, number];
  let [unites, ca, cout] = sums('', [ix.data.range.from, ix.data.range.to], 'c.k');
  // Opened stores: their reference store's lines again, with the opened store's factors.
  model.stores.forEach((s, i) => {
    if (s.id !== null) return;
    const like = ix.data.stores[s.src]!.id;
    db.exec('DELETE FROM wf_pair; DELETE FROM wf_cal;');
    db.transaction(() => {
      ix.data.categories.forEach((c, ci) =>
        pair.run(
          like,
          c.id,
          model.price[i * C + ci],
          model.quantity[i * C + ci],
          model.cost[i * C + ci],
        ),
      );
      ix.data.months.forEach((m, mi) => cal.run(like, m.key, model.calendar[i * M + mi]));
    })();
    const [u, a, o] = sums(
      'AND v.magasin_id = ?',
      [ix.data.range.from, ix.data.range.to, like],
      'c.k',
    );
    unites += u;
    ca += a;
    cout += o;
  });
  return { ms: ms(t0), ca, cout, unites };
}

interface WhatIfRun {
  at: string;
  lines: number;
  line_groups: number;
  grid_density: number;
  generate_s: number | null;
  load_baseline_ms: number;
  index_ms: number;
  /**
   * The same load and index in the task worker, as the simulator does it (since 2026-12-08):
   * wall time until the index is in this thread, and this thread's longest pause meanwhile.
   */
  worker_load_ms?: number;
  worker_main_pause_ms?: number;
  first_fresh_ms: number;
  first_fresh_cpu_ms: number;
  first_ms: { median: number; runs: number[]; cpu_median: number };
  rows: number;
  edits: {
    count: number;
    warm_up: number;
    cpu_p50: number;
    cpu_p95: number;
    p50: number;
    p95: number;
    max: number;
    by_type: Record<string, { p50: number; p95: number; line_groups_p50: number }>;
  };
  naive_sql_ms: number;
  naive_agrees: { ca_rel_diff: number; cout_rel_diff: number; unites_rel_diff: number };
  machine: BenchMachine;
}

function markdown(runs: WhatIfRun[]): string {
  const m = runs[runs.length - 1]!.machine;
  const f = (x: number | undefined, d = 1) => (x === undefined ? '—' : x.toFixed(d));
  const last = runs[runs.length - 1]!;
  return [
    `# What-if benchmark, ${runs[0]!.at.slice(0, 10)}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}, Node ${m.node}. The machine is shared`,
    '(other engineers build and test on it): the load average at the start of each run says how busy it',
    'was, and CPU times (process user + system) show the cost of the work itself beside wall-clock times.',
    '',
    'Synthetic cache: 1 year (2025), 8 regions, 120 stores, 12 categories, 5,000 products with a skewed',
    'popularity, receipts of 1–5 lines, ~2 % returns. Baseline: the whole year at the store × product ×',
    'month grain (`line groups`; `density` = line groups / (120 × 5,000 × 12)).',
    '',
    'Scenario: 10 levers (6 scope levers from the whole group down to one store, a closure with transfer,',
    'an opening with ramp-up and cannibalisation, 2 target changes); every row of every level (group, 8',
    'regions, 121 stores, 12 categories = 142 rows).',
    '- **first (fresh)**: on a just-loaded baseline: baseline figures, scenario, all rows (includes JIT warm-up);',
    '- **first**: a new `ScenarioSession` on the loaded baseline (scenario + all rows), median of 5;',
    '- **edit**: one lever moved like a slider (`session.updateLever`: recompute + changed rows), lever',
    `  after lever, ${last.edits.count} edits after ${last.edits.warm_up ?? 0} warm-up edits;`,
    '- **naive**: the same scenario recomputed from the 10 M detail lines in SQLite (one pass over the',
    '  lines with the factor tables joined, plus one per opened store); its totals agree with the',
    `  engine's to ${last.naive_agrees.ca_rel_diff.toExponential(1)} (revenue, relative).`,
    '',
    '- **in the worker**: the same baseline loaded and indexed by the task worker, as the simulator',
    "  does it: wall time until it is in the main thread, and the main thread's longest pause",
    '  meanwhile (gaps of a 5 ms timer; under `tsx` the worker first spends ~0.3 s registering the',
    '  TypeScript loader, which the bundled app does not).',
    '',
    '| time (UTC) | lines | line groups | density | load + index ms | in the worker ms (main pause) | first (fresh) ms | first ms (cpu) | edit p50 ms | edit p95 ms (cpu) | edit max ms | naive SQL ms | load avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...runs.map(
      (r) =>
        `| ${r.at.slice(11, 19)} | ${r.lines.toLocaleString('en')} | ${r.line_groups.toLocaleString('en')} | ${(r.grid_density * 100).toFixed(1)} % | ${f(r.load_baseline_ms, 0)} + ${f(r.index_ms, 0)} | ${f(r.worker_load_ms, 0)} (${f(r.worker_main_pause_ms, 0)}) | ${f(r.first_fresh_ms)} | **${f(r.first_ms.median)}** (${f(r.first_ms.cpu_median)}) | ${f(r.edits.p50, 2)} | **${f(r.edits.p95, 2)}** (${f(r.edits.cpu_p95, 2)}) | ${f(r.edits.max, 2)} | ${f(r.naive_sql_ms, 0)} | ${r.machine.load_avg_at_start.join(' ')} |`,
    ),
    '',
    'Edits by lever type (last run): ' +
      Object.entries(last.edits.by_type)
        .map(
          ([t, v]) =>
            `${t} p50 ${v.p50} ms / p95 ${v.p95} ms (${v.line_groups_p50.toLocaleString('en')} line groups under the recomputed cells)`,
        )
        .join('; ') +
      '.',
    '',
    'Reproduce: `npm run bench -- whatif` (`--lines N`, `--edits N`; the cache is kept in the OS temp',
    'folder for the next run, `--fresh` rebuilds it, `--clean` deletes it afterwards).',
    '',
  ].join('\n');
}

/** The baseline through the simulator's path (the task worker), timing this thread's pauses. */
async function loadInWorker(
  cachePath: string,
  range: { from: string; to: string },
): Promise<{ ms: number; pauseMs: number; groups: number }> {
  let pause = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    pause = Math.max(pause, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  try {
    const ix = await runTaskInWorker('whatif-baseline', { cachePath, range }, () => undefined)
      .promise;
    const total = ms(t0);
    pause = Math.max(pause, performance.now() - last);
    return { ms: total, pauseMs: Math.round(pause), groups: ix.unites.length };
  } finally {
    clearInterval(tick);
  }
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      lines: { type: 'string' },
      edits: { type: 'string' },
      fresh: { type: 'boolean' },
      clean: { type: 'boolean' },
    },
  });
  const lines = Number((values.lines ?? '10000000').replace(/_/g, ''));
  const editCount = Number(values.edits ?? '300');
  const machine: WhatIfRun['machine'] = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    load_avg_at_start: loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${platform()} ${release()}`,
    node: process.versions.node,
  };
  const path = join(tmpdir(), `epm-bench-whatif-${lines}.sqlite`);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  let generateS: number | null = null;
  if (values.fresh || !existsSync(path)) {
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    log(`generating ${lines.toLocaleString('en')} lines into ${path}…`);
    const t0 = performance.now();
    generate(path, lines);
    generateS = Math.round((performance.now() - t0) / 100) / 10;
    log(`  ${generateS} s`);
  }
  const db = openCache(path);
  try {
    const range = { from: FROM, to: TO };
    let t0 = performance.now();
    const data = loadBaseline(db, range);
    const loadMs = ms(t0);
    t0 = performance.now();
    const ix = indexBaseline(data);
    const indexMs = ms(t0);
    const nGroups = ix.unites.length;
    log(
      `baseline: ${nGroups.toLocaleString('en')} line groups, load ${loadMs} ms, index ${indexMs} ms`,
    );
    const inWorker = await loadInWorker(path, range);
    if (inWorker.groups !== nGroups) {
      throw new Error(`the worker's baseline has ${inWorker.groups} line groups, not ${nGroups}`);
    }
    log(
      `in the task worker: ${inWorker.ms} ms, main thread's longest pause ${inWorker.pauseMs} ms`,
    );
    const scenario = validateScenario(
      { name: 'bench', baseline: range, levers: tenLevers() },
      data,
    );

    // First computation on a fresh index: baseline figures, scenario, every row of every level.
    const c0 = process.cpuUsage();
    t0 = performance.now();
    const ev = evaluate(ix, scenario);
    const rowCount = WHATIF_LEVELS.reduce((n, l) => n + rowsOf(ix, ev, l).length, 0);
    const firstFresh = ms(t0);
    const firstFreshCpu = cpuMs(c0);
    const firstRuns: number[] = [];
    const firstCpu: number[] = [];
    let session: ScenarioSession | undefined;
    for (let i = 0; i < 5; i++) {
      const c0 = process.cpuUsage();
      t0 = performance.now();
      session = new ScenarioSession(ix, scenario);
      firstRuns.push(ms(t0));
      firstCpu.push(cpuMs(c0));
    }
    log(
      `first computation: fresh ${firstFresh} ms, loaded ${firstRuns.join(' / ')} ms, ${rowCount} rows`,
    );

    // Warm-up: the first edits also compile the code paths (not counted, said in the report).
    for (let k = 0; k < WARM_UP_EDITS; k++)
      session!.updateLever(k % 10, nudge(session!.current.levers[k % 10]!, k));
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const byType = new Map<string, { t: number[]; lg: number[] }>();
    for (let k = 0; k < editCount; k++) {
      const i = k % 10;
      const lever = nudge(session!.current.levers[i]!, k);
      const c0 = process.cpuUsage();
      t0 = performance.now();
      const u = session!.updateLever(i, lever);
      const t = ms(t0);
      cpuTimes.push(cpuMs(c0));
      times.push(t);
      const entry = byType.get(lever.type) ?? { t: [], lg: [] };
      entry.t.push(t);
      entry.lg.push(u.line_groups);
      byType.set(lever.type, entry);
    }
    const edits = {
      count: editCount,
      warm_up: WARM_UP_EDITS,
      p50: pct(times, 50),
      p95: pct(times, 95),
      max: Math.max(...times),
      cpu_p50: pct(cpuTimes, 50),
      cpu_p95: pct(cpuTimes, 95),
      by_type: Object.fromEntries(
        [...byType].map(([type, e]) => [
          type,
          { p50: pct(e.t, 50), p95: pct(e.t, 95), line_groups_p50: pct(e.lg, 50) },
        ]),
      ),
    };
    log(`edits: p50 ${edits.p50} ms, p95 ${edits.p95} ms, max ${edits.max} ms`);

    const final = session!.current;
    const group = session!.rows('group')[0]!;
    log('naive recomputation from the detail lines (SQL)…');
    const n = naive(db, ix, final);
    const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
    const naiveAgrees = {
      ca_rel_diff: rel(n.ca / 100, group.scen.ca_ttc!),
      cout_rel_diff: rel(n.cout / 100, group.scen.cout!),
      unites_rel_diff: rel(n.unites, group.scen.unites!),
    };
    log(`naive: ${n.ms} ms; relative differences ${JSON.stringify(naiveAgrees)}`);

    const result: WhatIfRun = {
      at: new Date().toISOString(),
      lines,
      line_groups: nGroups,
      grid_density: nGroups / (N_STORES * N_PRODUCTS * 12),
      generate_s: generateS,
      load_baseline_ms: loadMs,
      index_ms: indexMs,
      worker_load_ms: inWorker.ms,
      worker_main_pause_ms: inWorker.pauseMs,
      first_fresh_ms: firstFresh,
      first_fresh_cpu_ms: firstFreshCpu,
      first_ms: { median: pct(firstRuns, 50), runs: firstRuns, cpu_median: pct(firstCpu, 50) },
      rows: rowCount,
      edits,
      naive_sql_ms: n.ms,
      naive_agrees: naiveAgrees,
      machine,
    };
    mkdirSync(RESULTS, { recursive: true });
    const base = join(RESULTS, `whatif-${result.at.slice(0, 10)}`);
    const runs: WhatIfRun[] = existsSync(`${base}.json`)
      ? (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as WhatIfRun[])
      : [];
    runs.push(result);
    writeFileSync(`${base}.json`, JSON.stringify(runs, null, 2) + '\n');
    writeFileSync(`${base}.md`, markdown(runs));
    log(`results: ${base}.json / .md`);
  } finally {
    db.close();
    // The cache is kept for the next run (generating 10 M lines takes minutes) unless --clean.
    if (values.clean)
      for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  }
}
