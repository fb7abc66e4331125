// One sync at a time per cache file. SQLite's own locks only cover a transaction, and an initial
// load is many transactions: two syncs interleaving them (the app's and a scheduled `epm sync`)
// could mix two snapshots. A lock file beside the cache holds the owner's pid; a lock whose
// process is gone (killed, crashed) is taken over, so a crash never blocks the next run.
// Two jobs in one process (the app clicking "Synchroniser" twice) see their own pid: refused too.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { AppError } from '../../../src-shared/errors';

export interface SyncLock {
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive but another user's process.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireSyncLock(cachePath: string): SyncLock {
  const path = `${cachePath}.sync-lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AppError('CACHE', `cannot create the sync lock ${path}: ${(e as Error).message}`);
      }
      let owner = NaN;
      try {
        owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      } catch {
        continue; // removed meanwhile: try again
      }
      if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) {
        throw new AppError(
          'CONFLICT',
          `a sync of this cache is already running (process ${owner})`,
          {
            lock: path,
          },
        );
      }
      // Stale: its owner died without releasing it.
      rmSync(path, { force: true });
    }
  }
  throw new AppError('CONFLICT', `could not take the sync lock ${path}`);
}
