// Loading one IPC answer for a component: data, error, loading, and a reload. Only the latest
// request's answer is kept (a fast user changing page or filter never sees an older answer).
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
  const [state, setState] = useState<{ data: T | null; error: AppErrorShape | null; loading: boolean }>(
    { data: null, error: null, loading: key !== null },
  );
  const seq = useRef(0);
  const fetcherRef = useRef(fetcher);
  useLayoutEffect(() => {
    fetcherRef.current = fetcher;
  });
  const run = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    fetcherRef.current().then(
      (data) => mine === seq.current && setState({ data, error: null, loading: false }),
      (e: unknown) => mine === seq.current && setState({ data: null, error: errorOf(e), loading: false }),
    );
  }, []);
  useEffect(() => {
    if (key !== null) run();
  }, [key, run]);
  return { ...state, reload: run };
}
