// Performance marks read by the end-to-end suite and `npm run bench -- ui`: the time from the
// page's start to the first fully drawn dashboard, and from a period change to its redraw. They
// are also kept on window.__epmPerf for a quick look in the DevTools console.
interface PerfRecord {
  dashboardDrawnMs: number | null;
  periodChanges: number[];
}

declare global {
  interface Window {
    __epmPerf?: PerfRecord;
  }
}

function record(): PerfRecord {
  window.__epmPerf ??= { dashboardDrawnMs: null, periodChanges: [] };
  return window.__epmPerf;
}

let periodChangeStart: number | null = null;

/** The user asked for another period (click, key): the clock starts. */
export function markPeriodChangeStart(): void {
  periodChangeStart = performance.now();
  performance.mark('epm:period-change:start');
}

/** The dashboard shows every figure and chart of its current data. */
export function markDashboardDrawn(): void {
  const r = record();
  const now = performance.now();
  if (r.dashboardDrawnMs === null) {
    r.dashboardDrawnMs = now;
    performance.mark('epm:dashboard-drawn');
  }
  if (periodChangeStart !== null) {
    r.periodChanges.push(now - periodChangeStart);
    performance.measure('epm:period-change', 'epm:period-change:start');
    periodChangeStart = null;
  }
}
