// `npm run bench -- ui [--lines N] [--loads N] [--changes N] [--keep]`: the application's
// responsiveness on the demo data (issue 7). A central database is seeded with the demo chain
// (default 1,000,000 sale lines, 3 years, 120 stores), synced into a cache as a registered admin
// login (row-level security on, as the app runs it), then the built renderer is opened in
// Chromium through the web harness on that cache (offline: no central server needed) and measured
// with the renderer's own performance marks (src-renderer/src/perf.ts):
//  - dashboard fully drawn: from the page's start to the KPI cards and both charts of the first
//    period rendered (budget 1.5 s), over N fresh page loads;
//  - period change: from the click on "previous period" to the same state for the new period
//    (budget 200 ms), N changes per load.
// The built renderer must exist (`npm run build`). Results are appended to
// bench/results/ui-<date>.json and the .md is rewritten, with the machine.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openCache } from '../src-main/core/cache/database';
import { seedDemo } from '../src-main/core/demo/seed';
import { migrateCentral } from '../src-main/core/migrations/central';
import { runSync } from '../src-main/core/sync/run-sync';
import { addUser } from '../src-main/core/users';
import { DEFAULT_RENDERER_DIR, startHarness } from '../src-main/harness/server';
import { launchChromium } from '../tests/e2e/browser';
import type { BenchMachine } from './machine';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');
const ADMIN_URL = process.env.EPM_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WORK = join(tmpdir(), 'epm-bench-ui');
/** A fixed last day: the same data, the same first period, run after run. */
const TODAY = '2025-06-30';

interface UiRun {
  at: string;
  lines: number;
  cache_mb: number;
  loads: number[];
  changes: number[];
  summary: {
    drawn_median_ms: number;
    drawn_max_ms: number;
    change_median_ms: number;
    change_p95_ms: number;
    change_max_ms: number;
  };
  machine: BenchMachine & { chromium: string };
}

