// Where a worker thread's code is, for the three background jobs (sync, export, IPC tasks).
// Running from TypeScript sources (tsx, vitest) the caller's URL ends in .ts and the worker is a
// .ts file beside it. On Node 20, tsx installs its hooks in the main thread only (`--import tsx`
// in a worker's execArgv is ignored), so a tiny bootstrap registers them in the worker through
// tsx's API (by absolute URL: any working directory) and then imports the worker module.
// In the bundled app, electron-vite emits each worker as its own entry, flat next to the main
// bundle (see electron.vite.config.ts), so the caller's chunk finds it as `./<name>.js`.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface WorkerEntry {
  script: URL | string;
  /** True when `script` is source code to evaluate rather than a file. */
  eval: boolean;
}

/**
 * @param callerUrl the caller's import.meta.url
 * @param sourceFile the worker's TypeScript file, relative to the caller (e.g. './worker.ts')
 * @param bundledFile the worker's bundle, relative to the main bundle (e.g. './sync-worker.js')
 */
export function workerEntry(
  callerUrl: string,
  sourceFile: string,
  bundledFile: string,
): WorkerEntry {
  if (/\.[mc]?ts$/.test(callerUrl)) {
    // The ESM build of tsx's API (its `require` export is the .cjs twin).
    const api = pathToFileURL(
      createRequire(callerUrl)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
    const worker = new URL(sourceFile, callerUrl).href;
    const script = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
    return { script, eval: true };
  }
  return { script: new URL(bundledFile, callerUrl), eval: false };
}
