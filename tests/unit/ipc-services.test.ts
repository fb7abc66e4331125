// The IPC layer's own services: jobs, what-if sessions, settings and secrets (never plain text on
// disk), the central URL resolution, desktop sync feedback, export file names.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-shared/errors';
import type { HandlerContext } from '../../src-main/core/ipc/context';
import { freePath } from '../../src-main/core/ipc/handlers/export';
import { JobRegistry } from '../../src-main/core/ipc/jobs/registry';
import { createPushEvents } from '../../src-main/core/ipc/push-events';
import { trendMonths } from '../../src-main/core/ipc/queries/dashboard';
import { resolvePeriod } from '../../src-main/core/ipc/queries/period';
import { periodSchema } from '../../src-shared/ipc/schemas';
import { centralUrl, connectionInfo, displayUrl } from '../../src-main/core/ipc/services/central';
import { createMemorySecretStore } from '../../src-main/core/ipc/services/secret-store';
import {
  readSettings,
  settingsPath,
  writeSettings,
} from '../../src-main/core/ipc/services/settings-store';
import { WhatIfSessions } from '../../src-main/core/ipc/services/whatif-sessions';
import {
  createSafeStorageSecretStore,
  type SafeStorageLike,
} from '../../src-main/electron/secret-store';
import { wireSyncFeedback } from '../../src-main/electron/sync-feedback';
import type { ScenarioSession } from '../../src-main/core/whatif/session';

