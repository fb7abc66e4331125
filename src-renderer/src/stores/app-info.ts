// What main says about itself (version, platform, transport), loaded once at start-up.
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type { AppInfo } from '../../../src-shared/ipc/contract';
import { api } from '../ipc/client';

export interface AppInfoState {
  info: AppInfo | null;
  error: AppErrorShape | null;
  load(): Promise<void>;
}

export const useAppInfoStore = create<AppInfoState>()((set) => ({
  info: null,
  error: null,
  load: async () => {
    const r = await api.invoke('app:info');
    set(r.ok ? { info: r.value, error: null } : { error: r.error });
  },
}));
