// settings.json in the user data folder: what is not secret about the central connection (its
// mode and redacted display form), the identity last confirmed by the server (so roles work
// offline), whether the first-run screen was dismissed, and the interface language. The password-bearing URL lives in
// the SecretStore only.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from '../../../../src-shared/domain/language';
import { APP_ROLE_NAMES, type Identity } from '../../../../src-shared/ipc/dto/session';

const fileSchema = z.object({
  connection: z
    .object({ mode: z.enum(['central', 'demo', 'none']), display: z.string().nullable() })
    .default({ mode: 'none', display: null }),
  identity: z
    .object({
      login: z.string(),
      role: z.enum(APP_ROLE_NAMES),
      regions: z.array(z.string()),
      stores: z.array(z.number()),
      checked_at: z.string(),
    })
    .nullable()
    .default(null),
  setupDone: z.boolean().default(false),
  /**
   * The interface language last told by the renderer (which keeps the user's choice), read by
   * the Electron main before the app is ready to start Chromium in it (null: never told). An
   * unknown value reads as null rather than discarding the rest of the file.
   */
  language: z.enum(LANGUAGES).nullable().catch(null),
});
export type StoredSettings = z.infer<typeof fileSchema>;

export function settingsPath(userDataDir: string): string {
  return join(userDataDir, 'settings.json');
}

/** A missing or unreadable file reads as the defaults (a damaged file must not lock the user out). */
export function readSettings(userDataDir: string): StoredSettings {
  const path = settingsPath(userDataDir);
  if (!existsSync(path)) return fileSchema.parse({});
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : fileSchema.parse({});
  } catch {
    return fileSchema.parse({});
  }
}

export function writeSettings(userDataDir: string, patch: Partial<StoredSettings>): StoredSettings {
  const next = { ...readSettings(userDataDir), ...patch };
  mkdirSync(userDataDir, { recursive: true });
  // Write then rename: a crash never leaves half a file.
  const path = settingsPath(userDataDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return next;
}

export function storeIdentity(userDataDir: string, identity: Identity | null): void {
  writeSettings(userDataDir, { identity });
}
