// The drill-down drawer: a stack of steps from a figure to the rows behind it — the group's
// regions, a region's stores, a node's receipts, a receipt's lines. Opened from any screen with
// the period (and filter) of the figure clicked.
import { create } from 'zustand';
import type {
  DateRange,
  KpiLevel,
  N1Mode,
  ScopeFilter,
} from '../../../src-shared/domain/analytics';

export type DrillStep =
  | { kind: 'node'; level: 'group' | 'region'; id: number | null; code: string | null; nom: string }
  | { kind: 'receipts'; level: KpiLevel; id: number | null; nom: string }
  | { kind: 'lines'; venteId: number; nom: string };

export interface DrillState {
  open: boolean;
  range: DateRange | null;
  n1: N1Mode;
  filter: ScopeFilter;
  stack: DrillStep[];
  openAt(step: DrillStep, range: DateRange, n1: N1Mode, filter?: ScopeFilter): void;
  push(step: DrillStep): void;
  popTo(index: number): void;
  close(): void;
}

export const useDrillStore = create<DrillState>()((set) => ({
  open: false,
  range: null,
  n1: 'calendar',
  filter: {},
  stack: [],
  openAt: (step, range, n1, filter = {}) => set({ open: true, range, n1, filter, stack: [step] }),
  push: (step) => set((s) => ({ stack: [...s.stack, step] })),
  popTo: (index) => set((s) => ({ stack: s.stack.slice(0, index + 1) })),
  close: () => set({ open: false, stack: [] }),
}));

/** The step a row of a KPI table drills into: a region's stores, a store's receipts. */
export function stepForRow(row: {
  level: KpiLevel;
  id: number | null;
  code: string | null;
  nom: string;
}): DrillStep {
  if (row.level === 'store') return { kind: 'receipts', level: 'store', id: row.id, nom: row.nom };
  return { kind: 'node', level: row.level, id: row.id, code: row.code, nom: row.nom };
}
