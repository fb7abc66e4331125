// The web-harness side of window.epm, for when the renderer runs in a plain browser (tests,
// development). Same contract, carried over loopback HTTP: POST /ipc/<channel> for requests and
// Server-Sent Events for push events, each authenticated by the per-run token the harness put
// in the URL it printed.
import type { Result } from '../../../src-shared/errors';
import {
  isEventName,
  type EpmBridge,
  type EventName,
  type EventPayload,
  type InvokeChannel,
} from '../../../src-shared/ipc/contract';

const TOKEN_KEY = 'epm.harnessToken';

/**
 * Takes the token from ?token= on first load, then drops it from the address bar (so it does
 * not end up in history or screenshots) and keeps it in memory and sessionStorage (reloads).
 */
export function takeHarnessToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      /* memory only */
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.toString());
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function failure(code: 'PERMISSION' | 'UNAVAILABLE' | 'INTERNAL', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export function createHarnessTransport(token: string | null): EpmBridge {
  type AnyListener = (payload: unknown) => void;
  const listeners = new Map<EventName, Set<AnyListener>>();
  let source: EventSource | null = null;

  const ensureSource = (): EventSource | null => {
    if (source || !token) return source;
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    return source;
  };

  const invoke = async (channel: InvokeChannel, input?: unknown): Promise<Result<unknown>> => {
    if (!token)
      return failure(
        'PERMISSION',
        'harness token missing: open the URL printed by `npm run harness`',
      );
    let res: Response;
    try {
      res = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input === undefined ? {} : { input }),
      });
    } catch (e) {
      return failure('UNAVAILABLE', `harness unreachable: ${(e as Error).message}`);
    }
    if (res.status === 401) return failure('PERMISSION', 'harness token rejected');
    try {
      return (await res.json()) as Result<unknown>;
    } catch {
      return failure('INTERNAL', `unexpected harness response (HTTP ${res.status})`);
    }
  };

  const on = <E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`unknown event '${String(event)}'`);
    let set = listeners.get(event);
    const es = ensureSource();
    if (!set) {
      set = new Set();
      listeners.set(event, set);
      const forEvent = set;
      es?.addEventListener(event, (msg) => {
        let payload: unknown;
        try {
          payload = JSON.parse((msg as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const l of [...forEvent]) l(payload);
      });
    }
    const l = listener as AnyListener;
    set.add(l);
    return () => {
      set.delete(l);
    };
  };

  return { invoke: invoke as EpmBridge['invoke'], on };
}
