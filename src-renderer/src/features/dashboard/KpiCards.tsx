// The eight KPI cards of the scope: revenue, margin, margin rate, tickets, average basket,
// target attainment, N-1 and like-for-like growth. Each opens the drill-down of the scope.
import type { KpiRow } from '../../../../src-shared/domain/analytics';
import { directionOf, KpiCard } from '../../components/KpiCard';
import { useT } from '../../i18n';
import {
  formatEuros,
  formatEurosRound,
  formatEvolution,
  formatInteger,
  formatRatio,
} from '../../i18n/format';

export function KpiCards({
  row,
  locale,
  onDrill,
}: {
  row: KpiRow;
  locale: string;
  onDrill(): void;
}) {
  const t = useT();
  const evol = (v: number | null) => ({
    text: formatEvolution(v, locale),
    direction: directionOf(v),
  });
  const action = t('drill.action');
  return (
    <div className="kpi-grid" data-testid="kpi-cards">
      <KpiCard
        testId="kpi-ca"
        label={t('kpi.ca_ttc')}
        value={formatEurosRound(row.ca_ttc, locale)}
        evolution={evol(row.evol_n1)}
        sub={t('kpi.vsN1', { value: formatEurosRound(row.ca_ttc_n1, locale) })}
        onActivate={onDrill}
        actionLabel={action}
      />
      <KpiCard
        testId="kpi-marge"
        label={t('kpi.marge')}
        value={formatEurosRound(row.marge, locale)}
        sub={t('kpi.caHt', { value: formatEurosRound(row.ca_ht, locale) })}
        onActivate={onDrill}
        actionLabel={action}
      />
      <KpiCard
        testId="kpi-taux-marge"
        label={t('kpi.taux_marge')}
        value={formatRatio(row.taux_marge, locale)}
        sub={t('kpi.coutOf', { value: formatEurosRound(row.cout, locale) })}
        onActivate={onDrill}
        actionLabel={action}
      />
      <KpiCard
        testId="kpi-tickets"
        label={t('kpi.tickets')}
        value={formatInteger(row.tickets, locale)}
        sub={t('kpi.unitsOf', { value: formatInteger(row.unites, locale) })}
        onActivate={onDrill}
        actionLabel={action}
      />
      <KpiCard
        testId="kpi-panier"
        label={t('kpi.panier_moyen')}
        value={row.panier_moyen === null ? '—' : formatEuros(row.panier_moyen, locale)}
        sub={t('kpi.uptOf', {
          value:
            row.upt === null ? '—' : row.upt.toLocaleString(locale, { maximumFractionDigits: 2 }),
        })}
        onActivate={onDrill}
        actionLabel={action}
      />
      <KpiCard
        testId="kpi-atteinte"
        label={t('kpi.atteinte')}
        value={formatRatio(row.atteinte, locale)}
        sub={t('kpi.targetOf', { value: formatEurosRound(row.objectif, locale) })}
        onActivate={onDrill}
        actionLabel={action}
      />
      <KpiCard
        testId="kpi-evol-n1"
        label={t('kpi.evol_n1')}
        value={formatEvolution(row.evol_n1, locale)}
        sub={t('kpi.n1Of', { value: formatEurosRound(row.ca_ttc_n1, locale) })}
        onActivate={onDrill}
        actionLabel={action}
      />
      <KpiCard
        testId="kpi-evol-lfl"
        label={t('kpi.evol_lfl')}
        value={formatEvolution(row.evol_lfl, locale)}
        sub={t('kpi.lflHint')}
        onActivate={onDrill}
        actionLabel={action}
      />
    </div>
  );
}
