import type { CommandSpec } from '../framework';
import { optionalString } from '../framework';
import { resolveCachePath } from '../../core/config';
import { getCacheStatus } from '../../core/cache/status';
import type { CacheStatus } from '../../../src-shared/domain/cache';

export const cacheStatusCommand: CommandSpec<CacheStatus> = {
  path: ['cache', 'status'],
  summary: 'describe the local cache (path, size, last sync, rows per table)',
  options: {
    cache: {
      type: 'string',
      placeholder: 'FILE',
      description: 'local cache file (default $EPM_CACHE or the user data folder)',
    },
  },
  async run(ctx) {
    return getCacheStatus(resolveCachePath(optionalString(ctx, 'cache'), ctx.env));
  },
  render(s) {
    if (!s.exists)
      return `cache: ${s.path}\nnot created yet: run \`epm sync\` to load the central data.`;
    const lines = [
      `cache: ${s.path} (${(s.sizeBytes / 1048576).toFixed(1)} MiB, schema v${s.schemaVersion})`,
      s.lastSync ? `last sync: ${s.lastSync.at} (${s.lastSync.mode})` : 'last sync: never',
      ...Object.entries(s.rowCounts).map(
        ([t, n]) => `  ${t.padEnd(14)} ${n.toLocaleString('fr-FR')}`,
      ),
    ];
    return lines.join('\n');
  },
};
