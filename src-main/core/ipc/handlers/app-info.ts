import { APP_NAME, APP_VERSION } from '../../app-info';
import type { HandlerFn } from '../handler-types';

export const appInfo: HandlerFn<'app:info'> = (_input, ctx) => ({
  version: APP_VERSION,
  name: APP_NAME,
  platform: process.platform,
  harness: ctx.transport === 'harness',
});
