// Boundary fuzzing of the IPC contract: the renderer is untrusted, so every channel must answer
// any payload with a Result (ok, or a typed error whose code is in the closed set), never a
// throw, and — for the channels that only read — without writing a byte anywhere.
//
// Payloads per channel (≥ 1,000): fc.anything(), values shaped by the channel's own zod schema
// (derived automatically, so a new channel is fuzzed without touching this file) and mutations
// of those (extra/removed/replaced keys, wrapped in arrays, stringified, __proto__ keys).
// The context points at a small temp cache and has no central URL (nothing leaves the machine).
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-shared/errors';
import { INVOKE_CHANNELS, invokeContract, type InvokeChannel } from '../../src-shared/ipc/contract';
import { openCache } from '../../src-main/core/cache/database';
import type { HandlerContext } from '../../src-main/core/ipc/context';
import { dispatch } from '../../src-main/core/ipc/dispatch';
import { createPushEvents } from '../../src-main/core/ipc/push-events';
import { disposeState, stateOf } from '../../src-main/core/ipc/services/state';
import { rebuildAggregates } from '../../src-main/core/analytics/aggregates';
import { dayOf, insertDims, insertSale } from '../support/analytics-cache';
import { mutated, shapedBy, snapshotTree } from '../support/security-fuzz';

const RUNS = Number(process.env.EPM_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.EPM_TEST_SEED ?? 4242);

/**
 * Channels whose purpose is to write (settings file, saved scenarios, export files, jobs that
 * change the cache or central). For them we check only "typed Result, no crash"; each runs in its
 * own context and folder so it cannot disturb the read-only checks.
 */
const WRITERS = new Set<InvokeChannel>([
  'settings:save-connection',
  'settings:forget-connection',
  'settings:skip-setup',
  'settings:set-language',
  'scenario:save',
  'scenario:clone',
  'scenario:rename',
  'scenario:delete',
  'export:start',
  'import:start',
  'sync:start',
]);

/**
 * Never dispatched with a VALID payload: 'setup:demo' starts the embedded PostgreSQL server and
 * seeds a million lines (minutes, a server process). Only payloads its schema rejects reach it,
 * which still proves that the validation gate holds.
 */
const VALID_PAYLOAD_EXCLUDED = new Set<InvokeChannel>(['setup:demo']);

/**
 * Channels that connect to the URL in their payload. A bare 'postgres://' means "the local
 * default server" to libpq rules, so a random URL could reach the machine's real PostgreSQL: any
 * URL that passes the schema is replaced by a loopback address nothing listens on, or by a
 * malformed one (what the parser does with those is part of the test).
 */
const CONNECTS_TO_PAYLOAD_URL = new Set<InvokeChannel>([
  'settings:test-connection',
  'settings:save-connection',
]);
const safeUrl: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'postgres://x@127.0.0.1:1/x',
    'postgresql://x:secret@127.0.0.1:1/x?sslmode=disable',
    'postgres://x@127.0.0.1:99999/x',
    'postgres://%',
    'postgres://a:b@[::1',
    'postgres://x@127.0.0.1:1/x?application_name=%E0%A4%A',
  ),
  fc.stringMatching(/^[a-z0-9_%]{0,20}$/).map((tail) => `postgres://x@127.0.0.1:1/${tail}`),
);

/**
 * Channels allowed to answer INTERNAL. Empty: malformed connection URLs (bad percent escape,
 * port > 65535, unclosed IPv6 bracket, sslcert=/sslkey= parameters) were answered INTERNAL by the
 * pg driver until the channel schema validated them (src-shared/ipc/channels/settings.ts).
 */
const KNOWN_INTERNAL = new Set<InvokeChannel>([]);

const root = mkdtempSync(join(tmpdir(), 'epm-fuzz-ipc-'));
const roDir = join(root, 'ro');
const cwdDir = join(root, 'cwd');
const originalCwd = process.cwd();
const repoListing = readdirSync(originalCwd).sort();

function seedCache(path: string): void {
  const db = openCache(path);
  db.prepare(`INSERT INTO sync_state (key, value) VALUES ('checkpoint', 'fuzz')`).run();
  insertDims(db, {
    regions: 2,
    stores: [
      { region: 1, objectif: 1_000_000_00, ouverture: null, fermeture: null },
      { region: 2, objectif: 500_000_00, ouverture: '2023-03-01', fermeture: null },
    ],
    categories: [{ tva: 0.2 }, { tva: 0.055 }],
    products: [
      { categorie: 1, achat: 500 },
      { categorie: 2, achat: 120 },
    ],
  });
  for (let d = 0; d < 400; d += 7) {
    insertSale(db, {
      store: 1 + (d % 2),
      jour: dayOf(d),
      heure: 10,
      client: d % 3 === 0 ? null : 1,
      montant: 2400,
      lines: [
        { produit: 1, quantite: 2, prix: 1000 },
        { produit: 2, quantite: 1, prix: 400 },
      ],
    });
  }
  rebuildAggregates(db);
  db.close();
}

function makeCtx(dir: string): HandlerContext {
  mkdirSync(dir, { recursive: true });
  return {
    cachePath: join(dir, 'cache.sqlite'),
    userDataDir: join(dir, 'userdata'),
    transport: 'harness',
    events: createPushEvents(),
    platform: { documentsDir: join(dir, 'documents') },
  };
}

