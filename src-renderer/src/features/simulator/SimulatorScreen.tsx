// Simulateur what-if: a scenario's levers on the left, its results against the baseline on the
// right (recomputed live while a slider moves), saved scenarios and their comparison below.
import { useEffect, useState } from 'react';
import type { LeverType } from '../../../../src-shared/domain/scenario';
import { DayField } from '../../components/DayField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT, type MessageKey } from '../../i18n';
import { formatDecimal, formatDuration, localeOf } from '../../i18n/format';
import { addDays, addMonths, isIsoDay } from '../../lib/dates';
import { useDimensionsStore } from '../../stores/dimensions';
import { useExportStore } from '../../stores/exports';
import { useSimulatorStore } from '../../stores/simulator';
import { useViewStore } from '../../stores/view';
import { dataGate } from '../NoLocalData';
import { ExportStatus } from '../reports/ExportStatus';
import { ComparePanel } from './ComparePanel';
import { LeverEditor } from './LeverEditor';
import { leverIssues, newLever } from './levers';
import { NameDialog } from './NameDialog';
import { ScenarioResults } from './ScenarioResults';

const TYPES: LeverType[] = ['scope', 'close_store', 'open_store', 'target'];

function freeName(base: string, taken: string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) if (!lower.has(`${base} ${i}`.toLowerCase())) return `${base} ${i}`;
}

