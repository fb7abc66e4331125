// `epm demo`: a working central database with realistic data in one command, on a machine that
// may have no PostgreSQL at all (embedded server, see core/pg/embedded.ts).
//   epm demo [--lines N] [--seed S]           resolve (embedded by default), migrate, seed if empty
//   epm demo seed [--pg URL] [--reset] ...    migrate then seed a given database
//   epm demo stop                             stop the embedded server left running for reuse
import type { CommandContext, CommandSpec } from '../framework';
import { UsageError, optionalInt, optionalString } from '../framework';
import { createProgressBar } from '../progress';
import { redactUrl } from '../../core/config';
import { migrateCentral } from '../../core/migrations/central';
import { resolveCentralUrl, stopEmbeddedServer, embeddedDataDir } from '../../core/pg/embedded';
import {
  DEFAULT_LINES,
  countDemoRows,
  seedDemo,
  type SeedProgress,
  type SeedSummary,
} from '../../core/demo/seed';

const PHASE_LABEL: Record<SeedProgress['phase'], string> = {
  reference: 'reference data',
  sales: 'sales',
  indexes: 'indexes',
  analyze: 'statistics',
};

const SEED_OPTIONS = {
  lines: {
    type: 'string',
    placeholder: 'N',
    description: `sale lines to generate (default ${DEFAULT_LINES.toLocaleString('en')})`,
  },
  seed: {
    type: 'string',
    placeholder: 'S',
    description: 'random seed: same seed, same data (default 42)',
  },
  today: {
    type: 'string',
    placeholder: 'YYYY-MM-DD',
    description: 'last day of the 3-year history (default today, Paris)',
  },
} as const;

function seedArgs(ctx: CommandContext) {
  const today = optionalString(ctx, 'today');
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new UsageError(`--today must be a date YYYY-MM-DD, got "${today}"`);
  }
  return {
    lines: optionalInt(ctx, 'lines', 1) ?? DEFAULT_LINES,
    seed: optionalInt(ctx, 'seed', 0) ?? 42,
    today,
  };
}

async function runSeed(
  ctx: CommandContext,
  url: string,
  args: ReturnType<typeof seedArgs>,
  reset: boolean,
) {
  const bar = createProgressBar(ctx.interactive);
  try {
    return await seedDemo(url, {
      ...args,
      reset,
      onProgress: (p) => bar.update({ label: PHASE_LABEL[p.phase], done: p.done, total: p.total }),
    });
  } finally {
    bar.finish();
  }
}

const n = (x: number) => x.toLocaleString('en');

function describeSeed(s: SeedSummary): string {
  return (
    `seeded ${n(s.lignes)} sale lines in ${n(s.ventes)} receipts (${s.from} .. ${s.to}), ` +
    `${s.magasins} stores in ${s.regions} regions, ${n(s.produits)} products in ${s.categories} categories, ` +
    `${n(s.clients)} clients, in ${(s.elapsed_ms / 1000).toFixed(1)} s (${n(s.lines_per_second)} lines/s, seed ${s.seed})`
  );
}

export interface DemoSeedResult {
  database: string;
  migrations: { applied: string[]; alreadyApplied: number };
  summary: SeedSummary;
}

export const demoSeedCommand: CommandSpec<DemoSeedResult> = {
  path: ['demo', 'seed'],
  summary: 'migrate a central database and fill it with deterministic demo data',
  help: [
    'Refuses a database that already holds data unless --reset (which empties the demo tables).',
    'Without --pg / EPM_PG_URL the embedded server is used (and left running; `epm demo stop`).',
    'example: epm demo seed --pg postgres://postgres@127.0.0.1:5432/epm --lines 3000000 --reset',
  ].join('\n'),
  options: {
    pg: {
      type: 'string',
      placeholder: 'URL',
      description: 'central PostgreSQL URL (default $EPM_PG_URL, else the embedded server)',
    },
    ...SEED_OPTIONS,
    reset: { type: 'boolean', description: 'empty the demo tables first' },
  },
  async run(ctx) {
    const args = seedArgs(ctx);
    const central = await resolveCentralUrl(optionalString(ctx, 'pg'), ctx.env);
    const migrations = await migrateCentral(central.url);
    const summary = await runSeed(ctx, central.url, args, ctx.values.reset === true);
    return { database: redactUrl(central.url), migrations, summary };
  },
  render: (r) => `${r.database}: ${describeSeed(r.summary)}`,
};

