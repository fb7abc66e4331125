// The per-run secret that stands between any local process (or web page) and the IPC surface.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes lengths equal and hides the expected length. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer …` or, for EventSource which cannot set headers, ?token=. */
export function tokenFromRequest(
  authorization: string | undefined,
  query: URLSearchParams,
): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return m?.[1] ?? query.get('token');
}
