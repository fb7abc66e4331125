// The sync's read session on the central database: one REPEATABLE READ READ ONLY transaction,
// whose snapshot is the checkpoint, and COPY streams parsed as they arrive.
//
// Backpressure: rows are handed to the SQLite writer synchronously from the stream's chunk loop,
// so while SQLite is busy nothing more is read from the socket; TCP flow control then throttles
// the server. Memory stays at a few socket buffers whatever the table size.
//
// Cancellation: the abort signal cancels the running statement on the server
// (pg_cancel_backend from a side connection) and destroys the socket, which rejects whatever is
// pending; the transaction being read-only, nothing has to be undone centrally.
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { AppError, isAppError } from '../../../src-shared/errors';
import { connectCentral, destroySocket, toAppError, withCentral } from '../pg/connect';
import { redactUrl } from '../config';
import { CopyTextParser, type ColumnKind, type CopyValue } from './copy-parser';

const SNAPSHOT_PATTERN = /^\d+:\d+:(\d+(,\d+)*)?$/;

/** Validates a pg_snapshot text before it is inlined in SQL (COPY takes no parameters). */
export function snapshotLiteral(snapshot: string): string {
  if (!SNAPSHOT_PATTERN.test(snapshot))
    throw new AppError('CACHE', `invalid checkpoint "${snapshot}" in the cache`);
  return `'${snapshot}'::pg_snapshot`;
}

/**
 * "Row written by a transaction not visible in snapshot C" as an index-friendly predicate:
 * sync_txid >= xmax(C) OR sync_txid IN xip(C). It is exactly epm.changed_since(C, sync_txid)
 * (xmin <= t AND NOT visible(t, C)), but that form scans the sync_txid index from xmin(C),
 * and xmin is held back by any long transaction of the cluster (a report, a bulk import): the
 * pass would then read every row written since it began. This one reads only the rows of
 * transactions that committed after C, plus those of the few that were in progress at C.
 */
export function changedSince(snapshot: string, column = 'sync_txid'): string {
  snapshotLiteral(snapshot); // validates the format
  const [, xmax, xip] = snapshot.split(':') as [string, string, string];
  const newer = `${column} >= '${xmax}'::xid8`;
  return xip ? `(${newer} OR ${column} = ANY ('{${xip}}'::xid8[]))` : `(${newer})`;
}

/** A bigint[] literal from safe integers (inlined in COPY queries). */
export function idArrayLiteral(ids: Iterable<number>): string {
  const list = [...ids];
  for (const id of list) if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
  return `'{${list.join(',')}}'::bigint[]`;
}

export function idLiteral(id: number): string {
  if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
  return String(id);
}

/** Maps any failure of the central side to a coded error, CANCELLED when we aborted. */
export function centralError(e: unknown, url: string, signal?: AbortSignal): AppError {
  if (signal?.aborted) return new AppError('CANCELLED', 'sync cancelled');
  if (isAppError(e)) return e;
  const err = e as { code?: string; message?: string };
  const message = err.message ?? String(e);
  // The connection dropped under us (server restart, network cut, backend terminated): pg
  // reports it without a SQLSTATE.
  if (
    !err.code &&
    /Connection terminated|connection.*(closed|ended)|ECONNRESET|EPIPE|socket hang up|read ECONN/i.test(
      message,
    )
  ) {
    return new AppError(
      'UNAVAILABLE',
      `connection to the central database lost during the sync (${redactUrl(url)}): ${message}`,
    );
  }
  if (
    err.code === '57P01' ||
    err.code === '57P02' ||
    err.code === '57P03' ||
    err.code === '08006' ||
    err.code === '08003'
  ) {
    return new AppError(
      'UNAVAILABLE',
      `connection to the central database lost during the sync (${redactUrl(url)}): ${message}`,
    );
  }
  if (err.code === '40001') {
    // On a hot-standby replica, a long read conflicts with the replay of the primary's changes.
    return new AppError(
      'UNAVAILABLE',
      `the read replica cancelled the sync (conflict with recovery; retry, or set hot_standby_feedback on the replica): ${message}`,
    );
  }
  return toAppError(e, url);
}

export class CentralReader {
  private onAbort: (() => void) | undefined;
  /** Set when a COPY failed half-way: the protocol state is unknown, only a teardown is safe. */
  private broken = false;

  private constructor(
    readonly client: pg.Client,
    readonly url: string,
    /** pg_current_snapshot() of the transaction: the checkpoint this run produces. */
    readonly snapshot: string,
    readonly backendPid: number,
    private readonly signal: AbortSignal | undefined,
    /** The connection belongs to the caller (a CentralSession): close() leaves it open if sound. */
    private readonly borrowed: boolean,
  ) {}

