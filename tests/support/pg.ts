// Test databases on a real PostgreSQL. Each test file gets its own fresh database, created
// from the admin URL (EPM_TEST_PG_URL, default the machine's server with trust auth) and
// dropped afterwards, so suites never see each other's rows.
// Hazard: roles are cluster-wide, not per database; tests that create login roles must give
// them unique names (see uniqueName) and drop them.
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export const ADMIN_URL =
  process.env.EPM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`.toLowerCase();
}

export function urlForDatabase(name: string, base = ADMIN_URL): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export function urlForUser(dbUrl: string, user: string, password?: string): string {
  const u = new URL(dbUrl);
  u.username = user;
  u.password = password ?? '';
  return u.toString();
}

export interface TestDatabase {
  name: string;
  /** Superuser URL of the fresh database. */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'epm_test'): Promise<TestDatabase> {
  const name = uniqueName(prefix);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: urlForDatabase(name),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs one query on a short-lived connection. */
export async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}
