// `seedDemo`: fills an empty central database with a realistic, deterministic retail history
// (DOMAIN.md §1 tables only). Same seed + same `today` + same `lines` => identical rows.
//
// The whole load is one transaction: a failure leaves the database as it was (empty, or intact
// when --reset was asked), never half-seeded. Inside it the big tables are loaded chunk by chunk
// with rows computed set-based by the server (sales-sql.ts), so Node's memory does not grow with
// the volume; progress is reported after every chunk.
//
// Two paths, same rows:
// - superuser (the demo, tests, benchmarks): generator sessions (generator.ts) compute the chunks
//   on the other cores and stream them as binary COPY; this session copies them in with the
//   tracking row triggers, primary keys, indexes and foreign keys of ventes and lignes_ventes
//   set aside, all recreated before the commit (bulk-load.ts);
// - any other role: this session computes and inserts every chunk with INSERT ... SELECT, every
//   trigger firing.
import type pg from 'pg';
import { AppError } from '../../../src-shared/errors';
import { withCentral } from '../pg/connect';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import {
  dropDeferrable,
  dropTrackingTriggers,
  restoreDeferred,
  type DeferredDefinitions,
} from './bulk-load';
import { ChunkGenerators } from './generator';
import { historyStart, parisToday, parseDate } from './calendar';
import { DEMO_TABLES, tableChecksums } from './checksum';
import { buildReferenceData, type ReferenceData } from './reference';
import {
  chunkRanges,
  chunkStatements,
  COPY_IN,
  objectiveStatement,
  patternsLiteral,
  planSales,
  setupStatements,
  YEAR_STARTS_SQL,
  type SalesContext,
} from './sales-sql';

export type SeedPhase = 'reference' | 'sales' | 'indexes' | 'analyze';

export interface SeedProgress {
  phase: SeedPhase;
  /** Sale lines written so far (phase 'sales'); 0/1 for the other phases. */
  done: number;
  total: number;
}

export interface SeedOptions {
  lines?: number;
  seed?: number;
  /** Last business day of the history (YYYY-MM-DD, Paris); default today in Paris. */
  today?: string;
  /** Empty the demo tables first instead of refusing a non-empty database. */
  reset?: boolean;
  /** Lines per chunk (statement batch); default 250,000. */
  chunkLines?: number;
  /** Generator sessions of the superuser path (default 2: one per core of the target machines). */
  generators?: number;
  /** Also compute per-table content fingerprints (costs a full read of every table). */
  checksum?: boolean;
  onProgress?: (p: SeedProgress) => void;
}

export interface SeedSummary {
  seed: number;
  from: string;
  to: string;
  regions: number;
  magasins: number;
  categories: number;
  produits: number;
  clients: number;
  ventes: number;
  lignes: number;
  elapsed_ms: number;
  lines_per_second: number;
  checksum?: Record<string, string>;
}

export const DEFAULT_LINES = 1_000_000;
export const MAX_LINES = 200_000_000;

function validate(opts: SeedOptions) {
  const lines = opts.lines ?? DEFAULT_LINES;
  const seed = opts.seed ?? 42;
  if (!Number.isInteger(lines) || lines < 1 || lines > MAX_LINES) {
    throw new AppError(
      'VALIDATION',
      `lines must be an integer between 1 and ${MAX_LINES}, got ${lines}`,
    );
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647) {
    throw new AppError(
      'VALIDATION',
      `seed must be an integer between 0 and 2147483647, got ${seed}`,
    );
  }
  const today = opts.today ?? parisToday();
  parseDate(today);
  return { lines, seed, today };
}

async function rowCount(client: pg.Client, table: string): Promise<number> {
  const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(r.rows[0]!.n);
}

