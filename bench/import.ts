// `npm run bench -- import [--lines N] [--keep] [--file F] [--no-record]`: generates a receipts CSV of N sale
// lines (default 1,000,000; French format: `;`, decimal commas, dd/mm/yyyy hh:mm:ss, CRLF),
// imports it with importFile as a registered admin into a fresh database on EPM_BENCH_PG_URL
// (a superuser URL; default the machine's server) with every migration applied, and appends the
// run (time per phase, peak RSS of this process during the import, machine) to
// bench/results/import-<date>.json and .md.
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateCentral } from '../src-main/core/migrations/central';
import { addUser } from '../src-main/core/users';
import { importFile, type ImportReport } from '../src-main/core/import';
import type { BenchMachine } from './machine';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results');
const TMP = join(HERE, '.tmp');

const STORES = 100;
const PRODUCTS = 5000;
const CUSTOMERS = 20_000;

interface ImportRun {
  at: string;
  lines: number;
  receipts: number;
  file_mib: number;
  seconds: { total: number; hash: number; read: number; validate: number; write: number };
  lines_per_second: number;
  peak_rss_mib: number;
  rss_before_mib: number;
  machine: BenchMachine & { postgres: string };
}

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

const euros = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const pad = (n: number) => String(n).padStart(2, '0');

/** Prices of the seeded products (cents), the same formula as the seed SQL below. */
const priceCents = (p: number) => 100 + ((p * 37) % 5000);

/** Writes the receipts file; returns the number of tickets. */
export async function generateReceiptsCsv(path: string, lines: number, seed = 42): Promise<number> {
  const rnd = prng(seed);
  const out = createWriteStream(path);
  await once(out, 'open');
  out.write('Ticket;Magasin;Client;Date de vente;Montant TTC;SKU;Quantité;Prix unitaire TTC\r\n');
  let written = 0;
  let ticket = 0;
  let buf = '';
  const start = Date.UTC(2024, 0, 1);
  while (written < lines) {
    ticket++;
    const n = Math.min(lines - written, 1 + Math.floor(rnd() * 9));
    const store = 1 + Math.floor(rnd() * STORES);
    const client = rnd() < 0.5 ? String(1 + Math.floor(rnd() * CUSTOMERS)) : '';
    const d = new Date(start + Math.floor(rnd() * 365 * 86_400) * 1000);
    const when = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    const items: [number, number, number][] = [];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 + Math.floor(rnd() * PRODUCTS);
      const q = rnd() < 0.02 ? -1 : 1 + Math.floor(rnd() * 3);
      const price = priceCents(p);
      items.push([p, q, price]);
      total += q * price;
    }
    const head = `${ticket};${store};${client};${when};${euros(total)}`;
    for (const [p, q, price] of items) buf += `${head};SKU-${p};${q};${euros(price)}\r\n`;
    written += n;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return ticket;
}

const REFERENCE_SQL = `
  INSERT INTO regions (code, nom) SELECT 'R' || g, 'Région ' || g FROM generate_series(1, 8) g;
  INSERT INTO magasins (id, region_id, nom, objectif_ca)
    SELECT g, 1 + g % 8, 'Magasin ' || g, 1000000 FROM generate_series(1, ${STORES}) g;
  INSERT INTO categories (code, nom) SELECT 'C' || g, 'Catégorie ' || g FROM generate_series(1, 10) g;
  INSERT INTO produits (categorie_id, sku, prix_achat, prix_vente)
    SELECT 1 + g % 10, 'SKU-' || g, (100 + (g * 37) % 5000) / 200.0, (100 + (g * 37) % 5000) / 100.0
    FROM generate_series(1, ${PRODUCTS}) g;
  INSERT INTO clients (id) SELECT g FROM generate_series(1, ${CUSTOMERS}) g;
  SELECT setval(pg_get_serial_sequence('public.' || t, 'id'), 100000)
    FROM unnest(ARRAY['magasins', 'clients']) t;
`;

async function su<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

