// Saved scenarios: open, delete, and pick two to four to compare side by side (group figures
// against the shared baseline, and a chart of the revenue and margin changes).
import { useMemo, useState } from 'react';
import type { WhatIfMeasure } from '../../../../src-shared/domain/scenario';
import { compareOption } from '../../charts/compare';
import { chartTheme } from '../../charts/types';
import { ChartPanel } from '../../components/ChartPanel';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT, type MessageKey } from '../../i18n';
import { formatDateTime, formatEvolution, formatPoints, formatRange } from '../../i18n/format';
import { useSimulatorStore } from '../../stores/simulator';
import { useViewStore } from '../../stores/view';
import { formatMeasure } from './ScenarioResults';

const ROWS: { key: WhatIfMeasure; kind: 'money' | 'ratio' | 'count' | 'money2' }[] = [
  { key: 'ca_ttc', kind: 'money' },
  { key: 'marge', kind: 'money' },
  { key: 'taux_marge', kind: 'ratio' },
  { key: 'tickets', kind: 'count' },
  { key: 'panier_moyen', kind: 'money2' },
  { key: 'atteinte', kind: 'ratio' },
];

export function ComparePanel({ locale }: { locale: string }) {
  const t = useT();
  const mode = useViewStore((s) => s.theme);
  const s = useSimulatorStore();
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (name: string) =>
    setPicked((p) => (p.includes(name) ? p.filter((n) => n !== name) : [...p, name].slice(-4)));
  const group = s.comparison?.rows.find((r) => r.level === 'group');
  const option = useMemo(
    () =>
      group
        ? compareOption(
            {
              scenarios: group.scenarios.map((x) => ({
                name: x.name,
                deltaCa: x.delta.ca_ttc ?? 0,
                deltaMarge: x.delta.marge ?? 0,
              })),
              labels: { ca: t('whatif.deltaCa'), marge: t('whatif.deltaMarge') },
            },
            chartTheme(mode, locale),
          )
        : null,
    [group, mode, locale, t],
  );

  return (
    <section className="card" aria-labelledby="saved-title" data-testid="saved-scenarios">
      <h2 id="saved-title" className="card-title">
        {t('whatif.saved')}
      </h2>
      {s.saved.length === 0 ? (
        <p className="muted">{t('whatif.noSaved')}</p>
      ) : (
        <table className="grid-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">{t('whatif.pick')}</span>
              </th>
              <th scope="col">{t('col.name')}</th>
              <th scope="col">{t('whatif.baselinePeriod')}</th>
              <th scope="col" className="num">
                {t('whatif.leverCount')}
              </th>
              <th scope="col">{t('whatif.updated')}</th>
              <th scope="col">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {s.saved.map((x) => (
              <tr key={x.id}>
                <td>
                  <input
                    type="checkbox"
                    checked={picked.includes(x.name)}
                    onChange={() => toggle(x.name)}
                    aria-label={t('whatif.pickOne', { name: x.name })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void s.openSaved(x.name)}
                  >
                    {x.name}
                  </button>
                </td>
                <td>{formatRange(x.baseline, locale)}</td>
                <td className="num">{x.levers}</td>
                <td>{formatDateTime(x.updated_at, locale)}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    onClick={() => void s.remove(x.name)}
                    aria-label={t('whatif.deleteOne', { name: x.name })}
                  >
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={picked.length < 2 || s.comparing}
          onClick={() => void s.compare(picked)}
          data-testid="compare-button"
        >
          {t('whatif.compare', { n: picked.length })}
        </button>
        <span className="muted small" role="status">
          {s.comparing ? t('whatif.comparing') : t('whatif.compareHint')}
        </span>
      </div>
      {s.compareError ? <ErrorNotice error={s.compareError} /> : null}
      {group && option ? (
        <div className="compare" data-testid="comparison">
          <div className="table-wrap">
            <table className="grid-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.measure')}</th>
                  <th scope="col" className="num">
                    {t('whatif.base')}
                  </th>
                  {group.scenarios.map((x) => (
                    <th key={x.name} scope="col" className="num">
                      {x.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ROWS.map((m) => (
                  <tr key={m.key}>
                    <th scope="row">{t(`kpi.${m.key}` as MessageKey)}</th>
                    <td className="num">{formatMeasure(m.kind, group.base[m.key], locale)}</td>
                    {group.scenarios.map((x) => (
                      <td key={x.name} className="num" data-testid={`compare-${m.key}`}>
                        {formatMeasure(m.kind, x.scen[m.key], locale)}
                        <span className="muted small">
                          {' '}
                          (
                          {m.kind === 'ratio'
                            ? formatPoints(x.delta[m.key], locale)
                            : formatEvolution(x.delta_pct[m.key], locale)}
                          )
                        </span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ChartPanel
            title={t('whatif.compareChart')}
            option={option}
            height={240}
            table={
              <table className="grid-table">
                <thead>
                  <tr>
                    <th scope="col">{t('col.name')}</th>
                    <th scope="col" className="num">
                      {t('whatif.deltaCa')}
                    </th>
                    <th scope="col" className="num">
                      {t('whatif.deltaMarge')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {group.scenarios.map((x) => (
                    <tr key={x.name}>
                      <th scope="row">{x.name}</th>
                      <td className="num">{formatMeasure('money', x.delta.ca_ttc, locale)}</td>
                      <td className="num">{formatMeasure('money', x.delta.marge, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        </div>
      ) : null}
    </section>
  );
}
