// Atomic output: a report is written to a temporary file beside the target, flushed to disk, then
// renamed over the target. A reader never sees half a workbook, and a failure (folder not
// writable, disk full, error while producing) or a cancellation leaves no file behind: neither the
// target (untouched if it existed) nor the temporary file.
import { createWriteStream } from 'node:fs';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError, isAppError } from '../../../src-shared/errors';

export interface AtomicSink {
  stream: NodeJS.WritableStream;
  /** The first error the output reported (a full disk…): producers stop early on it. */
  error(): Error | undefined;
}

export interface AtomicOptions {
  signal?: AbortSignal;
  /** Opens the stream on the temporary file (default: a file stream that must create it). */
  openStream?: (path: string) => NodeJS.WritableStream;
}

export function cancelled(): AppError {
  return new AppError('CANCELLED', 'export cancelled: no file was written');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

/** The temporary name: hidden, in the target's folder (same file system, so rename is atomic). */
export function temporaryPath(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** Rejects a target we could never rename onto, before any work is done. */
async function checkTarget(target: string): Promise<void> {
  const dir = dirname(target);
  const d = await stat(dir).catch(() => null);
  if (!d)
    throw new AppError('NOT_FOUND', `cannot write ${target}: the folder ${dir} does not exist`);
  if (!d.isDirectory())
    throw new AppError('VALIDATION', `cannot write ${target}: ${dir} is not a folder`);
  const t = await stat(target).catch(() => null);
  if (t?.isDirectory()) throw new AppError('VALIDATION', `cannot write ${target}: it is a folder`);
}

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null ? (e as { code?: string }).code : undefined;
}

/** A failure of the file system in the user's words, with its code for the UI. */
export function outputError(e: unknown, target: string): Error {
  if (isAppError(e)) return e;
  const code = errno(e);
  const why = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('PERMISSION', `cannot write ${target}: permission denied`, {
        errno: code,
      });
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('INTERNAL', `cannot write ${target}: no space left on the disk`, {
        errno: code,
      });
    case 'ENOENT':
      return new AppError('NOT_FOUND', `cannot write ${target}: ${why}`, { errno: code });
    default:
      return new AppError(
        'INTERNAL',
        `cannot write ${target}: ${why}`,
        code ? { errno: code } : undefined,
      );
  }
}

function whenClosed(s: NodeJS.WritableStream): Promise<void> {
  const w = s as NodeJS.WritableStream & { closed?: boolean; destroyed?: boolean };
  return new Promise((res) => {
    if (w.closed) return res();
    w.once('close', () => res());
  });
}

function whenOpen(s: NodeJS.WritableStream): Promise<void> {
  // fs streams open asynchronously: an unwritable folder fails here, before any work.
  const f = s as NodeJS.WritableStream & { pending?: boolean };
  if (f.pending !== true) return Promise.resolve();
  return new Promise((res, rej) => {
    s.once('open', () => res());
    s.once('error', rej);
  });
}

function finish(s: NodeJS.WritableStream): Promise<void> {
  const w = s as NodeJS.WritableStream & { writableFinished?: boolean; writableEnded?: boolean };
  return new Promise((res, rej) => {
    if (w.writableFinished) return res();
    s.once('finish', () => res());
    s.once('error', rej);
    if (!w.writableEnded) s.end();
  });
}

function fsyncPath(path: string, flags: string): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs `produce` against a stream on a temporary file, then renames the file onto `target`.
 * Returns the final path and its size. On any failure or cancellation the temporary file is
 * removed and the error rethrown as an AppError (CANCELLED, PERMISSION, NOT_FOUND, INTERNAL).
 */
export async function writeAtomically(
  targetPath: string,
  produce: (sink: AtomicSink) => Promise<void>,
  opts: AtomicOptions = {},
): Promise<{ path: string; bytes: number }> {
  const target = resolve(targetPath);
  throwIfAborted(opts.signal);
  await checkTarget(target);
  const temp = temporaryPath(target);
  let failure: Error | undefined;
  let stream: NodeJS.WritableStream | undefined;
  try {
    stream = opts.openStream ? opts.openStream(temp) : createWriteStream(temp, { flags: 'wx' });
    // Kept for the whole run: an 'error' without a listener would crash the process.
    stream.on('error', (e: Error) => {
      failure ??= e;
    });
    await whenOpen(stream);
    await produce({ stream, error: () => failure });
    throwIfAborted(opts.signal);
    if (failure) throw failure;
    await finish(stream);
    await whenClosed(stream);
    if (failure) throw failure;
    // Flushed before the rename: after a power cut the target is the old file or the new one.
    fsyncPath(temp, 'r+');
    const bytes = (await stat(temp)).size;
    await rename(temp, target);
    try {
      fsyncPath(dirname(target), 'r'); // the rename itself (POSIX; not possible on Windows)
    } catch {
      /* best effort */
    }
    return { path: target, bytes };
  } catch (e) {
    // The cause, taken before the stream is destroyed (which may report errors of its own): a
    // cancellation wins over the errors that stopping the writers may cause; otherwise the
    // output's own error (a full disk) is the cause of whatever the producer then threw.
    const cancel = opts.signal?.aborted || (isAppError(e) && e.code === 'CANCELLED');
    const cause = cancel ? cancelled() : (failure ?? e);
    if (stream) {
      (stream as NodeJS.WritableStream & { destroy?: () => void }).destroy?.();
      await Promise.race([whenClosed(stream), new Promise((r) => setTimeout(r, 1000))]);
    }
    await unlink(temp).catch(() => undefined);
    throw outputError(cause, target);
  }
}
