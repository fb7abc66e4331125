// Premier lancement: the demo (an embedded PostgreSQL with a realistic chain, nothing to install)
// or the company's central server (address, login, password kept by the OS keychain). Either way
// the next step is the first synchronisation. "Later" lets the user look around first.
import { useEffect, useState } from 'react';
import type { AppErrorShape } from '../../../../src-shared/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { useT, type MessageKey } from '../../i18n';
import { localeOf } from '../../i18n/format';
import { api } from '../../ipc/client';
import { errorOf, request } from '../../ipc/request';
import { useSessionStore } from '../../stores/session';
import { useSyncStore } from '../../stores/sync';
import { useViewStore } from '../../stores/view';
import { ConnectionForm } from '../settings/ConnectionForm';

export function FirstRunScreen() {
  const t = useT();
  const locale = localeOf(useViewStore((s) => s.language));
  const { setInfo, load } = useSessionStore();
  const setScreen = useViewStore((s) => s.setScreen);
  const [choice, setChoice] = useState<'demo' | 'central'>('demo');
  const [job, setJob] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ phase: string; percent: number } | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    const offP = api.on('setup:progress', (e) =>
      setProgress({
        phase: e.progress.phase,
        percent: e.progress.total ? (100 * e.progress.done) / e.progress.total : 0,
      }),
    );
    const offF = api.on('setup:finished', (e) => {
      setJob(null);
      if (e.outcome === 'succeeded') {
        void load();
        setScreen('sync');
        void useSyncStore.getState().start();
      } else setError(e.error ?? null);
    });
    return () => {
      offP();
      offF();
    };
  }, [load, setScreen]);

  const startDemo = async () => {
    setError(null);
    try {
      setJob((await request('setup:demo')).jobId);
    } catch (e) {
      setError(errorOf(e));
    }
  };
  const done = () => {
    void load();
    setScreen('sync');
  };

  return (
    <main id="main" className="first-run" data-testid="first-run">
      <div className="first-run-card">
        <div className="brand brand-light">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" />
            <path d="M8 22V14M14 22V9M20 22v-6M26 22V11" />
          </svg>
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <h1>{t('firstRun.title')}</h1>
        <p className="muted">{t('firstRun.intro')}</p>
        <fieldset className="choice-group">
          <legend className="sr-only">{t('firstRun.choose')}</legend>
          {(['demo', 'central'] as const).map((c) => (
            <label key={c} className={`choice ${choice === c ? 'is-checked' : ''}`}>
              <input
                type="radio"
                name="setup"
                value={c}
                checked={choice === c}
                onChange={() => setChoice(c)}
              />
              <span className="choice-title">{t(`firstRun.${c}` as MessageKey)}</span>
              <span className="choice-body">{t(`firstRun.${c}.body` as MessageKey)}</span>
            </label>
          ))}
        </fieldset>
        {choice === 'demo' ? (
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={job !== null}
              onClick={() => void startDemo()}
            >
              {t('firstRun.startDemo')}
            </button>
          </div>
        ) : (
          <ConnectionForm onSaved={done} />
        )}
        {job ? (
          <ProgressBar
            label={
              progress
                ? t(`firstRun.phase.${progress.phase}` as MessageKey)
                : t('firstRun.phase.server')
            }
            percent={progress?.percent ?? 0}
            locale={locale}
          />
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        <p className="first-run-later">
          <button
            type="button"
            className="link-button"
            onClick={() => void request('settings:skip-setup').then(setInfo)}
            data-testid="first-run-later"
          >
            {t('firstRun.later')}
          </button>
        </p>
      </div>
    </main>
  );
}
