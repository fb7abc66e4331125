// A sync in a child process, for the fault-injection test: `node --import tsx sync-child.ts
// <pgUrl> <cachePath> <chunkRows>`. With EPM_SYNC_FAULT_AFTER=K the process SIGKILLs itself at
// the K-th fault point (src-main/core/sync/fault.ts); otherwise it prints a JSON line with the
// summary's checkpoint and how many fault points the run passed.
import { runSync } from '../../src-main/core/sync/run-sync';
import { faultPointsReached } from '../../src-main/core/sync/fault';

const [pgUrl, cachePath, chunkRows] = process.argv.slice(2);
try {
  const s = await runSync({
    pgUrl: pgUrl!,
    cachePath: cachePath!,
    appVersion: 'fault-test',
    chunkRows: Number(chunkRows),
  });
  process.stdout.write(
    JSON.stringify({
      ok: true,
      mode: s.mode,
      checkpoint: s.checkpoint,
      resumed: s.resumed,
      points: faultPointsReached(),
    }) + '\n',
  );
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, error: (e as Error).message }) + '\n');
  process.exitCode = 1;
}
