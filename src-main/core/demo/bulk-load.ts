// Bulk-load helpers: the classic restore recipe (what pg_restore does) applied inside the
// seeding transaction. Secondary indexes and foreign keys of the big tables are dropped, the rows
// are loaded, then the same definitions are recreated: one sort per index and one join per
// foreign key instead of millions of incremental index insertions and row-by-row checks.
// Because it all happens in one transaction (which holds ACCESS EXCLUSIVE locks on the tables
// from the first DROP on, so no other session ever sees them without their definitions), a
// failure or a crash rolls the definitions back with the data: the schema is never left weakened.
//
// Triggers: only the two per-row tracking triggers whose values the seed writes itself can be
// set aside (dropTrackingTriggers), and only by the superuser bulk path of seed.ts. Any other
// trigger stays and fires for every row.
import type pg from 'pg';

export interface DeferredDefinitions {
  table: string;
  indexes: { name: string; def: string }[];
  foreignKeys: { name: string; def: string }[];
  /** The primary key, when dropped (dropDeferrable's `primaryKey` option). */
  primaryKey?: { name: string; def: string };
  /** CREATE TRIGGER statements (dropTrackingTriggers). */
  triggers: string[];
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Drops the non-unique, non-constraint indexes and the foreign keys defined on `table` and
 * returns what is needed to recreate them. Unique indexes stay. The primary key stays too unless
 * `primaryKey` is asked and no foreign key (left) references the table: maintaining it costs a
 * WAL-logged index insertion per row (~1 µs per sale line, a third of a COPY), rebuilding it is
 * one sort, and ADD PRIMARY KEY re-checks uniqueness before the commit, so a duplicate id still
 * fails the seed.
 */
export async function dropDeferrable(
  client: pg.Client,
  table: string,
  opts: { primaryKey?: boolean } = {},
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
  let primaryKey: DeferredDefinitions['primaryKey'];
  if (opts.primaryKey) {
    const pk = await client.query<{ name: string; def: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE conrelid = $1::regclass AND contype = 'p'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = $1::regclass)`,
      [table],
    );
    primaryKey = pk.rows[0];
    if (primaryKey)
      await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(primaryKey.name)}`);
  }
  for (const ix of idx.rows) {
    const schema = await client.query<{ nspname: string }>(
      `SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1::regclass`,
      [table],
    );
    await client.query(`DROP INDEX ${quoteIdent(schema.rows[0]!.nspname)}.${quoteIdent(ix.name)}`);
  }
  return {
    table,
    indexes: idx.rows,
    foreignKeys: fks.rows,
    ...(primaryKey ? { primaryKey } : {}),
    triggers: [],
  };
}

/**
 * The per-row BEFORE triggers of change tracking, by function: they compute values the seed's
 * bulk path writes itself (sync_txid: its column default is the writing transaction's id, which
 * the stamp trigger would write again; lignes_ventes.magasin_id: the receipt's store, joined in
 * by the generator). Any other trigger is kept.
 */
const TRACKING_ROW_TRIGGERS = ['epm.stamp_sync_txid', 'epm.fill_ligne_magasin_id'];

/**
 * Drops the tracking row triggers of `table` and records their definitions in `defs`, so that
 * COPY FROM can use its batched insertion (PostgreSQL inserts row by row into a table with any
 * BEFORE INSERT row trigger, even a disabled one, and runs the plpgsql call for each row: 3x
 * the cost of the insert itself). Only for a writer that supplies those values itself.
 */
export async function dropTrackingTriggers(
  client: pg.Client,
  defs: DeferredDefinitions,
): Promise<void> {
  const r = await client.query<{ name: string; def: string }>(
    `SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS def
     FROM pg_trigger t
     WHERE t.tgrelid = $1::regclass AND NOT t.tgisinternal
       AND t.tgfoid = ANY ($2::regprocedure[])
     ORDER BY t.tgname`,
    [defs.table, TRACKING_ROW_TRIGGERS.map((f) => `${f}()`)],
  );
  for (const t of r.rows) {
    await client.query(`DROP TRIGGER ${quoteIdent(t.name)} ON ${defs.table}`);
    defs.triggers.push(t.def);
  }
}

/**
 * Recreates what dropDeferrable / dropTrackingTriggers removed: triggers, then the primary key
 * and indexes, then foreign keys (which can use them).
 */
export async function restoreDeferred(client: pg.Client, defs: DeferredDefinitions): Promise<void> {
  for (const def of defs.triggers) await client.query(def);
  if (defs.primaryKey)
    await client.query(
      `ALTER TABLE ${defs.table} ADD CONSTRAINT ${quoteIdent(defs.primaryKey.name)} ${defs.primaryKey.def}`,
    );
  for (const ix of defs.indexes) await client.query(ix.def);
  for (const fk of defs.foreignKeys) {
    await client.query(`ALTER TABLE ${defs.table} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.def}`);
  }
}
