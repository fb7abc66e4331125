// Desktop feedback of a sync: the taskbar/dock progress while it runs, and a system notification
// when it ends (the user may have switched to another application). Listens to the same push
// events as the renderer. Takes the window list and a notifier as parameters (type-only electron
// import) so it is testable with fakes.
import { DEFAULT_LANGUAGE, type Language } from '../../src-shared/domain/language';
import type { JobOutcome } from '../../src-shared/ipc/dto/jobs';
import type { PushEvents } from '../core/ipc/push-events';
import { nativeLabels } from './native-labels';

export interface ProgressTarget {
  isDestroyed(): boolean;
  setProgressBar(progress: number): void;
}

export type Notify = (title: string, body: string) => void;

export function wireSyncFeedback(
  events: PushEvents,
  windows: () => ProgressTarget[],
  notify: Notify,
  /** The interface language when the sync ends (it may change while it runs). */
  language: () => Language = () => DEFAULT_LANGUAGE,
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
      const { outcome } = payload as { outcome: JobOutcome };
      const [title, body] = nativeLabels(language()).syncFinished[outcome];
      notify(title, body);
    }
  });
}
