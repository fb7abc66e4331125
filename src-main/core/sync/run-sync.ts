// One sync of the laptop's cache from the central database: initial load (resumable) when the
// cache has no checkpoint, incremental pass otherwise, full reload when the central change
// tracking no longer covers the checkpoint. Callable in-process (tests, CLI) or in the worker
// thread (worker.ts / job.ts) so that the app's main thread never blocks on SQLite.
import { openCache, type CacheDb } from '../cache/database';
import {
  aggregatesBuilt,
  dropAggregates,
  ensureAggregateTriggers,
  ReceiptInserts,
  refreshDirtyAggregates,
} from '../analytics/aggregates';
import { AppError, isAppError } from '../../../src-shared/errors';
import { applyChangesSince } from './apply-changes';
import { CentralReader, CentralSession } from './central-reader';
import {
  finishCentralRun,
  finishLocalRun,
  startCentralRun,
  startLocalRun,
  type RunOutcome,
} from './history';
import { DEFAULT_CHUNK_ROWS, fullReload, initialLoad, type LoadContext } from './initial-load';
import { begin, checkpointWal, commit, rollbackQuietly, setForeignKeys } from './local-db';
import { acquireSyncLock } from './lock';
import { ProgressTracker } from './progress';
import { SyncState } from './state';
import { emptyCounts, type SyncOptions, type SyncSummary } from './types';

/**
 * SQLite errors raised while applying (disk full, I/O error) are the local cache's, not a bug:
 * CACHE with what to do. The transaction is rolled back, so the previous checkpoint stands.
 */
function cacheFailure(e: unknown, cachePath: string): AppError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const what =
    code === 'SQLITE_FULL'
      ? 'the disk holding the local cache is full: free some space and sync again'
      : `local cache error ${code}`;
  return new AppError('CACHE', `${what} (${cachePath}): ${(e as Error).message}`);
}

export async function runSync(opts: SyncOptions): Promise<SyncSummary> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const progress = new ProgressTracker(opts.onProgress);
  progress.setPhase('connecting');
  const lock = acquireSyncLock(opts.cachePath);
  let db: CacheDb | undefined;
  let session: CentralSession | undefined;
  try {
    db = openCache(opts.cachePath);
    const state = new SyncState(db);
    const clientId = state.clientId();
    const localRun = startLocalRun(db, startedAt);
    // One connection for the whole run when reads and history go to the same server: the start
    // is recorded, then the read session runs, then the outcome is recorded, in sequence on it.
    // One central connection at a time per laptop (50 laptops syncing at once must fit in
    // max_connections). With a read replica the history has connections of its own, opened
    // before and after the read session.
    let unreachable: unknown;
    if (!opts.readUrl) {
      const opened = await CentralSession.open(opts.pgUrl, opts.signal);
      if (opened instanceof CentralSession) session = opened;
      else unreachable = opened.error;
    }
    const unreachableMessage =
      unreachable instanceof Error ? unreachable.message : String(unreachable);
    const centralRun = unreachable
      ? { id: null, error: unreachableMessage }
      : await startCentralRun(opts.pgUrl, clientId, opts.appVersion, startedAt, session);
    let outcome: RunOutcome;
    let summary: SyncSummary | undefined;
    let failure: AppError | undefined;
    try {
      // The server could not be reached (or the attempt was cancelled): that is the run's
      // failure, and no second connection is tried, here or for the outcome below.
      if (unreachable) throw unreachable;
      summary = await synchronise(db, state, opts, progress, clientId, t0, session);
      summary.elapsed_ms = Math.round(performance.now() - t0);
      outcome = {
        status: 'succeeded',
        mode: summary.mode,
        rows: summary.tables,
        checkpoint: summary.checkpoint,
        error: null,
      };
    } catch (e) {
      rollbackQuietly(db);
      failure = isAppError(e)
        ? e
        : (cacheFailure(e, opts.cachePath) ??
          new AppError('INTERNAL', e instanceof Error ? e.message : String(e)));
      if (opts.signal?.aborted && failure.code !== 'CANCELLED')
        failure = new AppError('CANCELLED', 'sync cancelled');
      outcome = {
        status: failure.code === 'CANCELLED' ? 'cancelled' : 'failed',
        mode: null,
        rows: null,
        checkpoint: state.get('checkpoint') ?? null,
        error: `${failure.code}: ${failure.message}`,
      };
    }
    progress.setPhase('recording');
    const recordingAt = performance.now();
    let localOk = true;
    try {
      finishLocalRun(db, localRun, outcome);
    } catch {
      localOk = false; // e.g. disk full: the sync itself is already committed (or not)
    }
    const central = unreachable
      ? { ok: false, error: unreachableMessage }
      : await finishCentralRun(
          opts.pgUrl,
          centralRun,
          clientId,
          opts.appVersion,
          startedAt,
          outcome,
          session,
        );
    if (failure) throw failure;
    summary!.history = {
      local: localOk,
      central: central.ok,
      ...(central.ok ? {} : { central_error: central.error }),
    };
    summary!.phases_ms.recording = Math.round(performance.now() - recordingAt);
    summary!.elapsed_ms = Math.round(performance.now() - t0);
    progress.setPhase('done');
    opts.onResult?.(structuredClone(summary!));
    // Closing the connection waits for the server's goodbye: after the result, like the
    // checkpoint below.
    await session?.close();
    // The new data is visible from here. Copying the WAL's pages into the database file is
    // housekeeping, run now rather than inside the COMMIT (see the incremental pass) and not
    // counted in elapsed_ms. PASSIVE: readers are never blocked; frames a reader still needs are
    // copied by a later checkpoint (the next sync's, or SQLite's when the last connection closes).
    // The lock is released first: a sync started as soon as this result arrived must not be
    // refused, and a checkpoint runs safely beside another connection's writes.
    lock.release();
    const checkpointAt = performance.now();
    try {
      checkpointWal(db);
      summary!.phases_ms.checkpoint = Math.round(performance.now() - checkpointAt);
    } catch {
      // Nothing is lost: the frames stay in the WAL for the next checkpoint.
    }
    return summary!;
  } finally {
    await session?.close();
    db?.close();
    lock.release();
  }
}