  /**
   * Opens the read session on `session` when given (the run's own connection, see
   * CentralSession), else on a connection of its own.
   */
  static async open(
    url: string,
    signal?: AbortSignal,
    session?: CentralSession,
  ): Promise<CentralReader> {
    if (signal?.aborted) throw new AppError('CANCELLED', 'sync cancelled');
    const borrowed = session?.usable === true;
    const client = borrowed
      ? session.client
      : await connectCentral(url, { applicationName: 'epm sync' });
    try {
      // The text form of dates and timestamps in the COPY output (tables.ts relies on it).
      await client.query(`SET DateStyle = 'ISO, YMD'`);
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The first statement fixes the transaction's snapshot; pg_current_snapshot() returns it.
      const { rows } = await client.query<{ snapshot: string; pid: number }>(
        'SELECT pg_catalog.pg_current_snapshot()::text AS snapshot, pg_catalog.pg_backend_pid() AS pid',
      );
      const reader = new CentralReader(
        client,
        url,
        rows[0]!.snapshot,
        rows[0]!.pid,
        signal,
        borrowed,
      );
      reader.watchAbort();
      return reader;
    } catch (e) {
      if (borrowed) session.discard();
      else await client.end().catch(() => undefined);
      throw centralError(e, url, signal);
    }
  }

  private watchAbort(): void {
    if (!this.signal) return;
    this.onAbort = () => {
      const pid = this.backendPid;
      // Best effort, bounded: the socket teardown below ends the session anyway.
      void withCentral(this.url, (c) => c.query('SELECT pg_catalog.pg_cancel_backend($1)', [pid]), {
        connectTimeoutMs: 2000,
      }).catch(() => undefined);
      this.destroySocket();
    };
    this.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  private destroySocket(): void {
    destroySocket(this.client);
  }

  throwIfCancelled(): void {
    if (this.signal?.aborted) throw new AppError('CANCELLED', 'sync cancelled');
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    this.throwIfCancelled();
    try {
      return (await this.client.query<R>(sql, params)).rows;
    } catch (e) {
      throw centralError(e, this.url, this.signal);
    }
  }

  /** The single row of a query that always returns one (count, function call). */
  async queryOne<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R> {
    const rows = await this.query<R>(sql, params);
    if (rows.length !== 1)
      throw new AppError('INTERNAL', `expected one row from: ${sql.slice(0, 80)}`);
    return rows[0]!;
  }

  /** Whether every change since `snapshot` is still tracked centrally (tombstones not purged). */
  async canSyncIncrementally(snapshot: string): Promise<boolean> {
    const { ok } = await this.queryOne<{ ok: boolean }>(
      'SELECT epm.can_sync_incrementally($1::pg_snapshot) AS ok',
      [snapshot],
    );
    return ok;
  }

  /**
   * Streams `COPY (select) TO STDOUT` and hands each parsed row to onRow synchronously.
   * Returns the number of rows.
   */
  async copyRows(
    select: string,
    kinds: readonly ColumnKind[],
    onRow: (row: CopyValue[]) => void,
  ): Promise<number> {
    this.throwIfCancelled();
    const parser = new CopyTextParser(kinds, onRow);
    try {
      const stream = this.client.query(copyTo(`COPY (${select}) TO STDOUT`));
      for await (const chunk of stream) {
        if (this.signal?.aborted) {
          stream.destroy();
          break;
        }
        parser.push(chunk as Buffer);
      }
      this.throwIfCancelled();
      parser.end();
      return parser.rows;
    } catch (e) {
      this.broken = true;
      throw centralError(e, this.url, this.signal);
    }
  }

  /**
   * Ends the read transaction (nothing to commit: it is read-only) and the connection, unless it
   * is borrowed and still sound: then the session's owner goes on using it (the run's history).
   */
  async close(): Promise<void> {
    if (this.onAbort) this.signal?.removeEventListener('abort', this.onAbort);
    if (this.broken || this.signal?.aborted) {
      this.destroySocket();
      await this.client.end().catch(() => undefined);
      return;
    }
    const ended = await this.client.query('COMMIT').then(
      () => true,
      () => false,
    );
    if (this.borrowed && ended) return;
    await this.client.end().catch(() => undefined);
  }
}

/**
 * The run's connection to the central database, when the history and the reads go to the same
 * server (no read replica): the run's start is recorded, the read session runs and the outcome is
 * recorded on it, one after the other. Opening a connection costs several network round trips
 * (TCP, TLS, SCRAM authentication: measured 11 ms on loopback without TLS, far more over a mobile
 * link), three times per sync before this. Still one connection at a time per laptop.
 * `usable` turns false once the connection failed or was closed: whoever needs the server then
 * opens a connection of its own, as before.
 */
export class CentralSession {
  private alive = true;
  private closed = false;

  private constructor(readonly client: pg.Client) {
    client.once('end', () => (this.alive = false));
    client.on('error', () => (this.alive = false));
  }

  /**
   * Connects (the read session's 10 s connect timeout; a cancel stops the attempt at once); on
   * failure returns the error instead of throwing (the caller decides).
   */
  static async open(
    url: string,
    signal?: AbortSignal,
  ): Promise<CentralSession | { error: unknown }> {
    try {
      return new CentralSession(
        await connectCentral(url, { applicationName: 'epm sync', ...(signal ? { signal } : {}) }),
      );
    } catch (e) {
      return { error: e };
    }
  }

  get usable(): boolean {
    return this.alive;
  }

  /** Marks the connection unusable and tears it down (after a failure left it in doubt). */
  discard(): void {
    void this.close();
  }

  /** Ends the connection (idempotent: the run closes it after its result and on every exit). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.alive = false;
    await this.client.end().catch(() => undefined);
  }
}
