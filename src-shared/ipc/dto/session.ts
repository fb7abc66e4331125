// Who the user is and how the app reaches the central database, as the renderer sees it. The
// connection URL itself never crosses the IPC back to the renderer: only a redacted display form.

export const APP_ROLE_NAMES = ['admin', 'directeur', 'manager', 'analyste'] as const;
export type AppRoleName = (typeof APP_ROLE_NAMES)[number];

export interface Identity {
  login: string;
  role: AppRoleName;
  /** Region codes of a directeur, store ids of a manager (empty for global readers). */
  regions: string[];
  stores: number[];
  /** When the central database last confirmed it (the app works offline with this copy). */
  checked_at: string;
}

/**
 * explicit: given on the command line / EPM_PG_URL (development, tests); central: saved by the
 * user (password in the OS keychain through Electron safeStorage); demo: the embedded server;
 * none: not configured yet.
 */
export type ConnectionMode = 'explicit' | 'central' | 'demo' | 'none';

export interface ConnectionInfo {
  mode: ConnectionMode;
  /** The URL without its password, e.g. postgres://jdupont@db.example:5432/epm. */
  display: string | null;
}

/** os: encrypted by the operating system's keychain; memory: kept for this session only. */
export type SecretStorageKind = 'os' | 'memory';

export interface SessionInfo {
  /** Nothing configured and no local data: the renderer shows the first-run screen. */
  firstRun: boolean;
  connection: ConnectionInfo;
  identity: Identity | null;
  secretStorage: SecretStorageKind;
  userDataDir: string;
}

export interface ConnectionTest {
  login: string;
  role: AppRoleName | null;
  server_version: string;
}
