// Row-level security on a real PostgreSQL, seen through real login roles: each of the four app
// roles (and logins that are not registered users) sees exactly its scope in every table that has
// RLS, found from the catalog so a new table cannot slip through untested. Expected rows are
// computed here by plain SQL as the superuser, from the assignment tables, not from the policy
// functions. Also: who may write, role attributes, and the user administration of core/users.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migrateCentral } from '../../src-main/core/migrations/central';
import { addUser, listUsers, removeUser, setUserScope } from '../../src-main/core/users';
import { AppError } from '../../src-shared/errors';
import {
  ADMIN_URL,
  createTestDatabase,
  query,
  uniqueName,
  urlForUser,
  type TestDatabase,
} from '../support/pg';

const DATA_TABLES = [
  'regions',
  'magasins',
  'categories',
  'produits',
  'clients',
  'ventes',
  'lignes_ventes',
];

let db: TestDatabase;
let su: pg.Client;
const logins: string[] = [];
const clients: pg.Client[] = [];

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  clients.push(c);
  return c;
}

function newLogin(prefix: string): string {
  const login = uniqueName(prefix);
  logins.push(login);
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

// Three regions, five stores, two sales per store with two lines each, then deletes and a move
// so that every kind of tombstone exists.
const FIXTURE = `
  INSERT INTO regions (id, code, nom) VALUES (1, 'R01', 'Nord'), (2, 'R02', 'Sud'), (3, 'R03', 'Est');
  INSERT INTO magasins (id, region_id, nom, objectif_ca)
  VALUES (11, 1, 'Lille', 1e6), (12, 1, 'Arras', 5e5), (21, 2, 'Nice', 8e5), (22, 2, 'Toulon', 6e5),
         (31, 3, 'Metz', 7e5);
  INSERT INTO categories (id, code, nom) VALUES (1, 'ALIM', 'Alimentaire'), (2, 'TEXT', 'Textile');
  INSERT INTO produits (id, categorie_id, sku, prix_achat, prix_vente)
  VALUES (1, 1, 'P1', 1, 2), (2, 1, 'P2', 2, 4), (3, 2, 'P3', 10, 25);
  INSERT INTO clients (id) VALUES (1), (2);
  INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc)
  SELECT m.id * 10 + k, m.id, CASE WHEN k = 0 THEN 1 END, '2025-06-01T10:00:00Z', 6
  FROM magasins m CROSS JOIN generate_series(0, 1) k;
  INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire)
  SELECT v.id * 10 + k, v.id, k + 1, 1, 2 * (k + 1) FROM ventes v CROSS JOIN generate_series(0, 1) k;

  DELETE FROM ventes WHERE id IN (111, 211);
  DELETE FROM lignes_ventes WHERE id = 3101;
  INSERT INTO produits (id, categorie_id, sku, prix_achat, prix_vente) VALUES (4, 2, 'P4', 1, 1);
  DELETE FROM produits WHERE id = 4;
  INSERT INTO magasins (id, region_id, nom) VALUES (23, 2, 'Cannes');
  DELETE FROM magasins WHERE id = 23;
  INSERT INTO regions (id, code, nom) VALUES (4, 'R04', 'Ouest');
  DELETE FROM regions WHERE id = 4;
  UPDATE ventes SET magasin_id = 22 WHERE id = 120;
`;

interface Actor {
  name: string;
  login: string;
  conn: pg.Client;
}
const actors: Record<'admin' | 'directeur' | 'manager' | 'analyste' | 'ghost' | 'lurker', Actor> =
  {} as never;

beforeAll(async () => {
  db = await createTestDatabase('epm_rls');
  await migrateCentral(db.url);
  su = await connect(db.url);
  await su.query(FIXTURE);

  const registered = [
    ['admin', { role: 'admin' }],
    ['directeur', { role: 'directeur', regions: ['R01', 'R03'] }],
    ['manager', { role: 'manager', stores: [21] }],
    ['analyste', { role: 'analyste' }],
  ] as const;
  for (const [name, spec] of registered) {
    const login = newLogin(name.slice(0, 3));
    await addUser(su, { login, ...spec });
    actors[name] = { name, login, conn: await connect(urlForUser(db.url, login)) };
  }
  // A login that is nobody, and one that has the admin group's privileges but no registration.
  const ghost = newLogin('ghost');
  await su.query(`CREATE ROLE ${pg.escapeIdentifier(ghost)} LOGIN`);
  actors.ghost = { name: 'ghost', login: ghost, conn: await connect(urlForUser(db.url, ghost)) };
  const lurker = newLogin('lurker');
  await su.query(`CREATE ROLE ${pg.escapeIdentifier(lurker)} LOGIN IN ROLE epm_admin`);
  actors.lurker = {
    name: 'lurker',
    login: lurker,
    conn: await connect(urlForUser(db.url, lurker)),
  };

  // Each registered user records a sync run, as the sync does.
  for (const name of ['admin', 'directeur', 'manager', 'analyste'] as const) {
    await actors[name].conn.query(
      `INSERT INTO epm.sync_runs (client_id, mode, app_version) VALUES ('laptop-' || current_user, 'full', '0.1.0')`,
    );
  }
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await db?.drop();
  for (const login of logins)
    await query(ADMIN_URL, `DROP ROLE IF EXISTS ${pg.escapeIdentifier(login)}`);
});

// --- Expected rows, by plain SQL as the superuser -------------------------------------------

interface Scope {
  registered: boolean;
  role: string | null;
  regions: string[];
  stores: string[];
}

async function scopeOf(login: string): Promise<Scope> {
  const { rows } = await su.query(
    `WITH u AS (SELECT role FROM epm.utilisateurs WHERE login = $1)
     SELECT (SELECT role FROM u) AS role,
       CASE (SELECT role FROM u)
         WHEN 'admin' THEN ARRAY(SELECT id FROM regions)
         WHEN 'analyste' THEN ARRAY(SELECT id FROM regions)
         WHEN 'directeur' THEN ARRAY(SELECT region_id FROM epm.utilisateur_regions WHERE login = $1)
         WHEN 'manager' THEN ARRAY(SELECT DISTINCT m.region_id FROM magasins m
                                   JOIN epm.utilisateur_magasins um ON um.magasin_id = m.id WHERE um.login = $1)
         ELSE '{}'::bigint[] END AS regions,
       CASE (SELECT role FROM u)
         WHEN 'admin' THEN ARRAY(SELECT id FROM magasins)
         WHEN 'analyste' THEN ARRAY(SELECT id FROM magasins)
         WHEN 'directeur' THEN ARRAY(SELECT m.id FROM magasins m
                                     JOIN epm.utilisateur_regions ur ON ur.region_id = m.region_id WHERE ur.login = $1)
         WHEN 'manager' THEN ARRAY(SELECT magasin_id FROM epm.utilisateur_magasins WHERE login = $1)
         ELSE '{}'::bigint[] END AS stores`,
    [login],
  );
  const r = rows[0];
  return { registered: r.role !== null, role: r.role, regions: r.regions, stores: r.stores };
}

type Expectation = string[] | 'denied';

const KEY: Record<string, string> = {
  'epm.utilisateurs': 'login',
  'epm.utilisateur_regions': `login || ':' || region_id`,
  'epm.utilisateur_magasins': `login || ':' || magasin_id`,
  'epm.settings': 'key',
};
const keyOf = (table: string) => KEY[table] ?? 'id::text';

/** What each RLS table should show an actor; a table missing here fails the test. */
async function expectedRows(table: string, actor: Actor): Promise<Expectation> {
  if (actor.name === 'ghost') return 'denied'; // no group role: no privilege at all
  const s = await scopeOf(actor.login);
  const isAdmin = s.role === 'admin';
  const global = s.role === 'admin' || s.role === 'analyste';
  const rows = async (sql: string, params: unknown[] = []) =>
    (
      await su.query(`SELECT ${keyOf(table)} AS k FROM ${table} ${sql} ORDER BY 1`, params)
    ).rows.map((r) => r.k as string);
  switch (table) {
    case 'public.regions':
      return rows('WHERE id = ANY ($1)', [s.regions]);
    case 'public.magasins':
      return rows('WHERE id = ANY ($1)', [s.stores]);
    case 'public.ventes':
      return rows('WHERE magasin_id = ANY ($1)', [s.stores]);
    case 'public.lignes_ventes': // through the sale, not the denormalised column
      return rows('WHERE vente_id IN (SELECT id FROM ventes WHERE magasin_id = ANY ($1))', [
        s.stores,
      ]);
    case 'public.categories':
    case 'public.produits':
    case 'public.clients':
      return s.registered ? rows('') : [];
    case 'epm.tombstones':
      if (global) return rows('');
      return rows(
        `WHERE $1 AND (table_name IN ('categories', 'produits', 'clients')
            OR (table_name = 'regions' AND region_id = ANY ($2))
            OR (table_name = 'magasins' AND (magasin_id = ANY ($3) OR region_id = ANY ($2)))
            OR (table_name IN ('ventes', 'lignes_ventes') AND magasin_id = ANY ($3)))`,
        [s.registered, s.regions, s.stores],
      );
    case 'epm.utilisateurs':
    case 'epm.utilisateur_regions':
    case 'epm.utilisateur_magasins':
    case 'epm.sync_runs':
      return isAdmin ? rows('') : rows('WHERE login = $1', [actor.login]);
    case 'epm.settings':
    case 'epm.import_batches': // import is an admin-only operation
      if (actor.name !== 'admin' && actor.name !== 'lurker') return 'denied';
      return isAdmin ? rows('') : [];
    default:
      throw new Error(`no expectation for ${table}: add one to this test`);
  }
}

async function actualRows(table: string, actor: Actor): Promise<Expectation> {
  try {
    const r = await actor.conn.query(`SELECT ${keyOf(table)} AS k FROM ${table} ORDER BY 1`);
    return r.rows.map((x) => x.k as string);
  } catch (e) {
    if ((e as { code?: string }).code === '42501') return 'denied';
    throw e;
  }
}

async function rlsTables(): Promise<string[]> {
  const { rows } = await su.query(
    `SELECT n.nspname || '.' || c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('public', 'epm') AND c.relkind IN ('r', 'p') AND c.relrowsecurity ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

describe('row-level security', () => {
  it('enables and forces RLS on every table of public and epm but the migration history', async () => {
    const { rows } = await su.query(
      `SELECT n.nspname || '.' || c.relname AS t, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'epm') AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    const unprotected = rows.filter((r) => !(r.rls && r.forced)).map((r) => r.t);
    expect(unprotected).toEqual(['epm.schema_migrations']);
    for (const t of DATA_TABLES) expect(await rlsTables()).toContain(`public.${t}`);
    // The history has no RLS, so no app role may read it at all.
    const grants = await su.query(
      `SELECT grantee FROM information_schema.role_table_grants
        WHERE table_schema = 'epm' AND table_name = 'schema_migrations' AND grantee <> 'epm_owner'`,
    );
    expect(grants.rows).toEqual([]);
  });

  for (const name of ['admin', 'directeur', 'manager', 'analyste', 'ghost', 'lurker'] as const) {
    it(`shows the ${name} exactly its scope in every RLS table`, async () => {
      const actor = actors[name];
      const tables = await rlsTables();
      const mismatches: string[] = [];
      for (const table of tables) {
        const expected = await expectedRows(table, actor);
        const actual = await actualRows(table, actor);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          mismatches.push(
            `${table}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
          );
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('scopes as described, checked on the fixture by hand', async () => {
    const ids = async (a: Actor, sql: string) =>
      (await a.conn.query(sql)).rows.map((r) => Number(r.id));
    expect(await ids(actors.directeur, 'SELECT id FROM magasins ORDER BY id')).toEqual([
      11, 12, 31,
    ]);
    expect(await ids(actors.directeur, 'SELECT id FROM regions ORDER BY id')).toEqual([1, 3]);
    expect(await ids(actors.manager, 'SELECT id FROM magasins ORDER BY id')).toEqual([21]);
    expect(await ids(actors.manager, 'SELECT id FROM regions ORDER BY id')).toEqual([2]);
    expect(await ids(actors.manager, 'SELECT id FROM ventes ORDER BY id')).toEqual([210]);
    expect(await ids(actors.manager, 'SELECT id FROM lignes_ventes ORDER BY id')).toEqual([
      2100, 2101,
    ]);
    // The sale moved from store 12 (region 1) to 22 left a tombstone the director receives.
    const moved = await actors.directeur.conn.query(
      `SELECT table_name, row_id::int FROM epm.tombstones WHERE row_id IN (120, 1200, 1201) ORDER BY 2`,
    );
    expect(moved.rows).toEqual([
      { table_name: 'ventes', row_id: 120 },
      { table_name: 'lignes_ventes', row_id: 1200 },
      { table_name: 'lignes_ventes', row_id: 1201 },
    ]);
    expect(await ids(actors.analyste, 'SELECT count(*) AS id FROM ventes')).toEqual([8]);
    expect(await ids(actors.lurker, 'SELECT count(*) AS id FROM ventes')).toEqual([0]);
  });

  it('evaluates the scope functions for the caller only', async () => {
    const dir = actors.directeur.conn;
    const own = await dir.query('SELECT epm.visible_magasin_ids() AS ids, epm.app_role() AS role');
    expect(own.rows[0]).toEqual({ ids: ['11', '12', '31'], role: 'directeur' });
    // Asking about someone else reveals nothing.
    const other = await dir.query(
      'SELECT epm.visible_magasin_ids($1) AS ids, epm.app_role($1) AS role',
      [actors.manager.login],
    );
    expect(other.rows[0]).toEqual({ ids: [], role: null });
    // A superuser testing with SET ROLE sees what the user sees.
    await su.query('BEGIN');
    await su.query(`SET LOCAL ROLE ${pg.escapeIdentifier(actors.manager.login)}`);
    const asManager = await su.query('SELECT id::int FROM magasins');
    await su.query('ROLLBACK');
    expect(asManager.rows).toEqual([{ id: 21 }]);
  });

  for (const name of ['directeur', 'manager', 'analyste', 'lurker'] as const) {
    it(`refuses writes to the data and user tables for the ${name}`, async () => {
      const c = actors[name].conn;
      const refused: string[] = [];
      const tables = [
        ...DATA_TABLES.map((t) => `public.${t}`),
        'epm.tombstones',
        'epm.utilisateurs',
        'epm.utilisateur_regions',
        'epm.utilisateur_magasins',
      ];
      for (const t of tables) {
        // (tombstones.id is GENERATED ALWAYS: updating it fails before any privilege check)
        const key = t.startsWith('epm.utilisateur')
          ? 'login'
          : t === 'epm.tombstones'
            ? 'row_id'
            : 'id';
        const attempts = [
          // Row-level checks come before NOT NULL ones, so this fails on rights, not columns.
          `INSERT INTO ${t} DEFAULT VALUES`,
          `UPDATE ${t} SET ${key} = ${key}`,
          `DELETE FROM ${t}`,
        ];
        for (const sql of attempts) {
          await c.query('BEGIN');
          try {
            const r = await c.query(sql);
            // The lurker holds the admin group's privileges: the policies must stop it instead.
            if ((r.rowCount ?? 0) > 0) refused.push(`${sql} changed ${r.rowCount} rows`);
          } catch (e) {
            expect((e as { code?: string }).code, sql).toBe('42501');
          } finally {
            await c.query('ROLLBACK');
          }
        }
      }
      expect(refused).toEqual([]);
      await expect(
        c.query(`INSERT INTO regions (code, nom) VALUES ('RX', 'X')`),
      ).rejects.toMatchObject({
        code: '42501',
      });
      // Purging is granted to the admin group (harmless to correctness: see can_sync_incrementally).
      if (name !== 'lurker') {
        await expect(c.query('SELECT epm.purge_tombstones()')).rejects.toMatchObject({
          code: '42501',
        });
      }
    });
  }

  it('lets the admin write data and manage scope rows, tracked like any writer', async () => {
    const c = actors.admin.conn;
    await c.query('BEGIN');
    try {
      const region = await c.query(
        `INSERT INTO regions (id, code, nom) VALUES (5, 'R05', 'Centre')`,
      );
      expect(region.rowCount).toBe(1);
      expect((await c.query('UPDATE magasins SET objectif_ca = 1 WHERE id = 31')).rowCount).toBe(1);
      expect((await c.query('DELETE FROM ventes WHERE id = 310')).rowCount).toBe(1);
      const t = await c.query(
        `SELECT table_name, row_id::int FROM epm.tombstones
          WHERE sync_txid = pg_current_xact_id() ORDER BY table_name, row_id`,
      );
      expect(t.rows).toEqual([
        { table_name: 'lignes_ventes', row_id: 3100 },
        { table_name: 'ventes', row_id: 310 },
      ]);
      await c.query(`INSERT INTO epm.utilisateur_regions (login, region_id) VALUES ($1, 2)`, [
        actors.directeur.login,
      ]);
      const retention = `UPDATE epm.settings SET value = '30' WHERE key = 'tombstone_retention_days'`;
      expect((await c.query(retention)).rowCount).toBe(1);
      expect((await c.query('SELECT epm.purge_tombstones() AS n')).rows[0].n).toBe('0');
      // The tracking horizon is the functions' business (last: the error ends the transaction).
      await expect(
        c.query(`INSERT INTO epm.settings (key, value) VALUES ('tracking_horizon_txid', '0')`),
      ).rejects.toMatchObject({ code: '42501' });
    } finally {
      await c.query('ROLLBACK');
    }
  });

  it('keeps sync history per user: own rows only, admin reads all', async () => {
    const dir = actors.directeur.conn;
    await expect(
      dir.query(`INSERT INTO epm.sync_runs (login, status) VALUES ($1, 'running')`, [
        actors.manager.login,
      ]),
    ).rejects.toMatchObject({ code: '42501' });
    const others = await dir.query(
      `UPDATE epm.sync_runs SET status = 'failed' WHERE login <> current_user`,
    );
    expect(others.rowCount).toBe(0);
    const own = await dir.query(
      `UPDATE epm.sync_runs SET status = 'succeeded', ended_at = now(), rows = '{"ventes": 4}', checkpoint = pg_current_snapshot()::text
        WHERE login = current_user`,
    );
    expect(own.rowCount).toBe(1);
    await expect(dir.query(`UPDATE epm.sync_runs SET login = 'someone'`)).rejects.toMatchObject({
      code: '42501',
    });
    const all = await actors.admin.conn.query('SELECT count(*)::int AS n FROM epm.sync_runs');
    expect(all.rows[0].n).toBe(4);
  });

  it('gives no app role SUPERUSER or BYPASSRLS, and none reaches the owner role', async () => {
    const names = [
      'epm_owner',
      'epm_admin',
      'epm_directeur',
      'epm_manager',
      'epm_analyste',
      'epm_writer',
      ...Object.values(actors).map((a) => a.login),
    ];
    const { rows } = await su.query(
      `SELECT rolname, rolsuper, rolbypassrls, rolcanlogin, rolcreaterole,
              pg_has_role(oid, 'epm_owner', 'MEMBER') AS owner_member
         FROM pg_roles WHERE rolname = ANY ($1)`,
      [names],
    );
    expect(rows).toHaveLength(names.length);
    for (const r of rows) {
      expect(r.rolsuper, r.rolname).toBe(false);
      expect(r.rolbypassrls, r.rolname).toBe(false);
      expect(r.rolcreaterole, r.rolname).toBe(false);
      if (r.rolname.startsWith('epm_')) expect(r.rolcanlogin, r.rolname).toBe(false);
      if (r.rolname !== 'epm_owner') expect(r.owner_member, r.rolname).toBe(false);
    }
  });
});

describe('user administration', () => {
  it('lists users with their role and scope', async () => {
    const mine = (await listUsers(su)).filter((u) => logins.includes(u.login));
    expect(mine.map((u) => [u.role, u.regions, u.stores, u.canLogin])).toEqual(
      expect.arrayContaining([
        ['admin', [], [], true],
        ['directeur', ['R01', 'R03'], [], true],
        ['manager', [], [21], true],
        ['analyste', [], [], true],
      ]),
    );
    expect(mine).toHaveLength(4);
  });

  it('validates logins, roles and scopes before touching anything', async () => {
    const login = newLogin('val');
    const cases: [Parameters<typeof addUser>[1], string, RegExp][] = [
      [{ login: 'Ab', role: 'admin' }, 'VALIDATION', /invalid login/],
      [{ login: 'x;drop role postgres', role: 'admin' }, 'VALIDATION', /invalid login/],
      [{ login: 'pg_abc', role: 'admin' }, 'VALIDATION', /reserved/],
      [{ login: 'epm_abc', role: 'admin' }, 'VALIDATION', /reserved/],
      [{ login, role: 'boss' }, 'VALIDATION', /unknown role "boss"/],
      [{ login, role: 'directeur' }, 'VALIDATION', /directeur needs at least one region/],
      [{ login, role: 'directeur', regions: ['R01'], stores: [11] }, 'VALIDATION', /not stores/],
      [{ login, role: 'manager', stores: [] }, 'VALIDATION', /manager needs at least one store/],
      [{ login, role: 'analyste', regions: ['R01'] }, 'VALIDATION', /sees everything/],
      [
        { login, role: 'directeur', regions: ['R01', 'R99'] },
        'VALIDATION',
        /unknown region code\(s\): R99/,
      ],
      [{ login, role: 'manager', stores: [11, 999] }, 'VALIDATION', /unknown store id\(s\): 999/],
      [{ login: actors.directeur.login, role: 'analyste' }, 'CONFLICT', /already exists/],
      [{ login: 'postgres', role: 'analyste' }, 'CONFLICT', /role named "postgres" already exists/],
    ];
    for (const [input, code, message] of cases) {
      const e = await errorOf(addUser(su, input));
      expect([e.code, e.message], JSON.stringify(input)).toEqual([
        code,
        expect.stringMatching(message),
      ]);
    }
    const leftovers = await su.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]);
    expect(leftovers.rowCount).toBe(0);
    expect(
      await su.query('SELECT 1 FROM epm.utilisateurs WHERE login = $1', [login]),
    ).toMatchObject({
      rowCount: 0,
    });
  });

  it("changes a director's regions, and what they see with them", async () => {
    const { login, conn } = actors.directeur;
    const updated = await setUserScope(su, login, { regions: ['R02'] });
    expect(updated.regions).toEqual(['R02']);
    const seen = await conn.query('SELECT id::int FROM magasins ORDER BY id');
    expect(seen.rows.map((r) => r.id)).toEqual([21, 22]);
    await setUserScope(su, login, { regions: ['R01', 'R03'] });
    expect((await errorOf(setUserScope(su, login, { stores: [11] }))).code).toBe('VALIDATION');
    expect((await errorOf(setUserScope(su, login, { regions: ['NOPE'] }))).message).toContain(
      'NOPE',
    );
    expect((await errorOf(setUserScope(su, 'nobody_here', { regions: ['R01'] }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('stores a SCRAM verifier, not the password, and removes users with their role', async () => {
    const login = newLogin('tmp');
    await addUser(su, { login, role: 'manager', stores: [11, 12], password: 's3cret-Ü' });
    const secret = await su.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [login]);
    expect(secret.rows[0].rolpassword).toMatch(
      /^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/,
    );
    const member = await su.query(`SELECT pg_has_role($1, 'epm_manager', 'MEMBER') AS m`, [login]);
    expect(member.rows[0].m).toBe(true);

    await removeUser(su, login);
    expect((await su.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login])).rowCount).toBe(0);
    expect(
      (await su.query('SELECT 1 FROM epm.utilisateur_magasins WHERE login = $1', [login])).rowCount,
    ).toBe(0);
    expect((await errorOf(removeUser(su, login))).code).toBe('NOT_FOUND');
    // Never drops a role that is not a registered user.
    expect((await errorOf(removeUser(su, 'postgres'))).code).toBe('NOT_FOUND');
  });
});
