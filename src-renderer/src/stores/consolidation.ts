// Consolidation view state: the tree of the period, which nodes are expanded, the sort, the
// optional category filter and the column groups shown. Kept across screen changes.
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type { N1Mode } from '../../../src-shared/domain/analytics';
import type { KpiTree } from '../../../src-shared/ipc/dto/analytics';
import type { PeriodInput } from '../../../src-shared/ipc/schemas';
import type { ColumnGroup } from '../features/consolidation/columns';
import type { TreeSort } from '../features/consolidation/tree';
import { errorOf, request } from '../ipc/request';

export interface ConsolidationState {
  tree: KpiTree | null;
  error: AppErrorShape | null;
  loading: boolean;
  expanded: ReadonlySet<string>;
  sort: TreeSort;
  category: string | null;
  groups: Record<ColumnGroup, boolean>;
  load(period: PeriodInput, n1: N1Mode): Promise<void>;
  toggle(key: string): void;
  setExpanded(keys: Iterable<string>): void;
  setSort(sort: TreeSort): void;
  setCategory(code: string | null): void;
  toggleGroup(group: ColumnGroup): void;
}

let seq = 0;

export const useConsolidationStore = create<ConsolidationState>()((set, get) => ({
  tree: null,
  error: null,
  loading: false,
  // The group open on its regions at first.
  expanded: new Set(['group:all']),
  sort: { key: 'ca_ttc', dir: 'desc' },
  category: null,
  groups: { base: true, detail: false, n1: true, target: true },
  load: async (period, n1) => {
    const mine = ++seq;
    set({ loading: true });
    const category = get().category;
    try {
      const tree = await request('kpi:tree', {
        period,
        n1,
        filter: category ? { category } : {},
      });
      if (mine === seq) set({ tree, error: null, loading: false });
    } catch (e) {
      if (mine === seq) set({ error: errorOf(e), loading: false });
    }
  },
  toggle: (key) =>
    set((s) => {
      const next = new Set(s.expanded);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return { expanded: next };
    }),
  setExpanded: (keys) => set({ expanded: new Set(keys) }),
  setSort: (sort) => set({ sort }),
  setCategory: (category) => set({ category }),
  toggleGroup: (group) => set((s) => ({ groups: { ...s.groups, [group]: !s.groups[group] } })),
}));
