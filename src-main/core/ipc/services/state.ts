// Per-process state of the IPC layer, attached to the HandlerContext without widening it: the
// open cache handle, the jobs, the what-if sessions, the default (memory) secret store.
import type { HandlerContext, SecretStore } from '../context';
import { JobRegistry } from '../jobs/registry';
import { CacheHandle } from './cache-handle';
import { createMemorySecretStore } from './secret-store';
import { WhatIfSessions } from './whatif-sessions';

export interface IpcState {
  cache: CacheHandle;
  jobs: JobRegistry;
  whatif: WhatIfSessions;
  secrets: SecretStore;
  /** Files the exports of this process produced: the only ones "open folder" may reveal. */
  produced: Set<string>;
}

const states = new WeakMap<HandlerContext, IpcState>();

export function stateOf(ctx: HandlerContext): IpcState {
  let s = states.get(ctx);
  if (!s) {
    s = {
      cache: new CacheHandle(ctx.cachePath),
      jobs: new JobRegistry(),
      whatif: new WhatIfSessions(),
      secrets: ctx.secrets ?? createMemorySecretStore(),
      produced: new Set(),
    };
    states.set(ctx, s);
  }
  return s;
}

/** The local cache changed under us (sync, import): reopen it and tell the windows. */
export function cacheChanged(ctx: HandlerContext): void {
  const s = stateOf(ctx);
  s.cache.reset();
  // Sessions hold baselines of the previous data: figures would silently disagree.
  s.whatif.clear();
  ctx.events.emit('cache:changed', {});
}

/** Process end (harness close, app quit): cancel jobs, close the cache. */
export function disposeState(ctx: HandlerContext): void {
  const s = states.get(ctx);
  if (!s) return;
  s.jobs.cancelAll();
  s.whatif.clear();
  s.cache.reset();
  states.delete(ctx);
}
