// Validation of a scenario against the cache it runs on: every code and id must exist (a typo
// must not silently give "no change"), dates must fall inside the baseline, a store closes once.
// Issues name the field path like the schema's, e.g. `levers[0].scope.region: unknown region "R9"`.
import { AppError } from '../../../src-shared/errors';
import {
  describeIssues,
  parseScenario,
  type Scenario,
  type ScenarioIssue,
} from '../../../src-shared/domain/scenario';
import type { BaselineCategory, BaselineRegion, BaselineStore } from './baseline';

export interface ScenarioDimensions {
  regions: readonly Pick<BaselineRegion, 'id' | 'code'>[];
  stores: readonly BaselineStore[];
  categories: readonly Pick<BaselineCategory, 'id' | 'code'>[];
}

/** Semantic issues of a (syntactically valid) scenario; empty when it can run. */
export function scenarioIssues(scenario: Scenario, dims: ScenarioDimensions): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const { from, to } = scenario.baseline;
  const regionOf = (code: string) => dims.regions.find((r) => r.code === code);
  const storeOf = (id: number) => dims.stores.find((s) => s.id === id);
  const hasCategory = (code: string) => dims.categories.some((c) => c.code === code);
  const inBaseline = (path: string, date: string) => {
    if (date < from || date > to) add(path, `must be inside the baseline ${from}..${to}`);
  };
  /** Region and store of a scope: both known, and the store inside the region. */
  const checkScope = (path: string, scope: { region?: string; store?: number }) => {
    const region = scope.region === undefined ? undefined : regionOf(scope.region);
    if (scope.region !== undefined && !region)
      add(`${path}.region`, `unknown region "${scope.region}"`);
    const store = scope.store === undefined ? undefined : storeOf(scope.store);
    if (scope.store !== undefined && !store) add(`${path}.store`, `unknown store ${scope.store}`);
    if (region && store && store.regionId !== region.id) {
      add(`${path}.store`, `store ${store.id} is not in region ${region.code}`);
    }
  };

  for (const code of Object.keys(scenario.elasticities ?? {})) {
    if (!hasCategory(code)) add(`elasticities.${code}`, `unknown category "${code}"`);
  }
  const closedBy = new Map<number, number>();
  scenario.levers.forEach((l, i) => {
    const at = `levers[${i}]`;
    switch (l.type) {
      case 'scope':
        checkScope(`${at}.scope`, l.scope);
        if (l.scope.category !== undefined && !hasCategory(l.scope.category)) {
          add(`${at}.scope.category`, `unknown category "${l.scope.category}"`);
        }
        break;
      case 'target':
        checkScope(`${at}.scope`, l.scope);
        break;
      case 'close_store': {
        const store = storeOf(l.store);
        if (!store) add(`${at}.store`, `unknown store ${l.store}`);
        inBaseline(`${at}.from`, l.from);
        if (store?.dateFermeture != null && store.dateFermeture <= l.from) {
          add(
            `${at}.store`,
            `store ${l.store} is already closed on ${l.from} (date_fermeture ${store.dateFermeture})`,
          );
        }
        if (store?.dateOuverture != null && store.dateOuverture > l.from) {
          add(`${at}.from`, `store ${l.store} opens only on ${store.dateOuverture}`);
        }
        const earlier = closedBy.get(l.store);
        if (earlier !== undefined)
          add(`${at}.store`, `store ${l.store} is already closed by levers[${earlier}]`);
        else closedBy.set(l.store, i);
        break;
      }
      case 'open_store': {
        // The new store copies the reference store's baseline months: a reference that did not
        // trade during the baseline would model a store selling nothing (and only cannibalise).
        const like = storeOf(l.like_store);
        if (!like) add(`${at}.like_store`, `unknown store ${l.like_store}`);
        else if (like.dateFermeture != null && like.dateFermeture <= from) {
          add(
            `${at}.like_store`,
            `store ${l.like_store} closed on ${like.dateFermeture}, before the baseline ${from}..${to}: choose a store that traded during it`,
          );
        } else if (like.dateOuverture != null && like.dateOuverture > to) {
          add(
            `${at}.like_store`,
            `store ${l.like_store} opens only on ${like.dateOuverture}, after the baseline ${from}..${to}: choose a store that traded during it`,
          );
        }
        if (!regionOf(l.region)) add(`${at}.region`, `unknown region "${l.region}"`);
        inBaseline(`${at}.from`, l.from);
        break;
      }
    }
  });
  return issues;
}

/** A scenario from untrusted JSON, checked against the cache; a VALIDATION error otherwise. */
export function validateScenario(input: unknown, dims: ScenarioDimensions): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw scenarioError(parsed.issues);
  const issues = scenarioIssues(parsed.scenario, dims);
  if (issues.length > 0) throw scenarioError(issues);
  return parsed.scenario;
}

export function scenarioError(issues: ScenarioIssue[]): AppError {
  return new AppError('VALIDATION', `invalid scenario: ${describeIssues(issues)}`, { issues });
}
