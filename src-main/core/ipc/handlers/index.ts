// The handler map: one line per contract channel. The `Handlers` type makes a missing or
// misspelled channel a compile error.
import type { Handlers } from '../handler-types';
import * as a from './analytics';
import { appInfo } from './app-info';
import { cacheStatus } from './cache-status';
import * as x from './export';
import * as im from './import';
import * as s from './session';
import { setupDemo } from './setup';
import * as sy from './sync';
import * as w from './whatif';

export const handlers: Handlers = {
  'app:info': appInfo,
  'cache:status': cacheStatus,

  'session:get': s.sessionGet,
  'session:identify': s.sessionIdentify,
  'settings:test-connection': s.settingsTestConnection,
  'settings:save-connection': s.settingsSaveConnection,
  'settings:forget-connection': s.settingsForgetConnection,
  'settings:skip-setup': s.settingsSkipSetup,
  'settings:set-language': s.settingsSetLanguage,

  'dimensions:get': a.dimensionsGet,
  'period:resolve': a.periodResolve,
  'kpi:dashboard': a.kpiDashboard,
  'kpi:tree': a.kpiTreeHandler,
  'kpi:query': a.kpiQuery,
  'drill:receipts': a.drillReceiptsHandler,
  'drill:lines': a.drillLines,
  'analysis:abc': a.analysisAbc,
  'analysis:pvm': a.analysisPvm,
  'analysis:seasonality': a.analysisSeasonality,
  'analysis:quality': a.analysisQuality,
  'analysis:ranking': a.analysisRanking,

  'whatif:validate': w.whatifValidate,
  'whatif:compute': w.whatifCompute,
  'whatif:open': w.whatifOpen,
  'whatif:update-lever': w.whatifUpdateLever,
  'whatif:remove-lever': w.whatifRemoveLever,
  'whatif:rows': w.whatifRows,
  'whatif:close': w.whatifClose,
  'scenario:list': w.scenarioList,
  'scenario:get': w.scenarioGet,
  'scenario:save': w.scenarioSave,
  'scenario:clone': w.scenarioClone,
  'scenario:rename': w.scenarioRename,
  'scenario:delete': w.scenarioDelete,
  'scenario:compare': w.scenarioCompare,

  'sync:start': sy.syncStart,
  'sync:cancel': sy.syncCancel,
  'sync:state': sy.syncState,
  'sync:history': sy.syncHistory,
  'sync:clients': sy.syncClients,

  'export:templates': x.exportTemplates,
  'export:start': x.exportStart,
  'export:cancel': x.exportCancel,
  'export:reveal': x.exportReveal,

  'import:start': im.importStart,
  'import:cancel': im.importCancel,
  'import:pick-file': im.importPickFile,

  'setup:demo': setupDemo,
};
