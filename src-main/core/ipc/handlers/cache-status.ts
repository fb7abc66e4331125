import { getCacheStatus } from '../../cache/status';
import type { HandlerFn } from '../handler-types';

export const cacheStatus: HandlerFn<'cache:status'> = (_input, ctx) =>
  getCacheStatus(ctx.cachePath);
