// The incremental pass: brings the cache from checkpoint C to the reader's snapshot S, inside
// the caller's SQLite transaction (the caller writes the new checkpoint in the same one).
//
// Order matters:
//  1. tombstones since C, children first (a row deleted, an id changed, a sale moved to another
//     store): delete locally;
//  2. regions and stores, compared in full (a few hundred rows): this is how scope changes are
//     seen, since RLS makes rows vanish without any tombstone when an admin changes a director's
//     regions or a store moves to a region outside them. Stores that left the scope lose their
//     sales and lines; stores that entered it get their whole history in step 3;
//  3. rows changed since C, with their current values (UPDATE, else INSERT), parents first, plus
//     every sale and line of the stores that entered the scope.
// Deleting before upserting is what makes delete-then-reinsert of an id (or a move) come out
// right: the tombstone removes the old row, the upsert restores the current one.
//
// "Changed since C": the row's last writer is not visible in C (epm.changed_since in
// migrations/central/003, written here in an index-friendlier form: changedSince). A
// transaction that was running when C was taken is in C's in-progress list, so its rows are
// picked up here however late it committed.
//
// The same pass serves the resume of an interrupted initial load, restricted to what that load
// had committed (`bounds`): tables not reached are skipped, the table in progress is limited to
// the ids already loaded.
import type { CacheDb } from '../cache/database';
import type { CopyValue } from './copy-parser';
import { CentralReader, changedSince, idArrayLiteral, idLiteral } from './central-reader';
import type { ProgressTracker } from './progress';
import {
  centralSelectList,
  columnKinds,
  MIRROR_TABLES,
  mirrorTable,
  TABLE_NAMES,
  type MirrorTable,
  type TableName,
} from './tables';
import type { ReceiptInserts } from '../analytics/aggregates';
import type { TableCounts } from './types';
import { RowDeleter, RowUpserter } from './writers';
import { faultPoint } from './fault';

/** What a table holds locally: everything, nothing yet, or the rows with id <= n. */
export type LoadedBound = 'all' | 'none' | number;

export interface ApplyContext {
  db: CacheDb;
  reader: CentralReader;
  progress: ProgressTracker;
  counts: Record<TableName, TableCounts>;
  /** Told of every receipt and line inserted, when the aggregates are maintained. */
  receiptInserts?: ReceiptInserts;
}

export interface ScopeChange {
  storesAdded: number[];
  storesRemoved: number[];
}

const ALL_LOADED: Record<TableName, LoadedBound> = Object.fromEntries(
  TABLE_NAMES.map((t) => [t, 'all']),
) as Record<TableName, LoadedBound>;

function boundClause(bound: LoadedBound): string {
  return typeof bound === 'number' ? ` AND id <= ${idLiteral(bound)}` : '';
}

