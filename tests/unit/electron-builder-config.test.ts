// electron-builder.yml cannot be exercised here (packaging downloads Electron): it is checked by
// electron-builder's own validator instead, and against what the app expects of the package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_LOCALES, LANGUAGES } from '../../src-shared/domain/language';

// electron-builder's own YAML reader and validator (its dependencies, untyped: required).
const require = createRequire(import.meta.url);
const { load } = require('js-yaml') as { load(text: string): unknown };
const config = load(
  readFileSync(join(import.meta.dirname, '..', '..', 'electron-builder.yml'), 'utf8'),
) as Record<string, unknown>;

interface Validator {
  validateConfiguration(cfg: unknown, debug: { add(): void; isEnabled: boolean }): Promise<void>;
}
const validator = () => require('app-builder-lib/out/util/config/config.js') as Validator;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation, which refuses an unknown key', async () => {
    const { validateConfiguration } = validator();
    const debug = { add: () => undefined, isEnabled: false };
    await expect(validateConfiguration(config, debug)).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, electronLanguagez: ['fr'] }, debug),
    ).rejects.toThrow(/Invalid configuration/);
  });

  it('keeps the Chromium locale of every interface language, and the en-US fallback', () => {
    const kept = config.electronLanguages as string[];
    expect(kept).toContain('en-US');
    for (const language of LANGUAGES) {
      const locale = CHROMIUM_LOCALES[language];
      // Chromium ships fr.pak for fr-FR, en-GB.pak for en-GB: the tag or its language.
      expect(
        kept.includes(locale) || kept.includes(locale.split('-')[0]!),
        `${language} (${locale})`,
      ).toBe(true);
    }
  });
});
