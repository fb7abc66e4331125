// `request()`: invoke a channel and get its value, or an IpcError carrying the coded error. Stores
// use it so that every screen handles failures the same way (ErrorNotice maps codes to messages
// that say what to do).
import type { AppErrorShape } from '../../../src-shared/errors';
import type { InvokeArgs, InvokeChannel, OutputOf } from '../../../src-shared/ipc/contract';
import { api } from './client';

export class IpcError extends Error {
  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
    this.name = 'IpcError';
  }
}

type Listener = (channel: InvokeChannel, ok: boolean, error?: AppErrorShape) => void;
const listeners = new Set<Listener>();

/** Observes every outcome (the session store derives "central server reachable" from it). */
export function onRequestOutcome(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export async function request<C extends InvokeChannel>(
  channel: C,
  ...args: InvokeArgs<C>
): Promise<OutputOf<C>> {
  const r = await api.invoke(channel, ...args);
  for (const l of listeners) l(channel, r.ok, r.ok ? undefined : r.error);
  if (!r.ok) throw new IpcError(r.error);
  return r.value;
}

export function errorOf(e: unknown): AppErrorShape {
  if (e instanceof IpcError) return e.shape;
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
