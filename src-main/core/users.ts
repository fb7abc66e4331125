// Product users on the central database (DOMAIN.md §6): each is a PostgreSQL LOGIN role, member
// of the group role of its app role (privileges), with a row in epm.utilisateurs and scope rows
// (which rows row-level security lets it see). Both halves change in one transaction.
//
// Needs a connection allowed to CREATE ROLE (a superuser, or a DBA role with CREATEROLE). Admin
// logins deliberately get no CREATEROLE: on PostgreSQL 15 it would let them grant themselves
// epm_owner and switch row-level security off.
import pg from 'pg';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { AppError } from '../../src-shared/errors';

export const APP_ROLES = ['admin', 'directeur', 'manager', 'analyste'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/** The group role carrying each app role's privileges (migrations/central/002_roles.sql). */
export const GROUP_ROLES: Record<AppRole, string> = {
  admin: 'epm_admin',
  directeur: 'epm_directeur',
  manager: 'epm_manager',
  analyste: 'epm_analyste',
};

// Same rule as the CHECK on epm.utilisateurs.login: a plain identifier that never needs quoting.
const LOGIN_PATTERN = /^[a-z][a-z0-9_]{2,62}$/;

export interface UserScope {
  /** Region codes (regions.code), for a directeur. */
  regions?: readonly string[];
  /** Store ids (magasins.id), for a manager. */
  stores?: readonly number[];
}

export interface NewUser extends UserScope {
  login: string;
  role: string;
  /** Omitted: the role can log in only where the server trusts it (tests, local socket). */
  password?: string;
}

export interface UserInfo {
  login: string;
  role: AppRole;
  regions: string[];
  stores: number[];
  createdAt: string;
  /** False when the registered login's PostgreSQL role is missing or cannot log in. */
  canLogin: boolean;
}

export function validateLogin(login: string): void {
  if (!LOGIN_PATTERN.test(login)) {
    throw new AppError(
      'VALIDATION',
      `invalid login "${login}": 3 to 63 characters, lowercase letters, digits and _, starting with a letter`,
    );
  }
  if (login.startsWith('pg_') || login.startsWith('epm_')) {
    throw new AppError(
      'VALIDATION',
      `invalid login "${login}": the prefixes pg_ and epm_ are reserved`,
    );
  }
}

function validateRole(role: string): AppRole {
  if (!(APP_ROLES as readonly string[]).includes(role)) {
    throw new AppError('VALIDATION', `unknown role "${role}" (expected ${APP_ROLES.join(', ')})`);
  }
  return role as AppRole;
}

/** A director is scoped by regions, a manager by stores; admins and analysts see everything. */
function validateScopeShape(
  role: AppRole,
  scope: UserScope,
): { regions: string[]; stores: number[] } {
  const regions = [...new Set(scope.regions ?? [])];
  const stores = [...new Set(scope.stores ?? [])];
  for (const s of stores) {
    if (!Number.isSafeInteger(s) || s <= 0) {
      throw new AppError('VALIDATION', `invalid store id ${s}: a positive integer is expected`);
    }
  }
  if (role === 'directeur') {
    if (regions.length === 0)
      throw new AppError('VALIDATION', 'a directeur needs at least one region');
    if (stores.length > 0)
      throw new AppError('VALIDATION', 'a directeur is scoped by regions, not stores');
  } else if (role === 'manager') {
    if (stores.length === 0) throw new AppError('VALIDATION', 'a manager needs at least one store');
    if (regions.length > 0)
      throw new AppError('VALIDATION', 'a manager is scoped by stores, not regions');
  } else if (regions.length > 0 || stores.length > 0) {
    throw new AppError('VALIDATION', `an ${role} sees everything: regions and stores do not apply`);
  }
  return { regions, stores };
}

/**
 * A SCRAM-SHA-256 verifier computed here, as psql's \password does, so the clear password never
 * travels in a statement (where logs or pg_stat_statements could keep it).
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  const b64 = (b: Buffer) => b.toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}

async function inTransaction<T>(db: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await db.query('BEGIN');
  try {
    const result = await fn();
    await db.query('COMMIT');
    return result;
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw usersError(e);
  }
}

function usersError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const err = e as { code?: string; message?: string };
  switch (err.code) {
    case '42P01': // undefined table
    case '3F000': // undefined schema
      return new AppError(
        'NOT_FOUND',
        `the central database has no user tables (run "epm db migrate" first): ${err.message}`,
      );
    case '42501':
      return new AppError(
        'PERMISSION',
        `managing users needs a connection allowed to create roles (superuser or CREATEROLE): ${err.message}`,
      );
    case '42710': // duplicate_object: a concurrent CREATE ROLE won
    case '23505':
      return new AppError('CONFLICT', `user already exists: ${err.message}`);
    default:
      return e;
  }
}

/** Region ids for codes, or a VALIDATION error naming the unknown ones. */
async function regionIds(db: pg.ClientBase, codes: string[]): Promise<number[]> {
  if (codes.length === 0) return [];
  const { rows } = await db.query<{ id: string; code: string }>(
    'SELECT id, code FROM public.regions WHERE code = ANY ($1::text[])',
    [codes],
  );
  const unknown = codes.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION', `unknown region code(s): ${unknown.join(', ')}`, { unknown });
  }
  return rows.map((r) => Number(r.id));
}

