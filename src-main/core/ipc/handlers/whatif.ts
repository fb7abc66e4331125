// Simulator channels: validation, one-shot computation, live sessions (the baseline stays in
// memory while the screen edits levers) and saved scenarios. Thin forwards to core/whatif.
//
// Opening a session on a period not loaded yet reads its baseline in the task worker (a second
// on the demo data, 11 to 25 s at 10M lines: the main process answers the UI meanwhile); later
// sessions on the same period share it (services/baselines.ts).
import { parseScenario } from '../../../../src-shared/domain/scenario';
import { isAppError } from '../../../../src-shared/errors';
import {
  checkScenario,
  cloneScenario,
  checkComparable,
  deleteScenario,
  getScenario,
  listScenarios,
  renameScenario,
  runWhatIf,
  saveScenario,
} from '../../whatif';
import { WHATIF_LEVELS, type ScenarioIssue } from '../../../../src-shared/domain/scenario';
import type { HandlerContext } from '../context';
import type { HandlerFn } from '../handler-types';
import type { DateRange } from '../../../../src-shared/domain/analytics';
import type { CacheDb } from '../../cache/database';
import type { BaselineIndex } from '../../whatif/baseline';
import { compareOnBaseline } from '../../whatif/compare';
import { ScenarioSession } from '../../whatif/session';
import { runTaskInWorker } from '../jobs/worker-runner';
import { baselineFor } from '../services/baselines';
import { stateOf } from '../services/state';

const db = (ctx: HandlerContext) => stateOf(ctx).cache.get();

function issuesOf(e: unknown): ScenarioIssue[] | null {
  if (!isAppError(e) || e.code !== 'VALIDATION') return null;
  const details = e.details as { issues?: ScenarioIssue[] } | undefined;
  return details?.issues ?? [{ path: '', message: e.message }];
}

export const whatifValidate: HandlerFn<'whatif:validate'> = ({ scenario }, ctx) => {
  const syntax = parseScenario(scenario);
  if (!syntax.ok) return { ok: false, issues: syntax.issues };
  try {
    checkScenario(db(ctx), scenario);
    return { ok: true, issues: [] };
  } catch (e) {
    const issues = issuesOf(e);
    if (issues) return { ok: false, issues };
    throw e;
  }
};

export const whatifCompute: HandlerFn<'whatif:compute'> = ({ scenario, level }, ctx) =>
  runWhatIf(db(ctx), scenario, level);

export const whatifOpen: HandlerFn<'whatif:open'> = async ({ scenario }, ctx) => {
  const t0 = performance.now();
  const checked = checkScenario(db(ctx), scenario);
  const { ix, fresh } = await baselineFor(() => db(ctx), checked.baseline, loadInWorker(ctx));
  const session = new ScenarioSession(ix, checked);
  const id = stateOf(ctx).whatif.add(session);
  return {
    session_id: id,
    scenario: session.current,
    rows: WHATIF_LEVELS.flatMap((l) => session.rows(l)),
    line_groups: session.lineGroups,
    baseline_loaded: fresh,
    elapsed_ms: Math.round((performance.now() - t0) * 1000) / 1000,
  };
};

/** Loads a baseline in the task worker, from the cache file the handle was opened on. */
const loadInWorker =
  (ctx: HandlerContext) =>
  (_db: CacheDb, range: DateRange): Promise<BaselineIndex> =>
    runTaskInWorker('whatif-baseline', { cachePath: ctx.cachePath, range }, () => undefined)
      .promise;

export const whatifUpdateLever: HandlerFn<'whatif:update-lever'> = (
  { sessionId, index, lever },
  ctx,
) => stateOf(ctx).whatif.get(sessionId).updateLever(index, lever);

export const whatifRemoveLever: HandlerFn<'whatif:remove-lever'> = ({ sessionId, index }, ctx) =>
  stateOf(ctx).whatif.get(sessionId).removeLever(index);

export const whatifRows: HandlerFn<'whatif:rows'> = ({ sessionId }, ctx) => {
  const session = stateOf(ctx).whatif.get(sessionId);
  return WHATIF_LEVELS.flatMap((l) => session.rows(l));
};

export const whatifClose: HandlerFn<'whatif:close'> = ({ sessionId }, ctx) => ({
  closed: stateOf(ctx).whatif.close(sessionId),
});

export const scenarioList: HandlerFn<'scenario:list'> = (_i, ctx) => listScenarios(db(ctx));

export const scenarioGet: HandlerFn<'scenario:get'> = ({ name }, ctx) => getScenario(db(ctx), name);

/** Saved only once valid against the cache: a saved scenario always computes. */
export const scenarioSave: HandlerFn<'scenario:save'> = ({ scenario }, ctx) =>
  saveScenario(db(ctx), checkScenario(db(ctx), scenario));

export const scenarioClone: HandlerFn<'scenario:clone'> = ({ from, to }, ctx) =>
  cloneScenario(db(ctx), from, to);

export const scenarioRename: HandlerFn<'scenario:rename'> = ({ from, to }, ctx) =>
  renameScenario(db(ctx), from, to);

export const scenarioDelete: HandlerFn<'scenario:delete'> = ({ name }, ctx) =>
  deleteScenario(db(ctx), name);

export const scenarioCompare: HandlerFn<'scenario:compare'> = async ({ names, level }, ctx) => {
  const comparable = (d: CacheDb) =>
    checkComparable(
      d,
      names.map((n) => getScenario(d, n).scenario),
    );
  const first = db(ctx);
  const scenarios = comparable(first);
  const { db: now, ix } = await baselineFor(
    () => db(ctx),
    scenarios[0]!.baseline,
    loadInWorker(ctx),
  );
  // The cache reopened during the load (a sync): check the scenarios against its data again.
  return compareOnBaseline(ix, now === first ? scenarios : comparable(now), level);
};