export interface DemoResult {
  database: string;
  embedded: boolean;
  dataDir?: string;
  migrations: { applied: string[]; alreadyApplied: number };
  seeded: boolean;
  summary?: SeedSummary;
  counts: Record<string, number>;
}

export const demoCommand: CommandSpec<DemoResult> = {
  path: ['demo'],
  summary: 'start a ready-to-use demo: central database (embedded by default), schema and data',
  help: [
    'Uses --pg / EPM_PG_URL when given, else an embedded PostgreSQL 18 kept in the user data folder',
    '(port 54329 or EPM_EMBEDDED_PG_PORT) and left running for the next commands: stop it with',
    '`epm demo stop`. Seeds only an empty database; `epm demo seed --reset` regenerates the data.',
  ].join('\n'),
  options: {
    pg: {
      type: 'string',
      placeholder: 'URL',
      description: 'central PostgreSQL URL (default $EPM_PG_URL, else the embedded server)',
    },
    ...SEED_OPTIONS,
  },
  async run(ctx) {
    const args = seedArgs(ctx);
    const central = await resolveCentralUrl(optionalString(ctx, 'pg'), ctx.env);
    const where = central.embedded
      ? `embedded PostgreSQL (data in ${embeddedDataDir(ctx.env)})`
      : 'PostgreSQL';
    ctx.log(`Central database: ${where} at ${redactUrl(central.url)}`);
    const migrations = await migrateCentral(central.url);
    ctx.log(
      migrations.applied.length
        ? `Schema: applied ${migrations.applied.length} migration(s) (${migrations.applied.join(', ')}).`
        : `Schema: up to date (${migrations.alreadyApplied} migrations).`,
    );
    const before = await countDemoRows(central.url);
    const empty = Object.values(before).every((c) => c === 0);
    const summary = empty ? await runSeed(ctx, central.url, args, false) : undefined;
    return {
      database: redactUrl(central.url),
      embedded: central.embedded,
      ...(central.embedded ? { dataDir: embeddedDataDir(ctx.env) } : {}),
      migrations,
      seeded: empty,
      ...(summary ? { summary } : {}),
      counts: summary ? await countDemoRows(central.url) : before,
    };
  },
  render(r) {
    const c = r.counts;
    const data = r.summary
      ? `Demo data: ${describeSeed(r.summary)}.`
      : `Demo data: the database already holds ${n(c.lignes_ventes ?? 0)} sale lines in ${n(c.ventes ?? 0)} receipts ` +
        `(${c.magasins ?? 0} stores); nothing was generated (\`npm run epm -- demo seed --reset\` regenerates it).`;
    const conn = new URL(r.database);
    conn.password = '';
    return [
      data,
      '',
      'Connect with any PostgreSQL client:',
      `  ${conn.toString()}`,
      r.embedded
        ? `  (user postgres; its password is in the user data folder, embedded-pg.json)`
        : '',
      'Next steps:',
      '  npm run epm -- sync          copy the central data into the local cache',
      '  npm run harness             open the application in a browser',
      ...(r.embedded
        ? ['  npm run epm -- demo stop     stop the embedded server when you are done']
        : []),
    ]
      .filter((l, i, a) => l !== '' || a[i - 1] !== '')
      .join('\n');
  },
};

export const demoStopCommand: CommandSpec<{ stopped: boolean; dataDir: string }> = {
  path: ['demo', 'stop'],
  summary: 'stop the embedded PostgreSQL server started by `epm demo`',
  options: {},
  async run(ctx) {
    return stopEmbeddedServer(ctx.env);
  },
  render: (r) =>
    r.stopped
      ? `Embedded PostgreSQL stopped (data kept in ${r.dataDir}; \`epm demo\` starts it again).`
      : `Embedded PostgreSQL was not running (${r.dataDir}).`,
};
