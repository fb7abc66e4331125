// settings.json in the user data folder: what is not secret about the central connection (its
// mode and redacted display form), the identity last confirmed by the server (so roles work
// offline), whether the first-run screen was dismissed, and the interface language. The
// password-bearing URL lives in the SecretStore only.
//
// A damaged file must neither lock the user out nor lose what is still good in it: each field is
// read on its own (one that no longer validates, say a role an older version wrote, reads as its
// default and leaves the others alone), and a write changes only the fields it is given, keeping
// the file's other keys as they were. A file that is not JSON at all is set aside
// (settings.damaged.json) before the first write replaces it.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from '../../../../src-shared/domain/language';
import { AppError } from '../../../../src-shared/errors';
import { APP_ROLE_NAMES, type Identity } from '../../../../src-shared/ipc/dto/session';

const NO_CONNECTION = { mode: 'none' as const, display: null };

const fileSchema = z.object({
  connection: z
    .object({ mode: z.enum(['central', 'demo', 'none']), display: z.string().nullable() })
    .catch(NO_CONNECTION),
  identity: z
    .object({
      login: z.string(),
      role: z.enum(APP_ROLE_NAMES),
      regions: z.array(z.string()),
      stores: z.array(z.number()),
      checked_at: z.string(),
    })
    .nullable()
    .catch(null),
  setupDone: z.boolean().catch(false),
  /**
   * The interface language last told by the renderer (which keeps the user's choice), read by
   * the Electron main before the app is ready to start Chromium in it (null: never told).
   */
  language: z.enum(LANGUAGES).nullable().catch(null),
});
export type StoredSettings = z.infer<typeof fileSchema>;

export function settingsPath(userDataDir: string): string {
  return join(userDataDir, 'settings.json');
}

type RawFile =
  | { state: 'ok'; raw: Record<string, unknown> }
  /** Read, but not a JSON object: nothing in it can be kept. */
  | { state: 'damaged' }
  /** Not readable now (locked by another program, permissions): it may be perfectly good. */
  | { state: 'unreadable'; error: Error };

/** The file's JSON object ({} when there is none), or why there is none. */
function readRaw(path: string): RawFile {
  if (!existsSync(path)) return { state: 'ok', raw: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { state: 'unreadable', error: e as Error };
  }
  try {
    const raw: unknown = JSON.parse(text);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? { state: 'ok', raw: raw as Record<string, unknown> }
      : { state: 'damaged' };
  } catch {
    return { state: 'damaged' };
  }
}

/** Never throws: a missing, damaged or unreadable file, or a bad field, reads as the defaults. */
export function readSettings(userDataDir: string): StoredSettings {
  const file = readRaw(settingsPath(userDataDir));
  return fileSchema.parse(file.state === 'ok' ? file.raw : {});
}

/**
 * Changes the fields of `patch`, keeping the others. Refuses (INTERNAL) to write over a file it
 * cannot read right now, which may hold a good connection and identity; a damaged one is set
 * aside first.
 */
export function writeSettings(userDataDir: string, patch: Partial<StoredSettings>): StoredSettings {
  const path = settingsPath(userDataDir);
  const file = readRaw(path);
  if (file.state === 'unreadable') {
    throw new AppError(
      'INTERNAL',
      `cannot read ${path} (${file.error.message}): left as it is, the change is not saved`,
    );
  }
  let raw: Record<string, unknown> = {};
  if (file.state === 'damaged') renameSync(path, join(userDataDir, 'settings.damaged.json'));
  else raw = file.raw;
  const next = { ...raw, ...patch };
  mkdirSync(userDataDir, { recursive: true });
  // Write then rename: a crash never leaves half a file.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return fileSchema.parse(next);
}

export function storeIdentity(userDataDir: string, identity: Identity | null): void {
  writeSettings(userDataDir, { identity });
}
