// The bridge the preload exposes as window.epm. Pure: it receives the ipcRenderer-like object,
// so tests check the allow-list without Electron. Names are checked against the contract before
// anything reaches main, and listeners never see the IpcRendererEvent (its `sender` would hand
// the page ipcRenderer itself).
import type { Result } from '../src-shared/errors';
import {
  isEventName,
  isInvokeChannel,
  type EpmBridge,
  type EventName,
  type EventPayload,
  type InvokeChannel,
} from '../src-shared/ipc/contract';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: IpcRendererLike): EpmBridge {
  const invoke = async (channel: InvokeChannel, input?: unknown): Promise<Result<unknown>> => {
    if (!isInvokeChannel(channel)) {
      return {
        ok: false,
        error: {
          code: 'VALIDATION',
          message: `unknown IPC channel '${String(channel).slice(0, 80)}'`,
        },
      };
    }
    try {
      return (await ipc.invoke(channel, input)) as Result<unknown>;
    } catch {
      // ipcRenderer.invoke only rejects when main has no handler or the call was torn down.
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `IPC '${channel}' failed in transit` },
      };
    }
  };
  const on = <E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`unknown event '${String(event).slice(0, 80)}'`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const wrapped = (_event: unknown, payload: unknown): void =>
      listener(payload as EventPayload<E>);
    ipc.on(event, wrapped);
    return () => {
      ipc.removeListener(event, wrapped);
    };
  };
  return { invoke: invoke as EpmBridge['invoke'], on };
}
