// The closed set of error codes that cross a boundary (IPC, CLI --json). Adding a code is a
// contract change: the renderer maps each one to a message.
export const ERROR_CODES = [
  'VALIDATION', // input failed its schema
  'NOT_FOUND',
  'CONFLICT', // e.g. divergent migration history, duplicate import
  'PERMISSION', // the central database or the role refused
  'UNAVAILABLE', // central database unreachable / offline
  'CANCELLED',
  'CACHE', // local cache missing, locked or inconsistent
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** An expected failure with a code, a one-line message (what, where, why) and optional details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
