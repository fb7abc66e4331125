// The session: connection, identity (role and scope, confirmed by the central database and kept
// for offline use) and whether the central server answered lately. The role decides what the
// navigation offers (Import and the laptops list are for administrators).
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type { InvokeChannel } from '../../../src-shared/ipc/contract';
import type { Identity, SessionInfo } from '../../../src-shared/ipc/dto/session';
import { errorOf, onRequestOutcome, request } from '../ipc/request';

/** Channels that talk to the central server: their outcome says whether it is reachable. */
const CENTRAL_CHANNELS: ReadonlySet<InvokeChannel> = new Set<InvokeChannel>([
  'session:identify',
  'sync:start',
  'sync:clients',
  'settings:test-connection',
  'settings:save-connection',
]);

export type CentralState = 'unknown' | 'reachable' | 'unreachable';

export interface SessionState {
  info: SessionInfo | null;
  error: AppErrorShape | null;
  central: CentralState;
  load(): Promise<void>;
  /** Asks the server who we are; silent on failure (the cached identity stays). */
  identify(): Promise<Identity | null>;
  setInfo(info: SessionInfo): void;
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  info: null,
  error: null,
  central: 'unknown',
  load: async () => {
    try {
      set({ info: await request('session:get'), error: null });
    } catch (e) {
      set({ error: errorOf(e) });
    }
  },
  identify: async () => {
    const info = get().info;
    if (!info || info.connection.mode === 'none') return null;
    try {
      const identity = await request('session:identify');
      set((s) => (s.info ? { info: { ...s.info, identity } } : {}));
      return identity;
    } catch {
      return null;
    }
  },
  setInfo: (info) => set({ info }),
}));

onRequestOutcome((channel, ok, error) => {
  if (!CENTRAL_CHANNELS.has(channel)) return;
  if (ok) useSessionStore.setState({ central: 'reachable' });
  else if (error?.code === 'UNAVAILABLE') useSessionStore.setState({ central: 'unreachable' });
});

export function isAdmin(info: SessionInfo | null): boolean {
  return info?.identity?.role === 'admin';
}
