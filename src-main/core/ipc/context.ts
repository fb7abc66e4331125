// What every handler receives besides its input: where the data lives and how to push events.
// Built once per process by the Electron main or the harness.
import type { PushEvents } from './push-events';

export interface HandlerContext {
  /** The local SQLite cache file (may not exist yet: "never synchronised"). */
  cachePath: string;
  /** The per-user data folder (settings, logs, credentials). */
  userDataDir: string;
  /** Explicit central database URL, when given (harness --pg, EPM_PG_URL). */
  pgUrl?: string;
  /** Which transport serves the renderer; reported by app:info. */
  transport: 'electron' | 'harness';
  events: PushEvents;
}
