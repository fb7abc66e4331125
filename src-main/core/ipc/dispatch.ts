// The single entry point both transports (Electron ipcMain, web harness) call for a request.
// It never throws: unknown channels and invalid inputs become VALIDATION errors, AppErrors keep
// their code, anything else becomes INTERNAL without its message or stack (those are logged on
// the main side only: they may hold paths, SQL or connection strings).
import type { z } from 'zod';
import { isAppError, type AppErrorShape, type Result } from '../../../src-shared/errors';
import {
  invokeContract,
  type ChannelSpec,
  type InvokeChannel,
  type OutputOf,
} from '../../../src-shared/ipc/contract';
import type { HandlerContext } from './context';
import type { Handlers } from './handler-types';
import { handlers as defaultHandlers } from './handlers';

export interface DispatchOptions {
  /** Where unexpected errors go (the full error, with stack). Defaults to console.error. */
  logError?: (channel: string, error: unknown) => void;
}

type AnyHandler = (input: unknown, ctx: HandlerContext) => unknown;
export type Dispatch = (
  channel: unknown,
  rawInput: unknown,
  ctx: HandlerContext,
  options?: DispatchOptions,
) => Promise<Result<unknown>>;

function fail(code: AppErrorShape['code'], message: string, details?: unknown): Result<never> {
  return {
    ok: false,
    error: details === undefined ? { code, message } : { code, message, details },
  };
}

/** A channel name fit for a message, whatever the renderer sent. */
function shownName(channel: unknown): string {
  return typeof channel === 'string' ? channel.slice(0, 80) : `<${typeof channel}>`;
}

/** "field 'period.from': Expected string, received number; field 'scope': Required". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? `field '${issue.path.join('.')}'` : 'input';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Builds a dispatcher over a contract and its handlers. The app uses the real pair (`dispatch`
 * below); tests build one over a small contract of their own.
 */
export function createDispatcher(
  contract: Record<string, ChannelSpec>,
  handlers: Record<string, unknown>,
): Dispatch {
  return async (channel, rawInput, ctx, options = {}) => {
    const logError = options.logError ?? ((c, e) => console.error(`[ipc] ${c} failed:`, e));
    try {
      if (typeof channel !== 'string' || !Object.prototype.hasOwnProperty.call(contract, channel)) {
        return fail('VALIDATION', `unknown IPC channel '${shownName(channel)}'`);
      }
      const spec = contract[channel] as ChannelSpec;
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) {
        return fail(
          'VALIDATION',
          `invalid input for '${channel}': ${describeZodError(parsed.error)}`,
          {
            issues: parsed.error.issues.map((i) => ({
              path: i.path,
              code: i.code,
              message: i.message,
            })),
          },
        );
      }
      const handler = handlers[channel] as AnyHandler | undefined;
      if (typeof handler !== 'function') return fail('INTERNAL', `no handler for '${channel}'`);
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: e.toShape() };
      try {
        logError(shownName(channel), e);
      } catch {
        /* a failing logger must not turn into a thrown dispatch */
      }
      return fail('INTERNAL', `internal error while handling '${shownName(channel)}'`);
    }
  };
}

const appDispatch = createDispatcher(invokeContract, defaultHandlers satisfies Handlers);

/** Dispatches a request of the app's contract. Never throws. */
export const dispatch: Dispatch = appDispatch;

/** Typed convenience for callers inside main (tests, menu actions). */
export function invokeTyped<C extends InvokeChannel>(
  channel: C,
  rawInput: unknown,
  ctx: HandlerContext,
  options?: DispatchOptions,
): Promise<Result<OutputOf<C>>> {
  return dispatch(channel, rawInput, ctx, options) as Promise<Result<OutputOf<C>>>;
}
