import type { InvokeChannel, OutputOf, ParsedInputOf } from '../../../src-shared/ipc/contract';
import type { HandlerContext } from './context';

/** A handler gets the validated input; it may throw AppError for expected failures. */
export type HandlerFn<C extends InvokeChannel> = (
  input: ParsedInputOf<C>,
  ctx: HandlerContext,
) => OutputOf<C> | Promise<OutputOf<C>>;

/** One handler per contract channel, shared by the Electron glue and the web harness. */
export type Handlers = { [C in InvokeChannel]: HandlerFn<C> };
