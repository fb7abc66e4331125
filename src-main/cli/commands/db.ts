// `epm db migrate`: brings the central PostgreSQL schema (tables, change tracking, roles,
// row-level security) up to date. Safe to re-run; refuses a database whose history diverges.
import type { CommandContext, CommandSpec } from '../framework';
import { optionalString } from '../framework';
import { explicitPgUrl, redactUrl } from '../../core/config';
import { resolveCentralUrl } from '../../core/pg/embedded';
import { migrateCentral } from '../../core/migrations/central';

export const PG_OPTION = {
  type: 'string',
  placeholder: 'URL',
  description: 'central PostgreSQL URL (default $EPM_PG_URL, else the embedded server)',
} as const;

/**
 * Runs fn against the central database: --pg, then EPM_PG_URL, else the embedded server, which
 * is stopped afterwards (the URL given to fn is only valid inside it).
 */
export async function withCentralUrl<T>(
  ctx: CommandContext,
  fn: (url: string, embedded: boolean) => Promise<T>,
): Promise<T> {
  const explicit = explicitPgUrl(optionalString(ctx, 'pg'), ctx.env);
  if (explicit !== undefined) return fn(explicit, false);
  const central = await resolveCentralUrl(undefined, ctx.env);
  try {
    return await fn(central.url, central.embedded);
  } finally {
    await central.stop();
  }
}

export interface DbMigrateResult {
  database: string;
  applied: string[];
  alreadyApplied: number;
}

export const dbMigrateCommand: CommandSpec<DbMigrateResult> = {
  path: ['db', 'migrate'],
  summary: 'apply pending central database migrations (schema, change tracking, roles, RLS)',
  help: [
    'Needs a superuser, or a role with CREATEROLE owning the database: the migrations create the',
    'epm_* group roles (cluster-wide) and hand every object to the NOLOGIN role epm_owner.',
    'example: epm db migrate --pg postgres://postgres@db.example:5432/epm',
  ].join('\n'),
  options: { pg: PG_OPTION },
  async run(ctx) {
    return withCentralUrl(ctx, async (url) => {
      const result = await migrateCentral(url, { onApplied: (m) => ctx.log(`applied ${m}`) });
      return { database: redactUrl(url), ...result };
    });
  },
  render: (r) =>
    r.applied.length === 0
      ? `${r.database}: up to date (${r.alreadyApplied} migrations applied)`
      : `${r.database}: ${r.applied.length} migration(s) applied, ${r.alreadyApplied} were already`,
};
