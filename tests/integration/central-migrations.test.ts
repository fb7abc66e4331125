// The central migrations on a real PostgreSQL: applying, re-applying, refusing a divergent
// history, and the change tracking the incremental sync relies on, exercised by writers that use
// only the DOMAIN.md §1 columns (a POS/ERP as an epm_writer login, and a superuser).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  centralMigrationsDir,
  migrateCentral,
  migrationLabel,
} from '../../src-main/core/migrations/central';
import { loadMigrationFiles } from '../../src-main/core/migrations/files';
import { AppError } from '../../src-shared/errors';
import { runCli } from '../../src-main/cli/framework';
import { dbMigrateCommand } from '../../src-main/cli/commands/db';
import {
  userAddCommand,
  userListCommand,
  userRemoveCommand,
  userScopeCommand,
} from '../../src-main/cli/commands/user';
import type { CommandSpec } from '../../src-main/cli/framework';
import {
  ADMIN_URL,
  createTestDatabase,
  query,
  uniqueName,
  urlForUser,
  type TestDatabase,
} from '../support/pg';

// The embedded server is another module's business; here it stands for "no URL was given".
const embedded = vi.hoisted(() => ({ url: '', stopped: 0 }));
vi.mock('../../src-main/core/pg/embedded', () => ({
  resolveCentralUrl: async () => ({
    url: embedded.url,
    embedded: true,
    stop: async () => {
      embedded.stopped++;
    },
  }),
}));

const FILES = loadMigrationFiles(centralMigrationsDir());
const ALL_LABELS = FILES.map(migrationLabel);

let db: TestDatabase;
const loginsToDrop: string[] = [];
const openClients: pg.Client[] = [];

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  openClients.push(c);
  return c;
}

async function createLogin(prefix: string, group?: string): Promise<string> {
  const login = uniqueName(prefix);
  await query(
    ADMIN_URL,
    `CREATE ROLE ${pg.escapeIdentifier(login)} LOGIN${group ? ` IN ROLE ${pg.escapeIdentifier(group)}` : ''}`,
  );
  loginsToDrop.push(login);
  return login;
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the promise to reject');
}

beforeAll(async () => {
  db = await createTestDatabase('epm_migr');
});

afterAll(async () => {
  await Promise.all(openClients.map((c) => c.end().catch(() => undefined)));
  await db?.drop();
  for (const login of loginsToDrop) {
    await query(ADMIN_URL, `DROP ROLE IF EXISTS ${pg.escapeIdentifier(login)}`);
  }
});

