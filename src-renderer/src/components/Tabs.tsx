// Tabs with the ARIA tabs pattern: arrow keys move between tabs, the panel is labelled by its tab.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabsProps<K extends string> {
  label: string;
  tabs: { key: K; label: string }[];
  active: K;
  onChange(key: K): void;
  children: ReactNode;
}

export function Tabs<K extends string>(p: TabsProps<K>) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = p.tabs.findIndex((t) => t.key === p.active);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % p.tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + p.tabs.length) % p.tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = p.tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    p.onChange(p.tabs[next]!.key);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div className="tabs">
      <div
        ref={list}
        role="tablist"
        aria-label={p.label}
        className="tab-list"
        onKeyDown={onKeyDown}
      >
        {p.tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`tab-${t.key}`}
            aria-selected={t.key === p.active}
            aria-controls={`panel-${t.key}`}
            tabIndex={t.key === p.active ? 0 : -1}
            className="tab"
            onClick={() => p.onChange(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${p.active}`}
        aria-labelledby={`tab-${p.active}`}
        className="tab-panel"
      >
        {p.children}
      </div>
    </div>
  );
}
