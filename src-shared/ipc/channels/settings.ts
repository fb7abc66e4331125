// Session and settings: who the user is, the central connection (its password stored by the OS
// keychain in Electron, in memory in the harness), first run.
import { z } from 'zod';
import type { ConnectionTest, Identity, SessionInfo } from '../dto/session';
import { noInput, returns, type ChannelSpec } from '../spec';

const pgUrl = z
  .string()
  .max(2000)
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');

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
} satisfies Record<string, ChannelSpec>;
