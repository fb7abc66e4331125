// dispatch(): the boundary every request crosses, in Electron and in the harness.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import pkg from '../../package.json';
import { AppError } from '../../src-shared/errors';
import { returns, type ChannelSpec } from '../../src-shared/ipc/contract';
import type { HandlerContext } from '../../src-main/core/ipc/context';
import { createDispatcher, dispatch, invokeTyped } from '../../src-main/core/ipc/dispatch';
import { createPushEvents } from '../../src-main/core/ipc/push-events';

const tmp = mkdtempSync(join(tmpdir(), 'epm-ipc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ctx(overrides: Partial<HandlerContext> = {}): HandlerContext {
  return {
    cachePath: join(tmp, 'absent', 'cache.sqlite'),
    userDataDir: tmp,
    transport: 'harness',
    events: createPushEvents(),
    ...overrides,
  };
}

// A contract of our own, with inputs that have fields to get wrong.
const testContract = {
  'period:get': {
    input: z.object({
      period: z.object({
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date'),
        to: z.string(),
      }),
      storeIds: z.array(z.number().int().positive()).max(3),
    }),
    output: returns<string>(),
  },
  'boom:app': { input: z.undefined(), output: returns<never>() },
  'boom:internal': { input: z.undefined(), output: returns<never>() },
  'boom:async': { input: z.undefined(), output: returns<never>() },
} satisfies Record<string, ChannelSpec>;

const testHandlers = {
  'period:get': (input: { period: { from: string; to: string } }) =>
    `${input.period.from}..${input.period.to}`,
  'boom:app': () => {
    throw new AppError('NOT_FOUND', 'store 42 is not in your scope', { storeId: 42 });
  },
  'boom:internal': () => {
    throw new Error('connect ECONNREFUSED postgres://admin:secret@db');
  },
  'boom:async': async () => {
    await Promise.resolve();
    throw new AppError('UNAVAILABLE', 'central database unreachable');
  },
};

const testDispatch = createDispatcher(testContract, testHandlers);

describe('dispatch: validation', () => {
  it('rejects an unknown channel with VALIDATION naming it', async () => {
    const r = await dispatch('cache:drop', undefined, ctx());
    expect(r).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: "unknown IPC channel 'cache:drop'" },
    });
  });

  it('rejects non-string and prototype channel names', async () => {
    for (const channel of [
      42,
      null,
      undefined,
      { toString: () => 'app:info' },
      '__proto__',
      'constructor',
      'toString',
    ]) {
      const r = await dispatch(channel, undefined, ctx());
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
  });

  it('rejects an input given to a channel that takes none', async () => {
    const r = await dispatch('app:info', { version: 'x' }, ctx());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toContain("'app:info'");
    }
  });

  it('names the invalid field and the reason', async () => {
    const r = await testDispatch(
      'period:get',
      { period: { from: '01/02/2025', to: '2025-02-28' }, storeIds: [1] },
      ctx(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toBe(
      "invalid input for 'period:get': field 'period.from': must be a YYYY-MM-DD date",
    );
    expect(r.error.details).toEqual({
      issues: [
        { path: ['period', 'from'], code: 'invalid_string', message: 'must be a YYYY-MM-DD date' },
      ],
    });
  });

  it('lists every invalid field, missing ones and array items included', async () => {
    const r = await testDispatch(
      'period:get',
      { period: { from: '2025-01-01' }, storeIds: [1, -2] },
      ctx(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain("field 'period.to': Required");
    expect(r.error.message).toContain("field 'storeIds.1': Number must be greater than 0");
  });

  it('rejects a wrong top-level type', async () => {
    const r = await testDispatch('period:get', 'all', ctx());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('input: Expected object, received string');
  });

  it('passes the parsed input to the handler', async () => {
    const r = await testDispatch(
      'period:get',
      { period: { from: '2025-01-01', to: '2025-01-31' }, storeIds: [] },
      ctx(),
    );
    expect(r).toEqual({ ok: true, value: '2025-01-01..2025-01-31' });
  });
});

describe('dispatch: errors are values', () => {
  it('keeps the code, message and details of an AppError', async () => {
    const r = await testDispatch('boom:app', undefined, ctx());
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'store 42 is not in your scope',
        details: { storeId: 42 },
      },
    });
  });

  it('maps an AppError from an async handler', async () => {
    const r = await testDispatch('boom:async', undefined, ctx());
    expect(r).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'central database unreachable' },
    });
  });

  it('turns anything else into INTERNAL without leaking message or stack, and logs it', async () => {
    const logError = vi.fn();
    const r = await testDispatch('boom:internal', undefined, ctx(), { logError });
    expect(r).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: "internal error while handling 'boom:internal'" },
    });
    expect(JSON.stringify(r)).not.toMatch(/secret|ECONNREFUSED|at /);
    expect(logError).toHaveBeenCalledOnce();
    expect(logError.mock.calls[0]?.[1]).toBeInstanceOf(Error);
  });

  it('never throws, even when the logger does', async () => {
    const r = await testDispatch('boom:internal', undefined, ctx(), {
      logError: () => {
        throw new Error('logger down');
      },
    });
    expect(r.ok).toBe(false);
  });

  it('reports a contract channel without handler as INTERNAL', async () => {
    const d = createDispatcher(testContract, {});
    const r = await d('boom:app', undefined, ctx());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INTERNAL');
  });
});

describe('handlers', () => {
  it('app:info reports the package version and the transport', async () => {
    expect(await invokeTyped('app:info', undefined, ctx())).toEqual({
      ok: true,
      value: {
        version: pkg.version,
        name: 'EPM Retail',
        platform: process.platform,
        harness: true,
      },
    });
    const r = await invokeTyped('app:info', undefined, ctx({ transport: 'electron' }));
    expect(r.ok && r.value.harness).toBe(false);
  });

  it('cache:status reports a missing cache without creating it', async () => {
    const c = ctx();
    const r = await invokeTyped('cache:status', undefined, c);
    expect(r).toEqual({
      ok: true,
      value: {
        path: c.cachePath,
        exists: false,
        sizeBytes: 0,
        schemaVersion: null,
        lastSync: null,
        rowCounts: {},
      },
    });
  });
});

describe('push events', () => {
  it('fans out to subscribers and isolates a failing one', () => {
    const onError = vi.fn();
    const events = createPushEvents(onError);
    const seen: unknown[] = [];
    events.subscribe(() => {
      throw new Error('bad listener');
    });
    const off = events.subscribe((event, payload) => seen.push([event, payload]));
    events.emit('app:navigate', { screen: 'sync' });
    off();
    events.emit('cache:changed', {});
    expect(seen).toEqual([['app:navigate', { screen: 'sync' }]]);
    expect(onError).toHaveBeenCalledTimes(2);
  });
});
