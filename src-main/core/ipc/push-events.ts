// A typed fan-out for push events. Handlers and engines emit; the transports subscribe (the
// Electron glue forwards to every window, the harness to every SSE client). Plain Node, no
// EventEmitter, so a throwing subscriber cannot break the emitter or its other subscribers.
import type { EventName, EventPayload } from '../../../src-shared/ipc/contract';

export type PushListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface PushEvents {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: PushListener): () => void;
}

export function createPushEvents(onListenerError: (e: unknown) => void = () => {}): PushEvents {
  const listeners = new Set<PushListener>();
  return {
    emit(event, payload) {
      for (const l of [...listeners]) {
        try {
          l(event, payload);
        } catch (e) {
          onListenerError(e);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
