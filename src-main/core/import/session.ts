// The import's connection to the central database: queries that honour an AbortSignal. A
// running statement is cancelled from a second short-lived connection (pg_cancel_backend on our
// own backend, which any role may do), the transaction is rolled back by the caller, and the
// caller sees CANCELLED. Once COMMIT is sent the import is no longer cancellable.
import type pg from 'pg';
import { AppError } from '../../../src-shared/errors';
import { connectCentral, toAppError, withCentral } from '../pg/connect';

export interface QueryResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

export class ImportSession {
  private inFlight = 0;
  private committing = false;
  private readonly onAbort = () => {
    if (this.inFlight > 0 && !this.committing) void this.cancelBackend();
  };

  private constructor(
    readonly client: pg.Client,
    private readonly url: string,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  static async open(url: string, signal?: AbortSignal): Promise<ImportSession> {
    const client = await connectCentral(url, { applicationName: 'epm import' });
    return new ImportSession(client, url, signal);
  }

  throwIfAborted(): void {
    if (this.signal?.aborted) throw cancelled();
  }

  async query(text: string, params?: unknown[]): Promise<QueryResult> {
    this.throwIfAborted();
    this.inFlight++;
    const t0 = performance.now();
    try {
      const r = await this.client.query(text, params);
      traceSlow(text, performance.now() - t0);
      return { rows: r.rows as Record<string, unknown>[], rowCount: r.rowCount };
    } catch (e) {
      if (this.signal?.aborted) throw cancelled();
      throw e;
    } finally {
      this.inFlight--;
    }
  }

  async commit(): Promise<void> {
    this.throwIfAborted();
    this.committing = true;
    await this.client.query('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
  }

  async close(): Promise<void> {
    this.signal?.removeEventListener('abort', this.onAbort);
    await this.client.end().catch(() => undefined);
  }

  private async cancelBackend(): Promise<void> {
    const pid = (this.client as unknown as { processID?: number }).processID;
    if (!pid) return;
    await withCentral(this.url, (c) => c.query('SELECT pg_cancel_backend($1)', [pid]), {
      applicationName: 'epm import cancel',
    }).catch(() => undefined);
  }
}

/** EPM_IMPORT_TRACE=1 prints the statements slower than 40 ms (to find what a big import spends). */
function traceSlow(text: string, ms: number): void {
  if (!process.env.EPM_IMPORT_TRACE || ms < 40) return;
  process.stderr.write(
    `[import] ${Math.round(ms)} ms  ${text.replace(/\s+/g, ' ').slice(0, 120)}\n`,
  );
}

export function cancelled(): AppError {
  return new AppError('CANCELLED', 'import annulé : rien n’a été écrit');
}

/** Maps an abort (from a stream or a signal) to CANCELLED and anything else to an AppError. */
export function importError(e: unknown, signal?: AbortSignal, url?: string): AppError {
  if (signal?.aborted || (e instanceof Error && e.name === 'AbortError')) return cancelled();
  return toAppError(e, url);
}
