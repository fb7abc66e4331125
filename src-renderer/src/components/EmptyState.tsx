// The placeholder every unfinished screen shows: what will be here, and what to do now.
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export interface EmptyStateProps {
  icon: IconName;
  title: string;
  children: ReactNode;
  action?: { label: string; onClick(): void };
  badge?: string;
}

export function EmptyState({ icon, title, children, action, badge }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-labelledby="empty-state-title">
      <div className="empty-icon">
        <Icon name={icon} size={28} />
      </div>
      <div className="empty-body">
        {badge ? <span className="badge">{badge}</span> : null}
        <h2 id="empty-state-title">{title}</h2>
        <p>{children}</p>
        {action ? (
          <button type="button" className="button button-primary" onClick={action.onClick}>
            {action.label}
            <Icon name="arrowRight" size={16} />
          </button>
        ) : null}
      </div>
    </section>
  );
}
