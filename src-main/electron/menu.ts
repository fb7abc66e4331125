// The native menu, in the interface language (French by default). Pure template builder
// (type-only electron import) so its shortcuts and labels can be tested; the glue calls
// Menu.buildFromTemplate on it, again whenever the language changes.
import type { MenuItemConstructorOptions } from 'electron';
import { DEFAULT_LANGUAGE, type Language } from '../../src-shared/domain/language';
import { SCREENS, type ScreenId } from '../../src-shared/ipc/screens';
import { nativeLabels } from './native-labels';

export interface MenuActions {
  /** Development build: reload and DevTools entries. Production has neither (no Ctrl+R). */
  dev: boolean;
  isMac: boolean;
  /** Default: French. */
  language?: Language;
  navigate(screen: ScreenId): void;
  about(): void;
  quit(): void;
}

export function menuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const labels = nativeLabels(a.language ?? DEFAULT_LANGUAGE);
  const m = labels.menu;
  const screens: MenuItemConstructorOptions[] = SCREENS.map((screen, i) => ({
    label: labels.screens[screen],
    // Ctrl+1…8 follow the order of the navigation bar.
    accelerator: `CmdOrCtrl+${i + 1}`,
    click: () => a.navigate(screen),
  }));
  const devItems: MenuItemConstructorOptions[] = a.dev
    ? [
        { type: 'separator' },
        { label: m.reload, role: 'reload', accelerator: 'CmdOrCtrl+R' },
        {
          label: m.devTools,
          role: 'toggleDevTools',
          accelerator: 'CmdOrCtrl+Shift+I',
        },
      ]
    : [];
  return [
    // macOS expects the application menu first (About, Hide, Quit…).
    ...(a.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: m.file,
      submenu: [{ label: m.quit, accelerator: 'CmdOrCtrl+Q', click: () => a.quit() }],
    },
    {
      label: m.edit,
      // Needed on macOS for copy/paste shortcuts in inputs; harmless elsewhere.
      submenu: [
        { label: m.undo, role: 'undo' },
        { label: m.redo, role: 'redo' },
        { type: 'separator' },
        { label: m.cut, role: 'cut' },
        { label: m.copy, role: 'copy' },
        { label: m.paste, role: 'paste' },
        { label: m.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: m.view,
      submenu: [
        ...screens,
        { type: 'separator' },
        { label: m.zoomIn, role: 'zoomIn' },
        { label: m.zoomOut, role: 'zoomOut' },
        { label: m.resetZoom, role: 'resetZoom' },
        { label: m.fullScreen, role: 'togglefullscreen' },
        ...devItems,
      ],
    },
    {
      label: m.help,
      submenu: [{ label: m.about, click: () => a.about() }],
    },
  ];
}
