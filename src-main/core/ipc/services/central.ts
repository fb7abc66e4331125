// Reaching the central database from the app: which URL (explicit flag, saved connection, or the
// embedded demo server), what to show of it (never the password), and who the login is.
import { AppError } from '../../../../src-shared/errors';
import type {
  AppRoleName,
  ConnectionInfo,
  ConnectionTest,
  Identity,
} from '../../../../src-shared/ipc/dto/session';
import { redactUrl } from '../../config';
import { withCentral } from '../../pg/connect';
import { resolveCentralUrl } from '../../pg/embedded';
import type { HandlerContext } from '../context';
import { readSettings } from './settings-store';
import { stateOf } from './state';

/** Environment for the embedded server: its data lives in the app's user data folder. */
export function embeddedEnv(ctx: HandlerContext): NodeJS.ProcessEnv {
  return { ...process.env, EPM_HOME: ctx.userDataDir };
}

export function connectionInfo(ctx: HandlerContext): ConnectionInfo {
  if (ctx.pgUrl) return { mode: 'explicit', display: displayUrl(ctx.pgUrl) };
  const { connection } = readSettings(ctx.userDataDir);
  return { mode: connection.mode, display: connection.display };
}

/** The URL without its password (and without query parameters that may carry one). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(redactUrl(url));
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}

/** The URL to connect with; throws UNAVAILABLE with what to do when there is none. */
export async function centralUrl(ctx: HandlerContext): Promise<string> {
  if (ctx.pgUrl) return ctx.pgUrl;
  const { connection } = readSettings(ctx.userDataDir);
  if (connection.mode === 'demo') return (await resolveCentralUrl(undefined, embeddedEnv(ctx))).url;
  if (connection.mode === 'central') {
    const url = stateOf(ctx).secrets.read();
    if (url) return url;
    throw new AppError(
      'UNAVAILABLE',
      'the central connection password is not stored on this computer: enter it again in Settings',
      { reason: 'password_not_stored' },
    );
  }
  throw new AppError(
    'UNAVAILABLE',
    'no central database configured: choose the demo or your company server in Settings',
    { reason: 'no_connection' },
  );
}

interface WhoAmIRow {
  login: string;
  server_version: string;
  superuser: boolean | null;
  role: AppRoleName | null;
  regions: string[] | null;
  stores: string[] | null;
}

async function whoAmI(url: string): Promise<WhoAmIRow> {
  return withCentral(
    url,
    async (c) => {
      const { rows } = await c.query<WhoAmIRow>(
        `SELECT current_user AS login, current_setting('server_version') AS server_version,
           (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS superuser,
           u.role,
           (SELECT array_agg(r.code ORDER BY r.code) FROM epm.utilisateur_regions ur
              JOIN public.regions r ON r.id = ur.region_id WHERE ur.login = u.login) AS regions,
           (SELECT array_agg(um.magasin_id ORDER BY um.magasin_id) FROM epm.utilisateur_magasins um
              WHERE um.login = u.login) AS stores
         FROM (SELECT 1) AS one LEFT JOIN epm.utilisateurs u ON u.login = current_user::text`,
      );
      return rows[0]!;
    },
    { applicationName: 'epm app identity', connectTimeoutMs: 8000, statementTimeoutMs: 8000 },
  );
}

/** A superuser (the embedded demo's only login) administers everything. */
function roleOf(row: WhoAmIRow): AppRoleName | null {
  return row.role ?? (row.superuser ? 'admin' : null);
}

export async function testConnection(url: string): Promise<ConnectionTest> {
  const row = await whoAmI(url);
  return { login: row.login, role: roleOf(row), server_version: row.server_version };
}

export async function identify(ctx: HandlerContext): Promise<Identity> {
  const row = await whoAmI(await centralUrl(ctx));
  const role = roleOf(row);
  if (!role) {
    throw new AppError(
      'PERMISSION',
      `the login "${row.login}" is not a registered EPM Retail user: ask an administrator to add it`,
    );
  }
  return {
    login: row.login,
    role,
    regions: row.regions ?? [],
    stores: (row.stores ?? []).map(Number),
    checked_at: new Date().toISOString(),
  };
}
