// The default secret store: memory only (harness, tests, and Electron when the OS offers no
// real keychain). The Electron glue provides the safeStorage-backed one.
import type { SecretStore } from '../context';

export function createMemorySecretStore(): SecretStore {
  let value: string | null = null;
  return {
    kind: 'memory',
    read: () => value,
    write: (v) => {
      value = v;
    },
    clear: () => {
      value = null;
    },
  };
}
