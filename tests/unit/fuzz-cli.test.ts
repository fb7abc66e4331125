// Boundary fuzzing of the `epm` argument parsers: for every command spec, random argv arrays
// (its own flags with random values, `--flag=value` forms, unknown flags, stray positionals,
// --json/--help) go through runCli. Whatever the input: exit code 0, 1 or 2, never an uncaught
// exception, and no file created outside the run's temp folder.
//
// Isolation: EPM_CACHE / EPM_HOME point into a temp folder (the cache is a small seeded copy),
// EPM_PG_URL and every --pg value point at 127.0.0.1:1 where nothing listens, and the working
// directory is a temp folder (relative --out paths land there).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCache } from '../../src-main/core/cache/database';
import { runCli, type CommandSpec, type Io } from '../../src-main/cli/framework';
import { commands } from '../../src-main/cli/commands/index';
import { rebuildAggregates } from '../../src-main/core/analytics/aggregates';
import { dayOf, insertDims, insertSale } from '../support/analytics-cache';
import { nastyString } from '../support/security-fuzz';

// `epm sync` runs the sync in a worker thread, whose start (tsx hooks in a fresh isolate) costs
// ~200 ms: 1,000 runs would take minutes. The worker only calls runSync with the same options,
// so the fuzz runs runSync in-process instead; the parsing and error paths are unchanged.
vi.mock('../../src-main/core/sync/job', async () => {
  const { runSync } = await import('../../src-main/core/sync/run-sync');
  return {
    startSyncJob: (opts: Parameters<typeof runSync>[0]) => ({
      promise: runSync(opts),
      cancel: () => undefined,
    }),
  };
});

const RUNS = Number(process.env.EPM_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.EPM_TEST_SEED ?? 4243);
const UNREACHABLE_PG = 'postgres://x@127.0.0.1:1/x';

/**
 * Not fuzzed: `demo` and `demo seed` start (or reuse) the embedded PostgreSQL server and seed up
 * to millions of rows when no reachable --pg is given; a fuzz run must not spawn servers. Their
 * argument parsing is the same framework (parseArgs strict) exercised by every other command.
 */
const EXCLUDED = new Set(['demo', 'demo seed']);

const root = mkdtempSync(join(tmpdir(), 'epm-fuzz-cli-'));
const home = join(root, 'home');
const cwdDir = join(root, 'cwd');
const seededCache = join(root, 'seed.sqlite');
const originalCwd = process.cwd();
const repoListing = readdirSync(originalCwd).sort();
const userConfig = join(homedir(), '.config');
const userConfigListing = existsSync(userConfig) ? readdirSync(userConfig).sort() : [];
const exits: Record<string, Record<number, number>> = {};

