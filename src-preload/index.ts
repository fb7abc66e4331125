// Sandboxed preload: exposes the checked bridge as window.epm and nothing else.
// Built as CommonJS (sandboxed preloads cannot be ES modules) with its dependencies bundled.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('epm', createBridge(ipcRenderer));
