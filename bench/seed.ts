// `npm run bench -- seed [--lines N] [--seed S] [--keep] [--without-row-triggers]`: seeds N demo lines (default 1,000,000)
// into a fresh database on EPM_BENCH_PG_URL (an admin URL; default the machine's server) with
// every migration applied (change-tracking triggers on), and appends the run to
// bench/results/seed-<date>.json and .md together with the machine it ran on.
// --without-row-triggers disables the per-row triggers of ventes and lignes_ventes (sync_txid
// stamp, lignes_ventes.magasin_id fill) in the throwaway database, to measure what they cost.
// Measurement only. Since 2026-11-26 02:49 the standard path, as a superuser, skips those
// triggers itself and writes the values they would compute (see seed.ts), so both variants
// should now cost about the same; rows before that time measured the triggers on. Since
// 2026-12-03 it also computes the rows in generator sessions (generator.ts): their CPU is
// reported next to the seeding backend's ("backend CPU s" = seeding + generators).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateCentral } from '../src-main/core/migrations/central';
import { seedDemo, type SeedPhase, type SeedSummary } from '../src-main/core/demo/seed';
import type { BenchMachine } from './machine';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');

interface SeedRun {
  at: string;
  /** 'standard', or 'without-row-triggers' (measurement of the triggers' cost only). */
  variant: string;
  /** Central migrations applied to the benchmark database (the triggers' cost depends on them). */
  migrations: string[];
  lines: number;
  seed: number;
  summary: SeedSummary;
  /**
   * CPU seconds of the seeding backend process (read from /proc when the server is local; null
   * otherwise) and of Node. On a shared machine wall time depends on the neighbours; CPU time
   * does not, so lines per backend CPU-second is the comparable figure. Parallel index-build
   * workers are separate processes and not included.
   */
  cpu: {
    backend_s: number | null;
    /** CPU seconds of the generator sessions (since 2026-12-03; absent before). */
    generators_s?: number | null;
    node_s: number;
    /** Lines per CPU-second of all the seed's backends (seeding + generators). */
    lines_per_backend_cpu_s: number | null;
  };
  /** Wall-clock seconds per phase (indexes includes recreating foreign keys and the commit). */
  phases: Partial<Record<SeedPhase, number>>;
  machine: BenchMachine & { postgres: string };
}

/** utime + stime of a local process in seconds, or null when it cannot be read. */
function processCpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

async function adminQuery<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

