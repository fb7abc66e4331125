export {
  createDispatcher,
  describeZodError,
  dispatch,
  invokeTyped,
  type Dispatch,
  type DispatchOptions,
} from './dispatch';
export { createPushEvents, type PushEvents, type PushListener } from './push-events';
export type { HandlerContext } from './context';
export type { Handlers, HandlerFn } from './handler-types';
export { handlers } from './handlers';