async function checkStores(db: pg.ClientBase, stores: number[]): Promise<void> {
  if (stores.length === 0) return;
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM public.magasins WHERE id = ANY ($1::bigint[])',
    [stores],
  );
  const unknown = stores.filter((s) => !rows.some((r) => Number(r.id) === s));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION', `unknown store id(s): ${unknown.join(', ')}`, { unknown });
  }
}

async function writeScope(
  db: pg.ClientBase,
  login: string,
  scope: { regions: string[]; stores: number[] },
): Promise<void> {
  const ids = await regionIds(db, scope.regions);
  await checkStores(db, scope.stores);
  await db.query('DELETE FROM epm.utilisateur_regions WHERE login = $1', [login]);
  await db.query('DELETE FROM epm.utilisateur_magasins WHERE login = $1', [login]);
  await db.query(
    'INSERT INTO epm.utilisateur_regions (login, region_id) SELECT $1, unnest($2::bigint[])',
    [login, ids],
  );
  await db.query(
    'INSERT INTO epm.utilisateur_magasins (login, magasin_id) SELECT $1, unnest($2::bigint[])',
    [login, scope.stores],
  );
}

export async function addUser(db: pg.ClientBase, input: NewUser): Promise<UserInfo> {
  validateLogin(input.login);
  const role = validateRole(input.role);
  const scope = validateScopeShape(role, input);
  const { login } = input;
  return inTransaction(db, async () => {
    const registered = await db.query('SELECT 1 FROM epm.utilisateurs WHERE login = $1', [login]);
    if (registered.rowCount) throw new AppError('CONFLICT', `user "${login}" already exists`);
    // Roles are cluster-wide: the name may be taken by another database's user or a DBA.
    const existing = await db.query('SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1', [
      login,
    ]);
    if (existing.rowCount) {
      throw new AppError(
        'CONFLICT',
        `a PostgreSQL role named "${login}" already exists on this server`,
      );
    }
    // Utility statements take no parameters: the login is validated above and quoted anyway.
    const password =
      input.password === undefined
        ? ''
        : ` PASSWORD ${pg.escapeLiteral(scramVerifier(input.password))}`;
    await db.query(
      `CREATE ROLE ${pg.escapeIdentifier(login)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE ` +
        `NOREPLICATION NOBYPASSRLS${password} IN ROLE ${pg.escapeIdentifier(GROUP_ROLES[role])}`,
    );
    await db.query('INSERT INTO epm.utilisateurs (login, role) VALUES ($1, $2)', [login, role]);
    await writeScope(db, login, scope);
    return (await findUsers(db, login))[0]!;
  });
}

/** Replaces a user's scope (e.g. a director's regions); the shape must fit their role. */
export async function setUserScope(
  db: pg.ClientBase,
  login: string,
  scope: UserScope,
): Promise<UserInfo> {
  validateLogin(login);
  return inTransaction(db, async () => {
    const { rows } = await db.query<{ role: AppRole }>(
      'SELECT role FROM epm.utilisateurs WHERE login = $1 FOR UPDATE',
      [login],
    );
    const role = rows[0]?.role;
    if (!role) throw new AppError('NOT_FOUND', `no user "${login}"`);
    await writeScope(db, login, validateScopeShape(role, scope));
    return (await findUsers(db, login))[0]!;
  });
}

/** Unregisters the user and drops their login role (users own no object). */
export async function removeUser(db: pg.ClientBase, login: string): Promise<void> {
  validateLogin(login);
  await inTransaction(db, async () => {
    // Only a registered user's role is dropped: never a DBA's or another application's role.
    const deleted = await db.query('DELETE FROM epm.utilisateurs WHERE login = $1', [login]);
    if (!deleted.rowCount) throw new AppError('NOT_FOUND', `no user "${login}"`);
    try {
      await db.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(login)}`);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      if (err.code === '2BP01' || err.code === '55006') {
        throw new AppError(
          'CONFLICT',
          `cannot drop the role "${login}" (connected, or owns objects or privileges elsewhere): ${err.message}`,
        );
      }
      throw e;
    }
  });
}

export async function listUsers(db: pg.ClientBase): Promise<UserInfo[]> {
  try {
    return await findUsers(db);
  } catch (e) {
    throw usersError(e);
  }
}

async function findUsers(db: pg.ClientBase, login?: string): Promise<UserInfo[]> {
  const { rows } = await db.query<{
    login: string;
    role: AppRole;
    regions: string[];
    stores: string[];
    created_at: Date;
    can_login: boolean;
  }>(
    `SELECT u.login, u.role, u.created_at,
            coalesce((SELECT array_agg(r.code ORDER BY r.code)
                        FROM epm.utilisateur_regions ur JOIN public.regions r ON r.id = ur.region_id
                       WHERE ur.login = u.login), '{}') AS regions,
            coalesce((SELECT array_agg(um.magasin_id ORDER BY um.magasin_id)
                        FROM epm.utilisateur_magasins um WHERE um.login = u.login), '{}') AS stores,
            coalesce((SELECT pr.rolcanlogin FROM pg_catalog.pg_roles pr WHERE pr.rolname = u.login), false)
              AS can_login
       FROM epm.utilisateurs u
      WHERE $1::text IS NULL OR u.login = $1
      ORDER BY u.login`,
    [login ?? null],
  );
  return rows.map((r) => ({
    login: r.login,
    role: r.role,
    regions: r.regions,
    stores: r.stores.map(Number),
    createdAt: r.created_at.toISOString(),
    canLogin: r.can_login,
  }));
}