export function SimulatorScreen() {
  const t = useT();
  const locale = localeOf(useViewStore((s) => s.language));
  const dims = useDimensionsStore();
  const s = useSimulatorStore();
  const startExport = useExportStore((x) => x.start);
  const [dialog, setDialog] = useState<'clone' | 'rename' | null>(null);
  const { loadSaved, open, sessionId } = s;
  const bounds = dims.data?.bounds;

  const fresh = () => {
    if (!bounds) return;
    const to = bounds.last_day;
    const from = addDays(addMonths(to, -12), 1);
    void open({
      name: freeName(
        t('whatif.defaultName'),
        useSimulatorStore.getState().saved.map((x) => x.name),
      ),
      baseline: { from, to },
      levers: [],
    });
  };

  useEffect(() => {
    void loadSaved();
  }, [loadSaved]);
  useEffect(() => {
    if (!sessionId && bounds) fresh();
    // Open a first scenario once the data bounds are known.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId, bounds]);

  const gate = dataGate(dims);
  if (gate) {
    return (
      <>
        <ScreenHeader title={t('screen.simulator')} intro={t('screen.simulator.intro')} />
        {gate}
      </>
    );
  }

  const rows = [...s.rows.values()];
  const scenario = s.scenario();
  const reopen = (baseline: { from: string; to: string }) =>
    scenario &&
    isIsoDay(baseline.from) &&
    isIsoDay(baseline.to) &&
    void open({ ...scenario, baseline }, s.savedAs);

  return (
    <>
      <ScreenHeader
        title={t('screen.simulator')}
        intro={t('screen.simulator.intro')}
        actions={
          <>
            <button type="button" className="button" onClick={fresh} disabled={!bounds}>
              {t('whatif.new')}
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void s.save()}
              disabled={!scenario || s.busy || s.opening}
              data-testid="scenario-save"
            >
              {t('common.save')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setDialog('clone')}
              disabled={!s.savedAs}
            >
              {t('whatif.clone')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setDialog('rename')}
              disabled={!s.savedAs}
            >
              {t('whatif.rename')}
            </button>
            <button
              type="button"
              className="button"
              disabled={!s.savedAs || s.dirty}
              title={s.dirty ? t('whatif.saveFirst') : undefined}
              onClick={() =>
                s.savedAs && void startExport({ report: 'whatif', scenarios: [s.savedAs] })
              }
            >
              {t('common.export')}
            </button>
          </>
        }
      />
      {s.error ? <ErrorNotice error={s.error} /> : null}
      <ExportStatus report="whatif" />
      {scenario && dims.data ? (
        <div className="simulator">
          <section className="card levers-card" aria-labelledby="levers-title">
            <h2 id="levers-title" className="card-title">
              {t('whatif.scenario')}
            </h2>
            {/* While a baseline loads (seconds on a large cache), edits would go to the session
                being replaced: the editor waits with it. */}
            <fieldset className="fieldset-plain" disabled={s.opening} data-testid="scenario-editor">
              <div className="form">
                <label className="field">
                  <span>{t('col.name')}</span>
                  <input
                    value={s.name}
                    onChange={(e) => s.setName(e.target.value)}
                    maxLength={200}
                    data-testid="scenario-name"
                  />
                </label>
                <div className="field-row">
                  <label className="field">
                    <span>{t('whatif.baselineFrom')}</span>
                    <DayField
                      value={scenario.baseline.from}
                      min={bounds?.first_day}
                      max={scenario.baseline.to}
                      testId="baseline-from"
                      onCommit={(from) => reopen({ ...scenario.baseline, from })}
                    />
                  </label>
                  <label className="field">
                    <span>{t('whatif.baselineTo')}</span>
                    <DayField
                      value={scenario.baseline.to}
                      min={scenario.baseline.from}
                      max={bounds?.last_day}
                      testId="baseline-to"
                      onCommit={(to) => reopen({ ...scenario.baseline, to })}
                    />
                  </label>
                </div>
              </div>
              <h3 className="card-subtitle">{t('whatif.levers')}</h3>
              {s.levers.length === 0 ? <p className="muted small">{t('whatif.noLever')}</p> : null}
              {s.levers.map((l, i) => (
                <LeverEditor
                  key={i}
                  index={i}
                  lever={l}
                  dims={dims.data!}
                  baseline={scenario.baseline}
                  issues={leverIssues(s.issues, i)}
                  locale={locale}
                  onChange={(lever) => s.editLever(i, lever)}
                  onRemove={() => void s.removeLever(i)}
                />
              ))}
              <div className="add-lever" role="group" aria-label={t('whatif.addLever')}>
                {TYPES.map((type) => (
                  <button
                    key={type}
                    type="button"
                    className="button button-small"
                    onClick={() =>
                      s.editLever(s.levers.length, newLever(type, dims.data!, scenario.baseline))
                    }
                    data-testid={`add-lever-${type}`}
                  >
                    + {t(`lever.type.${type}` as MessageKey)}
                  </button>
                ))}
              </div>
            </fieldset>
            <p className="muted small" role="status" data-testid="whatif-status">
              {s.opening
                ? t('whatif.opening')
                : s.busy
                  ? t('whatif.computing')
                  : s.lastElapsed?.kind === 'load'
                    ? t('whatif.loaded', { duration: formatDuration(s.lastElapsed.ms, locale) })
                    : s.lastElapsed
                      ? t('whatif.computed', { ms: formatDecimal(s.lastElapsed.ms, locale, 1) })
                      : ''}
              {s.savedAs
                ? ` · ${s.dirty ? t('whatif.unsaved') : t('whatif.savedAs', { name: s.savedAs })}`
                : ''}
            </p>
          </section>
          <ScenarioResults rows={rows} locale={locale} />
        </div>
      ) : !s.error ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
      <ComparePanel locale={locale} />
      {dialog ? (
        <NameDialog
          open
          title={t(dialog === 'clone' ? 'whatif.clone' : 'whatif.rename')}
          initial={dialog === 'clone' ? `${s.savedAs ?? s.name} (2)` : (s.savedAs ?? s.name)}
          onClose={() => setDialog(null)}
          onSubmit={(name) =>
            void (dialog === 'clone' ? s.clone(name) : s.rename(name)).then(
              (ok) => ok && setDialog(null),
            )
          }
        />
      ) : null}
    </>
  );
}
