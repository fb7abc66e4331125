// Left navigation. Buttons (not links: there is no URL routing), aria-current on the active
// one, arrow keys / Home / End move focus within the list like a toolbar.
import { useRef, type KeyboardEvent } from 'react';
import { SCREENS, type ScreenId } from '../../../src-shared/ipc/screens';
import { useT } from '../i18n';
import { useViewStore } from '../stores/view';
import { Icon } from './Icon';

export function Sidebar() {
  const t = useT();
  const screen = useViewStore((s) => s.screen);
  const setScreen = useViewStore((s) => s.setScreen);
  const listRef = useRef<HTMLUListElement>(null);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const next =
      e.key === 'ArrowDown'
        ? (i + 1) % buttons.length
        : e.key === 'ArrowUp'
          ? (i - 1 + buttons.length) % buttons.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? buttons.length - 1
              : -1;
    if (next >= 0) {
      e.preventDefault();
      buttons[next]?.focus();
    }
  };

  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="7" />
          <path d="M8 22V14M14 22V9M20 22v-6M26 22V11" />
        </svg>
        <div>
          <div className="brand-name">{t('app.name')}</div>
          <div className="brand-tagline">{t('app.tagline')}</div>
        </div>
      </div>
      <ul ref={listRef} className="nav-list" onKeyDown={onKeyDown}>
        {SCREENS.map((id: ScreenId, index) => (
          <li key={id}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === id ? 'page' : undefined}
              onClick={() => setScreen(id)}
              title={t('nav.shortcut', { n: index + 1 })}
              data-screen={id}
            >
              <Icon name={id} />
              <span className="nav-label">{t(`screen.${id}`)}</span>
              <kbd className="nav-kbd" aria-hidden="true">
                {index + 1}
              </kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
