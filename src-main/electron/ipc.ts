// Registers one ipcMain.handle per contract channel and forwards push events to the windows.
// Takes ipcMain and the window list as parameters (no runtime electron import) so the sender
// check and the wiring are unit-testable.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../src-shared/errors';
import { INVOKE_CHANNELS } from '../../src-shared/ipc/contract';
import { dispatch, type DispatchOptions } from '../core/ipc/dispatch';
import type { HandlerContext } from '../core/ipc/context';

export type SenderCheck = (frameUrl: string | undefined) => boolean;

export function registerIpcHandlers(
  ipc: Pick<IpcMain, 'handle' | 'removeHandler'>,
  ctx: HandlerContext,
  isTrustedSender: SenderCheck,
  options: DispatchOptions = {},
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipc.handle(channel, (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      // senderFrame is null when the frame navigated away or was destroyed mid-call.
      const url = event.senderFrame?.url;
      if (!isTrustedSender(url)) {
        return Promise.resolve({
          ok: false,
          error: {
            code: 'PERMISSION',
            message: `IPC '${channel}' refused: the sender is not the EPM Retail window`,
          },
        });
      }
      return dispatch(channel, input, ctx, options);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipc.removeHandler(channel);
  };
}

export interface PushTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Sends every push event to every live window (there is one today; cheap to be general). */
export function forwardPushEvents(ctx: HandlerContext, targets: () => PushTarget[]): () => void {
  return ctx.events.subscribe((event, payload) => {
    for (const t of targets()) if (!t.isDestroyed()) t.send(event, payload);
  });
}
