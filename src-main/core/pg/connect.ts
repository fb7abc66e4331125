// Connections to the central PostgreSQL. Every failure is mapped to a coded AppError with a
// message that says what to do, and the URL is never echoed with its password.
import pg from 'pg';
import { AppError } from '../../../src-shared/errors';
import { redactUrl } from '../config';

// numeric and bigint arrive as strings from pg by default; callers convert explicitly where
// exactness matters (money as integer cents), so the defaults are kept on purpose.

export interface ConnectOptions {
  applicationName?: string;
  /** Milliseconds; 0 disables. */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Aborts a connection attempt in progress (a cancelled sync must not wait for the timeout). */
  signal?: AbortSignal;
}

const UNREACHABLE = { reason: 'central_unreachable' } as const;

export function toAppError(e: unknown, url?: string): AppError {
  if (e instanceof AppError) return e;
  const err = e as { code?: string; message?: string };
  const where = url ? ` (${redactUrl(url)})` : '';
  // node-postgres reports a connection lost under a query (server restarted, every session
  // terminated) without a code, and refuses further queries on that client the same way.
  if (!err.code && /connection terminated|not queryable/i.test(err.message ?? '')) {
    return new AppError(
      'UNAVAILABLE',
      `central database unreachable${where}: ${err.message}`,
      UNREACHABLE,
    );
  }
  // node-postgres's connectionTimeoutMillis: the server accepted no connection in time.
  if (!err.code && /^timeout expired$/i.test(err.message ?? '')) {
    return new AppError(
      'UNAVAILABLE',
      `central database unreachable${where}: no answer within the connection timeout`,
      UNREACHABLE,
    );
  }
  switch (err.code) {
    case 'ENOTFOUND':
      return new AppError(
        'UNAVAILABLE',
        `central database unreachable${where}: ${err.message ?? err.code}`,
        { reason: 'central_not_found' },
      );
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case '57P01': // admin shutdown
    case '57P03': // cannot connect now
      return new AppError(
        'UNAVAILABLE',
        `central database unreachable${where}: ${err.message ?? err.code}`,
        UNREACHABLE,
      );
    case '28P01':
    case '28000':
      return new AppError(
        'PERMISSION',
        `authentication refused by the central database${where}: ${err.message}`,
        { reason: 'authentication_refused' },
      );
    case '42501':
      return new AppError(
        'PERMISSION',
        `permission denied by the central database: ${err.message}`,
      );
    case '3D000':
      return new AppError('NOT_FOUND', `database does not exist${where}: ${err.message}`);
    case '57014':
      return new AppError('CANCELLED', `query cancelled: ${err.message}`);
    default:
      return new AppError(
        'INTERNAL',
        err.message ?? String(e),
        err.code ? { pgCode: err.code } : undefined,
      );
  }
}

export async function connectCentral(url: string, opts: ConnectOptions = {}): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    application_name: opts.applicationName ?? 'epm',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
  });
  // An idle connection dropped by the server must not crash the process with an unhandled 'error'.
  client.on('error', () => undefined);
  const signal = opts.signal;
  if (signal?.aborted) throw new AppError('CANCELLED', 'cancelled before connecting');
  const onAbort = () => destroySocket(client);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    if (signal?.aborted) throw new AppError('CANCELLED', 'cancelled while connecting');
    throw toAppError(e, url);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return client;
}

/**
 * Tears the client's socket down at once: whatever is pending (a connect, a query, a COPY
 * stream) fails immediately. node-postgres has no public call for it (end() waits for the
 * server's goodbye).
 */
export function destroySocket(client: pg.Client): void {
  (
    client as unknown as { connection?: { stream?: { destroy(): void } } }
  ).connection?.stream?.destroy();
}

/** Runs fn with a connection and always closes it. */
export async function withCentral<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
  opts?: ConnectOptions,
): Promise<T> {
  const client = await connectCentral(url, opts);
  try {
    return await fn(client);
  } catch (e) {
    throw toAppError(e, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}