const tmp = mkdtempSync(join(tmpdir(), 'epm-ipc-services-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function work<R>() {
  let resolve!: (v: R) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<R>((a, b) => {
    resolve = a;
    reject = b;
  });
  return {
    promise,
    resolve,
    reject,
    cancel: vi.fn(() => reject(new AppError('CANCELLED', 'stop'))),
  };
}

describe('job registry', () => {
  it('reports progress, then one outcome, and forgets the job', async () => {
    const reg = new JobRegistry();
    const w = work<string>();
    const progress = vi.fn();
    const finished = vi.fn();
    const id = reg.start<number, string>(
      'export',
      (report) => {
        report(10);
        return w;
      },
      { onProgress: progress, onFinished: finished },
    );
    expect(progress).toHaveBeenCalledWith(id, 10);
    expect(reg.running('export')).toMatchObject({ id, progress: 10 });
    w.resolve('done');
    await vi.waitFor(() => expect(finished).toHaveBeenCalledWith(id, 'succeeded', 'done'));
    expect(reg.running('export')).toBeUndefined();
  });

  it('refuses a second exclusive job, cancels by id and kind, and calls a cancellation "cancelled"', async () => {
    const reg = new JobRegistry();
    const w = work<void>();
    const finished = vi.fn();
    const id = reg.start(
      'sync',
      () => w,
      { onProgress: vi.fn(), onFinished: finished },
      { exclusive: true },
    );
    expect(() =>
      reg.start(
        'sync',
        () => work<void>(),
        { onProgress: vi.fn(), onFinished: vi.fn() },
        { exclusive: true },
      ),
    ).toThrow(/already running/);
    expect(reg.cancel(id, 'export')).toBe(false);
    expect(reg.cancel(id, 'sync')).toBe(true);
    await vi.waitFor(() =>
      expect(finished).toHaveBeenCalledWith(
        id,
        'cancelled',
        undefined,
        expect.objectContaining({ code: 'CANCELLED' }),
      ),
    );
  });

  it('turns an unexpected failure into a coded INTERNAL outcome', async () => {
    const reg = new JobRegistry();
    const w = work<void>();
    const finished = vi.fn();
    const id = reg.start('import', () => w, { onProgress: vi.fn(), onFinished: finished });
    w.reject(new Error('boom'));
    await vi.waitFor(() =>
      expect(finished).toHaveBeenCalledWith(id, 'failed', undefined, {
        code: 'INTERNAL',
        message: 'boom',
      }),
    );
  });

  it('waits for a job whose work outlives its result (a sync checkpointing) before saying all ended', async () => {
    const reg = new JobRegistry();
    const w = work<string>();
    let exit!: () => void;
    const exited = new Promise<void>((resolve) => (exit = resolve));
    const finished = vi.fn();
    reg.start('sync', () => ({ ...w, exited }), { onProgress: vi.fn(), onFinished: finished });
    let allEnded = false;
    const waiting = reg.cancelAllAndWait().then(() => (allEnded = true));
    w.resolve('done');
    await vi.waitFor(() => expect(finished).toHaveBeenCalled());
    // The result is in and the job is no longer running, but its worker has not exited.
    expect(reg.running('sync')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    expect(allEnded).toBe(false);
    exit();
    await waiting;
    expect(allEnded).toBe(true);
  });
});

describe('what-if sessions', () => {
  it('keeps the three most recently used sessions', () => {
    const s = new WhatIfSessions();
    const fake = (n: number) => ({ n }) as unknown as ScenarioSession;
    const ids = [1, 2, 3].map((n) => s.add(fake(n)));
    s.get(ids[0]!); // the first becomes the most recent
    s.add(fake(4));
    expect(() => s.get(ids[1]!)).toThrow(/closed: reopen/);
    expect(s.get(ids[0]!)).toEqual({ n: 1 });
    expect(s.close(ids[2]!)).toBe(true);
  });
});

describe('settings and secrets', () => {
  it('reads defaults from a missing or damaged file and writes atomically, private to the user', () => {
    const dir = join(tmp, 'settings');
    expect(readSettings(dir)).toEqual({
      connection: { mode: 'none', display: null },
      identity: null,
      setupDone: false,
      language: null,
    });
    writeSettings(dir, {
      connection: { mode: 'central', display: 'postgres://u@h:5432/epm' },
      setupDone: true,
    });
    expect(readSettings(dir).connection.mode).toBe('central');
    expect(readFileSync(settingsPath(dir), 'utf8')).not.toMatch(/password|secret/i);
    writeFileSync(settingsPath(dir), '{ not json');
    expect(readSettings(dir).connection.mode).toBe('none');
  });

  it('keeps the good fields of a damaged file, and a write changes only what it is given', () => {
    const dir = join(tmp, 'settings-damaged');
    mkdirSync(dir, { recursive: true });
    const connection = { mode: 'central', display: 'postgres://u@h:5432/epm' };
    // A role an older or newer version wrote, and a key this version does not know.
    const identity = { login: 'u', role: 'retired_role', regions: [], stores: [], checked_at: 'x' };
    writeFileSync(
      settingsPath(dir),
      JSON.stringify({ connection, identity, setupDone: true, language: 'xx', future: 1 }),
    );
    expect(readSettings(dir)).toEqual({
      connection,
      identity: null,
      setupDone: true,
      language: null,
    });
    writeSettings(dir, { language: 'en' });
    expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8'))).toEqual({
      connection,
      identity,
      setupDone: true,
      language: 'en',
      future: 1,
    });
    expect(readSettings(dir).connection).toEqual(connection);

    // Not JSON at all: set aside before the first write replaces it.
    writeFileSync(settingsPath(dir), '{ not json');
    writeSettings(dir, { setupDone: true });
    expect(readFileSync(join(dir, 'settings.damaged.json'), 'utf8')).toBe('{ not json');
    expect(readSettings(dir)).toMatchObject({ setupDone: true, connection: { mode: 'none' } });

    // Not readable right now (here: a folder in its place; elsewhere a lock, a permission): read
    // as the defaults, never written over nor set aside.
    const locked = join(tmp, 'settings-unreadable');
    mkdirSync(settingsPath(locked), { recursive: true });
    expect(readSettings(locked).connection.mode).toBe('none');
    expect(() => writeSettings(locked, { language: 'en' })).toThrow(/cannot read .*not saved/);
    expect(existsSync(join(locked, 'settings.damaged.json'))).toBe(false);
    expect(existsSync(settingsPath(locked))).toBe(true);
  });

  it('encrypts the connection URL with the OS keychain and never writes it in clear', () => {
    const file = join(tmp, 'connection.secret');
    const safe: SafeStorageLike = {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s) => Buffer.from(s.split('').reverse().join(''), 'utf8'),
      decryptString: (b) => b.toString('utf8').split('').reverse().join(''),
    };
    const store = createSafeStorageSecretStore(safe, file, 'linux');
    expect(store.kind).toBe('os');
    store.write('postgres://me:S3cret@h/epm');
    expect(readFileSync(file, 'utf8')).not.toContain('S3cret');
    expect(store.read()).toBe('postgres://me:S3cret@h/epm');
    store.clear();
    expect(existsSync(file)).toBe(false);
    expect(store.read()).toBeNull();
  });

  it('falls back to memory when the OS offers no real encryption', () => {
    const file = join(tmp, 'none.secret');
    const base = { encryptString: () => Buffer.from(''), decryptString: () => '' };
    const unavailable = createSafeStorageSecretStore(
      { ...base, isEncryptionAvailable: () => false },
      file,
      'win32',
    );
    const basicText = createSafeStorageSecretStore(
      { ...base, isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'basic_text' },
      file,
      'linux',
    );
    for (const store of [unavailable, basicText]) {
      expect(store.kind).toBe('memory');
      store.write('postgres://me:pw@h/epm');
      expect(store.read()).toBe('postgres://me:pw@h/epm');
      expect(existsSync(file)).toBe(false);
    }
  });
});

