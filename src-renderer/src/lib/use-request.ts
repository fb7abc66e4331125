// Loading one IPC answer for a component: data, error, loading, and a reload. Only the answer to
// the current key is kept (a fast user changing page or filter never sees an older answer); the
// previous data stays on screen while the next one loads (no flicker).
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { AppErrorShape } from '../../../src-shared/errors';
import { errorOf } from '../ipc/request';

export interface RequestState<T> {
  data: T | null;
  error: AppErrorShape | null;
  loading: boolean;
  reload(): void;
}

/** `key` identifies the request: a new key fetches again; null means "nothing to fetch yet". */
export function useRequest<T>(key: string | null, fetcher: () => Promise<T>): RequestState<T> {
  const [state, setState] = useState<{
    answered: string | null;
    data: T | null;
    error: AppErrorShape | null;
  }>({ answered: null, data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const fetcherRef = useRef(fetcher);
  useLayoutEffect(() => {
    fetcherRef.current = fetcher;
  });
  const current = key === null ? null : `${attempt}:${key}`;
  useEffect(() => {
    if (current === null) return;
    let live = true;
    fetcherRef.current().then(
      (data) => live && setState({ answered: current, data, error: null }),
      (e: unknown) => live && setState({ answered: current, data: null, error: errorOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [current]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return {
    data: state.data,
    error: state.error,
    loading: current !== null && state.answered !== current,
    reload,
  };
}
