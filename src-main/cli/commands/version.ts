import type { CommandSpec } from '../framework';
import { APP_VERSION } from '../../core/app-info';

export const versionCommand: CommandSpec<{ version: string; node: string }> = {
  path: ['version'],
  summary: 'print the application version',
  options: {},
  async run() {
    return { version: APP_VERSION, node: process.versions.node };
  },
  render: (r) => `epm ${r.version} (node ${r.node})`,
};