function markdown(runs: ImportRun[]): string {
  const m = runs[0]!.machine;
  const rows = runs.map(
    (r) =>
      `| ${r.at.slice(11, 19)} | ${r.lines.toLocaleString('en')} | ${r.receipts.toLocaleString('en')} | ${r.file_mib} | **${r.seconds.total.toFixed(1)}** | ${r.seconds.hash.toFixed(1)} | ${r.seconds.read.toFixed(1)} | ${r.seconds.validate.toFixed(1)} | ${r.seconds.write.toFixed(1)} | ${r.lines_per_second.toLocaleString('en')} | ${r.peak_rss_mib} | ${r.machine.load_avg_at_start.map((x) => x.toFixed(1)).join(' ')} |`,
  );
  return [
    `# Import benchmark, ${runs[0]!.at.slice(0, 10)}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}, Node ${m.node}.`,
    `PostgreSQL: ${m.postgres}.`,
    '',
    'A generated receipts CSV (one line per sale line, ticket columns repeated; `;`, decimal',
    'commas, dd/mm/yyyy hh:mm:ss Paris time, CRLF) imported by `importFile` as a registered admin',
    'login into a fresh database with every central migration applied (change-tracking and',
    'magasin_id row triggers, RLS forced): SHA-256 pass, COPY into staging with per-cell checks,',
    'set-based SQL validation, INSERT ... SELECT into ventes and lignes_ventes, one transaction.',
    'Times in seconds; peak RSS of the Node process sampled every 50 ms during the import.',
    '',
    '| time (UTC) | lines | receipts | file MiB | total s | hash | read+stage | validate | write | lines/s | peak RSS MiB | load avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    'Reproduce: `npm run bench -- import --lines 1000000` (EPM_BENCH_PG_URL = superuser URL of the server).',
    '',
  ].join('\n');
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      lines: { type: 'string' },
      keep: { type: 'boolean' },
      file: { type: 'string' },
      // A check run (e.g. under a heap limit) that does not go into bench/results.
      'no-record': { type: 'boolean' },
    },
  });
  const lines = Number((values.lines ?? '1000000').replace(/_/g, ''));
  const admin = process.env.EPM_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `epm_bench_import_${Date.now()}`;
  const withPath = (base: string, db: string, user?: string) => {
    const u = new URL(base);
    u.pathname = `/${db}`;
    if (user) {
      u.username = user;
      u.password = '';
    }
    return u.toString();
  };
  const url = withPath(admin, name);
  const version = (await su<{ version: string }>(admin, 'SELECT version()'))[0]!.version;
  const machine: ImportRun['machine'] = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    load_avg_at_start: loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${platform()} ${release()}`,
    node: process.versions.node,
    postgres: version.split(' on ')[0]!,
  };
  mkdirSync(TMP, { recursive: true });
  const file = values.file ?? join(TMP, `receipts-${lines}.csv`);
  process.stderr.write(`generating ${lines.toLocaleString('en')} lines into ${file}\n`);
  const receipts = await generateReceiptsCsv(file, lines);
  const login = `bench_admin_${process.pid}`;
  await su(admin, `CREATE DATABASE ${name}`);
  try {
    await migrateCentral(url);
    await su(url, REFERENCE_SQL);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP ROLE IF EXISTS ${login}`);
    await addUser(c, { login, role: 'admin' });
    await c.end();

    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
    const phaseStart: Record<string, number> = {};
    const phaseEnd: Record<string, number> = {};
    let lastPct = -1;
    const t0 = performance.now();
    let report: ImportReport;
    try {
      report = await importFile({
        url: withPath(admin, name, login),
        kind: 'receipts',
        file,
        onProgress: (p) => {
          const now = performance.now();
          phaseStart[p.phase] ??= now;
          phaseEnd[p.phase] = now;
          const pct = Math.floor((100 * p.done) / Math.max(1, p.total));
          if (pct !== lastPct) {
            lastPct = pct;
            process.stderr.write(`\r  ${p.phase.padEnd(8)} ${String(pct).padStart(3)}%`);
          }
        },
      });
    } finally {
      clearInterval(sampler);
    }
    const total = (performance.now() - t0) / 1000;
    process.stderr.write('\n');
    if (report.status !== 'imported') {
      throw new Error(
        `import ${report.status}: ${JSON.stringify(report.errors.entries.slice(0, 3))}`,
      );
    }
    const span = (p: string) => ((phaseEnd[p] ?? 0) - (phaseStart[p] ?? 0)) / 1000;
    const result: ImportRun = {
      at: new Date().toISOString(),
      lines,
      receipts,
      file_mib: Math.round(statSync(file).size / 2 ** 20),
      seconds: {
        total: Math.round(total * 10) / 10,
        hash: Math.round(span('hash') * 10) / 10,
        read: report.timings.readMs / 1000,
        validate: report.timings.validateMs / 1000,
        write: report.timings.writeMs / 1000,
      },
      lines_per_second: Math.round(lines / total),
      peak_rss_mib: Math.round(peak / 2 ** 20),
      rss_before_mib: Math.round(rssBefore / 2 ** 20),
      machine,
    };
    if (values['no-record']) {
      process.stdout.write(
        `${JSON.stringify(result.seconds)} peak RSS ${result.peak_rss_mib} MiB (not recorded)\n`,
      );
      return;
    }
    mkdirSync(RESULTS, { recursive: true });
    const base = join(RESULTS, `import-${result.at.slice(0, 10)}`);
    const runs: ImportRun[] = existsSync(`${base}.json`)
      ? (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { runs: ImportRun[] }).runs
      : [];
    runs.push(result);
    writeFileSync(`${base}.json`, JSON.stringify({ benchmark: 'import', runs }, null, 2) + '\n');
    writeFileSync(`${base}.md`, markdown(runs));
    process.stdout.write(
      `${lines.toLocaleString('en')} lines (${receipts.toLocaleString('en')} receipts) imported in ${total.toFixed(1)} s, peak RSS ${result.peak_rss_mib} MiB (${JSON.stringify(result.seconds)})\nwrote ${base}.json and .md\n`,
    );
  } finally {
    if (!values.keep) await su(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await su(admin, `DROP ROLE IF EXISTS ${login}`).catch(() => undefined);
    if (!values.file && !values.keep && existsSync(file)) unlinkSync(file);
  }
}
