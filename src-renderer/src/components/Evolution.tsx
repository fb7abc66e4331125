// A growth rate in a table cell: a fall in red, as a controller marks it on paper (a rise stays
// plain: a column of green would shout). The KPI cards colour both ways (KpiCard).
import { formatEvolution } from '../i18n/format';
import { directionOf } from './KpiCard';

export function Evolution({ value, locale }: { value: number | null; locale: string }) {
  const text = formatEvolution(value, locale);
  return directionOf(value) === 'down' ? <span className="evol-down">{text}</span> : <>{text}</>;
}
