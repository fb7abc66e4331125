// The central server's address and the user's login and password. The password goes to main
// once, which keeps it with the OS keychain (Electron safeStorage) and never returns it.
import { useState } from 'react';
import type { AppErrorShape } from '../../../../src-shared/errors';
import type { ConnectionTest } from '../../../../src-shared/ipc/dto/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT, type MessageKey } from '../../i18n';
import { errorOf, request } from '../../ipc/request';
import { useSessionStore } from '../../stores/session';

export function buildPgUrl(f: {
  host: string;
  port: string;
  database: string;
  login: string;
  password: string;
}): string {
  const e = encodeURIComponent;
  const auth = f.password ? `${e(f.login)}:${e(f.password)}` : e(f.login);
  return `postgres://${auth}@${f.host.trim()}:${f.port.trim() || '5432'}/${e(f.database.trim())}`;
}

export function ConnectionForm({ onSaved }: { onSaved?: () => void }) {
  const t = useT();
  const setInfo = useSessionStore((s) => s.setInfo);
  const [f, setF] = useState({ host: '', port: '5432', database: 'epm', login: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [tested, setTested] = useState<ConnectionTest | null>(null);
  const field = (k: keyof typeof f, label: MessageKey, type = 'text', autoComplete?: string) => (
    <label className="field">
      <span>{t(label)}</span>
      <input
        type={type}
        value={f[k]}
        autoComplete={autoComplete}
        required={k !== 'password'}
        onChange={(e) => {
          setF({ ...f, [k]: e.target.value });
          setTested(null);
        }}
        data-testid={`conn-${k}`}
      />
    </label>
  );
  const run = async (save: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const url = buildPgUrl(f);
      if (save) {
        setInfo(await request('settings:save-connection', { mode: 'central', url }));
        setF((x) => ({ ...x, password: '' }));
        onSaved?.();
      } else setTested(await request('settings:test-connection', { url }));
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(true);
      }}
    >
      <div className="field-row">
        {field('host', 'conn.host', 'text', 'off')}
        {field('port', 'conn.port')}
        {field('database', 'conn.database')}
      </div>
      <div className="field-row">
        {field('login', 'conn.login', 'text', 'username')}
        {field('password', 'conn.password', 'password', 'current-password')}
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={busy || !f.host || !f.login}
          onClick={() => void run(false)}
        >
          {t('conn.test')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || !f.host || !f.login}
        >
          {t('conn.save')}
        </button>
      </div>
      {tested ? (
        <p className="notice notice-ok" role="status">
          {t('conn.tested', {
            login: tested.login,
            role: tested.role ? t(`role.${tested.role}` as MessageKey) : t('role.none'),
            version: tested.server_version,
          })}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}
