// The initial load: every table streamed with COPY, in id order, in chunks of `chunkRows` rows,
// each chunk one SQLite transaction that also records how far the load got.
//
// Consistency (what a reader or a crash can observe):
//  - `checkpoint` is absent from sync_state during the whole load and written only in the final
//    transaction, together with the indexes and the aggregates: until then the cache is "not
//    synchronised yet" for every reader, and a kill at any instant leaves either that or the
//    complete copy;
//  - what the chunks committed is always one consistent snapshot: a prefix of the tables in
//    parent-before-child order, plus a prefix (by id) of the table in progress, all read at
//    `load_snapshot`. So even the unfinished cache has no dangling reference.
//
// Resume: a PostgreSQL snapshot cannot outlive its transaction (pg_export_snapshot only serves
// concurrent sessions), so a new run cannot keep reading at the old snapshot S1. It opens a new
// one, S2, and first brings what is already loaded from S1 to S2 with the incremental pass
// restricted to the loaded prefix (apply-changes.ts: tombstones, scope changes, rows changed
// since S1 with id <= the loaded bound), in one transaction that also sets load_snapshot = S2.
// Then it loads the rest at S2. The prefix stays a single snapshot, and only the rows changed
// between S1 and S2 are read twice: an interrupted load continues where it stopped.
//
// A full reload of a cache that already has a checkpoint (the central change tracking no longer
// covers it) runs the same steps inside ONE transaction instead, so readers keep the previous
// copy until the new one is complete; it is not resumable, it is rare.
import type { CacheDb } from '../cache/database';
import { dropAggregateTriggers, dropAggregates, rebuildAggregates } from '../analytics/aggregates';
import { AppError } from '../../../src-shared/errors';
import { applyChangesSince, type LoadedBound } from './apply-changes';
import { CentralReader, idLiteral } from './central-reader';
import type { ProgressTracker } from './progress';
import { BEFORE_FIRST_ID, SyncState, type LoadProgress } from './state';
import {
  centralSelectList,
  columnKinds,
  MIRROR_TABLES,
  TABLE_NAMES,
  type TableName,
} from './tables';
import type { TableCounts } from './types';
import { BulkInserter } from './writers';
import {
  begin,
  commit,
  countRows,
  createIndexes,
  dropIndexes,
  secondaryIndexes,
  setForeignKeys,
} from './local-db';

export const DEFAULT_CHUNK_ROWS = 200_000;

export interface LoadContext {
  db: CacheDb;
  reader: CentralReader;
  state: SyncState;
  progress: ProgressTracker;
  counts: Record<TableName, TableCounts>;
  chunkRows: number;
  verifyForeignKeys: boolean;
  /** SyncOptions.maintainAggregates. */
  maintainAggregates: boolean;
  phasesMs: Record<string, number>;
}

export interface LoadOutcome {
  resumed: boolean;
  storesAdded: number[];
  storesRemoved: number[];
}

/** Times a synchronous step into phases_ms. */
function timed<T>(phases: Record<string, number>, name: string, fn: () => T): T {
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    phases[name] = Math.round((phases[name] ?? 0) + performance.now() - t0);
  }
}

/** What each table holds after the chunks recorded by `p` (for the resume catch-up). */
export function loadedBounds(p: LoadProgress): Record<TableName, LoadedBound> {
  const at = p.table === 'done' ? TABLE_NAMES.length : TABLE_NAMES.indexOf(p.table);
  return Object.fromEntries(
    TABLE_NAMES.map((t, i) => {
      if (i < at) return [t, 'all'];
      if (i === at && p.after_id !== BEFORE_FIRST_ID) return [t, p.after_id];
      return [t, 'none'];
    }),
  ) as Record<TableName, LoadedBound>;
}

function clearMirror(db: CacheDb): void {
  // Children first. With foreign keys off and no trigger, SQLite truncates each table at once.
  for (const t of [...TABLE_NAMES].reverse()) db.exec(`DELETE FROM ${t}`);
}

/** Resumable initial load into a cache that has no checkpoint. */
export async function initialLoad(ctx: LoadContext): Promise<LoadOutcome> {
  const { db, reader, state } = ctx;
  let resumed = false;
  let scope = { storesAdded: [] as number[], storesRemoved: [] as number[] };
  setForeignKeys(db, false);
  let loadSnapshot = state.get('load_snapshot');
  if (loadSnapshot) {
    // Tombstones purged (or a TRUNCATE) since the load began: what it loaded cannot be
    // reconciled; start over.
    if (!(await reader.canSyncIncrementally(loadSnapshot))) loadSnapshot = undefined;
  }
  const t0 = performance.now();
  begin(db);
  setAsideForBulkLoad(db, state);
  if (!loadSnapshot) {
    clearMirror(db);
    state.set('load_snapshot', reader.snapshot);
    state.setLoadProgress({ table: TABLE_NAMES[0], after_id: BEFORE_FIRST_ID });
  } else {
    resumed = true;
    if (loadSnapshot !== reader.snapshot) {
      scope = await applyChangesSince(ctx, loadSnapshot, loadedBounds(state.loadProgress()!));
      state.set('load_snapshot', reader.snapshot);
      ctx.phasesMs.catch_up = Math.round(performance.now() - t0);
    }
  }
  commit(db);
  await loadTables(ctx, state.loadProgress()!, true);
  finalize(ctx, 'initial');
  setForeignKeys(db, true);
  return { resumed, ...scope };
}

