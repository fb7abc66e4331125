// The period the analytical screens show, shared by all of them (a controller who picked May on
// the dashboard expects May in Consolidation). The anchor defaults to the last day with data,
// and a period still in progress is shown to date by default (main cuts it at the last day with
// data: see src-main/core/ipc/queries/period.ts).
import { create } from 'zustand';
import type { N1Mode, PeriodKind } from '../../../src-shared/domain/analytics';
import type { PeriodInput } from '../../../src-shared/ipc/schemas';

export interface PeriodState {
  kind: PeriodKind;
  /** null until the dimensions say where the data ends. */
  anchor: string | null;
  custom: { from: string; to: string } | null;
  n1: N1Mode;
  /** A standard period in progress stops at the last day with data. */
  toDate: boolean;
  setKind(kind: PeriodKind): void;
  setAnchor(anchor: string): void;
  setCustom(range: { from: string; to: string }): void;
  setN1(n1: N1Mode): void;
  setToDate(toDate: boolean): void;
  /** Sets the anchor only if none is set yet (first load of the dimensions). */
  initAnchor(day: string): void;
}

export const usePeriodStore = create<PeriodState>()((set) => ({
  kind: 'month',
  anchor: null,
  custom: null,
  n1: 'calendar',
  toDate: true,
  setKind: (kind) =>
    set((s) => ({
      kind,
      custom:
        kind === 'custom' && !s.custom && s.anchor ? { from: s.anchor, to: s.anchor } : s.custom,
    })),
  setAnchor: (anchor) => set({ anchor }),
  setCustom: (custom) => set({ custom, kind: 'custom' }),
  setN1: (n1) => set({ n1 }),
  setToDate: (toDate) => set({ toDate }),
  initAnchor: (day) => set((s) => (s.anchor ? s : { anchor: day })),
}));

/** The period as the IPC expects it, or null while it is not known yet. */
export function periodInputOf(
  s: Pick<PeriodState, 'kind' | 'anchor' | 'custom' | 'toDate'>,
): PeriodInput | null {
  if (s.kind === 'custom') return s.custom ? { kind: 'custom', ...s.custom } : null;
  return s.anchor ? { kind: s.kind, anchor: s.anchor, to_date: s.toDate } : null;
}

/**
 * The shared period as the IPC expects it (null while not known) and its N-1 mode: what every
 * analytical screen sends, so that a field added to the period reaches all of them.
 */
export function usePeriodInput(): { input: PeriodInput | null; n1: N1Mode } {
  const { kind, anchor, custom, toDate, n1 } = usePeriodStore();
  return { input: periodInputOf({ kind, anchor, custom, toDate }), n1 };
}
