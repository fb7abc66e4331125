// Rapports: every Excel export of the engine, for the current period (or saved scenarios), with
// its progress, cancel, and the produced file.
import { useEffect, useState } from 'react';
import type { RankingMeasure } from '../../../../src-shared/domain/analytics';
import type { ExportReportName, ExportTemplateDto } from '../../../../src-shared/ipc/dto/jobs';
import { PeriodPicker } from '../../components/PeriodPicker';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT, type MessageKey } from '../../i18n';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import { useDimensionsStore } from '../../stores/dimensions';
import { useExportStore } from '../../stores/exports';
import { usePeriodInput, usePeriodStore } from '../../stores/period';
import { useSimulatorStore } from '../../stores/simulator';
import { dataGate } from '../NoLocalData';
import { ExportStatus } from './ExportStatus';

const MEASURES: RankingMeasure[] = ['ca_ttc', 'marge', 'evol_n1', 'tickets'];

function ReportCard({
  tpl,
  range,
}: {
  tpl: ExportTemplateDto;
  range: { from: string; to: string } | null;
}) {
  const t = useT();
  const start = useExportStore((s) => s.start);
  const n1 = usePeriodStore((s) => s.n1);
  const saved = useSimulatorStore((s) => s.saved);
  const job = useExportStore((s) => s.jobs[tpl.report]);
  const [level, setLevel] = useState<'store' | 'region'>('store');
  const [measure, setMeasure] = useState<RankingMeasure>('ca_ttc');
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [scenarios, setScenarios] = useState<string[]>([]);
  const running = job?.status === 'starting' || job?.status === 'running';
  const ready = tpl.needs === 'period' ? range !== null : scenarios.length > 0;
  const r: ExportReportName = tpl.report;
  const go = () =>
    void start({
      report: r,
      format,
      n1,
      ...(tpl.needs === 'period' && range ? { range } : {}),
      ...(r === 'consolidation' ? { level } : {}),
      ...(r === 'ranking' ? { measure } : {}),
      ...(r === 'whatif' ? { scenarios } : {}),
    });
  return (
    <section
      className="card report-card"
      aria-labelledby={`report-${r}`}
      data-testid={`report-${r}`}
    >
      <h2 id={`report-${r}`} className="card-title">
        {t(`report.${r}` as MessageKey)}
      </h2>
      <p className="muted">{t(`report.${r}.body` as MessageKey)}</p>
      <div className="field-row">
        {r === 'consolidation' ? (
          <label className="field">
            <span>{t('report.level')}</span>
            <select value={level} onChange={(e) => setLevel(e.target.value as 'store' | 'region')}>
              <option value="store">{t('report.level.store')}</option>
              <option value="region">{t('report.level.region')}</option>
            </select>
          </label>
        ) : null}
        {r === 'ranking' ? (
          <label className="field">
            <span>{t('report.measure')}</span>
            <select value={measure} onChange={(e) => setMeasure(e.target.value as RankingMeasure)}>
              {MEASURES.map((m) => (
                <option key={m} value={m}>
                  {t(`kpi.${m}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {tpl.formats.length > 1 ? (
          <label className="field">
            <span>{t('report.format')}</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as 'xlsx' | 'csv')}>
              {tpl.formats.map((f) => (
                <option key={f} value={f}>
                  {f === 'xlsx' ? 'Excel (.xlsx)' : 'CSV (;)'}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {r === 'whatif' ? (
          <fieldset className="checks">
            <legend>{t('report.scenarios')}</legend>
            {saved.length === 0 ? <span className="muted small">{t('whatif.noSaved')}</span> : null}
            {saved.map((s) => (
              <label key={s.id} className="check">
                <input
                  type="checkbox"
                  checked={scenarios.includes(s.name)}
                  onChange={() =>
                    setScenarios((x) =>
                      x.includes(s.name) ? x.filter((n) => n !== s.name) : [...x, s.name].slice(-4),
                    )
                  }
                />
                {s.name}
              </label>
            ))}
          </fieldset>
        ) : null}
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!ready || running}
          onClick={go}
          data-testid={`export-${r}`}
        >
          {t('common.export')}
        </button>
      </div>
      <ExportStatus report={r} />
    </section>
  );
}

export function ReportsScreen() {
  const t = useT();
  const dims = useDimensionsStore();
  const { input, n1 } = usePeriodInput();
  const key = input ? JSON.stringify([input, n1]) : null;
  const resolved = useRequest(key, () => request('period:resolve', { period: input!, n1 }));
  const templates = useRequest('templates', () => request('export:templates'));
  const loadSaved = useSimulatorStore((s) => s.loadSaved);
  useEffect(() => {
    void loadSaved();
  }, [loadSaved]);
  const gate = dataGate(dims);
  if (gate) {
    return (
      <>
        <ScreenHeader title={t('screen.reports')} intro={t('screen.reports.intro')} />
        {gate}
      </>
    );
  }
  return (
    <>
      <ScreenHeader title={t('screen.reports')} intro={t('screen.reports.intro')} />
      <div className="toolbar">
        <PeriodPicker resolved={resolved.data} bounds={dims.data?.bounds} />
      </div>
      <div className="grid-2">
        {templates.data?.map((tpl) => (
          <ReportCard key={tpl.report} tpl={tpl} range={resolved.data?.range ?? null} />
        ))}
      </div>
    </>
  );
}
