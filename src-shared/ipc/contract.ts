// The IPC contract: every request channel the renderer may invoke and every push event main may
// send, in one place. Main (Electron handlers and the web harness), the preload allow-list and
// the renderer client are all derived from these two maps, so adding a feature is one entry here
// (or in the feature's file under channels/) plus one handler in src-main/core/ipc/handlers.
//
// Inputs are zod schemas because they are checked at runtime at the boundary (the renderer is
// untrusted). Outputs are types only: main produces them, and the compiler checks the handlers.
import { z } from 'zod';
import type { CacheStatus } from '../domain/cache';
import type { AppErrorShape, Result } from '../errors';
import { analyticsChannels } from './channels/analytics';
import { jobChannels } from './channels/jobs';
import { settingsChannels } from './channels/settings';
import { whatifChannels } from './channels/whatif';
import type {
  ExportProgressDto,
  ExportResultDto,
  ImportProgressDto,
  ImportReportDto,
  JobFinished,
  SetupProgressDto,
  SyncProgressDto,
  SyncSummaryDto,
} from './dto/jobs';
import { SCREENS, type ScreenId } from './screens';
import { noInput, returns, type ChannelSpec, type TypeMarker } from './spec';

export { noInput, returns, type ChannelSpec, type TypeMarker } from './spec';

export interface AppInfo {
  version: string;
  name: string;
  platform: string;
  /** True when served by the web harness (development/tests) instead of Electron. */
  harness: boolean;
}

export const invokeContract = {
  'app:info': { input: noInput, output: returns<AppInfo>() },
  'cache:status': { input: noInput, output: returns<CacheStatus>() },
  ...settingsChannels,
  ...analyticsChannels,
  ...whatifChannels,
  ...jobChannels,
} satisfies Record<string, ChannelSpec>;

export type InvokeChannel = keyof typeof invokeContract;
export type InputOf<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>;
/** The input after validation (zod defaults and transforms applied): what handlers receive. */
export type ParsedInputOf<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['input']>;
export type OutputOf<C extends InvokeChannel> =
  (typeof invokeContract)[C]['output'] extends TypeMarker<infer O> ? O : never;

function finished<T>(): z.ZodType<JobFinished<T>> {
  return z.object({
    jobId: z.string(),
    outcome: z.enum(['succeeded', 'failed', 'cancelled']),
    result: z.custom<T>().optional(),
    error: z.custom<AppErrorShape>().optional(),
  }) as z.ZodType<JobFinished<T>>;
}

/**
 * Push events (main → renderer). Payloads are schemas too: cheap to check in tests and they
 * document the shape; main is trusted so they are not re-validated on every send.
 */
export const eventContract = {
  /** The native menu (Ctrl+1…8) asks the renderer to show a screen. */
  'app:navigate': z.object({ screen: z.enum(SCREENS) }),
  /** The local cache changed (after a sync, an import…): the status bar refreshes. */
  'cache:changed': z.object({}),
  /** The connection or the identity changed (settings saved, role confirmed by the server). */
  'session:changed': z.object({}),
  'sync:progress': z.object({ jobId: z.string(), progress: z.custom<SyncProgressDto>() }),
  'sync:finished': finished<SyncSummaryDto>(),
  'export:progress': z.object({ jobId: z.string(), progress: z.custom<ExportProgressDto>() }),
  'export:finished': finished<ExportResultDto>(),
  'import:progress': z.object({ jobId: z.string(), progress: z.custom<ImportProgressDto>() }),
  'import:finished': finished<ImportReportDto>(),
  'setup:progress': z.object({ jobId: z.string(), progress: z.custom<SetupProgressDto>() }),
  'setup:finished': finished<{ database: string }>(),
} satisfies Record<string, z.ZodTypeAny>;

export type EventName = keyof typeof eventContract;
export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

/** The allow-lists the preload and the harness check names against. */
export const INVOKE_CHANNELS = Object.freeze(
  Object.keys(invokeContract),
) as readonly InvokeChannel[];
export const EVENT_NAMES = Object.freeze(Object.keys(eventContract)) as readonly EventName[];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(invokeContract, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventContract, name);
}

/** Arguments of invoke(): channels without input take none. */
export type InvokeArgs<C extends InvokeChannel> =
  undefined extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>];

/** What window.epm looks like (exposed by the preload; mimicked by the harness transport). */
export interface EpmBridge {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<OutputOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export type { ScreenId };