describe('central connection', () => {
  const ctx = (over: Partial<HandlerContext> = {}): HandlerContext => ({
    cachePath: join(tmp, 'c.sqlite'),
    userDataDir: join(tmp, `ud-${Math.random()}`),
    transport: 'harness',
    events: createPushEvents(),
    secrets: createMemorySecretStore(),
    ...over,
  });

  it('shows a URL without its password', () => {
    expect(displayUrl('postgres://jd:s3cr%C3%A9t@db.example:5432/epm?password=x')).toBe(
      'postgres://jd@db.example:5432/epm',
    );
    expect(connectionInfo(ctx({ pgUrl: 'postgres://a:b@h/epm' }))).toEqual({
      mode: 'explicit',
      display: 'postgres://a@h/epm',
    });
  });

  it('says what to do when there is no connection or no stored password', async () => {
    const c = ctx();
    await expect(centralUrl(c)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('Settings'),
    });
    writeSettings(c.userDataDir, {
      connection: { mode: 'central', display: 'postgres://a@h/epm' },
    });
    await expect(centralUrl(c)).rejects.toMatchObject({
      message: expect.stringContaining('password'),
    });
    c.secrets!.write('postgres://a:b@h/epm');
    await expect(centralUrl(c)).resolves.toBe('postgres://a:b@h/epm');
  });
});

