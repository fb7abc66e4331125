// Paramètres: the central connection, language and theme, the local cache, about.
import { useState } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT, type MessageKey } from '../../i18n';
import { formatBytes, formatDateTime, localeOf } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useAppInfoStore } from '../../stores/app-info';
import { useCacheStore } from '../../stores/cache';
import { useSessionStore } from '../../stores/session';
import { useViewStore, type Language, type Theme } from '../../stores/view';
import { ConnectionForm } from './ConnectionForm';

function RadioGroup<V extends string>(props: {
  name: string;
  legend: string;
  value: V;
  options: { value: V; label: string }[];
  onChange(value: V): void;
}) {
  return (
    <fieldset className="radio-group">
      <legend>{props.legend}</legend>
      <div className="segmented">
        {props.options.map((o) => (
          <label key={o.value} className="segment">
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ConnectionCard() {
  const t = useT();
  const { info, setInfo } = useSessionStore();
  const [editing, setEditing] = useState(false);
  const c = info?.connection;
  const id = info?.identity;
  return (
    <section className="card" aria-labelledby="conn-title" data-testid="settings-connection">
      <h2 id="conn-title" className="card-title">
        {t('settings.connection')}
      </h2>
      <dl className="facts">
        <dt>{t('settings.mode')}</dt>
        <dd>{t(`settings.mode.${c?.mode ?? 'none'}` as MessageKey)}</dd>
        {c?.display ? (
          <>
            <dt>{t('settings.server')}</dt>
            <dd className="mono">{c.display}</dd>
          </>
        ) : null}
        <dt>{t('settings.identity')}</dt>
        <dd data-testid="settings-identity">
          {id
            ? `${id.login} · ${t(`role.${id.role}` as MessageKey)}${id.regions.length ? ` · ${id.regions.join(', ')}` : ''}${id.stores.length ? ` · ${t('col.stores')} ${id.stores.join(', ')}` : ''}`
            : t('settings.identityUnknown')}
        </dd>
        {/* Where the password is kept matters only for a company server (the demo has its own). */}
        {c?.mode === 'central' ? (
          <>
            <dt>{t('settings.secret')}</dt>
            <dd data-testid="settings-secret">
              {t(info?.secretStorage === 'os' ? 'settings.secret.os' : 'settings.secret.memory')}
            </dd>
          </>
        ) : null}
      </dl>
      {c?.mode === 'explicit' ? (
        <p className="muted small">{t('settings.explicit')}</p>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            onClick={() => setEditing((e) => !e)}
            aria-expanded={editing}
          >
            {t('settings.changeConnection')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void request('settings:save-connection', { mode: 'demo' }).then(setInfo)}
          >
            {t('settings.useDemo')}
          </button>
          {c && c.mode !== 'none' ? (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void request('settings:forget-connection').then(setInfo)}
            >
              {t('settings.forget')}
            </button>
          ) : null}
        </div>
      )}
      {editing ? <ConnectionForm onSaved={() => setEditing(false)} /> : null}
    </section>
  );
}

export function SettingsScreen() {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const theme = useViewStore((s) => s.theme);
  const setLanguage = useViewStore((s) => s.setLanguage);
  const setTheme = useViewStore((s) => s.setTheme);
  const restartNeeded = useViewStore((s) => s.restartNeeded);
  const info = useAppInfoStore((s) => s.info);
  const cache = useCacheStore((s) => s.status);
  const session = useSessionStore((s) => s.info);
  const locale = localeOf(language);
  return (
    <>
      <ScreenHeader title={t('screen.settings')} intro={t('screen.settings.intro')} />
      <div className="grid-2">
        <ConnectionCard />
        <section className="card" aria-labelledby="prefs-title">
          <h2 id="prefs-title" className="card-title">
            {t('settings.preferences')}
          </h2>
          <RadioGroup<Language>
            name="language"
            legend={t('settings.language')}
            value={language}
            options={[
              { value: 'fr', label: t('settings.language.fr') },
              { value: 'en', label: t('settings.language.en') },
            ]}
            onChange={setLanguage}
          />
          {restartNeeded ? (
            <p className="muted small" role="status">
              {t('settings.language.restart')}
            </p>
          ) : null}
          <RadioGroup<Theme>
            name="theme"
            legend={t('settings.theme')}
            value={theme}
            options={[
              { value: 'light', label: t('settings.theme.light') },
              { value: 'dark', label: t('settings.theme.dark') },
            ]}
            onChange={setTheme}
          />
          <p className="muted small">{t('settings.saved')}</p>
        </section>
        <section className="card" aria-labelledby="cache-title">
          <h2 id="cache-title" className="card-title">
            {t('cache.title')}
          </h2>
          <dl className="facts">
            <dt>{t('cache.path')}</dt>
            <dd className="mono">{cache?.path ?? '…'}</dd>
            <dt>{t('cache.size')}</dt>
            <dd data-testid="settings-cache-size">
              {cache
                ? cache.exists
                  ? formatBytes(cache.sizeBytes, language)
                  : t('cache.missing')
                : '…'}
            </dd>
            <dt>{t('cache.lastSync')}</dt>
            <dd>
              {cache?.lastSync ? formatDateTime(cache.lastSync.at, locale) : t('cache.never')}
            </dd>
            <dt>{t('settings.dataDir')}</dt>
            <dd className="mono">{session?.userDataDir ?? '…'}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title" className="card-title">
            {t('settings.about')}
          </h2>
          <dl className="facts">
            <dt>{t('settings.version')}</dt>
            <dd data-testid="about-version">{info?.version ?? '…'}</dd>
            <dt>{t('settings.platform')}</dt>
            <dd>{info?.platform ?? '…'}</dd>
            <dt>{t('settings.transport')}</dt>
            <dd>
              {info
                ? info.harness
                  ? t('settings.transport.harness')
                  : t('settings.transport.electron')
                : '…'}
            </dd>
          </dl>
          <p className="muted small">{t('settings.aboutText')}</p>
        </section>
      </div>
    </>
  );
}