const roCtx = makeCtx(roDir);
const internals: Record<string, number> = {};
const tried: Record<string, number> = {};
/** Payloads that passed the schema and so exercised the handler itself (not just the gate). */
const reachedHandler: Record<string, number> = {};

beforeAll(async () => {
  mkdirSync(cwdDir, { recursive: true });
  mkdirSync(roCtx.userDataDir, { recursive: true });
  seedCache(roCtx.cachePath);
  // Relative paths in payloads (export folder, import file) resolve here, inside the temp dir.
  process.chdir(cwdDir);
  // Warm-up: opening the cache in WAL mode creates its -wal/-shm companions once; they are the
  // process's open handle, not a write by a handler, so the baseline is taken after it.
  await dispatch('cache:status', undefined, roCtx);
});

afterAll(async () => {
  process.chdir(originalCwd);
  await disposeState(roCtx);
  rmSync(root, { recursive: true, force: true });
  console.info('[fuzz-ipc] payloads per channel:', JSON.stringify(tried));
  console.info('[fuzz-ipc] of which reached the handler:', JSON.stringify(reachedHandler));
  if (Object.keys(internals).length) console.info('[fuzz-ipc] INTERNAL results:', internals);
});

function payloads(channel: InvokeChannel): fc.Arbitrary<unknown> {
  const schema = invokeContract[channel].input;
  const shaped = shapedBy(schema);
  // Weighted towards schema-shaped values: anything() almost never gets past the gate, and the
  // handlers behind it are what we most want to hit.
  const arb = fc.oneof(
    { arbitrary: fc.anything(), weight: 1 },
    { arbitrary: shaped, weight: 2 },
    { arbitrary: mutated(shaped), weight: 2 },
  );
  if (VALID_PAYLOAD_EXCLUDED.has(channel)) return arb.filter((p) => !schema.safeParse(p).success);
  if (CONNECTS_TO_PAYLOAD_URL.has(channel)) {
    return fc.tuple(arb, safeUrl).map(([p, url]) => {
      if (!p || typeof p !== 'object' || Array.isArray(p)) return p;
      const u = (p as { url?: unknown }).url;
      return typeof u === 'string' && /^postgres/.test(u) ? { ...p, url } : p;
    });
  }
  return arb;
}

async function fuzzChannel(channel: InvokeChannel, ctx: HandlerContext): Promise<void> {
  tried[channel] = 0;
  await fc.assert(
    fc.asyncProperty(payloads(channel), async (payload) => {
      tried[channel] = (tried[channel] ?? 0) + 1;
      let result: Awaited<ReturnType<typeof dispatch>>;
      try {
        result = await dispatch(channel, payload, ctx, {
          logError: () => (internals[channel] = (internals[channel] ?? 0) + 1),
        });
      } catch (e) {
        throw new Error(`dispatch threw on ${channel}: ${String(e)}`);
      }
      expect(typeof result.ok).toBe('boolean');
      if (
        result.ok ||
        result.error.code !== 'VALIDATION' ||
        !/^invalid input/.test(result.error.message)
      ) {
        reachedHandler[channel] = (reachedHandler[channel] ?? 0) + 1;
      }
      if (!result.ok) {
        expect(ERROR_CODES).toContain(result.error.code);
        expect(typeof result.error.message).toBe('string');
        if (!KNOWN_INTERNAL.has(channel)) expect(result.error.code).not.toBe('INTERNAL');
      }
      // No prototype pollution leaked out of a payload.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
}

const readOnly = INVOKE_CHANNELS.filter((c) => !WRITERS.has(c));

describe('IPC boundary fuzzing', () => {
  it('classifies every writer as a real channel', () => {
    for (const c of WRITERS) expect(INVOKE_CHANNELS).toContain(c);
    for (const c of VALID_PAYLOAD_EXCLUDED) expect(INVOKE_CHANNELS).toContain(c);
  });

  it.each(readOnly)(
    '%s: typed Result for any payload, and no write',
    async (channel) => {
      const before = snapshotTree(roDir);
      await fuzzChannel(channel, roCtx);
      // Jobs (e.g. a refused sync) settle before we compare.
      await new Promise((r) => setTimeout(r, 20));
      expect(snapshotTree(roDir)).toEqual(before);
      expect(readdirSync(cwdDir)).toEqual([]);
      expect(readdirSync(originalCwd).sort()).toEqual(repoListing);
    },
    30_000,
  );

  it.each([...WRITERS])(
    '%s (writer): typed Result for any payload',
    async (channel) => {
      const dir = join(root, 'w-' + channel.replace(/[^a-z]/g, '-'));
      const ctx = makeCtx(dir);
      mkdirSync(ctx.userDataDir, { recursive: true });
      seedCache(ctx.cachePath);
      try {
        await fuzzChannel(channel, ctx);
      } finally {
        // Let queued jobs (exports, refused syncs) settle so that whatever they write is seen by
        // the listing check below, then cancel what is left and wait until the workers have
        // really stopped: one still closing a temporary file would race the folder's removal.
        for (
          let i = 0;
          i < 100 &&
          (['export', 'import', 'sync'] as const).some((k) => stateOf(ctx).jobs.running(k));
          i++
        ) {
          await new Promise((r) => setTimeout(r, 50));
        }
        await disposeState(ctx);
      }
      expect(readdirSync(originalCwd).sort()).toEqual(repoListing);
    },
    60_000,
  );
});
