// A period from the UI (standard kind around an anchor, or custom bounds) as engine ranges.
//
// The period in progress (this month, on the 8th) runs past the last day with data: compared
// with complete N-1 dates and a whole period's target it reads as a collapse (−73 % on the 8th).
// Asked "to date" (`to_date`, what the screens ask by default), such a standard period is cut at
// the last day with data, so that N-1 (the same dates a year earlier) and the target (prorated by
// open days) compare like with like. Custom bounds are taken as given.
import type { IsoDate, N1Mode } from '../../../../src-shared/domain/analytics';
import type { ResolvedPeriod } from '../../../../src-shared/ipc/dto/analytics';
import type { PeriodInput } from '../../../../src-shared/ipc/schemas';
import { dateRange, periodContaining, previousYearRange } from '../../analytics/periods';

export function resolvePeriod(
  period: PeriodInput,
  n1: N1Mode,
  /** The last business day with sales in the cache (null: none, or not known). */
  lastDay: IsoDate | null = null,
): ResolvedPeriod {
  if (period.kind === 'custom') {
    const range = dateRange(period.from, period.to);
    return {
      range,
      n1_range: previousYearRange(range, n1),
      n1,
      in_progress: false,
      to_date: false,
    };
  }
  const nominal = periodContaining(period.kind, dateRange(period.anchor, period.anchor).from);
  const inProgress = lastDay !== null && nominal.from <= lastDay && lastDay < nominal.to;
  const toDate = inProgress && period.to_date === true;
  // A calendar period (week, month, quarter, year) is cut at the last day; one that ends on its
  // anchor (year to date, rolling 12 months) is anchored there instead: rolling 12 months with
  // the anchor two months past the data stay 12 months, ending on the last day.
  const range = !toDate
    ? nominal
    : period.kind === 'rolling12' || period.kind === 'ytd'
      ? periodContaining(period.kind, lastDay)
      : { from: nominal.from, to: lastDay };
  return {
    range,
    n1_range: previousYearRange(range, n1),
    n1,
    in_progress: inProgress,
    to_date: toDate,
  };
}
