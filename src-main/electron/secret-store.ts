// The connection URL (it holds the user's password) encrypted by the OS keychain through
// Electron's safeStorage, in a file of the user data folder. Type-only electron import: the glue
// passes safeStorage, the tests a fake.
//
// Never plain text on disk: when the OS offers no real encryption (no keychain; on Linux the
// 'basic_text' backend is a hard-coded key, not protection) the store keeps the secret in memory
// for the session only, and the settings screen says so.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/ipc/context';
import { createMemorySecretStore } from '../core/ipc/services/secret-store';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
> & { getSelectedStorageBackend?: () => string };

export function osEncryptionUsable(safe: SafeStorageLike, platform = process.platform): boolean {
  if (!safe.isEncryptionAvailable()) return false;
  if (platform === 'linux') {
    const backend = safe.getSelectedStorageBackend?.() ?? 'unknown';
    return backend !== 'basic_text' && backend !== 'unknown';
  }
  return true;
}

export function createSafeStorageSecretStore(
  safe: SafeStorageLike,
  file: string,
  platform = process.platform,
): SecretStore {
  if (!osEncryptionUsable(safe, platform)) {
    // A file left by a session that had a keychain is unreadable now anyway: leave it alone.
    return createMemorySecretStore();
  }
  return {
    kind: 'os',
    read() {
      if (!existsSync(file)) return null;
      try {
        return safe.decryptString(readFileSync(file));
      } catch {
        // Another user's or machine's keychain: as if nothing were stored.
        return null;
      }
    },
    write(value) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, safe.encryptString(value), { mode: 0o600 });
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
