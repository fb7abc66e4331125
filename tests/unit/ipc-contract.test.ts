// The contract and the preload bridge derived from it.
import { describe, expect, it, vi } from 'vitest';
import {
  EVENT_NAMES,
  INVOKE_CHANNELS,
  eventContract,
  invokeContract,
  isEventName,
  isInvokeChannel,
} from '../../src-shared/ipc/contract';
import { SCREENS } from '../../src-shared/ipc/screens';
import { handlers } from '../../src-main/core/ipc/handlers';
import { createBridge, type IpcRendererLike } from '../../src-preload/bridge';

function fakeIpc() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, input?: unknown) => ({
      ok: true,
      value: { channel, input },
    })),
    on: vi.fn((channel: string, l: (event: unknown, ...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(l);
    }),
    removeListener: vi.fn((channel: string, l: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(l);
    }),
  } satisfies IpcRendererLike;
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'the-ipcRenderer' }, payload);
  };
  return { ipc, emit, listeners };
}

describe('contract', () => {
  it('derives the allow-lists from the contract maps', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(invokeContract).sort());
    // The whole surface the renderer can reach, spelled out: a new channel is a visible change.
    expect([...INVOKE_CHANNELS].sort()).toEqual([
      'analysis:abc',
      'analysis:pvm',
      'analysis:quality',
      'analysis:ranking',
      'analysis:seasonality',
      'app:info',
      'cache:status',
      'dimensions:get',
      'drill:lines',
      'drill:receipts',
      'export:cancel',
      'export:reveal',
      'export:start',
      'export:templates',
      'import:cancel',
      'import:pick-file',
      'import:start',
      'kpi:dashboard',
      'kpi:query',
      'kpi:tree',
      'period:resolve',
      'scenario:clone',
      'scenario:compare',
      'scenario:delete',
      'scenario:get',
      'scenario:list',
      'scenario:rename',
      'scenario:save',
      'session:get',
      'session:identify',
      'settings:forget-connection',
      'settings:save-connection',
      'settings:set-language',
      'settings:skip-setup',
      'settings:test-connection',
      'setup:demo',
      'sync:cancel',
      'sync:clients',
      'sync:history',
      'sync:start',
      'sync:state',
      'whatif:close',
      'whatif:compute',
      'whatif:open',
      'whatif:remove-lever',
      'whatif:rows',
      'whatif:update-lever',
      'whatif:validate',
    ]);
    expect([...EVENT_NAMES].sort()).toEqual([
      'app:navigate',
      'cache:changed',
      'export:finished',
      'export:progress',
      'import:finished',
      'import:progress',
      'session:changed',
      'setup:finished',
      'setup:progress',
      'sync:finished',
      'sync:progress',
    ]);
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(eventContract).sort());
    expect(Object.isFrozen(INVOKE_CHANNELS)).toBe(true);
  });

  it('has exactly one handler per channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('recognises only its own names (no prototype keys)', () => {
    expect(isInvokeChannel('app:info')).toBe(true);
    expect(isInvokeChannel('toString')).toBe(false);
    expect(isInvokeChannel('__proto__')).toBe(false);
    expect(isEventName('app:navigate')).toBe(true);
    expect(isEventName('hasOwnProperty')).toBe(false);
  });

  it('validates navigation payloads against the screen list', () => {
    for (const screen of SCREENS)
      expect(eventContract['app:navigate'].safeParse({ screen }).success).toBe(true);
    expect(eventContract['app:navigate'].safeParse({ screen: 'admin' }).success).toBe(false);
  });
});

describe('preload bridge', () => {
  it('forwards exactly the contract channels and refuses others without calling main', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    for (const channel of INVOKE_CHANNELS) {
      expect(await bridge.invoke(channel)).toEqual({
        ok: true,
        value: { channel, input: undefined },
      });
    }
    expect(ipc.invoke).toHaveBeenCalledTimes(INVOKE_CHANNELS.length);
    for (const bad of ['cache:drop', 'toString', '', 'app:info ']) {
      // @ts-expect-error: a page could call anything
      const r = await bridge.invoke(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
    expect(ipc.invoke).toHaveBeenCalledTimes(INVOKE_CHANNELS.length);
  });

  it('turns a transport rejection into an INTERNAL result', async () => {
    const { ipc } = fakeIpc();
    ipc.invoke.mockRejectedValueOnce(new Error('No handler registered'));
    const r = await createBridge(ipc).invoke('app:info');
    expect(r).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: "IPC 'app:info' failed in transit" },
    });
  });

  it('subscribes only to contract events and never hands out the IPC event object', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = createBridge(ipc);
    const received: unknown[][] = [];
    const off = bridge.on('app:navigate', (...args: unknown[]) => received.push(args));
    emit('app:navigate', { screen: 'sync' });
    expect(received).toEqual([[{ screen: 'sync' }]]);
    off();
    expect(listeners.get('app:navigate')?.size).toBe(0);
    // @ts-expect-error: unknown event
    expect(() => bridge.on('ipc:raw', () => {})).toThrow(TypeError);
    expect(ipc.on).toHaveBeenCalledTimes(1);
  });

  it('exposes only invoke and on', () => {
    expect(Object.keys(createBridge(fakeIpc().ipc)).sort()).toEqual(['invoke', 'on']);
  });
});
