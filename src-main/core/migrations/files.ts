// Migration files shared by the central (PostgreSQL) and local (SQLite) runners: ordered
// `NNN_name.sql` files, each identified by its version number and a SHA-256 of its text.
// A database records the (version, name, checksum) of every file applied; if what it recorded
// differs from the files (edited, renamed, removed, or applied from a newer build), the runner
// refuses to touch it rather than guess.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../src-shared/errors';

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

/** The repository's migrations folder; EPM_MIGRATIONS_DIR overrides it (packaged app). */
export function migrationsRoot(): string {
  if (process.env.EPM_MIGRATIONS_DIR) return process.env.EPM_MIGRATIONS_DIR;
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'migrations');
}

export function loadMigrationFiles(dir: string): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const out: MigrationFile[] = [];
  for (const file of files) {
    const m = FILE_PATTERN.exec(file);
    if (!m)
      throw new AppError(
        'INTERNAL',
        `migration file "${file}" in ${dir} is not named NNN_name.sql`,
      );
    const sql = readFileSync(join(dir, file), 'utf8');
    const version = Number(m[1]);
    if (out.some((o) => o.version === version)) {
      throw new AppError('INTERNAL', `two migration files in ${dir} share version ${version}`);
    }
    out.push({
      version,
      name: m[2]!,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  return out;
}

/**
 * Compares what a database recorded with the files and returns those still to apply.
 * Throws CONFLICT when the recorded history is not a prefix of the files.
 */
export function pendingMigrations(
  files: MigrationFile[],
  applied: AppliedMigration[],
  where: string,
): MigrationFile[] {
  const sortedApplied = [...applied].sort((a, b) => a.version - b.version);
  sortedApplied.forEach((a, i) => {
    const f = files[i];
    if (!f) {
      throw new AppError(
        'CONFLICT',
        `${where}: migration ${a.version}_${a.name} is recorded as applied but has no file here (database from a newer version?); refusing to migrate`,
      );
    }
    if (f.version !== a.version || f.name !== a.name || f.checksum !== a.checksum) {
      throw new AppError(
        'CONFLICT',
        `${where}: applied migration ${a.version}_${a.name} (checksum ${a.checksum.slice(0, 12)}) differs from file ${f.version}_${f.name} (checksum ${f.checksum.slice(0, 12)}); history diverges, refusing to migrate`,
      );
    }
  });
  return files.slice(sortedApplied.length);
}
