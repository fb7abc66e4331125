// An error in the user's words, with what to do: each code of the closed set has its message and,
// where one exists, an action (go to Synchronisation, retry); a known reason (details.reason:
// no server configured, out of reach on a train...) says more precisely what happened. The
// engine's message follows in small print for support.
import { reasonOf, type AppErrorShape, type ErrorReason } from '../../../src-shared/errors';
import { useT, type MessageKey } from '../i18n';
import { useViewStore } from '../stores/view';

const TITLES: Record<AppErrorShape['code'], MessageKey> = {
  VALIDATION: 'error.VALIDATION',
  NOT_FOUND: 'error.NOT_FOUND',
  CONFLICT: 'error.CONFLICT',
  PERMISSION: 'error.PERMISSION',
  UNAVAILABLE: 'error.UNAVAILABLE',
  CANCELLED: 'error.CANCELLED',
  CACHE: 'error.CACHE',
  INTERNAL: 'error.INTERNAL',
};

const REASONS: Record<ErrorReason, MessageKey> = {
  no_connection: 'error.reason.no_connection',
  password_not_stored: 'error.reason.password_not_stored',
  central_unreachable: 'error.reason.central_unreachable',
  central_not_found: 'error.reason.central_not_found',
  authentication_refused: 'error.reason.authentication_refused',
};

export function ErrorNotice({ error, onRetry }: { error: AppErrorShape; onRetry?: () => void }) {
  const t = useT();
  const setScreen = useViewStore((s) => s.setScreen);
  const reason = reasonOf(error);
  return (
    <div className="notice notice-error" role="alert">
      <div className="notice-body">
        <strong>{t(reason ? REASONS[reason] : TITLES[error.code])}</strong>
        <span className="notice-detail">{error.message}</span>
      </div>
      <div className="notice-actions">
        {error.code === 'CACHE' ? (
          <button type="button" className="button button-small" onClick={() => setScreen('sync')}>
            {t('empty.noData.action')}
          </button>
        ) : null}
        {error.code === 'UNAVAILABLE' || reason === 'authentication_refused' ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => setScreen('settings')}
          >
            {t('error.openSettings')}
          </button>
        ) : null}
        {onRetry && error.code !== 'CACHE' ? (
          <button type="button" className="button button-small" onClick={onRetry}>
            {t('error.retry')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