function markdown(runs: SeedRun[]): string {
  const m = runs[0]!.machine;
  const rows = runs.map((r) => {
    const p = r.phases;
    const f = (x?: number) => (x === undefined ? '' : x.toFixed(1));
    return `| ${r.at.slice(11, 19)} | ${r.variant ?? 'standard'} | ${r.lines.toLocaleString('en')} | ${r.summary.ventes.toLocaleString('en')} | ${(r.summary.elapsed_ms / 1000).toFixed(1)} | **${r.summary.lines_per_second.toLocaleString('en')}** | ${f(p.reference)} | ${f(p.sales)} | ${f(p.indexes)} | ${f(p.analyze)} | ${r.cpu?.backend_s ?? ''}${r.cpu?.generators_s ? ` + ${r.cpu.generators_s}` : ''} | ${r.cpu?.lines_per_backend_cpu_s?.toLocaleString('en') ?? ''} | ${r.machine.load_avg_at_start.map((x) => x.toFixed(1)).join(' ')} |`;
  });
  return [
    `# Demo seed benchmark, ${runs[0]!.at.slice(0, 10)}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}, Node ${m.node}.`,
    `PostgreSQL: ${m.postgres}. Migrations: ${runs[runs.length - 1]!.migrations.join(', ')}.`,
    '',
    'Fresh database, all central migrations applied (change-tracking and magasin_id row triggers on),',
    'seeded by `seedDemo` (one transaction; secondary indexes and foreign keys of ventes and',
    'lignes_ventes rebuilt after the load). Times in seconds; lines/s over the whole call.',
    'Variant `without-row-triggers`: the per-row triggers of ventes and lignes_ventes disabled, to',
    'measure their cost only (the product never seeds that way). The machine is shared: the load',
    'average at the start of each run says how busy it was.',
    'Backend CPU s: the seeding backend, + its generator sessions when it has some (superuser path',
    'since 2026-12-03); lines/backend CPU s divides by their sum. Parallel index-build workers are',
    'not counted.',
    '',
    '| time (UTC) | variant | lines | receipts | total s | lines/s | reference | sales | indexes+FK | analyze | backend CPU s | lines/backend CPU s | load avg |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    'Reproduce: `npm run bench -- seed --lines 1000000` (EPM_BENCH_PG_URL = admin URL of the server).',
    '',
  ].join('\n');
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      lines: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean' },
      'without-row-triggers': { type: 'boolean' },
    },
  });
  const lines = Number((values.lines ?? '1000000').replace(/_/g, ''));
  const seed = Number(values.seed ?? '42');
  const admin = process.env.EPM_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `epm_bench_seed_${Date.now()}`;
  const url = (() => {
    const u = new URL(admin);
    u.pathname = `/${name}`;
    return u.toString();
  })();

  const version = (await adminQuery<{ version: string }>(admin, 'SELECT version()'))[0]!.version;
  const machine: SeedRun['machine'] = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    load_avg_at_start: loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${platform()} ${release()}`,
    node: process.versions.node,
    postgres: version.split(' on ')[0]!,
  };
  process.stderr.write(
    `seeding ${lines.toLocaleString('en')} lines into ${name} (${machine.postgres}, ${machine.cores} cores, free ${Math.round(freemem() / 2 ** 30)} GiB)\n`,
  );
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  try {
    const { applied: migrations } = await migrateCentral(url);
    const variant = values['without-row-triggers'] ? 'without-row-triggers' : 'standard';
    if (variant !== 'standard') {
      await adminQuery(
        url,
        `ALTER TABLE ventes DISABLE TRIGGER epm_stamp_sync_txid;
         ALTER TABLE lignes_ventes DISABLE TRIGGER epm_stamp_sync_txid;
         ALTER TABLE lignes_ventes DISABLE TRIGGER epm_fill_magasin_id;`,
      );
    }
    const starts: Partial<Record<SeedPhase, number>> = {};
    const phases: Partial<Record<SeedPhase, number>> = {};
    // The seeding backend and, on the superuser path, its generator sessions (generator.ts).
    let backendPid: number | undefined;
    let backendCpu: number | null = null;
    const genCpu = new Map<number, number>();
    let genLookups = 0;
    const readGenerators = () => {
      if (genLookups++ > 64) return;
      void adminQuery<{ pid: number }>(
        admin,
        `SELECT pid FROM pg_stat_activity WHERE datname = '${name}' AND application_name = 'epm-demo-seed-gen'`,
      ).then((r) => {
        for (const { pid } of r) if (!genCpu.has(pid)) genCpu.set(pid, 0);
      });
    };
    const readGenCpu = () => {
      for (const pid of genCpu.keys()) {
        const s = processCpuSeconds(pid);
        if (s !== null) genCpu.set(pid, s);
      }
    };
    const nodeCpu0 = process.cpuUsage();
    const summary = await seedDemo(url, {
      lines,
      seed,
      onProgress: (p) => {
        const now = performance.now();
        if (backendPid === undefined && p.phase === 'reference') {
          backendPid = 0;
          void adminQuery<{ pid: number }>(
            admin,
            `SELECT pid FROM pg_stat_activity WHERE datname = '${name}' AND application_name = 'epm-demo-seed'`,
          ).then((r) => (backendPid = r[0]?.pid ?? 0));
        }
        // The backend's CPU counter starts at its fork; the last reading (end of ANALYZE) is
        // the whole seed but for the final row counts.
        backendCpu = processCpuSeconds(backendPid) ?? backendCpu;
        if (p.phase === 'sales') {
          if (genCpu.size === 0) readGenerators();
          readGenCpu();
        }
        if (p.done === 0) starts[p.phase] = now;
        if (p.done === p.total)
          phases[p.phase] = Math.round((now - (starts[p.phase] ?? now)) / 100) / 10;
        if (p.phase === 'sales')
          process.stderr.write(
            `\r  ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} lines`,
          );
        if (p.phase === 'indexes' && p.done === 0) process.stderr.write('\n');
      },
    });
    const result: SeedRun = {
      at: new Date().toISOString(),
      variant,
      migrations,
      lines,
      seed,
      summary,
      cpu: {
        backend_s: backendCpu,
        generators_s: genCpu.size
          ? Math.round([...genCpu.values()].reduce((a, b) => a + b, 0) * 100) / 100
          : null,
        node_s:
          Math.round((process.cpuUsage(nodeCpu0).user + process.cpuUsage(nodeCpu0).system) / 1e4) /
          100,
        lines_per_backend_cpu_s: backendCpu
          ? Math.round(lines / (backendCpu + [...genCpu.values()].reduce((a, b) => a + b, 0)))
          : null,
      },
      phases,
      machine,
    };
    mkdirSync(RESULTS, { recursive: true });
    const base = join(RESULTS, `seed-${result.at.slice(0, 10)}`);
    const runs: SeedRun[] = existsSync(`${base}.json`)
      ? (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { runs: SeedRun[] }).runs
      : [];
    runs.push(result);
    writeFileSync(`${base}.json`, JSON.stringify({ benchmark: 'seed', runs }, null, 2) + '\n');
    writeFileSync(`${base}.md`, markdown(runs));
    process.stdout.write(
      `${lines.toLocaleString('en')} lines in ${(summary.elapsed_ms / 1000).toFixed(1)} s: ${summary.lines_per_second.toLocaleString('en')} lines/s (phases ${JSON.stringify(phases)})\nwrote ${base}.json and .md\n`,
    );
  } finally {
    if (!values.keep) await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
