// What every handler receives besides its input: where the data lives, how to push events, and
// the few platform services only the Electron glue can provide. Built once per process by the
// Electron main or the harness; per-process state (open cache, jobs, what-if sessions) hangs off
// it in services/state.ts.
import type { Language } from '../../../src-shared/domain/language';
import type { PushEvents } from './push-events';

/**
 * Where the central connection URL (it holds the password) is kept. Electron: encrypted with the
 * OS keychain (safeStorage) in the user data folder; harness and tests: memory only. Never plain
 * text on disk.
 */
export interface SecretStore {
  readonly kind: 'os' | 'memory';
  read(): string | null;
  write(value: string): void;
  clear(): void;
}

/** Desktop integrations; absent in the harness (the UI then shows paths instead). */
export interface PlatformHooks {
  showItemInFolder?(path: string): void;
  pickFile?(): Promise<string | null>;
  /** Default folder for exports (the user's documents folder). */
  documentsDir?: string;
  /**
   * The language Chromium's locale was set to when the app started (`--lang`, read from the
   * settings before the app is ready): a different choice takes effect at the next start.
   * Absent in the harness, whose browser keeps its own locale.
   */
  launchLanguage?: Language;
  /** The interface language changed: the native menu, dialogs and notifications follow it. */
  languageChanged?(language: Language): void;
}

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
  /** Default: memory only. */
  secrets?: SecretStore;
  platform?: PlatformHooks;
}
