// Release builds flip Electron's fuses (electron-builder `electronFuses`): the packaged binary can
// no longer be turned into a plain Node.js (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect), and
// loads only its integrity-checked asar. Checked here on the packaging config itself.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const config = readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8');

/** The `electronFuses:` block as key → value (top-level YAML mapping of scalars). */
function fuses(): Record<string, string> {
  const lines = config.split('\n');
  const start = lines.findIndex((l) => /^electronFuses:\s*$/.test(l));
  expect(start, 'electron-builder.yml has an electronFuses block').toBeGreaterThanOrEqual(0);
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // next top-level key
    const m = /^\s+([A-Za-z]+):\s*([^#\s]+)/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

describe('electron fuses of release builds', () => {
  it('closes the ways to run the app as plain Node.js', () => {
    expect(fuses()).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
    });
  });

  it('loads only the integrity-checked asar and encrypts cookies', () => {
    expect(fuses()).toMatchObject({
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      enableCookieEncryption: 'true',
    });
  });
});
