// Bulk-load helpers: the classic restore recipe (what pg_restore does) applied inside the
// seeding transaction. Secondary indexes and foreign keys of the big tables are dropped, the rows
// are loaded, then the same definitions are recreated: one sort per index and one join per
// foreign key instead of millions of incremental index insertions and row-by-row checks.
// Triggers are left alone on purpose: change tracking (and lignes_ventes.magasin_id) must see
// every row exactly as any other writer's. Because it all happens in one transaction, a failure
// or a crash rolls the definitions back with the data: the schema is never left weakened.
import type pg from 'pg';

export interface DeferredDefinitions {
  table: string;
  indexes: { name: string; def: string }[];
  foreignKeys: { name: string; def: string }[];
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Drops the non-unique, non-constraint indexes and the foreign keys defined on `table` and
 * returns what is needed to recreate them. Unique indexes and primary keys stay: they guard
 * correctness during the load and their keys arrive in order, so they are cheap to maintain.
 */
export async function dropDeferrable(
  client: pg.Client,
  table: string,
): Promise<DeferredDefinitions> {
  const fks = await client.query<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def
     FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
    [table],
  );
  const idx = await client.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT i.indisprimary AND NOT i.indisunique
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     ORDER BY c.relname`,
    [table],
  );
  for (const fk of fks.rows)
    await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
  for (const ix of idx.rows) {
    const schema = await client.query<{ nspname: string }>(
      `SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1::regclass`,
      [table],
    );
    await client.query(`DROP INDEX ${quoteIdent(schema.rows[0]!.nspname)}.${quoteIdent(ix.name)}`);
  }
  return { table, indexes: idx.rows, foreignKeys: fks.rows };
}

/** Recreates what dropDeferrable removed: indexes first, so foreign-key checks can use them. */
export async function restoreDeferred(client: pg.Client, defs: DeferredDefinitions): Promise<void> {
  for (const ix of defs.indexes) await client.query(ix.def);
  for (const fk of defs.foreignKeys) {
    await client.query(`ALTER TABLE ${defs.table} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.def}`);
  }
}
