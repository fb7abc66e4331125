// The dashboard's data for the current period. The latest request wins: a quick succession of
// period changes never shows an older answer after a newer one.
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type { N1Mode } from '../../../src-shared/domain/analytics';
import type { DashboardData } from '../../../src-shared/ipc/dto/analytics';
import type { PeriodInput } from '../../../src-shared/ipc/schemas';
import { errorOf, request } from '../ipc/request';

export interface DashboardState {
  data: DashboardData | null;
  error: AppErrorShape | null;
  loading: boolean;
  load(period: PeriodInput, n1: N1Mode): Promise<void>;
}

let seq = 0;

export const useDashboardStore = create<DashboardState>()((set) => ({
  data: null,
  error: null,
  loading: false,
  load: async (period, n1) => {
    const mine = ++seq;
    set({ loading: true });
    try {
      const data = await request('kpi:dashboard', { period, n1 });
      if (mine === seq) set({ data, error: null, loading: false });
    } catch (e) {
      if (mine === seq) set({ error: errorOf(e), loading: false });
    }
  },
}));
