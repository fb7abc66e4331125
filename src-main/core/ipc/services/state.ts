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

/**
 * Process end (harness close, app quit): cancel jobs, close the cache. Resolves once every job
 * has really stopped, so a caller that then removes the folders they wrote into (a test, the
 * harness's temporary home) does not race a worker still closing a file.
 */
export async function disposeState(ctx: HandlerContext): Promise<void> {
  const s = states.get(ctx);
  if (!s) return;
  states.delete(ctx);
  // Workers are told to stop first (synchronously, inside cancelAllAndWait), then the cache closes.
  const stopped = s.jobs.cancelAllAndWait();
  s.whatif.clear();
  s.cache.reset();
  await stopped;
}
