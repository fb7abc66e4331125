import { enApp } from './en-app';
import { screenMessages } from '../../../src-shared/ipc/screens';
import type { Messages } from './fr';

export const en: Messages = {
  ...enApp,
  'app.name': 'EPM Retail',
  'app.tagline': 'Performance management',
  'a11y.skipToContent': 'Skip to content',
  'nav.label': 'Main navigation',
  'nav.shortcut': 'Shortcut: Ctrl+{n}',

  ...screenMessages('en'),

  'screen.dashboard.intro':
    'Revenue, margin, target attainment and year-on-year growth for your scope, computed from the local cache.',
  'screen.consolidation.intro':
    'Every measure consolidated along group → region → store, filterable by category, down to the receipts and their lines.',
  'screen.simulator.intro':
    'What-if scenarios: volume, price and cost levers, store openings and closures, compared with the baseline.',
  'screen.analyses.intro':
    'ABC concentration, price-volume-mix effects, seasonality, like-for-like, rankings and data quality.',
  'screen.reports.intro':
    'Ready-to-share Excel exports: consolidation, rankings, ABC analysis, sales detail, simulations.',
  'screen.sync.intro':
    'Local copy of the data in your scope: initial load, then incremental updates from the central database.',
  'screen.import.intro':
    'Loading CSV or Excel files (receipts, products, reference data) into the central database, checked before integration.',
  'screen.settings.intro':
    'Central server connection, language, appearance, local cache and information about the application.',

  'empty.noData.title': 'No local data: run a synchronisation',
  'empty.noData.body':
    'Figures are computed from the local cache. A first synchronisation loads the data in your scope; the application then works offline.',
  'empty.noData.action': 'Go to Synchronisation',

  'cache.title': 'Local cache',
  'cache.path': 'Location',
  'cache.size': 'Size',
  'cache.schema': 'Schema version',
  'cache.lastSync': 'Last synchronisation',
  'cache.never': 'never synchronised',
  'cache.missing': 'file not created yet',
  'cache.rows': 'Rows per table',
  'cache.table': 'Table',
  'cache.rowCount': 'Rows',
  'cache.noRows': 'No table synchronised.',
  'cache.refresh': 'Refresh',
  'cache.loading': 'Reading the cache…',
  'cache.error': 'Cache status unavailable: {message}',
  'cache.syncMode.initial': 'initial load',
  'cache.syncMode.incremental': 'incremental',
  'sync.start': 'Start synchronisation',

  'status.label': 'Status bar',
  'status.version': 'Version {version}',
  'status.cache': 'Cache',
  'status.lastSync': 'Last sync: {date}',
  'status.harness': 'Browser mode (development)',

  'settings.preferences': 'Preferences',
  'settings.language': 'Language',
  'settings.language.fr': 'Français',
  'settings.language.en': 'English',
  'settings.language.restart':
    'The menu already follows this choice; the calendar of date fields will follow it the next time the application starts.',
  'settings.theme': 'Theme',
  'settings.theme.light': 'Light',
  'settings.theme.dark': 'Dark',
  'settings.about': 'About',
  'settings.version': 'Version',
  'settings.platform': 'Platform',
  'settings.transport': 'Transport',
  'settings.transport.electron': 'Desktop application',
  'settings.transport.harness': 'Browser (test harness)',
  'settings.saved': 'Preferences are saved on this computer.',

  'error.generic': 'Error: {message}',
};