describe('migrateCentral', () => {
  it('applies every file to an empty database and records it', async () => {
    const result = await migrateCentral(db.url);
    expect(result).toEqual({ applied: ALL_LABELS, alreadyApplied: 0 });
    const rows = await query<{
      version: number;
      name: string;
      checksum: string;
      applied_by: string;
    }>(
      db.url,
      'SELECT version, name, checksum, applied_by FROM epm.schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => [r.version, r.name, r.checksum])).toEqual(
      FILES.map((f) => [f.version, f.name, f.checksum]),
    );
    expect(new Set(rows.map((r) => r.applied_by))).toEqual(new Set(['postgres']));
  });

  it('is a no-op when re-run', async () => {
    expect(await migrateCentral(db.url)).toEqual({ applied: [], alreadyApplied: FILES.length });
  });

  it('leaves every object owned by the NOLOGIN role epm_owner, even when run as a superuser', async () => {
    const notOwned = await query(
      db.url,
      `SELECT n.nspname || '.' || c.relname AS object, pg_get_userbyid(c.relowner) AS owner
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'epm') AND c.relkind IN ('r', 'S', 'v', 'm', 'p')
          AND pg_get_userbyid(c.relowner) <> 'epm_owner'
       UNION ALL
       SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'epm' AND pg_get_userbyid(p.proowner) <> 'epm_owner'
       UNION ALL
       SELECT 'schema epm', pg_get_userbyid(nspowner) FROM pg_namespace
        WHERE nspname = 'epm' AND pg_get_userbyid(nspowner) <> 'epm_owner'`,
    );
    expect(notOwned).toEqual([]);
    const [owner] = await query(
      db.url,
      `SELECT rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'epm_owner'`,
    );
    expect(owner).toEqual({ rolcanlogin: false, rolsuper: false, rolbypassrls: false });
  });

  it('pins search_path on every security-definer function', async () => {
    const unsafe = await query(
      db.url,
      `SELECT p.oid::regprocedure::text AS fn, p.proconfig
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'epm' AND p.prosecdef
          AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)`,
    );
    expect(unsafe).toEqual([]);
  });

  it('lets two concurrent runs share the work without applying a file twice', async () => {
    const other = await createTestDatabase('epm_migr_conc');
    try {
      const [a, b] = await Promise.all([migrateCentral(other.url), migrateCentral(other.url)]);
      expect([...a.applied, ...b.applied].sort()).toEqual(ALL_LABELS);
      const recorded = await query(
        other.url,
        'SELECT count(*)::int AS n FROM epm.schema_migrations',
      );
      expect(recorded[0]!.n).toBe(FILES.length);
    } finally {
      await other.drop();
    }
  });

  it('refuses a history whose recorded checksum differs from the file', async () => {
    await query(db.url, `UPDATE epm.schema_migrations SET checksum = 'edited' WHERE version = 3`);
    try {
      const e = await errorOf(migrateCentral(db.url));
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/3_change_tracking.*differs from file.*refusing to migrate/);
    } finally {
      await query(db.url, `UPDATE epm.schema_migrations SET checksum = $1 WHERE version = 3`, [
        FILES[2]!.checksum,
      ]);
    }
  });

  it('refuses a database that recorded a version this build does not have', async () => {
    const future = FILES.length + 1;
    await query(
      db.url,
      `INSERT INTO epm.schema_migrations (version, name, checksum) VALUES ($1, 'from_the_future', 'x')`,
      [future],
    );
    try {
      const e = await errorOf(migrateCentral(db.url));
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain(`${future}_from_the_future`);
      expect(e.message).toContain('no file here');
    } finally {
      await query(db.url, 'DELETE FROM epm.schema_migrations WHERE version = $1', [future]);
    }
    expect(await migrateCentral(db.url)).toEqual({ applied: [], alreadyApplied: FILES.length });
  });

  it('rolls a failing file back entirely and names it with the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'epm-central-'));
    try {
      cpSync(centralMigrationsDir(), dir, { recursive: true });
      const broken = `${String(FILES.length + 1).padStart(3, '0')}_broken.sql`;
      writeFileSync(
        join(dir, broken),
        'CREATE TABLE epm.half_done (id int);\n\nSELECT no_such_column FROM public.regions;\n',
      );
      const e = await errorOf(migrateCentral(db.url, { dir }));
      expect(e.code).toBe('INTERNAL');
      expect(e.message).toMatch(/_broken failed at line 3: column "no_such_column" does not exist/);
      const leftovers = await query(db.url, `SELECT to_regclass('epm.half_done') AS t`);
      expect(leftovers[0]!.t).toBeNull();
      const recorded = await query(
        db.url,
        'SELECT max(version)::int AS v FROM epm.schema_migrations',
      );
      expect(recorded[0]!.v).toBe(FILES.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Tracking as seen by a writer that knows nothing about it.
describe('change tracking', () => {
  let superuser: pg.Client;
  let writer: pg.Client;

  beforeAll(async () => {
    superuser = await connect(db.url);
    writer = await connect(urlForUser(db.url, await createLogin('pos', 'epm_writer')));
    await superuser.query(`
      INSERT INTO regions (id, code, nom) VALUES (1, 'R01', 'Nord'), (2, 'R02', 'Sud');
      INSERT INTO magasins (id, region_id, nom, objectif_ca) VALUES (10, 1, 'Lille', 1000000), (20, 2, 'Nice', 900000);
      INSERT INTO categories (id, code, nom) VALUES (1, 'ALIM', 'Alimentaire');
      INSERT INTO produits (id, categorie_id, sku, prix_achat, prix_vente) VALUES (1, 1, 'SKU1', 1.10, 2.50);
      INSERT INTO clients (id) VALUES (1);
    `);
  });

  async function txid(c: pg.Client): Promise<string> {
    return (await c.query('SELECT pg_current_xact_id()::text AS t')).rows[0].t;
  }

  async function tombstones(where: string, params: unknown[] = []) {
    return (
      await superuser.query(
        `SELECT table_name, row_id::int, magasin_id::int, region_id::int, sync_txid::text
           FROM epm.tombstones WHERE ${where} ORDER BY id`,
        params,
      )
    ).rows;
  }

  for (const who of ['epm_writer login', 'superuser'] as const) {
    it(`tracks plain DML by a ${who} using only the documented columns`, async () => {
      const c = who === 'superuser' ? superuser : writer;
      const base = who === 'superuser' ? 2000 : 1000;
      const [v1, v2, l1, l2, l3] = [base + 1, base + 2, base + 11, base + 12, base + 13];

      await c.query('BEGIN');
      const insertTx = await txid(c);
      await c.query(
        `INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc)
         VALUES ($1, 10, 1, '2025-03-31T23:30:00Z', 7.50), ($2, 10, NULL, now(), 2.50)`,
        [v1, v2],
      );
      await c.query(
        `INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire)
         VALUES ($1, $4, 1, 2, 2.50), ($2, $4, 1, 1, 2.50), ($3, $5, 1, 1, 2.50)`,
        [l1, l2, l3, v1, v2],
      );
      await c.query('COMMIT');

      const lines = await superuser.query(
        'SELECT id::int, magasin_id::int, sync_txid::text FROM lignes_ventes WHERE id = ANY ($1) ORDER BY id',
        [[l1, l2, l3]],
      );
      expect(lines.rows).toEqual([
        { id: l1, magasin_id: 10, sync_txid: insertTx },
        { id: l2, magasin_id: 10, sync_txid: insertTx },
        { id: l3, magasin_id: 10, sync_txid: insertTx },
      ]);

      // An update moves sync_txid, whatever the writer tries to put there.
      await c.query('BEGIN');
      const updateTx = await txid(c);
      await c.query('UPDATE lignes_ventes SET quantite = 3 WHERE id = $1', [l1]);
      await c.query('COMMIT');
      const updated = await superuser.query(
        'SELECT sync_txid::text AS t FROM lignes_ventes WHERE id = $1',
        [l1],
      );
      expect(updated.rows[0].t).toBe(updateTx);
      expect(BigInt(updateTx)).toBeGreaterThan(BigInt(insertTx));

      // A sale moved to another store takes its lines along, and leaves tombstones for the
      // users of the old store.
      await c.query('BEGIN');
      const moveTx = await txid(c);
      await c.query('UPDATE ventes SET magasin_id = 20 WHERE id = $1', [v1]);
      await c.query('COMMIT');
      const moved = await superuser.query(
        'SELECT id::int, magasin_id::int, sync_txid::text FROM lignes_ventes WHERE vente_id = $1 ORDER BY id',
        [v1],
      );
      expect(moved.rows).toEqual([
        { id: l1, magasin_id: 20, sync_txid: moveTx },
        { id: l2, magasin_id: 20, sync_txid: moveTx },
      ]);
      const moveTombstones = await tombstones('sync_txid = $1::xid8', [moveTx]);
      expect(
        moveTombstones.map((t) => [t.table_name, t.row_id, t.magasin_id, t.region_id]).sort(),
      ).toEqual(
        [
          ['lignes_ventes', l1, 10, 1],
          ['lignes_ventes', l2, 10, 1],
          ['ventes', v1, 10, 1],
        ].sort(),
      );

      // A line re-attached to a sale of another store follows that sale.
      await c.query('UPDATE lignes_ventes SET vente_id = $1 WHERE id = $2', [v1, l3]);
      const reattached = await superuser.query(
        'SELECT magasin_id::int AS m FROM lignes_ventes WHERE id = $1',
        [l3],
      );
      expect(reattached.rows[0].m).toBe(20);

      // Deleting a sale deletes its lines (ON DELETE CASCADE): all of them leave tombstones
      // carrying their store and region.
      await c.query('BEGIN');
      const deleteTx = await txid(c);
      const deleted = await c.query('DELETE FROM ventes WHERE id = ANY ($1)', [[v1, v2]]);
      await c.query('COMMIT');
      expect(deleted.rowCount).toBe(2);
      const deleteTombstones = await tombstones('sync_txid = $1::xid8', [deleteTx]);
      expect(
        deleteTombstones.map((t) => [t.table_name, t.row_id, t.magasin_id, t.region_id]).sort(),
      ).toEqual(
        [
          ['lignes_ventes', l1, 20, 2],
          ['lignes_ventes', l2, 20, 2],
          ['lignes_ventes', l3, 20, 2],
          ['ventes', v1, 20, 2],
          ['ventes', v2, 10, 1],
        ].sort(),
      );
    });
  }

  it('ignores a lignes_ventes.magasin_id supplied by a writer', async () => {
    await superuser.query(
      `INSERT INTO ventes (id, magasin_id, date_vente, montant_ttc) VALUES (3001, 10, now(), 1);
       INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire, magasin_id)
       VALUES (3011, 3001, 1, 1, 1, 20);`,
    );
    const r = await superuser.query(
      'SELECT magasin_id::int AS m FROM lignes_ventes WHERE id = 3011',
    );
    expect(r.rows[0].m).toBe(10);
    await superuser.query('UPDATE lignes_ventes SET magasin_id = 20 WHERE id = 3011');
    const r2 = await superuser.query(
      'SELECT magasin_id::int AS m FROM lignes_ventes WHERE id = 3011',
    );
    expect(r2.rows[0].m).toBe(10);
  });

  it('records the old id when an UPDATE changes a primary key, and store deletes with their region', async () => {
    await writer.query(`INSERT INTO categories (id, code, nom) VALUES (50, 'TMP', 'Temp')`);
    await writer.query('UPDATE categories SET id = 51 WHERE id = 50');
    expect(await tombstones(`table_name = 'categories'`)).toEqual([
      expect.objectContaining({
        table_name: 'categories',
        row_id: 50,
        magasin_id: null,
        region_id: null,
      }),
    ]);
    await writer.query(`INSERT INTO magasins (id, region_id, nom) VALUES (30, 2, 'Cannes')`);
    await writer.query('DELETE FROM magasins WHERE id = 30');
    expect(await tombstones(`table_name = 'magasins'`)).toEqual([
      expect.objectContaining({ row_id: 30, magasin_id: 30, region_id: 2 }),
    ]);
    await writer.query(`INSERT INTO regions (id, code, nom) VALUES (9, 'R09', 'Temp')`);
    await writer.query('DELETE FROM regions WHERE id = 9');
    expect(await tombstones(`table_name = 'regions'`)).toEqual([
      expect.objectContaining({ row_id: 9, magasin_id: null, region_id: 9 }),
    ]);
  });

  it('lets a writer omit ids (identity defaults need no sequence privilege)', async () => {
    const r = await writer.query(
      `INSERT INTO magasins (region_id, nom) VALUES (1, 'Roubaix') RETURNING id::int, sync_txid IS NOT NULL AS tracked`,
    );
    expect(r.rows).toEqual([{ id: 1, tracked: true }]);
  });

  it('gives writers no access to the tracking tables themselves', async () => {
    await expect(writer.query('SELECT * FROM epm.tombstones')).rejects.toMatchObject({
      code: '42501',
    });
    await expect(writer.query('SELECT * FROM epm.settings')).rejects.toMatchObject({
      code: '42501',
    });
  });
});

// The checkpoint predicate under concurrency: a transaction that started before the checkpoint
// and commits after it must reach the next sync; what the checkpoint already saw must not.
describe('snapshot checkpoints', () => {
  let superuser: pg.Client;

  beforeAll(async () => {
    superuser = await connect(db.url);
  });

  async function takeCheckpoint(): Promise<{ checkpoint: string; seen: number[] }> {
    const sync = await connect(db.url);
    await sync.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const checkpoint = (await sync.query('SELECT pg_current_snapshot()::text AS c')).rows[0].c;
    const seen = (await sync.query('SELECT id::int FROM clients ORDER BY id')).rows.map(
      (r) => r.id,
    );
    await sync.query('COMMIT');
    return { checkpoint, seen };
  }

  async function changedSince(checkpoint: string, table: string): Promise<number[]> {
    const idColumn = table === 'epm.tombstones' ? 'row_id' : 'id';
    const where = table === 'epm.tombstones' ? ` AND table_name = 'clients'` : '';
    const r = await superuser.query(
      `SELECT ${idColumn}::int AS id FROM ${table}
        WHERE epm.changed_since($1::pg_snapshot, sync_txid)${where} ORDER BY 1`,
      [checkpoint],
    );
    return r.rows.map((x) => x.id);
  }

  it('picks up a long transaction that commits after the checkpoint, and only what changed', async () => {
    await superuser.query('INSERT INTO clients (id) VALUES (100), (101), (102)');
    const { checkpoint: before } = await takeCheckpoint();

    const longTx = await connect(db.url);
    await longTx.query('BEGIN');
    await longTx.query('INSERT INTO clients (id) VALUES (200)');
    await longTx.query('DELETE FROM clients WHERE id = 101');

    await superuser.query('INSERT INTO clients (id) VALUES (300)'); // commits before the checkpoint
    const { checkpoint, seen } = await takeCheckpoint();
    expect(seen).toContain(300);
    expect(seen).not.toContain(200); // invisible to the sync: still in progress
    expect(seen).toContain(101);

    await longTx.query('COMMIT'); // after the checkpoint
    await superuser.query('UPDATE clients SET id = id WHERE id = 102'); // a later change

    expect(await changedSince(checkpoint, 'clients')).toEqual([102, 200]);
    expect(await changedSince(checkpoint, 'epm.tombstones')).toEqual([101]);
    // The earlier checkpoint sees everything since it, including the row 300.
    expect(await changedSince(before, 'clients')).toEqual([102, 200, 300]);
  });

  it('is inlined so the sync_txid index can serve it', async () => {
    const { checkpoint } = await takeCheckpoint();
    await superuser.query('BEGIN');
    await superuser.query('SET LOCAL enable_seqscan = off');
    const plan = await superuser.query(
      'EXPLAIN SELECT id FROM ventes WHERE epm.changed_since($1::pg_snapshot, sync_txid)',
      [checkpoint],
    );
    await superuser.query('ROLLBACK');
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('ventes_sync_txid_idx');
  });

  it('sends laptops to a full reload once tombstones they need are purged, or after a TRUNCATE', async () => {
    const { checkpoint: old } = await takeCheckpoint();
    const usable = async (c: string) =>
      (await superuser.query('SELECT epm.can_sync_incrementally($1::pg_snapshot) AS ok', [c]))
        .rows[0].ok;
    expect(await usable(old)).toBe(true);

    await superuser.query('DELETE FROM clients WHERE id = 300');
    await superuser.query(
      `UPDATE epm.settings SET value = '0' WHERE key = 'tombstone_retention_days'`,
    );
    await superuser.query(`UPDATE epm.tombstones SET deleted_at = now() - interval '1 day'`);
    const purged = await superuser.query('SELECT epm.purge_tombstones()::int AS n');
    expect(purged.rows[0].n).toBeGreaterThan(0);
    expect(await usable(old)).toBe(false);

    // A checkpoint is usable again once its xmin is past the newest purged transaction. (Waiting
    // for a real one would depend on every transaction of this shared cluster ending.)
    const horizon = BigInt(
      (await superuser.query(`SELECT value FROM epm.settings WHERE key = 'tracking_horizon_txid'`))
        .rows[0].value,
    );
    expect(await usable(`${horizon + 1n}:${horizon + 1n}:`)).toBe(true);
    expect(await usable(`${horizon}:${horizon + 1n}:`)).toBe(false);

    const { checkpoint: beforeTruncate } = await takeCheckpoint();
    await superuser.query('TRUNCATE lignes_ventes');
    expect(await usable(beforeTruncate)).toBe(false);
  });
});

describe('epm db migrate and epm user (CLI)', () => {
  let cliDb: TestDatabase;

  async function epm(args: string[], env: NodeJS.ProcessEnv = {}) {
    let stdout = '';
    let stderr = '';
    const commands = [
      dbMigrateCommand,
      userAddCommand,
      userListCommand,
      userRemoveCommand,
      userScopeCommand,
    ] as CommandSpec<never>[];
    const code = await runCli(commands, args, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      stderrIsTTY: false,
      env,
    });
    return { code, stdout, stderr };
  }

  beforeAll(async () => {
    cliDb = await createTestDatabase('epm_migr_cli');
  });
  afterAll(async () => {
    await cliDb?.drop();
  });

  it('migrates the database given by --pg, then reports it up to date', async () => {
    const first = await epm(['db', 'migrate', '--pg', cliDb.url, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ applied: ALL_LABELS, alreadyApplied: 0 });
    const again = await epm(['db', 'migrate'], { EPM_PG_URL: cliDb.url });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`up to date (${FILES.length} migrations applied)`);
  });

  it('falls back to the embedded server and stops it afterwards', async () => {
    embedded.url = cliDb.url;
    const stoppedBefore = embedded.stopped;
    const r = await epm(['db', 'migrate', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(embedded.stopped).toBe(stoppedBefore + 1);
  });

  it('adds, lists, rescopes and removes a user', async () => {
    await query(
      cliDb.url,
      `INSERT INTO regions (id, code, nom) VALUES (1, 'R01', 'Nord'), (2, 'R02', 'Sud')`,
    );
    const login = uniqueName('cli');
    loginsToDrop.push(login);
    const pg = ['--pg', cliDb.url];
    const add = await epm(
      [
        'user',
        'add',
        login,
        '--role',
        'directeur',
        '--regions',
        'R01',
        '--password-env',
        'PW',
        ...pg,
      ],
      { PW: 'secret' },
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain(`created ${login} (directeur, regions R01)`);

    const list = await epm(['user', 'list', '--json', ...pg]);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ login, role: 'directeur', regions: ['R01'], stores: [] }),
    ]);

    const scope = await epm(['user', 'scope', login, '--regions', 'R01,R02', ...pg]);
    expect(scope.stdout).toContain('regions R01, R02');

    const unknown = await epm(['user', 'scope', login, '--regions', 'R77', '--json', ...pg]);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ code: 'VALIDATION' });
    expect(unknown.stderr).toContain('unknown region code(s): R77');

    const remove = await epm(['user', 'remove', login, ...pg]);
    expect(remove.code, remove.stderr).toBe(0);
    expect(
      (await query(cliDb.url, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [login])).length,
    ).toBe(0);
  });

  it('rejects bad usage with exit code 2', async () => {
    expect((await epm(['user', 'add', 'someone', '--pg', cliDb.url])).code).toBe(2); // no --role
    expect(
      (await epm(['user', 'add', 'someone', '--role', 'manager', '--stores', '1,x'])).code,
    ).toBe(2);
    const noPw = await epm(['user', 'add', 'someone', '--role', 'admin', '--password-env', 'NOPE']);
    expect([noPw.code, noPw.stderr]).toEqual([2, expect.stringContaining('NOPE is not set')]);
  });
});
