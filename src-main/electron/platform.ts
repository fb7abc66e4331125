// The desktop services the IPC handlers may use (context.ts PlatformHooks): reveal a file in the
// OS file manager, pick a file to import, the documents folder for exports, and the interface
// language (the glue's own texts follow it).
import type { BrowserWindow, Dialog, Shell } from 'electron';
import type { Language } from '../../src-shared/domain/language';
import type { PlatformHooks } from '../core/ipc/context';
import { nativeLabels } from './native-labels';

export function electronPlatform(deps: {
  shell: Pick<Shell, 'showItemInFolder'>;
  dialog: Pick<Dialog, 'showOpenDialog'>;
  window: () => BrowserWindow | null;
  documentsDir: string;
  /** The interface language now (the dialog's texts). */
  language: () => Language;
  /** The language Chromium was started with (--lang): see PlatformHooks.launchLanguage. */
  launchLanguage: Language;
  /** The user chose another interface language: rebuild what the glue draws (the menu). */
  onLanguageChanged: (language: Language) => void;
}): PlatformHooks {
  return {
    documentsDir: deps.documentsDir,
    launchLanguage: deps.launchLanguage,
    languageChanged: (language) => deps.onLanguageChanged(language),
    showItemInFolder: (path) => deps.shell.showItemInFolder(path),
    async pickFile() {
      const labels = nativeLabels(deps.language()).importDialog;
      const options = {
        title: labels.title,
        properties: ['openFile' as const],
        filters: [
          { name: labels.csvOrExcel, extensions: ['csv', 'txt', 'xlsx'] },
          { name: labels.allFiles, extensions: ['*'] },
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
