// The renderer's only way to reach main: `api.invoke(channel, input)` → Result, `api.on(event)`.
// Inside Electron the preload provides window.epm; in a browser the harness transport does.
import type { EpmBridge } from '../../../src-shared/ipc/contract';
import { createHarnessTransport, takeHarnessToken } from './harness-transport';

declare global {
  interface Window {
    epm?: EpmBridge;
  }
}

function resolveBridge(): EpmBridge {
  if (window.epm) return window.epm;
  return createHarnessTransport(takeHarnessToken());
}

export const api: EpmBridge = resolveBridge();