function seedCache(path: string): void {
  const db = openCache(path);
  db.prepare(`INSERT INTO sync_state (key, value) VALUES ('checkpoint', 'fuzz')`).run();
  insertDims(db, {
    regions: 2,
    stores: [
      { region: 1, objectif: 1_000_000_00, ouverture: null, fermeture: null },
      { region: 2, objectif: 500_000_00, ouverture: '2023-03-01', fermeture: null },
    ],
    categories: [{ tva: 0.2 }],
    products: [{ categorie: 1, achat: 500 }],
  });
  for (let d = 0; d < 200; d += 9) {
    insertSale(db, {
      store: 1 + (d % 2),
      jour: dayOf(d),
      heure: 11,
      client: null,
      montant: 2000,
      lines: [{ produit: 1, quantite: 2, prix: 1000 }],
    });
  }
  rebuildAggregates(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

beforeAll(() => {
  mkdirSync(home, { recursive: true });
  mkdirSync(cwdDir, { recursive: true });
  seedCache(seededCache);
  process.chdir(cwdDir);
});

afterAll(() => {
  process.chdir(originalCwd);
  rmSync(root, { recursive: true, force: true });
  console.info('[fuzz-cli] exit codes per command:', JSON.stringify(exits));
});

/** Values a flag gets: its placeholder decides (URLs stay unreachable, files stay in root). */
function valueFor(name: string, placeholder = ''): fc.Arbitrary<string> {
  if (name === 'pg' || name === 'read-pg') {
    return fc.constantFrom(UNREACHABLE_PG, 'postgres://x@127.0.0.1:99999/x', 'postgres://%');
  }
  if (/FILE/.test(placeholder)) {
    return fc.oneof(
      fc.constantFrom(seededCache, join(root, 'out.xlsx'), join(root, 'out.csv'), 'rel.json'),
      fc.stringMatching(/^[a-z0-9._-]{1,12}$/).map((n) => join(root, 'files', n)),
      nastyString.map((n) => join(root, n.replace(/\0/g, ''))),
    );
  }
  // Mostly plausible values (so runs reach the command, not just the parser), some garbage.
  const choices = placeholder.split('|').filter((c) => /^[a-z_0-9]+$/.test(c));
  const plausible: fc.Arbitrary<string>[] = [];
  if (choices.length) plausible.push(fc.constantFrom(...choices));
  if (placeholder === 'YYYY-MM-DD') {
    plausible.push(
      fc.integer({ min: 0, max: 450 }).map((d) => dayOf(d)),
      fc.constantFrom('2023-01-01', '2023-12-31', '2024-02-29'),
    );
  }
  if (/^(N|ID|S)$/.test(placeholder)) plausible.push(fc.nat({ max: 60 }).map(String));
  if (placeholder === 'CODE') plausible.push(fc.constantFrom('R1', 'R2', 'C1', 'ZZ'));
  if (placeholder === 'SKU') plausible.push(fc.constantFrom('SKU1', 'SKU9'));
  if (placeholder === 'ROLE') plausible.push(fc.constantFrom('admin', 'directeur', 'manager'));
  if (placeholder === 'KIND') plausible.push(fc.constantFrom('ventes', 'magasins', 'produits'));
  return plausible.length
    ? fc.oneof(
        { arbitrary: fc.oneof(...plausible), weight: 4 },
        { arbitrary: nastyString, weight: 1 },
      )
    : nastyString;
}

/** Positionals never start with '-' (flag-looking tokens are generated on purpose below). */
const positional: fc.Arbitrary<string> = fc.oneof(
  nastyString.filter((s) => !s.startsWith('-')),
  fc.constantFrom('base', 'copie', join(root, 'scenario.json'), 'admin', 'dir_r01'),
);

function argvFor(spec: CommandSpec<never>): fc.Arbitrary<string[]> {
  const flagTokens = Object.entries(spec.options).map(([name, o]) =>
    o.type === 'boolean'
      ? fc.constantFrom([`--${name}`], [`--${name}=true`])
      : fc.oneof(
          valueFor(name, o.placeholder).map((v) => [`--${name}`, v]),
          valueFor(name, o.placeholder).map((v) => [`--${name}=${v}`]),
          fc.constant([`--${name}`]), // missing value
        ),
  );
  const token = fc.oneof(
    { arbitrary: fc.oneof(...flagTokens, fc.constant(['--json'])), weight: 6 },
    { arbitrary: positional.map((p) => [p]), weight: 2 },
    {
      arbitrary: fc.stringMatching(/^[a-z-]{1,10}$/).map((f) => [`--zz-${f}`]),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(['-x'], ['--'], ['-'], ['-h'], ['--no-json']), weight: 1 },
  );
  // Half the runs use only the command's own flags (and positionals where it takes some), so that
  // they get past the parser into the command itself; the other half mix in garbage.
  const clean = fc.oneof(
    ...flagTokens,
    ...(spec.positionals ? [positional.map((p) => [p])] : []),
    fc.constant(['--json']),
  );
  // And a third of them give (almost) every flag a plausible value: commands with several
  // required flags (kpi, export, analyse) then run their real code on the seeded cache.
  const complete = fc
    .tuple(
      fc.array(positional, { maxLength: spec.positionals ? 3 : 0 }),
      ...Object.entries(spec.options).map(([name, o]) =>
        fc.option<string[], string[]>(
          o.type === 'boolean'
            ? fc.constant<string[]>([`--${name}`])
            : valueFor(name, o.placeholder).map((v) => [`--${name}`, v]),
          { freq: 5, nil: [] as string[] },
        ),
      ),
    )
    .map(([pos, ...flags]) => [...flags.flat(), ...pos].map((t) => [t]));
  return fc
    .oneof(fc.array(clean, { maxLength: 6 }), fc.array(token, { maxLength: 8 }), complete)
    .map((tokens) => [...spec.path, ...tokens.flat()]);
}

function quietIo(): Io {
  return {
    stdout: () => undefined,
    stderr: () => undefined,
    stderrIsTTY: false,
    env: {
      PATH: process.env.PATH,
      EPM_CACHE: join(root, 'cache.sqlite'),
      EPM_HOME: home,
      EPM_PG_URL: UNREACHABLE_PG,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
    },
  };
}

const fuzzed = commands.filter((c) => !EXCLUDED.has(c.path.join(' ')));

describe('CLI boundary fuzzing', () => {
  it('excludes only commands that exist', () => {
    const names = commands.map((c) => c.path.join(' '));
    for (const e of EXCLUDED) expect(names).toContain(e);
  });

  it.each(fuzzed.map((c) => [c.path.join(' '), c] as const))(
    'epm %s: exit 0/1/2 for any argv, nothing written outside the temp folder',
    async (name, spec) => {
      const counts: Record<number, number> = {};
      exits[name] = counts;
      await fc.assert(
        fc.asyncProperty(argvFor(spec), async (argv) => {
          // A fresh copy each time: a command may legitimately change its cache.
          copyFileSync(seededCache, join(root, 'cache.sqlite'));
          let code: number;
          try {
            code = await runCli(commands, argv, quietIo());
          } catch (e) {
            throw new Error(`runCli threw for ${JSON.stringify(argv)}: ${String(e)}`);
          }
          counts[code] = (counts[code] ?? 0) + 1;
          expect([0, 1, 2]).toContain(code);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(readdirSync(originalCwd).sort()).toEqual(repoListing);
      expect(existsSync(userConfig) ? readdirSync(userConfig).sort() : []).toEqual(
        userConfigListing,
      );
    },
    60_000,
  );
});
