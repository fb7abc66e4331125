// The local cache status shown by the status bar and the Synchronisation screen. Refreshed at
// start-up, on demand, and whenever main announces 'cache:changed'.
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type { CacheStatus } from '../../../src-shared/domain/cache';
import { api } from '../ipc/client';

export interface CacheState {
  status: CacheStatus | null;
  error: AppErrorShape | null;
  loading: boolean;
  refresh(): Promise<void>;
}

export const useCacheStore = create<CacheState>()((set, get) => ({
  status: null,
  error: null,
  loading: false,
  refresh: async () => {
    if (get().loading) return;
    set({ loading: true });
    const r = await api.invoke('cache:status');
    set(
      r.ok ? { status: r.value, error: null, loading: false } : { error: r.error, loading: false },
    );
  },
}));

/** True when the cache holds synchronised data (the screens can show figures). */
export function hasLocalData(status: CacheStatus | null): boolean {
  return status !== null && status.exists && status.lastSync !== null;
}
