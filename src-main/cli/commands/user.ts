// `epm user add|list|remove|scope`: product users on the central database. Each user is a
// PostgreSQL login role whose scope row-level security enforces (see core/users.ts).
import type { CommandContext, CommandSpec } from '../framework';
import { UsageError, optionalString, requireString } from '../framework';
import { withCentral } from '../../core/pg/connect';
import {
  addUser,
  listUsers,
  removeUser,
  setUserScope,
  APP_ROLES,
  type UserInfo,
  type UserScope,
} from '../../core/users';
import { PG_OPTION, withCentralUrl } from './db';

const SCOPE_OPTIONS = {
  regions: {
    type: 'string',
    placeholder: 'R01,R02',
    description: 'region codes, comma-separated (directeur)',
  },
  stores: {
    type: 'string',
    placeholder: '12,13',
    description: 'store ids, comma-separated (manager)',
  },
} as const;

function onePositional(ctx: CommandContext, what: string): string {
  const [value, ...extra] = ctx.positionals;
  if (!value) throw new UsageError(`the ${what} is required`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  return value;
}

function listOption(ctx: CommandContext, name: string): string[] | undefined {
  const raw = optionalString(ctx, name);
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new UsageError(`--${name} needs at least one value`);
  return items;
}

function scopeOptions(ctx: CommandContext): UserScope {
  const regions = listOption(ctx, 'regions');
  const stores = listOption(ctx, 'stores')?.map((s) => {
    if (!/^\d+$/.test(s)) throw new UsageError(`--stores takes store ids (integers), got "${s}"`);
    return Number(s);
  });
  return { ...(regions ? { regions } : {}), ...(stores ? { stores } : {}) };
}

function describe(u: UserInfo): string {
  const scope =
    u.role === 'directeur'
      ? `regions ${u.regions.join(', ')}`
      : u.role === 'manager'
        ? `stores ${u.stores.join(', ')}`
        : 'everything';
  return `${u.login} (${u.role}, ${scope})${u.canLogin ? '' : ' [no login role]'}`;
}

export const userAddCommand: CommandSpec<UserInfo> = {
  path: ['user', 'add'],
  summary: 'create a user: a PostgreSQL login role with its app role and scope',
  positionals: '<login>',
  help: [
    'The password is read from the environment variable named by --password-env, never from the',
    'command line. Without it the role has no password (only trusted connections can use it).',
    'examples:',
    '  epm user add dupont --role directeur --regions R01,R02 --password-env DUPONT_PW',
    '  epm user add martin --role manager --stores 12,13',
  ].join('\n'),
  options: {
    role: { type: 'string', placeholder: 'ROLE', description: APP_ROLES.join('|') },
    ...SCOPE_OPTIONS,
    'password-env': {
      type: 'string',
      placeholder: 'VAR',
      description: 'name of the environment variable holding the password',
    },
    pg: PG_OPTION,
  },
  async run(ctx) {
    const login = onePositional(ctx, 'login');
    const role = requireString(ctx, 'role');
    const passwordVar = optionalString(ctx, 'password-env');
    let password: string | undefined;
    if (passwordVar !== undefined) {
      password = ctx.env[passwordVar];
      if (!password)
        throw new UsageError(`environment variable ${passwordVar} is not set or empty`);
    }
    const scope = scopeOptions(ctx);
    return withCentralUrl(ctx, (url) =>
      withCentral(url, (db) =>
        addUser(db, { login, role, ...scope, ...(password !== undefined ? { password } : {}) }),
      ),
    );
  },
  render: (u) => `created ${describe(u)}`,
};

export const userListCommand: CommandSpec<UserInfo[]> = {
  path: ['user', 'list'],
  summary: 'list the users with their role and scope',
  options: { pg: PG_OPTION },
  async run(ctx) {
    return withCentralUrl(ctx, (url) => withCentral(url, (db) => listUsers(db)));
  },
  render: (users) => (users.length === 0 ? 'no users' : users.map(describe).join('\n')),
};

export const userRemoveCommand: CommandSpec<{ removed: string }> = {
  path: ['user', 'remove'],
  summary: 'remove a user and drop their login role',
  positionals: '<login>',
  options: { pg: PG_OPTION },
  async run(ctx) {
    const login = onePositional(ctx, 'login');
    await withCentralUrl(ctx, (url) => withCentral(url, (db) => removeUser(db, login)));
    return { removed: login };
  },
  render: (r) => `removed ${r.removed}`,
};

export const userScopeCommand: CommandSpec<UserInfo> = {
  path: ['user', 'scope'],
  summary: "replace a user's scope (a directeur's regions, a manager's stores)",
  positionals: '<login>',
  options: { ...SCOPE_OPTIONS, pg: PG_OPTION },
  async run(ctx) {
    const login = onePositional(ctx, 'login');
    const scope = scopeOptions(ctx);
    if (scope.regions === undefined && scope.stores === undefined) {
      throw new UsageError('give --regions or --stores');
    }
    return withCentralUrl(ctx, (url) => withCentral(url, (db) => setUserScope(db, login, scope)));
  },
  render: (u) => `scope of ${describe(u)}`,
};
