// The shell: skip link, left navigation, the current screen, the status bar. Also wires the
// process-wide concerns of the renderer: theme/lang on <html>, start-up loads, push events and
// the Ctrl+1…8 shortcuts.
import { useEffect, type ComponentType } from 'react';
import { SCREENS, type ScreenId } from '../../src-shared/ipc/screens';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { AnalysesScreen } from './features/analyses/AnalysesScreen';
import { ConsolidationScreen } from './features/consolidation/ConsolidationScreen';
import { DashboardScreen } from './features/dashboard/DashboardScreen';
import { ImportScreen } from './features/import/ImportScreen';
import { ReportsScreen } from './features/reports/ReportsScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { SimulatorScreen } from './features/simulator/SimulatorScreen';
import { SyncScreen } from './features/sync/SyncScreen';
import { useT } from './i18n';
import { api } from './ipc/client';
import { useAppInfoStore } from './stores/app-info';
import { useCacheStore } from './stores/cache';
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
  }, [language]);
}

function useStartup(): void {
  useEffect(() => {
    void useAppInfoStore.getState().load();
    void useCacheStore.getState().refresh();
    const offNavigate = api.on('app:navigate', ({ screen }) =>
      useViewStore.getState().setScreen(screen),
    );
    const offCache = api.on('cache:changed', () => void useCacheStore.getState().refresh());
    return () => {
      offNavigate();
      offCache();
    };
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
  useDocumentPreferences();
  useStartup();
  useScreenShortcuts();
  const Screen = SCREEN_COMPONENTS[screen];
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <Sidebar />
      <main id="main" className="content" tabIndex={-1} data-screen={screen}>
        <Screen key={screen} />
      </main>
      <StatusBar />
    </div>
  );
}
