// Title block of a screen. The h1 takes focus after a navigation so screen-reader and keyboard
// users land at the top of the new content.
import { useEffect, useRef, type ReactNode } from 'react';
import { useViewStore } from '../stores/view';

let focusedNavigation = -1;

export function ScreenHeader({
  title,
  intro,
  actions,
}: {
  title: string;
  intro: string;
  actions?: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Skip the very first screen of the session (stealing focus on load is unexpected) and a
    // screen remounted with fresh data after a sync (the user did not move).
    const { navigated, navigation } = useViewStore.getState();
    if (navigated && navigation !== focusedNavigation) {
      focusedNavigation = navigation;
      ref.current?.focus();
    }
  }, []);
  return (
    <header className="screen-header">
      <div>
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        <p className="screen-intro">{intro}</p>
      </div>
      {actions ? <div className="screen-actions">{actions}</div> : null}
    </header>
  );
}
