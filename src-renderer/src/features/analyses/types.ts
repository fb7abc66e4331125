import type { DateRange, N1Mode } from '../../../../src-shared/domain/analytics';

export interface TabProps {
  range: DateRange;
  n1Range: DateRange;
  n1: N1Mode;
  locale: string;
}