/** Refuses a database holding data unless reset was asked; then empties the demo tables. */
async function ensureEmpty(client: pg.Client, reset: boolean): Promise<void> {
  // Lock first so a concurrent writer cannot slip rows in between the check and the load.
  await client.query(`LOCK TABLE ${DEMO_TABLES.join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
  const checks = DEMO_TABLES.map(
    (t) => `(SELECT count(*) FROM (SELECT 1 FROM ${t} LIMIT 1) x) AS ${t}`,
  );
  const r = await client.query<Record<string, string>>(`SELECT ${checks.join(', ')}`);
  const nonEmpty = DEMO_TABLES.filter((t) => Number(r.rows[0]![t]) > 0);
  if (nonEmpty.length === 0) return;
  if (!reset) {
    throw new AppError(
      'CONFLICT',
      `the database already holds data (${nonEmpty.join(', ')}); refusing to seed over it (use --reset to empty the demo tables first)`,
      { nonEmpty },
    );
  }
  // Tables referenced from outside the demo set (e.g. users' region/store scopes) are emptied
  // with DELETE so their own ON DELETE rules and the tombstone triggers apply; TRUNCATE would
  // refuse them (or, with CASCADE, silently wipe another feature's tables). The big tables are
  // truncated, which the change tracking turns into "laptops reload in full".
  const referenced = await client.query<{ table: string }>(
    `SELECT DISTINCT c.confrelid::regclass::text AS table FROM pg_constraint c
     WHERE c.contype = 'f' AND c.confrelid = ANY($1::regclass[]) AND NOT c.conrelid = ANY($1::regclass[])`,
    [DEMO_TABLES],
  );
  const viaDelete = new Set(referenced.rows.map((r) => r.table.replace(/^public\./, '')));
  const truncated = DEMO_TABLES.filter((t) => !viaDelete.has(t));
  await client.query(`TRUNCATE ${truncated.join(', ')} RESTART IDENTITY`);
  // Children before parents: DEMO_TABLES lists parents first.
  for (const t of [...DEMO_TABLES].reverse())
    if (viaDelete.has(t)) await client.query(`DELETE FROM ${t}`);
}

async function insertReference(
  client: pg.Client,
  ref: ReferenceData,
  clients: number,
): Promise<void> {
  const col = <T, K extends keyof T>(rows: T[], k: K) => rows.map((r) => r[k]);
  await client.query(
    `INSERT INTO regions (id, code, nom) OVERRIDING SYSTEM VALUE
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])`,
    [col(ref.regions, 'id'), col(ref.regions, 'code'), col(ref.regions, 'nom')],
  );
  // objectif_ca is set once the sales exist (objectiveStatement), from the same weights.
  await client.query(
    `INSERT INTO magasins (id, region_id, nom, objectif_ca, date_ouverture, date_fermeture) OVERRIDING SYSTEM VALUE
     SELECT id, region_id, nom, 0, o, f FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::date[], $5::date[])
       AS t(id, region_id, nom, o, f)`,
    [
      col(ref.stores, 'id'),
      col(ref.stores, 'region_id'),
      col(ref.stores, 'nom'),
      col(ref.stores, 'date_ouverture'),
      col(ref.stores, 'date_fermeture'),
    ],
  );
  await client.query(
    `INSERT INTO categories (id, code, nom, taux_tva, elasticite) OVERRIDING SYSTEM VALUE
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::numeric[], $5::numeric[])`,
    [
      col(ref.categories, 'id'),
      col(ref.categories, 'code'),
      col(ref.categories, 'nom'),
      col(ref.categories, 'taux_tva'),
      col(ref.categories, 'elasticite'),
    ],
  );
  await client.query(
    `INSERT INTO produits (id, categorie_id, sku, libelle, prix_achat, prix_vente) OVERRIDING SYSTEM VALUE
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::numeric[], $6::numeric[])`,
    [
      col(ref.products, 'id'),
      col(ref.products, 'categorie_id'),
      col(ref.products, 'sku'),
      col(ref.products, 'libelle'),
      col(ref.products, 'prix_achat'),
      col(ref.products, 'prix_vente'),
    ],
  );
  await client.query(
    `INSERT INTO clients (id) OVERRIDING SYSTEM VALUE SELECT generate_series(1, $1::bigint)`,
    [clients],
  );
}

/** Moves each identity/serial sequence past the ids written explicitly. */
async function resetSequences(client: pg.Client): Promise<void> {
  for (const t of DEMO_TABLES) {
    await client.query(
      `SELECT setval(s, coalesce((SELECT max(id) FROM ${t}), 1), (SELECT max(id) FROM ${t}) IS NOT NULL)
       FROM pg_get_serial_sequence($1, 'id') AS s WHERE s IS NOT NULL`,
      [t],
    );
  }
}

export async function seedDemo(url: string, opts: SeedOptions = {}): Promise<SeedSummary> {
  const { lines, seed, today } = validate(opts);
  const start = historyStart(today);
  const report = opts.onProgress ?? (() => undefined);
  const t0 = performance.now();
  const ref = buildReferenceData(seed, start, today);
  const plan = planSales(seed, start, today, lines, ref.stores.length);
  const chunks = chunkRanges(plan, opts.chunkLines ?? 250_000);
  const patterns = patternsLiteral(seed);

  return withCentral(
    url,
    async (client) => {
      // Bulk path for a superuser: COPY FROM into tables with row-level security is a
      // superuser's privilege (docs/central-schema.md), and so is setting triggers aside on
      // tables epm_owner owns. Generators start at once: their setup overlaps ours.
      const bulk = await isSuperuser(client);
      const gens = bulk
        ? new ChunkGenerators(url, plan, ref, patterns, Math.max(1, opts.generators ?? 2))
        : undefined;
      try {
        return await seedIn(client, gens);
      } finally {
        await gens?.close();
      }
    },
    { applicationName: 'epm-demo-seed' },
  );

  async function seedIn(client: pg.Client, gens: ChunkGenerators | undefined) {
    {
      // temp_buffers must be set before the session's first temporary table.
      await client.query(`SET temp_buffers = '256MB'`);
      await client.query('BEGIN');
      try {
        // JIT compilation of these large generated statements costs more than it saves;
        // asynchronous commit is safe (at worst the seed is lost, never corrupted).
        await client.query(`SET LOCAL jit = off`);
        await client.query(`SET LOCAL synchronous_commit = off`);
        await client.query(`SET LOCAL work_mem = '64MB'`);
        await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
        // Dates are generated in UTC arithmetic; Paris wall-clock times are converted explicitly.
        await client.query(`SET LOCAL TimeZone = 'UTC'`);
        await ensureEmpty(client, opts.reset ?? false);

        report({ phase: 'reference', done: 0, total: 1 });
        await insertReference(client, ref, plan.clients);
        report({ phase: 'reference', done: 1, total: 1 });

        const deferred: DeferredDefinitions[] = [];
        for (const t of ['lignes_ventes', 'ventes'])
          deferred.push(await dropDeferrable(client, t, { primaryKey: gens !== undefined }));
        let totalCents = 0n;
        if (gens) {
          // The per-row tracking triggers of ventes and lignes_ventes only stamp sync_txid and
          // copy the receipt's store into lignes_ventes.magasin_id. This session writes both
          // values itself: sync_txid by its column default (pg_current_xact_id(): this
          // transaction, which writes every sale row) and magasin_id from the receipt the
          // generator joined. Without a BEFORE row trigger COPY inserts in batches (one WAL
          // record per page instead of per row). Every other trigger stays; all are recreated
          // before the commit, and the test suite checks both columns after a seed.
          for (const d of deferred) await dropTrackingTriggers(client, d);
          gens.start(chunks);
          report({ phase: 'sales', done: 0, total: lines });
          for (const [i, chunk] of chunks.entries()) {
            const g = await gens.chunk(i);
            await copyIn(client, COPY_IN.ventes, g.ventes);
            await copyIn(client, COPY_IN.lignes, g.lignes);
            totalCents += g.cents;
            report({ phase: 'sales', done: chunk.lineTo, total: lines });
          }
        } else {
          for (const sql of setupStatements(plan, ref)) await client.query(sql);
          const years = await client.query<{ year: number; first_receipt: string }>(
            YEAR_STARTS_SQL,
          );
          const ctx: SalesContext = {
            patterns,
            yearStarts: years.rows.map((y) => ({
              year: y.year,
              firstReceipt: Number(y.first_receipt),
            })),
          };
          report({ phase: 'sales', done: 0, total: lines });
          for (const chunk of chunks) {
            const [truncate, receipts, saleLines, ventes, lignes] = chunkStatements(
              plan,
              ref,
              ctx,
              chunk,
            );
            for (const sql of [truncate!, receipts!, saleLines!]) await client.query(sql);
            const cents = await client.query<{ cents: string }>(ventes!);
            totalCents += BigInt(cents.rows[0]!.cents);
            await client.query(lignes!);
            report({ phase: 'sales', done: chunk.lineTo, total: lines });
          }
        }

        report({ phase: 'indexes', done: 0, total: 1 });
        for (const d of deferred.reverse()) await restoreDeferred(client, d);
        if (gens) {
          const targets = await gens.objectives(totalCents);
          await client.query(
            `UPDATE magasins m SET objectif_ca = t.objectif_ca
             FROM unnest($1::bigint[], $2::numeric[]) AS t(id, objectif_ca) WHERE m.id = t.id`,
            [targets.map((t) => t.id), targets.map((t) => t.objectif_ca)],
          );
        } else {
          await client.query(objectiveStatement(plan, totalCents));
        }
        await resetSequences(client);
        await client.query('COMMIT');
        report({ phase: 'indexes', done: 1, total: 1 });
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }

      report({ phase: 'analyze', done: 0, total: 1 });
      await client.query(`ANALYZE ${DEMO_TABLES.join(', ')}`);
      report({ phase: 'analyze', done: 1, total: 1 });

      const counts: Record<string, number> = {};
      for (const t of DEMO_TABLES) counts[t] = await rowCount(client, t);
      const elapsed = performance.now() - t0;
      const summary: SeedSummary = {
        seed,
        from: start,
        to: today,
        regions: counts.regions!,
        magasins: counts.magasins!,
        categories: counts.categories!,
        produits: counts.produits!,
        clients: counts.clients!,
        ventes: counts.ventes!,
        lignes: counts.lignes_ventes!,
        elapsed_ms: Math.round(elapsed),
        lines_per_second: Math.round(lines / (elapsed / 1000)),
      };
      if (opts.checksum) summary.checksum = await tableChecksums(client);
      return summary;
    }
  }
}

/** Streams one generated chunk (binary COPY data, header to trailer) into `sql`. */
async function copyIn(client: pg.Client, sql: string, data: Buffer[]): Promise<void> {
  await pipeline(Readable.from(data), client.query(copyFrom(sql)));
}

/** Row counts of the demo tables (exact). */
export async function countDemoRows(url: string): Promise<Record<string, number>> {
  return withCentral(url, async (client) => {
    const counts: Record<string, number> = {};
    for (const t of DEMO_TABLES) counts[t] = await rowCount(client, t);
    return counts;
  });
}

async function isSuperuser(client: pg.Client): Promise<boolean> {
  const r = await client.query<{ rolsuper: boolean }>(
    `SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user`,
  );
  return r.rows[0]?.rolsuper === true;
}