/**
 * Reloads everything in one transaction (readers keep the previous copy until it commits).
 * For a cache whose checkpoint the central change tracking no longer covers.
 */
export async function fullReload(ctx: LoadContext): Promise<void> {
  const { db, state } = ctx;
  setForeignKeys(db, false);
  begin(db);
  setAsideForBulkLoad(db, state); // rolled back with the rest on failure
  clearMirror(db);
  await loadTables(ctx, { table: TABLE_NAMES[0], after_id: BEFORE_FIRST_ID }, false);
  finalize(ctx, 'reload');
  setForeignKeys(db, true);
}

/**
 * Drops the aggregate triggers and the secondary indexes (saved in load_indexes, merged with
 * those an interrupted run saved) so that the bulk inserts only append to the tables' b-trees;
 * the final transaction recreates them. Also run on resume: a newer version may have added one.
 */
function setAsideForBulkLoad(db: CacheDb, state: SyncState): void {
  dropAggregateTriggers(db);
  const byName = new Map(state.savedIndexes().map((ix) => [ix.name, ix]));
  for (const ix of secondaryIndexes(db)) byName.set(ix.name, ix);
  const indexes = [...byName.values()];
  dropIndexes(db, indexes);
  state.set('load_indexes', JSON.stringify(indexes));
}

async function loadTables(
  ctx: LoadContext,
  from: LoadProgress,
  commitChunks: boolean,
): Promise<void> {
  const { db, reader, state, progress } = ctx;
  if (from.table === 'done') return;
  const start = TABLE_NAMES.indexOf(from.table);
  const counting = performance.now();
  {
    progress.setPhase('counting');
    for (let i = start; i < TABLE_NAMES.length; i++) {
      const name = TABLE_NAMES[i]!;
      const after = i === start ? from.after_id : BEFORE_FIRST_ID;
      const { n } = await reader.queryOne<{ n: string }>(
        `SELECT count(*) AS n FROM ${name} WHERE id > ${idLiteral(after)}`,
      );
      const done = i === start ? countRows(db, name) : 0;
      progress.setTotal(name, done + Number(n), done);
    }
    for (let i = 0; i < start; i++) {
      const n = countRows(db, TABLE_NAMES[i]!);
      progress.setTotal(TABLE_NAMES[i]!, n, n);
    }
  }
  ctx.phasesMs.counting = Math.round((ctx.phasesMs.counting ?? 0) + performance.now() - counting);
  const t0 = performance.now();
  for (let i = start; i < TABLE_NAMES.length; i++) {
    const table = MIRROR_TABLES[i]!;
    const next: TableName | 'done' = TABLE_NAMES[i + 1] ?? 'done';
    let after = i === start ? from.after_id : BEFORE_FIRST_ID;
    const select = centralSelectList(table);
    const kinds = columnKinds(table);
    progress.setPhase('loading', table.name);
    for (;;) {
      if (commitChunks) begin(db);
      const inserter = new BulkInserter(db, table);
      let lastId = after;
      const rows = await reader.copyRows(
        `SELECT ${select} FROM ${table.name} WHERE id > ${idLiteral(after)} ORDER BY id LIMIT ${ctx.chunkRows}`,
        kinds,
        (row) => {
          const id = row[0] as number;
          if (!(id > lastId))
            throw new AppError('INTERNAL', `${table.name}: ids out of order in the COPY stream`);
          lastId = id;
          inserter.add(row);
          progress.advance(table.name);
        },
      );
      inserter.flush();
      ctx.counts[table.name].inserted += rows;
      const finished = rows < ctx.chunkRows;
      if (commitChunks) {
        state.setLoadProgress(
          finished
            ? { table: next, after_id: BEFORE_FIRST_ID }
            : { table: table.name, after_id: lastId },
        );
        const tc = performance.now();
        commit(db);
        ctx.phasesMs.commits = Math.round((ctx.phasesMs.commits ?? 0) + performance.now() - tc);
        progress.tick(true); // a resumable point: tell the UI now
      }
      after = lastId;
      if (finished) break;
    }
  }
  ctx.phasesMs.loading = Math.round((ctx.phasesMs.loading ?? 0) + performance.now() - t0);
}

/** Indexes, aggregates, checkpoint: the one transaction that makes the load visible. */
function finalize(ctx: LoadContext, kind: 'initial' | 'reload'): void {
  const { db, state, progress } = ctx;
  if (kind === 'initial') begin(db);
  progress.setPhase('indexing');
  timed(ctx.phasesMs, 'indexing', () => createIndexes(db, state.savedIndexes()));
  progress.setPhase('aggregating');
  timed(ctx.phasesMs, 'aggregates', () =>
    ctx.maintainAggregates ? rebuildAggregates(db) : dropAggregates(db),
  );
  if (ctx.verifyForeignKeys) {
    const violations = db.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new AppError('CACHE', `the loaded data has ${violations.length} dangling references`, {
        sample: violations.slice(0, 5),
      });
    }
  }
  progress.setPhase('committing');
  state.commitCheckpoint(ctx.reader.snapshot, 'initial', new Date().toISOString());
  commit(db);
}
