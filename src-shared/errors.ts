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

/**
 * The situations behind a code that the screens explain in the user's language (the engine's
 * message stays English, for support): carried as `details.reason`. UNAVAILABLE alone cannot say
 * whether there is no server to reach (Paramètres) or a server out of reach (on a train: the
 * local data stays usable).
 */
export const ERROR_REASONS = [
  'no_connection', // no central database configured on this computer
  'password_not_stored', // a company server is configured, its password is not kept here
  'central_unreachable', // configured, but no answer (offline, server down)
  'central_not_found', // the server's name is not known (mistyped, or no network to resolve it)
  'authentication_refused', // the server refused the login or password
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** The reason an error shape carries, if any (details of any other form are ignored). */
export function reasonOf(error: AppErrorShape): ErrorReason | null {
  const r = (error.details as { reason?: unknown } | null | undefined)?.reason;
  return typeof r === 'string' && (ERROR_REASONS as readonly string[]).includes(r)
    ? (r as ErrorReason)
    : null;
}
