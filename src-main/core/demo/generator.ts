// Generator sessions for the superuser bulk path of `seedDemo`: the rows are computed by other
// backends than the one that writes them, so the machine's cores work at the same time.
//
// Why: one backend does everything in a single transaction, and a backend uses one core. With
// the writes made cheap (COPY FROM, no per-row trigger or index, see seed.ts), generating the
// rows (hashes, prices, the totals of the receipts) is most of the work, and it needs nothing
// from the seeding transaction: it is a pure function of (seed, plan, reference data). So each
// generator session builds its own copy of the temp tables (setupStatements), stages chunks with
// exactly the statements of the single-session path, and streams them out with
// `COPY ... TO STDOUT (FORMAT binary)` into Node buffers; the seeding session copies them in, in
// chunk order. Same statements, same values: the data is identical to the single-session path.
//
// The generators never write a shared table (temp tables only, in a transaction they roll
// back), so the seeding transaction alone decides what is committed, and stamps every row.
// Memory is bounded: a generator stays at most `ahead` chunks ahead of the writer (a chunk of
// 250,000 lines is ~20 MB of binary COPY data).
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { connectCentral } from '../pg/connect';
import type { ReferenceData } from './reference';
import {
  chunkPipelineStatements,
  objectiveValuesSql,
  setupStatements,
  YEAR_STARTS_SQL,
  type ChunkRange,
  type SalesContext,
  type SalesPlan,
} from './sales-sql';

export interface GeneratedChunk {
  ventes: Buffer[];
  lignes: Buffer[];
  /** Revenue of the chunk's lines in cents (for the stores' annual targets). */
  cents: bigint;
}

async function copyOut(client: pg.Client, sql: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const b of client.query(copyTo(sql))) out.push(b as Buffer);
  return out;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Awaited later (or never, if the seed fails first): no unhandled-rejection warning.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class ChunkGenerators {
  private clients: pg.Client[] = [];
  private ready: Promise<SalesContext>;
  private results: Deferred<GeneratedChunk>[] = [];
  private consumed = 0;
  private wake: (() => void)[] = [];
  private closed = false;

  /**
   * Opens `sessions` connections and builds the temp tables in each (in the background; errors
   * surface from `context()` or `chunk()`).
   */
  constructor(
    private readonly url: string,
    private readonly plan: SalesPlan,
    private readonly ref: ReferenceData,
    private readonly patterns: string,
    private readonly sessions: number,
  ) {
    this.ready = this.open();
    this.ready.catch(() => undefined);
  }

  private async open(): Promise<SalesContext> {
    const setups = Array.from({ length: this.sessions }, async () => {
      const c = await connectCentral(this.url, { applicationName: 'epm-demo-seed-gen' });
      this.clients.push(c);
      if (this.closed) throw new Error('generators closed');
      // The settings of the seeding session (seed.ts), for the same reasons.
      await c.query(`SET temp_buffers = '256MB'`);
      await c.query('BEGIN');
      for (const s of ['jit = off', `work_mem = '64MB'`, `TimeZone = 'UTC'`])
        await c.query(`SET LOCAL ${s}`);
      for (const sql of setupStatements(this.plan, this.ref)) await c.query(sql);
      return c;
    });
    const clients = await Promise.all(setups);
    this.clients = clients;
    const years = await clients[0]!.query<{ year: number; first_receipt: string }>(YEAR_STARTS_SQL);
    return {
      patterns: this.patterns,
      yearStarts: years.rows.map((y) => ({ year: y.year, firstReceipt: Number(y.first_receipt) })),
    };
  }

  /** The sales context (first receipt of each year), once the temp tables exist. */
  context(): Promise<SalesContext> {
    return this.ready;
  }

  /**
   * Starts generating every chunk: chunk i on session i mod n, each session at most `ahead`
   * chunks ahead of the consumer. Collect them in order with `chunk(i)`.
   */
  start(chunks: ChunkRange[], ahead = 1): void {
    this.results = chunks.map(() => deferred<GeneratedChunk>());
    const fail = (e: unknown) => {
      for (const r of this.results) r.reject(e);
    };
    void this.ready
      .then(async (ctx) => {
        await Promise.all(
          this.clients.map(async (c, g) => {
            for (let i = g; i < chunks.length; i += this.clients.length) {
              while (!this.closed && i - this.consumed >= ahead * this.clients.length)
                await new Promise<void>((res) => this.wake.push(res));
              if (this.closed) return;
              const st = chunkPipelineStatements(this.plan, this.ref, ctx, chunks[i]!);
              for (const sql of st.stage) await c.query(sql);
              const cents = await c.query<{ cents: string }>(st.cents);
              const ventes = await copyOut(c, st.ventes);
              const lignes = await copyOut(c, st.lignes);
              this.results[i]!.resolve({ ventes, lignes, cents: BigInt(cents.rows[0]!.cents) });
            }
          }),
        );
      }, fail)
      .catch(fail);
  }

  /** Chunk i, once generated; the consumer must take chunks in order. */
  async chunk(i: number): Promise<GeneratedChunk> {
    const r = await this.results[i]!.promise;
    this.consumed = i + 1;
    for (const w of this.wake.splice(0)) w();
    return r;
  }

  /** (id, objectif_ca) per store, given the total revenue (from any session's demo_slot). */
  async objectives(totalCents: bigint): Promise<{ id: string; objectif_ca: string }[]> {
    await this.ready;
    const r = await this.clients[0]!.query<{ id: string; objectif_ca: string }>(
      objectiveValuesSql(this.plan, totalCents),
    );
    return r.rows;
  }

  /** Rolls back and closes every session (their temp tables go with them). */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.wake.splice(0)) w();
    await this.ready.catch(() => undefined);
    await Promise.all(
      this.clients.map(async (c) => {
        await c.query('ROLLBACK').catch(() => undefined);
        await c.end().catch(() => undefined);
      }),
    );
  }
}
