// pendingMigrations decides what a database still needs and refuses any history that is not a
// prefix of the files: the guard both the central and the local runner rely on.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadMigrationFiles,
  pendingMigrations,
  type AppliedMigration,
  type MigrationFile,
} from '../../src-main/core/migrations/files';
import { AppError } from '../../src-shared/errors';

function file(version: number, name: string, checksum = `sum${version}`): MigrationFile {
  return { version, name, sql: `-- ${name}`, checksum };
}
const applied = (f: MigrationFile): AppliedMigration => ({
  version: f.version,
  name: f.name,
  checksum: f.checksum,
});

const files = [file(1, 'seed'), file(2, 'roles'), file(3, 'tracking')];

function conflictOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('CONFLICT');
    return e as AppError;
  }
  throw new Error('expected a CONFLICT');
}

describe('pendingMigrations', () => {
  it('returns every file for an empty history', () => {
    expect(pendingMigrations(files, [], 'db')).toEqual(files);
  });

  it('returns the files after the applied prefix, whatever order the history is read in', () => {
    const history = [applied(files[1]!), applied(files[0]!)];
    expect(pendingMigrations(files, history, 'db')).toEqual([files[2]]);
  });

  it('returns nothing when everything is applied', () => {
    expect(pendingMigrations(files, files.map(applied), 'db')).toEqual([]);
  });

  it('refuses an edited file (checksum differs) and names it', () => {
    const history = [applied(files[0]!), { ...applied(files[1]!), checksum: 'edited' }];
    const e = conflictOf(() => pendingMigrations(files, history, 'central database x'));
    expect(e.message).toContain('central database x');
    expect(e.message).toContain('2_roles');
    expect(e.message).toContain('diverges');
  });

  it('refuses a renamed file', () => {
    const history = [{ ...applied(files[0]!), name: 'seed_schema' }];
    expect(conflictOf(() => pendingMigrations(files, history, 'db')).message).toContain(
      '1_seed_schema',
    );
  });

  it('refuses a history with a gap (a file inserted before an applied one)', () => {
    const history = [applied(files[0]!), applied(files[2]!)];
    conflictOf(() => pendingMigrations(files, history, 'db'));
  });

  it('refuses a version recorded as applied that has no file (database from a newer build)', () => {
    const history = [...files.map(applied), applied(file(4, 'future'))];
    const e = conflictOf(() => pendingMigrations(files, history, 'db'));
    expect(e.message).toContain('4_future');
    expect(e.message).toContain('no file');
  });
});

describe('loadMigrationFiles', () => {
  it('orders NNN_name.sql files and checksums their text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'epm-migrations-'));
    try {
      writeFileSync(join(dir, '002_b.sql'), 'select 2;');
      writeFileSync(join(dir, '001_a.sql'), 'select 1;');
      writeFileSync(join(dir, 'README.md'), 'not a migration');
      const loaded = loadMigrationFiles(dir);
      expect(loaded.map((f) => [f.version, f.name])).toEqual([
        [1, 'a'],
        [2, 'b'],
      ]);
      expect(loaded[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(loaded[0]!.checksum).not.toBe(loaded[1]!.checksum);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a badly named file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'epm-migrations-'));
    try {
      writeFileSync(join(dir, '1-a.sql'), 'select 1;');
      expect(() => loadMigrationFiles(dir)).toThrow(/NNN_name\.sql/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads the repository central migrations in order, starting with the seed schema', async () => {
    const { centralMigrationsDir } = await import('../../src-main/core/migrations/central');
    const loaded = loadMigrationFiles(centralMigrationsDir());
    expect(loaded[0]!.name).toBe('seed_schema');
    expect(loaded.map((f) => f.version)).toEqual(loaded.map((_, i) => i + 1));
  });
});
