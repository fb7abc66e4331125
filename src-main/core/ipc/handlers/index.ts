// The handler map: one line per contract channel. The `Handlers` type makes a missing or
// misspelled channel a compile error.
import type { Handlers } from '../handler-types';
import { appInfo } from './app-info';
import { cacheStatus } from './cache-status';

export const handlers: Handlers = {
  'app:info': appInfo,
  'cache:status': cacheStatus,
};
