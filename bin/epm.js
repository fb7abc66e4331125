#!/usr/bin/env node
// Installed `epm` bin: runs the TypeScript CLI through tsx (a runtime dependency).
// The child gets the terminal's signals itself (same process group), so Ctrl-C reaches the CLI,
// which cancels cleanly (a sync rolls back, an export removes its temp file); this wrapper
// ignores SIGINT/SIGTERM and simply waits for the child, then exits with its code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { constants } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(
  process.execPath,
  // tsx resolved from this package (an absolute URL), not from the user's working directory.
  [
    '--import',
    import.meta.resolve('tsx'),
    join(root, 'src-main/cli/index.ts'),
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', cwd: process.cwd() },
);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => undefined);
child.on('exit', (code, signal) =>
  process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)),
);
