// Session and settings: who the user is, the central connection (its password stored by the OS
// keychain in Electron, in memory in the harness), first run.
import { z } from 'zod';
import { LANGUAGES, type Language } from '../../domain/language';
import type { ConnectionTest, Identity, SessionInfo } from '../dto/session';
import { noInput, returns, type ChannelSpec } from '../spec';

// Query parameters a connection URL may carry. Everything else is refused: the pg driver reads
// files named by sslcert/sslkey/sslrootcert, so a URL from the renderer must not choose them.
const ALLOWED_URL_PARAMS = new Set(['sslmode', 'application_name', 'connect_timeout']);

/** Why a central connection URL is unusable, or null when it is fine. */
export function pgUrlProblem(value: string): string | null {
  if (!/^postgres(ql)?:\/\//.test(value)) return 'must be a postgres:// URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid URL';
  }
  if (!url.hostname) return 'must name a host';
  if (url.port && (Number(url.port) < 1 || Number(url.port) > 65535)) return 'has an invalid port';
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    decodeURIComponent(url.pathname);
    decodeURIComponent(url.search);
  } catch {
    return 'has an invalid percent-escape';
  }
  for (const key of url.searchParams.keys()) {
    if (!ALLOWED_URL_PARAMS.has(key)) return `may not set the parameter "${key}"`;
  }
  return null;
}

const pgUrl = z
  .string()
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = pgUrlProblem(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

export const settingsChannels = {
  'session:get': { input: noInput, output: returns<SessionInfo>() },
  /** Asks the central database who the connection's login is (role, scope); cached locally. */
  'session:identify': { input: noInput, output: returns<Identity>() },
  'settings:test-connection': {
    input: z.object({ url: pgUrl }).strict(),
    output: returns<ConnectionTest>(),
  },
  'settings:save-connection': {
    input: z.union([
      z.object({ mode: z.literal('central'), url: pgUrl }).strict(),
      z.object({ mode: z.literal('demo') }).strict(),
    ]),
    output: returns<SessionInfo>(),
  },
  'settings:forget-connection': { input: noInput, output: returns<SessionInfo>() },
  /** First run: "later" (work with what is there; Paramètres can configure it any time). */
  'settings:skip-setup': { input: noInput, output: returns<SessionInfo>() },
  /**
   * The interface language, told to main at start-up and on every change: the native menu,
   * dialogs and notifications follow it at once, Chromium's locale (the calendar popup of date
   * fields) from the next start (`restartNeeded`).
   */
  'settings:set-language': {
    input: z.object({ language: z.enum(LANGUAGES) }).strict(),
    output: returns<{ language: Language; restartNeeded: boolean }>(),
  },
} satisfies Record<string, ChannelSpec>;