export async function applyChangesSince(
  ctx: ApplyContext,
  since: string,
  bounds: Record<TableName, LoadedBound> = ALL_LOADED,
): Promise<ScopeChange> {
  const { db, reader, progress, counts } = ctx;
  const changed = changedSince(since);
  const loaded = (t: TableName) => bounds[t] !== 'none';

  // 1. Tombstones, children first. Deleting an id that is not here (never loaded, out of scope)
  // is a no-op, so they need no bound.
  const deleters = Object.fromEntries(
    MIRROR_TABLES.map((t) => [t.name, new RowDeleter(db, t, counts[t.name])]),
  ) as Record<TableName, RowDeleter>;
  const childFirst = [...TABLE_NAMES].reverse();
  progress.setPhase('applying', null);
  await reader.copyRows(
    `SELECT table_name, row_id FROM epm.tombstones WHERE ${changed}
     ORDER BY array_position(ARRAY[${childFirst.map((t) => `'${t}'`).join(', ')}]::text[], table_name), row_id`,
    ['text', 'int'],
    (row) => deleters[row[0] as TableName].delete(row[1] as number),
  );

  // 2. Regions and stores in full; scope changes.
  const scope: ScopeChange = { storesAdded: [], storesRemoved: [] };
  const centralRows = new Map<TableName, CopyValue[][]>();
  for (const name of ['regions', 'magasins'] as const) {
    if (!loaded(name)) continue;
    const t = mirrorTable(name);
    const rows: CopyValue[][] = [];
    await reader.copyRows(
      `SELECT ${centralSelectList(t)} FROM ${name} WHERE true${boundClause(bounds[name])} ORDER BY id`,
      columnKinds(t),
      (row) => rows.push([...row]),
    );
    centralRows.set(name, rows);
  }
  const visibleStores = centralRows.get('magasins')?.map((r) => r[0] as number);
  if (visibleStores) {
    const visible = new Set(visibleStores);
    const local = (db.prepare('SELECT id FROM magasins').pluck().all() as number[]).filter((id) =>
      typeof bounds.magasins === 'number' ? id <= bounds.magasins : true,
    );
    const localSet = new Set(local);
    scope.storesRemoved = local.filter((id) => !visible.has(id)).sort((a, b) => a - b);
    scope.storesAdded = visibleStores.filter((id) => !localSet.has(id));
    removeStores(db, scope.storesRemoved, counts);
  }
  for (const name of ['regions', 'magasins'] as const) {
    const rows = centralRows.get(name);
    if (!rows) continue;
    const t = mirrorTable(name);
    const upserter = new RowUpserter(db, t, counts[name]);
    progress.setTotal(name, rows.length);
    progress.setPhase('applying', name);
    for (const row of rows) {
      upserter.upsert(row);
      progress.advance(name);
    }
    // Rows no longer visible (scope) or deleted without a tombstone reaching us.
    const keep = new Set(rows.map((r) => r[0] as number));
    const del = db.prepare(`DELETE FROM ${name} WHERE id = ?`);
    for (const id of db.prepare(`SELECT id FROM ${name}`).pluck().all() as number[]) {
      if (!keep.has(id)) {
        counts[name].deleted += del.run(id).changes;
        faultPoint();
      }
    }
  }

  // 3. Changed rows of the other tables, parents first.
  for (const t of MIRROR_TABLES) {
    if (t.fullCompare || !loaded(t.name)) continue;
    let where = changed;
    if (t.storeColumn && scope.storesAdded.length > 0) {
      where = `(${changed} OR ${t.storeColumn} = ANY (${idArrayLiteral(scope.storesAdded)}))`;
    }
    where += boundClause(bounds[t.name]);
    const { n } = await reader.queryOne<{ n: string }>(
      `SELECT count(*) AS n FROM ${t.name} WHERE ${where}`,
    );
    progress.setTotal(t.name, Number(n));
    progress.setPhase('applying', t.name);
    const upserter = new RowUpserter(db, t, counts[t.name], insertHook(t, ctx.receiptInserts));
    await reader.copyRows(
      `SELECT ${centralSelectList(t)} FROM ${t.name} WHERE ${where}`,
      columnKinds(t),
      (row) => {
        upserter.upsert(row);
        progress.advance(t.name);
      },
    );
  }
  return scope;
}

/** What a table's new rows tell the aggregates' tracking (receipts and lines only). */
function insertHook(
  t: MirrorTable,
  receipts: ReceiptInserts | undefined,
): ((row: readonly CopyValue[]) => void) | undefined {
  if (!receipts) return undefined;
  if (t.name === 'ventes') return (row) => receipts.receiptInserting(row[0] as number);
  if (t.name === 'lignes_ventes') {
    const venteId = t.columns.findIndex((c) => c.local === 'vente_id');
    return (row) => receipts.lineInserting(row[venteId] as number);
  }
  return undefined;
}

/**
 * Drops the sales and lines of stores that left the user's scope. Lines go through their sale
 * (indexed by store) rather than lignes_ventes.magasin_id, which has no index of its own: a line
 * always belongs to its sale's store (the central triggers keep the copy in step).
 */
function removeStores(db: CacheDb, stores: number[], counts: Record<TableName, TableCounts>): void {
  if (stores.length === 0) return;
  const ids = JSON.stringify(stores);
  counts.lignes_ventes.deleted += db
    .prepare(
      `DELETE FROM lignes_ventes WHERE vente_id IN
         (SELECT id FROM ventes WHERE magasin_id IN (SELECT value FROM json_each(?)))`,
    )
    .run(ids).changes;
  faultPoint();
  counts.ventes.deleted += db
    .prepare('DELETE FROM ventes WHERE magasin_id IN (SELECT value FROM json_each(?))')
    .run(ids).changes;
  faultPoint();
}
