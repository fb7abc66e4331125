// Applies migrations/central to the central PostgreSQL. Each file runs in its own transaction
// together with the row recording it in epm.schema_migrations, so a crash leaves the database
// at a recorded version, never between two. A transaction-scoped advisory lock serialises
// concurrent runners (two laptops of admins, a demo starting twice): the second one waits, then
// re-reads the history and finds the file already applied.
//
// Run it as a superuser or a role with CREATEROLE owning the database: the files create the
// cluster-wide roles and hand every object to the NOLOGIN role epm_owner.
import type pg from 'pg';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { redactUrl } from '../config';
import { connectCentral, toAppError } from '../pg/connect';
import {
  loadMigrationFiles,
  migrationsRoot,
  pendingMigrations,
  type AppliedMigration,
  type MigrationFile,
} from './files';

export interface MigrateCentralOptions {
  /** Folder of NNN_name.sql files; defaults to migrations/central. */
  dir?: string;
  /** Called after each file is committed, e.g. to print progress. */
  onApplied?: (label: string) => void;
}

export interface MigrateCentralResult {
  /** Files applied by this run, as "NNN_name". */
  applied: string[];
  /** Files that were already recorded when this run started. */
  alreadyApplied: number;
}

// Created outside the numbered files because the history itself lives there. 002 hands both to
// epm_owner; IF NOT EXISTS keeps later runs (by a member of epm_owner) harmless.
const BOOTSTRAP_SQL = `
  CREATE SCHEMA IF NOT EXISTS epm;
  CREATE TABLE IF NOT EXISTS epm.schema_migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text        NOT NULL DEFAULT session_user
  );`;

// Advisory locks are per database, which is what we want: databases of a cluster migrate
// independently (the role creation in 002 copes with concurrent creation on its own).
const LOCK_SQL = `SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('epm central migrations', 0))`;

export function migrationLabel(m: { version: number; name: string }): string {
  return `${String(m.version).padStart(3, '0')}_${m.name}`;
}

export function centralMigrationsDir(): string {
  return join(migrationsRoot(), 'central');
}

export async function migrateCentral(
  url: string,
  opts: MigrateCentralOptions = {},
): Promise<MigrateCentralResult> {
  const files = loadMigrationFiles(opts.dir ?? centralMigrationsDir());
  const client = await connectCentral(url, { applicationName: 'epm migrate' });
  try {
    return await migrateWithClient(client, files, `central database ${redactUrl(url)}`, opts);
  } catch (e) {
    throw toAppError(e, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The loop behind migrateCentral, on a connection the caller owns (left outside any transaction). */
export async function migrateWithClient(
  client: pg.ClientBase,
  files: MigrationFile[],
  where: string,
  opts: Pick<MigrateCentralOptions, 'onApplied'> = {},
): Promise<MigrateCentralResult> {
  const applied: string[] = [];
  let alreadyApplied: number | undefined;
  // One file per iteration: lock, read the history, apply the next pending file, commit.
  for (;;) {
    await client.query('BEGIN');
    try {
      await client.query(LOCK_SQL);
      // Unqualified names in the files (001 has them) must land in public whoever migrates.
      await client.query('SET LOCAL search_path TO public');
      await client.query(BOOTSTRAP_SQL);
      const recorded = await client.query<AppliedMigration>(
        'SELECT version, name, checksum FROM epm.schema_migrations ORDER BY version',
      );
      alreadyApplied ??= recorded.rows.length;
      const next = pendingMigrations(files, recorded.rows, where)[0];
      if (!next) {
        await client.query('COMMIT');
        return { applied, alreadyApplied };
      }
      await applyFile(client, next);
      // Files switch to epm_owner with SET LOCAL ROLE; the history is written as the migrator.
      await client.query('RESET ROLE');
      await client.query(
        'INSERT INTO epm.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
        [next.version, next.name, next.checksum],
      );
      await client.query('COMMIT');
      applied.push(migrationLabel(next));
      opts.onApplied?.(migrationLabel(next));
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }
}

async function applyFile(client: pg.ClientBase, file: MigrationFile): Promise<void> {
  try {
    // No parameters: the simple query protocol runs every statement of the file in order.
    await client.query(file.sql);
  } catch (e) {
    throw migrationError(file, e);
  }
}

function migrationError(file: MigrationFile, e: unknown): AppError {
  const err = e as { code?: string; message?: string; position?: string; hint?: string };
  if (err.code === undefined) return toAppError(e);
  const line =
    err.position !== undefined
      ? ` at line ${file.sql.slice(0, Number(err.position)).split('\n').length}`
      : '';
  const what = `central migration ${migrationLabel(file)} failed${line}: ${err.message}`;
  const details = { migration: migrationLabel(file), pgCode: err.code, hint: err.hint };
  if (err.code === '42501') {
    return new AppError(
      'PERMISSION',
      `${what} (migrations need a superuser, or a role with CREATEROLE that owns the database)`,
      details,
    );
  }
  return new AppError('INTERNAL', what + (err.hint ? ` (${err.hint})` : ''), details);
}
