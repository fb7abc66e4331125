// The desktop services the IPC handlers may use (context.ts PlatformHooks): reveal a file in the
// OS file manager, pick a file to import, the documents folder for exports.
import type { BrowserWindow, Dialog, Shell } from 'electron';
import type { PlatformHooks } from '../core/ipc/context';

export function electronPlatform(deps: {
  shell: Pick<Shell, 'showItemInFolder'>;
  dialog: Pick<Dialog, 'showOpenDialog'>;
  window: () => BrowserWindow | null;
  documentsDir: string;
}): PlatformHooks {
  return {
    documentsDir: deps.documentsDir,
    showItemInFolder: (path) => deps.shell.showItemInFolder(path),
    async pickFile() {
      const options = {
        title: 'Fichier à importer',
        properties: ['openFile' as const],
        filters: [
          { name: 'CSV ou Excel', extensions: ['csv', 'txt', 'xlsx'] },
          { name: 'Tous les fichiers', extensions: ['*'] },
        ],
      };
      const win = deps.window();
      const r = win
        ? await deps.dialog.showOpenDialog(win, options)
        : await deps.dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
