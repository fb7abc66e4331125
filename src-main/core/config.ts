// Where things live and how to reach the central database. Flags win over environment,
// environment over defaults. Kept free of `electron` so the CLI and harness share it; the
// Electron main passes app.getPath('userData') explicitly.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'EPM Retail';

/** The per-user data folder, the same one Electron's app.getPath('userData') gives. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EPM_HOME) return env.EPM_HOME;
  const home = homedir();
  if (process.platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (process.platform === 'darwin')
    return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_DIR_NAME);
}

export function resolveCachePath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return flag ?? env.EPM_CACHE ?? join(defaultUserDataDir(env), 'cache.sqlite');
}

/** Explicit central URL (flag, then EPM_PG_URL); undefined means "use the embedded default". */
export function explicitPgUrl(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return flag ?? env.EPM_PG_URL ?? undefined;
}

/** Removes the password from a connection URL before it is printed or logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}
