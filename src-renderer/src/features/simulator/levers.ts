// Lever helpers for the editor: a sensible new lever of each type, the issues of one lever, and
// a one-line summary in the user's words. Pure (unit tested).
import type { Lever, LeverType, ScenarioIssue } from '../../../../src-shared/domain/scenario';
import type { DimensionsData } from '../../../../src-shared/ipc/dto/analytics';

export function newLever(
  type: LeverType,
  dims: DimensionsData,
  baseline: { from: string; to: string },
): Lever {
  const store = dims.stores[0];
  const region = dims.regions[0];
  // A date inside the baseline: its middle month's first day.
  const mid = new Date((Date.parse(baseline.from) + Date.parse(baseline.to)) / 2);
  const from =
    `${mid.toISOString().slice(0, 7)}-01` < baseline.from
      ? baseline.from
      : `${mid.toISOString().slice(0, 7)}-01`;
  switch (type) {
    case 'scope':
      return { type: 'scope', scope: {}, price_pct: 0, volume_pct: 0, cost_pct: 0 };
    case 'close_store':
      return { type: 'close_store', store: store?.id ?? 1, from, transfer_pct: 0.3 };
    case 'open_store':
      return {
        type: 'open_store',
        like_store: store?.id ?? 1,
        region: region?.code ?? '',
        from,
        size_factor: 1,
        ramp_up_months: 6,
        cannibalisation_pct: 0.05,
      };
    case 'target':
      return { type: 'target', scope: {}, objectif_pct: 0.05 };
  }
}

/** The issues of lever `index`, with paths relative to it ("price_pct", "scope.region"). */
export function leverIssues(issues: ScenarioIssue[], index: number): ScenarioIssue[] {
  const prefix = `levers[${index}]`;
  return issues
    .filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`))
    .map((i) => ({ ...i, path: i.path.slice(prefix.length + 1) }));
}

/** Percent value of a fraction for a slider (0.05 → 5), rounded to the slider's step. */
export function toPercent(fraction: number | undefined, step = 0.5): number {
  return Math.round(((fraction ?? 0) * 100) / step) * step;
}

export function fromPercent(percent: number): number {
  return Math.round(percent * 100) / 10_000;
}
