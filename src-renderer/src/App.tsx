// The shell: skip link, left navigation, the current screen, the status bar, the drill-down
// dialog. Also wires the process-wide concerns of the renderer: theme/lang on <html>, start-up
// loads, push events and the Ctrl+1…8 shortcuts. Before anything is configured, the first-run
// screen replaces the shell.
import { useEffect, type ComponentType } from 'react';
import { SCREENS, type ScreenId } from '../../src-shared/ipc/screens';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { AnalysesScreen } from './features/analyses/AnalysesScreen';
import { ConsolidationScreen } from './features/consolidation/ConsolidationScreen';
import { DashboardScreen } from './features/dashboard/DashboardScreen';
import { DrillDrawer } from './features/drill/DrillDrawer';
import { FirstRunScreen } from './features/first-run/FirstRunScreen';
import { ImportScreen } from './features/import/ImportScreen';
import { ReportsScreen } from './features/reports/ReportsScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { SimulatorScreen } from './features/simulator/SimulatorScreen';
import { SyncScreen } from './features/sync/SyncScreen';
import { useT } from './i18n';
import { api } from './ipc/client';
import { useAppInfoStore } from './stores/app-info';
import { useCacheStore } from './stores/cache';
import { useDimensionsStore } from './stores/dimensions';
import { useExportStore } from './stores/exports';
import { useImportStore } from './stores/import';
import { useSessionStore } from './stores/session';
import { useSyncStore } from './stores/sync';
import { useViewStore } from './stores/view';

const SCREEN_COMPONENTS: Record<ScreenId, ComponentType> = {
  dashboard: DashboardScreen,
  consolidation: ConsolidationScreen,
  simulator: SimulatorScreen,
  analyses: AnalysesScreen,
  reports: ReportsScreen,
  sync: SyncScreen,
  import: ImportScreen,
  settings: SettingsScreen,
};

function useDocumentPreferences(): void {
  const theme = useViewStore((s) => s.theme);
  const language = useViewStore((s) => s.language);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = language;
    // Main draws the native menu and dialogs, and starts Chromium in the language it was last
    // told (the calendar popup of date fields): tell it at start-up and on each change. Not
    // through request(): its outcome is not a sign of the central server's reachability.
    void api
      .invoke('settings:set-language', { language })
      .then((r) => {
        if (r.ok) useViewStore.setState({ restartNeeded: r.value.restartNeeded });
      })
      .catch(() => undefined);
  }, [language]);
}

/** The cache changed (sync, first load): status, dimensions, and every screen's figures. */
function onCacheChanged(): void {
  void useCacheStore.getState().refresh();
  useCacheStore.getState().changed();
  void useDimensionsStore.getState().load();
}

function useStartup(): void {
  useEffect(() => {
    void useAppInfoStore.getState().load();
    void useCacheStore.getState().refresh();
    void useDimensionsStore.getState().load();
    void useSyncStore.getState().refreshState();
    // The identity is confirmed with the server once per start, quietly (offline: the cached one).
    void useSessionStore
      .getState()
      .load()
      .then(() => useSessionStore.getState().identify());
    const offs = [
      api.on('app:navigate', ({ screen }) => useViewStore.getState().setScreen(screen)),
      api.on('cache:changed', onCacheChanged),
      api.on('session:changed', () => void useSessionStore.getState().load()),
      api.on('sync:progress', (e) => useSyncStore.getState().onProgress(e.jobId, e.progress)),
      api.on('sync:finished', (e) => useSyncStore.getState().onFinished(e)),
      api.on('export:progress', (e) => useExportStore.getState().onProgress(e.jobId, e.progress)),
      api.on('export:finished', (e) => useExportStore.getState().onFinished(e)),
      api.on('import:progress', (e) => useImportStore.getState().onProgress(e.jobId, e.progress)),
      api.on('import:finished', (e) => useImportStore.getState().onFinished(e)),
    ];
    return () => offs.forEach((off) => off());
  }, []);
}

/** Ctrl+1…8 (Cmd on macOS). In Electron the native menu has the same accelerators. */
function useScreenShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const n = Number.parseInt(e.key, 10);
      const target = Number.isInteger(n) ? SCREENS[n - 1] : undefined;
      if (target) {
        e.preventDefault();
        useViewStore.getState().setScreen(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  const t = useT();
  const screen = useViewStore((s) => s.screen);
  const firstRun = useSessionStore((s) => s.info?.firstRun ?? false);
  const version = useCacheStore((s) => s.version);
  useDocumentPreferences();
  useStartup();
  useScreenShortcuts();
  const Screen = SCREEN_COMPONENTS[screen];
  if (firstRun) return <FirstRunScreen />;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <Sidebar />
      <main id="main" className="content" tabIndex={-1} data-screen={screen}>
        {/* A new cache version remounts the screen: its figures are reloaded. */}
        <Screen key={`${screen}:${version}`} />
      </main>
      <StatusBar />
      <DrillDrawer />
    </div>
  );
}
