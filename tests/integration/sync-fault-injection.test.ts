// Crash consistency: a child process running the sync is SIGKILLed at ≥ 200 seeded random points
// (EPM_SYNC_FAULT_AFTER, src-main/core/sync/fault.ts: every write statement, commit and DDL
// step), during initial loads (interrupted, resumed, with central changes between attempts)
// and incremental syncs. After every kill the SQLite file must pass integrity_check and
// foreign_key_check, and either have no checkpoint (no sync ever completed on it) or hold exactly
// the central data of its checkpoint. Central data only changes between children, so the
// central checksums taken when a checkpoint first appears are that checkpoint's content.
// Replay a failure with EPM_TEST_SEED=<seed printed in the failure>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyRandomChanges } from '../support/sync-changes';
import {
  cacheHealth,
  centralChecksums,
  createCentralFixture,
  localChecksums,
  pickInt,
  rng,
  type CentralFixture,
  type Checksums,
} from '../support/sync-fixture';

const SEED = Number(process.env.EPM_TEST_SEED ?? 31337);
const KILLS = Number(process.env.EPM_FAULT_KILLS ?? 200);
const CHUNK_ROWS = 150;
const CHILD = fileURLToPath(new URL('../support/sync-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let fx: CentralFixture;
let admin: { login: string; url: string };
let dir: string;

interface ChildResult {
  killed: boolean;
  ok?: boolean;
  points?: number;
  resumed?: boolean;
  error?: string;
}

function runChild(cachePath: string, killAfter: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, admin.url, cachePath, String(CHUNK_ROWS)],
      {
        cwd: ROOT,
        env: { ...process.env, EPM_SYNC_FAULT_AFTER: String(killAfter) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve({ killed: true });
      const line = out.trim().split('\n').at(-1);
      if (!line) return reject(new Error(`child exited ${code} without output: ${err}`));
      resolve({ killed: false, ...(JSON.parse(line) as object) });
    });
  });
}

beforeAll(async () => {
  fx = await createCentralFixture(SEED);
  admin = await fx.user({ role: 'admin', prefix: 'sync_fault' });
  dir = mkdtempSync(join(tmpdir(), 'epm-sync-fault-'));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await fx?.cleanup();
});

describe('sync: crash consistency under SIGKILL', () => {
  it(`survives ${KILLS} kills at random points and resumes`, async () => {
    const r = rng(SEED);
    const expected = new Map<string, Checksums>();
    let kills = 0;
    let completions = 0;
    let resumes = 0;
    const killsBy = { initial: 0, incremental: 0 };
    let cache = '';
    let cacheNo = 0;
    let everCheckpointed = false;
    let initialPoints = 0;
    let incrementalPoints = 50;
    const context = (what: string) => `seed ${SEED}, cache ${cacheNo}, kill ${kills}: ${what}`;

    /** The invariant, checked after every child, killed or not. */
    const check = async (label: string) => {
      const h = cacheHealth(cache);
      expect(h.integrity, context(label)).toBe('ok');
      expect(h.foreignKeyViolations, context(label)).toBe(0);
      if (h.checkpoint === null) {
        expect(everCheckpointed, context(`${label}: the checkpoint disappeared`)).toBe(false);
        return;
      }
      everCheckpointed = true;
      if (!expected.has(h.checkpoint))
        expected.set(h.checkpoint, await centralChecksums(admin.url));
      expect(localChecksums(cache), context(`${label} at ${h.checkpoint}`)).toEqual(
        expected.get(h.checkpoint),
      );
    };

    for (let round = 0; kills < KILLS; round++) {
      const initial = round % 3 === 0;
      if (initial) {
        cache = join(dir, `cache-${++cacheNo}.sqlite`);
        everCheckpointed = false;
      }
      // Calibrate once: how many fault points a complete initial load passes.
      if (initialPoints === 0) {
        initialPoints = (await runChild(join(dir, 'probe.sqlite'), 0)).points!;
        expect(initialPoints).toBeGreaterThan(100);
      }
      // Initial rounds: kill the load (and its resumes) until it completes, each kill point
      // drawn within the work left. Incremental rounds: a few attempts, each with changes to apply.
      let left = initialPoints;
      let completed = false;
      const attempts = initial ? 12 : pickInt(r, 3, 6);
      let pending = false; // central changes the cache has not received yet
      for (let a = 0; a < attempts && !(initial && completed); a++) {
        // Central changes between the attempts of an interrupted initial load exercise the
        // resume catch-up.
        if ((!initial && !pending) || (initial && r() < 0.3)) {
          await applyRandomChanges(fx.url, r, pickInt(r, initial ? 1 : 5, initial ? 6 : 25));
          pending = true;
        }
        const killAt = pickInt(r, 1, initial ? Math.max(10, left) : incrementalPoints);
        const res = await runChild(cache, killAt);
        if (res.killed) {
          kills++;
          killsBy[initial ? 'initial' : 'incremental']++;
          left -= killAt;
        } else {
          expect(res.ok, context(res.error ?? '')).toBe(true);
          if (res.resumed) resumes++;
          completed = true;
          pending = false;
          if (!initial) incrementalPoints = Math.max(20, Math.round(res.points! * 1.2));
        }
        await check(res.killed ? 'after kill' : 'after completion');
      }
      const done = await runChild(cache, 0);
      expect(done.ok, context(done.error ?? 'final run')).toBe(true);
      if (done.resumed) resumes++;
      completions++;
      await check('after final run');
      expect(localChecksums(cache), context('final run equals central')).toEqual(
        await centralChecksums(admin.url),
      );
    }
    console.log(
      `fault injection: seed ${SEED}, ${kills} kills (${killsBy.initial} in initial loads, ${killsBy.incremental} in incremental syncs), ${completions} rounds, ${resumes} resumed initial loads, ${expected.size} checkpoints checked`,
    );
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(killsBy.initial).toBeGreaterThan(KILLS / 10);
    expect(killsBy.incremental).toBeGreaterThan(KILLS / 10);
    expect(resumes).toBeGreaterThan(0);
  }, 900_000);
});