describe('periods and trend', () => {
  it('resolves standard and custom periods with their N-1', () => {
    expect(resolvePeriod({ kind: 'month', anchor: '2025-02-14' }, 'calendar')).toEqual({
      range: { from: '2025-02-01', to: '2025-02-28' },
      n1_range: { from: '2024-02-01', to: '2024-02-28' },
      n1: 'calendar',
      in_progress: false,
      to_date: false,
    });
    expect(
      resolvePeriod({ kind: 'custom', from: '2025-01-06', to: '2025-01-12' }, '364').n1_range,
    ).toEqual({
      from: '2024-01-08',
      to: '2024-01-14',
    });
    expect(() =>
      resolvePeriod({ kind: 'custom', from: '2025-02-01', to: '2025-01-01' }, 'calendar'),
    ).toThrow(/before/);
  });

  it('cuts a period in progress at the last day with sales when asked to date', () => {
    const dec8 = '2026-12-08';
    const month = (to_date?: boolean) =>
      resolvePeriod(
        { kind: 'month', anchor: dec8, ...(to_date === undefined ? {} : { to_date }) },
        'calendar',
        dec8,
      );
    // To date: the same eight days a year earlier, not the whole of December 2025.
    expect(month(true)).toEqual({
      range: { from: '2026-12-01', to: dec8 },
      n1_range: { from: '2025-12-01', to: '2025-12-08' },
      n1: 'calendar',
      in_progress: true,
      to_date: true,
    });
    // Not asked (or unticked): the whole month, said to be in progress.
    for (const p of [month(false), month()]) {
      expect(p.range).toEqual({ from: '2026-12-01', to: '2026-12-31' });
      expect([p.in_progress, p.to_date]).toEqual([true, false]);
    }
    // 364-day N-1 follows the cut range.
    expect(
      resolvePeriod({ kind: 'week', anchor: dec8, to_date: true }, '364', '2026-12-09').n1_range,
    ).toEqual({ from: '2025-12-08', to: '2025-12-10' });
    expect(
      resolvePeriod({ kind: 'year', anchor: '2026-03-01', to_date: true }, 'calendar', dec8).range,
    ).toEqual({ from: '2026-01-01', to: dec8 });
    // Not in progress: a past month, a month ending on the last day, a day, custom bounds, no data.
    const notCut = [
      resolvePeriod({ kind: 'month', anchor: '2026-11-08', to_date: true }, 'calendar', dec8),
      resolvePeriod(
        { kind: 'month', anchor: '2026-11-08', to_date: true },
        'calendar',
        '2026-11-30',
      ),
      resolvePeriod({ kind: 'day', anchor: dec8, to_date: true }, 'calendar', dec8),
      resolvePeriod({ kind: 'custom', from: '2026-12-01', to: '2026-12-31' }, 'calendar', dec8),
      resolvePeriod({ kind: 'month', anchor: dec8, to_date: true }, 'calendar', null),
      // The month after the data: nothing to cut (the period holds no data at all).
      resolvePeriod({ kind: 'month', anchor: '2027-01-05', to_date: true }, 'calendar', dec8),
    ];
    expect(notCut.map((p) => [p.in_progress, p.to_date])).toEqual(notCut.map(() => [false, false]));
    expect(notCut[3]!.range).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('anchors on the last day, rather than cuts, a period that ends on its anchor', () => {
    // Stepped two months past the data: still 12 months, ending on the last day with sales.
    const rolling = resolvePeriod(
      { kind: 'rolling12', anchor: '2027-02-15', to_date: true },
      'calendar',
      '2026-12-08',
    );
    expect(rolling.range).toEqual({ from: '2025-12-09', to: '2026-12-08' });
    expect(rolling.n1_range).toEqual({ from: '2024-12-09', to: '2025-12-08' });
    expect([rolling.in_progress, rolling.to_date]).toEqual([true, true]);
    const ytd = resolvePeriod(
      { kind: 'ytd', anchor: '2026-12-20', to_date: true },
      'calendar',
      '2026-12-08',
    );
    expect(ytd.range).toEqual({ from: '2026-01-01', to: '2026-12-08' });
    // Anchored on the last day itself: nothing runs past the data.
    expect(
      resolvePeriod(
        { kind: 'rolling12', anchor: '2026-12-08', to_date: true },
        'calendar',
        '2026-12-08',
      ).in_progress,
    ).toBe(false);
  });

  it('accepts to_date only as a boolean of a standard period', () => {
    const ok = periodSchema.safeParse({ kind: 'month', anchor: '2026-12-08', to_date: true });
    expect(ok.success).toBe(true);
    for (const bad of [
      { kind: 'month', anchor: '2026-12-08', to_date: 'yes' },
      { kind: 'month', anchor: '2026-12-08', to_date: 1 },
      { kind: 'custom', from: '2026-12-01', to: '2026-12-08', to_date: true },
    ]) {
      expect(periodSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('gives the 12 months ending with the period, the last one cut at its end', () => {
    const m = trendMonths({ from: '2025-01-01', to: '2025-06-15' });
    expect(m).toHaveLength(12);
    expect(m[0]).toEqual({ month: '2024-07', range: { from: '2024-07-01', to: '2024-07-31' } });
    expect(m[11]).toEqual({ month: '2025-06', range: { from: '2025-06-01', to: '2025-06-15' } });
  });
});

describe('desktop feedback and files', () => {
  it('drives the taskbar progress during a sync and notifies its end', () => {
    const events = createPushEvents();
    const win = { isDestroyed: () => false, setProgressBar: vi.fn() };
    const notify = vi.fn();
    wireSyncFeedback(events, () => [win], notify);
    events.emit('sync:progress', { jobId: 'j', progress: { percent: 42 } as never });
    expect(win.setProgressBar).toHaveBeenLastCalledWith(0.42);
    events.emit('sync:finished', { jobId: 'j', outcome: 'cancelled' });
    expect(win.setProgressBar).toHaveBeenLastCalledWith(-1);
    expect(notify).toHaveBeenCalledWith('Synchronisation annulée', expect.any(String));
  });

  it('never overwrites an earlier export', () => {
    const dir = mkdtempSync(join(tmp, 'exp-'));
    const a = freePath(dir, 'Consolidation 2025-06-01_2025-06-30', 'xlsx');
    writeFileSync(a, '');
    expect(freePath(dir, 'Consolidation 2025-06-01_2025-06-30', 'xlsx')).toBe(
      join(dir, 'Consolidation 2025-06-01_2025-06-30 (2).xlsx'),
    );
    expect(freePath(dir, 'a/b:c', 'csv')).toBe(join(dir, 'a-b-c.csv'));
  });
});
