// Atomic output (src-main/core/export/atomic.ts): the target appears whole or not at all; a
// failure, a cancellation, an unwritable or missing folder leaves neither it nor the temporary
// file, and an existing target survives a failed replacement.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { outputError, temporaryPath, writeAtomically } from '../../src-main/core/export/atomic';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'epm-atomic-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const write = (text: string) => async (sink: { stream: NodeJS.WritableStream }) => {
  sink.stream.write(text);
};

describe('writeAtomically', () => {
  it('writes through a hidden temporary file in the same folder, then renames it', async () => {
    const target = join(dir, 'report.xlsx');
    let seenTemp: string[] = [];
    const r = await writeAtomically(target, async (sink) => {
      sink.stream.write('hello');
      seenTemp = readdirSync(dir);
    });
    expect(seenTemp).toHaveLength(1);
    expect(seenTemp[0]).toMatch(/^\.report\.xlsx\.\d+-[0-9a-f]{8}\.tmp$/);
    expect(r).toEqual({ path: target, bytes: 5 });
    expect(readFileSync(target, 'utf8')).toBe('hello');
    expect(readdirSync(dir)).toEqual(['report.xlsx']);
    expect(temporaryPath(target).startsWith(join(dir, '.report.xlsx.'))).toBe(true);
  });

  it('replaces an existing file only when the new one is complete', async () => {
    const target = join(dir, 'report.csv');
    writeFileSync(target, 'old');
    await expect(
      writeAtomically(target, async (sink) => {
        sink.stream.write('half of the new one');
        throw new Error('engine failure');
      }),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('engine failure'),
    });
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['report.csv']);
    await writeAtomically(target, write('new'));
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('cancels before and during the work without leaving a file', async () => {
    const target = join(dir, 'x.xlsx');
    const abort = new AbortController();
    abort.abort();
    await expect(
      writeAtomically(target, write('x'), { signal: abort.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    const during = new AbortController();
    await expect(
      writeAtomically(
        target,
        async (sink) => {
          sink.stream.write('partial');
          during.abort();
        },
        { signal: during.signal },
      ),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a write error of the output (a full disk) and cleans up', async () => {
    const target = join(dir, 'full.xlsx');
    const openStream = (path: string) => {
      writeFileSync(path, ''); // the temporary file exists, as with a real disk
      return new Writable({
        write(_chunk, _enc, cb) {
          cb(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
        },
      });
    };
    await expect(
      writeAtomically(
        target,
        async (sink) => {
          sink.stream.write('data');
          await new Promise((r) => setImmediate(r));
          const e = sink.error();
          if (e) throw e;
        },
        { openStream },
      ),
    ).rejects.toMatchObject({ code: 'INTERNAL', details: { errno: 'ENOSPC' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an unwritable folder, a missing folder and a folder as target', async () => {
    let unwritable: string;
    if (process.getuid?.() === 0) {
      unwritable = '/sys/epm-export-test.xlsx'; // root ignores file modes; sysfs refuses creation
    } else {
      const ro = join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      unwritable = join(ro, 'x.xlsx');
    }
    await expect(writeAtomically(unwritable, write('x'))).rejects.toMatchObject({
      code: 'PERMISSION',
      message: expect.stringContaining('permission denied'),
    });
    await expect(writeAtomically(join(dir, 'nope', 'x.xlsx'), write('x'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    mkdirSync(join(dir, 'folder.xlsx'));
    await expect(writeAtomically(join(dir, 'folder.xlsx'), write('x'))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it("names file system errors in the user's words", () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(outputError(err('EROFS'), '/a.xlsx')).toMatchObject({ code: 'PERMISSION' });
    expect(outputError(err('EDQUOT'), '/a.xlsx')).toMatchObject({
      code: 'INTERNAL',
      message: 'cannot write /a.xlsx: no space left on the disk',
    });
  });
});