function urlFor(db: string, user?: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${db}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function synced(cachePath: string): boolean {
  if (!existsSync(cachePath)) return false;
  const db = openCache(cachePath, { readonly: true });
  try {
    return db.prepare(`SELECT 1 FROM sync_state WHERE key = 'checkpoint'`).get() !== undefined;
  } finally {
    db.close();
  }
}

/** Seeds a central database and syncs a cache from it, unless a kept cache is there. */
async function prepareCache(lines: number, keep: boolean): Promise<string> {
  mkdirSync(WORK, { recursive: true });
  const cachePath = join(WORK, `cache-${lines}.sqlite`);
  if (keep && synced(cachePath)) {
    process.stderr.write(`ui: reusing ${cachePath}\n`);
    return cachePath;
  }
  for (const f of [cachePath, `${cachePath}-wal`, `${cachePath}-shm`]) rmSync(f, { force: true });
  const name = `epm_bench_ui_${process.pid}`;
  const login = `bench_ui_${process.pid}`;
  await admin(ADMIN_URL, (c) => c.query(`CREATE DATABASE "${name}"`));
  try {
    const url = urlFor(name);
    await migrateCentral(url);
    process.stderr.write(`ui: seeding ${lines.toLocaleString('en')} lines…\n`);
    await seedDemo(url, { lines, seed: 42, today: TODAY });
    await admin(url, (c) => addUser(c, { login, role: 'admin' }));
    process.stderr.write('ui: syncing the cache…\n');
    await runSync({ pgUrl: urlFor(name, login), cachePath, appVersion: 'bench' });
  } finally {
    await admin(ADMIN_URL, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS "${login}"`);
    });
  }
  return cachePath;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2
    : 0;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! : 0;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

async function measure(
  cachePath: string,
  loads: number,
  changes: number,
): Promise<{ loads: number[]; changes: number[]; chromium: string }> {
  const userDataDir = join(WORK, 'user');
  rmSync(userDataDir, { recursive: true, force: true });
  const harness = await startHarness({ cachePath, userDataDir });
  const browser = await launchChromium();
  const drawn: number[] = [];
  const changed: number[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'fr-FR',
      });
      const page = await context.newPage();
      await page.goto(harness.url);
      await page.waitForFunction(
        () =>
          (window as { __epmPerf?: { dashboardDrawnMs: number | null } }).__epmPerf
            ?.dashboardDrawnMs != null,
        undefined,
        { timeout: 60_000 },
      );
      for (let k = 1; k <= changes; k++) {
        await page.getByTestId('period-prev').click();
        await page.waitForFunction(
          (n) =>
            ((window as { __epmPerf?: { periodChanges: number[] } }).__epmPerf?.periodChanges
              .length ?? 0) >= n,
          k,
          { timeout: 60_000 },
        );
      }
      const perf = await page.evaluate(
        () =>
          (
            window as unknown as {
              __epmPerf: { dashboardDrawnMs: number; periodChanges: number[] };
            }
          ).__epmPerf,
      );
      drawn.push(r1(perf.dashboardDrawnMs));
      changed.push(...perf.periodChanges.map(r1));
      await context.close();
    }
    return { loads: drawn, changes: changed, chromium: browser.version() };
  } finally {
    await browser.close();
    await harness.close();
  }
}

function renderMarkdown(runs: UiRun[], date: string): string {
  const m = runs[runs.length - 1]!.machine;
  const rows = runs.map(
    (r) =>
      `| ${r.at.slice(11, 19)} | ${r.lines.toLocaleString('en')} | ${r.cache_mb} | ${r.loads.length} | **${r.summary.drawn_median_ms}** | ${r.summary.drawn_max_ms} | ${r.changes.length} | **${r.summary.change_median_ms}** | ${r.summary.change_p95_ms} | ${r.summary.change_max_ms} | ${r.machine.load_avg_at_start.join(' ')} |`,
  );
  return [
    `# UI benchmark, ${date}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}, Node ${m.node}, Chromium ${m.chromium}`,
    '(headless, through the web harness: same dispatch and core as Electron). The machine is shared',
    'with other engineers: the load average at the start of each run says how busy it was.',
    '',
    'Data: the demo chain (`seedDemo`, seed 42, 3 years ending 2025-06-30, 120 stores in 8 regions,',
    '5,000 products), synced into the local cache as a registered admin login. First period: June',
    '2025 (month of the last day with data), then "previous period" clicked N times per page load.',
    '',
    '- **drawn**: from the page start (performance.timeOrigin) to the dashboard fully drawn: the KPI',
    '  cards, the regions table and both charts of the first period rendered (ECharts `finished`).',
    '  Budget 1,500 ms.',
    '- **period change**: from the click to the same state for the new period (one `kpi:dashboard`',
    '  IPC round trip, React commit, both charts redrawn). Budget 200 ms.',
    '',
    '| time (UTC) | lines | cache MB | loads | drawn median ms | drawn max ms | changes | change median ms | change p95 ms | change max ms | load avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    'Reproduce: `npm run build && npm run bench -- ui` (`--lines N`, `--loads N`, `--changes N`;',
    '`--keep` keeps the synced cache in the OS temp folder for the next run). The end-to-end suite',
    '(tests/e2e/screens.test.ts) measures the same marks on its small chain and prints them.',
    '',
  ].join('\n');
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      lines: { type: 'string', default: '1000000' },
      loads: { type: 'string', default: '5' },
      changes: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
    },
  });
  const lines = Number(values.lines);
  const loads = Number(values.loads);
  const changes = Number(values.changes);
  if (![lines, loads, changes].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error('--lines, --loads and --changes must be positive integers');
  }
  if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) {
    throw new Error('no built renderer: run `npm run build` first');
  }
  const load = loadavg().map((x) => Math.round(x * 100) / 100);
  const cachePath = await prepareCache(lines, values.keep === true);
  const cacheMb = Math.round(statSync(cachePath).size / 1e5) / 10;
  process.stderr.write(`ui: measuring ${loads} loads × ${changes} period changes…\n`);
  const m = await measure(cachePath, loads, changes);
  const result: UiRun = {
    at: new Date().toISOString(),
    lines,
    cache_mb: cacheMb,
    loads: m.loads,
    changes: m.changes,
    summary: {
      drawn_median_ms: r1(median(m.loads)),
      drawn_max_ms: r1(Math.max(...m.loads)),
      change_median_ms: r1(median(m.changes)),
      change_p95_ms: r1(quantile(m.changes, 0.95)),
      change_max_ms: r1(Math.max(...m.changes)),
    },
    machine: {
      cpu: cpus()[0]?.model ?? '?',
      cores: cpus().length,
      memory_gib: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      node: process.versions.node,
      chromium: m.chromium,
      load_avg_at_start: load,
    },
  };
  if (!values.keep)
    for (const f of [cachePath, `${cachePath}-wal`, `${cachePath}-shm`]) rmSync(f, { force: true });
  mkdirSync(RESULTS, { recursive: true });
  const date = result.at.slice(0, 10);
  const jsonPath = join(RESULTS, `ui-${date}.json`);
  const runs: UiRun[] = existsSync(jsonPath)
    ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as UiRun[])
    : [];
  runs.push(result);
  writeFileSync(jsonPath, `${JSON.stringify(runs, null, 2)}\n`);
  writeFileSync(join(RESULTS, `ui-${date}.md`), renderMarkdown(runs, date));
  process.stdout.write(
    `dashboard drawn: median ${result.summary.drawn_median_ms} ms (max ${result.summary.drawn_max_ms}); ` +
      `period change: median ${result.summary.change_median_ms} ms, p95 ${result.summary.change_p95_ms} ms\n` +
      `results: ${jsonPath}\n`,
  );
}
