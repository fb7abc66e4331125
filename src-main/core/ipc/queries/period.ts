// A period from the UI (standard kind around an anchor, or custom bounds) as engine ranges.
import type { N1Mode } from '../../../../src-shared/domain/analytics';
import type { ResolvedPeriod } from '../../../../src-shared/ipc/dto/analytics';
import type { PeriodInput } from '../../../../src-shared/ipc/schemas';
import { dateRange, periodContaining, previousYearRange } from '../../analytics/periods';

export function resolvePeriod(period: PeriodInput, n1: N1Mode): ResolvedPeriod {
  const range =
    period.kind === 'custom'
      ? dateRange(period.from, period.to)
      : periodContaining(period.kind, dateRange(period.anchor, period.anchor).from);
  return { range, n1_range: previousYearRange(range, n1), n1 };
}