async function synchronise(
  db: CacheDb,
  state: SyncState,
  opts: SyncOptions,
  progress: ProgressTracker,
  clientId: string,
  startedAt: number,
  session: CentralSession | undefined,
): Promise<SyncSummary> {
  const reader = await CentralReader.open(opts.readUrl ?? opts.pgUrl, opts.signal, session);
  const connectedAt = performance.now();
  try {
    const counts = emptyCounts();
    const ctx: LoadContext = {
      db,
      reader,
      state,
      progress,
      counts,
      chunkRows: opts.chunkRows ?? DEFAULT_CHUNK_ROWS,
      verifyForeignKeys: opts.verifyForeignKeys ?? false,
      maintainAggregates: opts.maintainAggregates ?? true,
      // Lock, cache opening (migrations check), read session: everything before the first row.
      phasesMs: { connecting: Math.round(connectedAt - startedAt) },
    };
    const previous = state.get('checkpoint') ?? null;
    const summary: SyncSummary = {
      mode: previous ? 'incremental' : 'initial',
      status: 'succeeded',
      tables: counts,
      checkpoint: reader.snapshot,
      previous_checkpoint: previous,
      elapsed_ms: 0,
      resumed: false,
      scope: { stores_added: [], stores_removed: [] },
      client_id: clientId,
      read_from: opts.readUrl ? 'replica' : 'primary',
      history: { local: true, central: false },
      phases_ms: ctx.phasesMs,
    };
    if (previous) {
      if (!(await reader.canSyncIncrementally(previous))) {
        summary.mode = 'initial';
        summary.full_reload_reason =
          'the central change tracking no longer covers the last checkpoint (tombstones purged or a table truncated)';
        progress.setMode('initial');
        await fullReload(ctx);
        return summary;
      }
      progress.setMode('incremental');
      // Random primary-key lookups all over a big cache: with SQLite's default 2 MB page cache
      // the b-trees' upper levels are re-read from the OS for every row (measured: the pass and
      // the aggregate refresh take about 1.5x longer). 128 MB: the aggregate refresh re-reads
      // the pages the pass touched (10k scattered changes at 10M lines: 590 ms with 64 MB, 470 ms
      // with 128 MB, no better with 256 MB). Not for the initial load, whose appends need no
      // cache and whose peak memory is budgeted.
      db.pragma('cache_size = -131072');
      // Statement journals and the refresh's temporary tables in memory. A row statement on a
      // table with a trigger (the update and delete triggers of receipts and lines, the insert
      // ones too until ReceiptInserts replaced them) opens a statement journal, and a file-backed
      // one costs a write per page touched: measured at 10M lines with the insert triggers, a
      // fresh copy of the cache applying one business day (14,409 lines) spent 491-817 ms in the
      // pass with the default, 212 ms in memory (166-178 ms with no triggers).
      // Their size follows the changes, not the cache: not for the initial load, whose rebuild
      // of the aggregates works on temporary tables as large as the sales.
      db.pragma('temp_store = MEMORY');
      // No automatic checkpoint at COMMIT: once the WAL passes 1,000 pages (it does with a few
      // thousand changes) the committing connection would copy every touched page into the
      // database file before COMMIT returns (measured at 1M lines: COMMIT 260 ms with it, 90 ms
      // without). runSync checkpoints once the result is delivered, as SQLite's documentation
      // suggests for applications that cannot wait for it (wal.html, "Application-Initiated
      // Checkpoints"). A crash in between loses nothing: the committed frames are in the WAL,
      // which the next opening reads.
      db.pragma('wal_autocheckpoint = 0');
      const t0 = performance.now();
      setForeignKeys(db, true);
      begin(db);
      db.pragma('defer_foreign_keys = ON'); // checked at COMMIT; reset by SQLite after it
      // A cache whose aggregates an older version built lacks the newer tracking triggers.
      if (ctx.maintainAggregates) ensureAggregateTriggers(db);
      else dropAggregates(db);
      const scope = await applyChangesSince(
        ctx.maintainAggregates && aggregatesBuilt(db)
          ? { ...ctx, receiptInserts: new ReceiptInserts(db) }
          : ctx,
        previous,
      );
      ctx.phasesMs.applying = Math.round(performance.now() - t0);
      progress.setPhase('aggregating');
      const t1 = performance.now();
      if (ctx.maintainAggregates) refreshDirtyAggregates(db);
      ctx.phasesMs.aggregates = Math.round(performance.now() - t1);
      progress.setPhase('committing');
      const t2 = performance.now();
      state.commitCheckpoint(reader.snapshot, 'incremental', new Date().toISOString());
      commit(db);
      ctx.phasesMs.committing = Math.round(performance.now() - t2);
      summary.scope = { stores_added: scope.storesAdded, stores_removed: scope.storesRemoved };
      return summary;
    }
    progress.setMode('initial');
    const outcome = await initialLoad(ctx);
    summary.resumed = outcome.resumed;
    summary.scope = { stores_added: outcome.storesAdded, stores_removed: outcome.storesRemoved };
    return summary;
  } finally {
    await reader.close();
  }
}
