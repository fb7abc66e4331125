// Desktop feedback of a sync: the taskbar/dock progress while it runs, and a system notification
// when it ends (the user may have switched to another application). Listens to the same push
// events as the renderer. Takes the window list and a notifier as parameters (type-only electron
// import) so it is testable with fakes.
import type { PushEvents } from '../core/ipc/push-events';

export interface ProgressTarget {
  isDestroyed(): boolean;
  setProgressBar(progress: number): void;
}

export type Notify = (title: string, body: string) => void;

const MESSAGES = {
  succeeded: ['Synchronisation terminée', 'Les données locales sont à jour.'],
  failed: ['Échec de la synchronisation', 'Ouvrez l’écran Synchronisation pour le détail.'],
  cancelled: ['Synchronisation annulée', 'Le cache local garde ses données précédentes.'],
} as const;

export function wireSyncFeedback(
  events: PushEvents,
  windows: () => ProgressTarget[],
  notify: Notify,
): () => void {
  const each = (fn: (w: ProgressTarget) => void) => {
    for (const w of windows()) if (!w.isDestroyed()) fn(w);
  };
  return events.subscribe((event, payload) => {
    if (event === 'sync:progress') {
      const { progress } = payload as { progress: { percent: number } };
      each((w) => w.setProgressBar(Math.max(0, Math.min(1, progress.percent / 100))));
    } else if (event === 'sync:finished') {
      each((w) => w.setProgressBar(-1));
      const { outcome } = payload as { outcome: keyof typeof MESSAGES };
      const [title, body] = MESSAGES[outcome];
      notify(title, body);
    }
  });
}
