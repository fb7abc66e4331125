// Saved scenarios (migrations/local/030_scenarios.sql): save, rename, clone, delete, list, get,
// history. The stored JSON is the validated scenario with its defaults filled in; its `name`
// always equals the row's. Every write is one transaction; a save or rename first copies the
// version it replaces into scenario_history. Names are unique without regard to case.
import { AppError } from '../../../src-shared/errors';
import { describeIssues, parseScenario, type Scenario } from '../../../src-shared/domain/scenario';
import type { CacheDb } from '../cache/database';

export interface SavedScenario {
  id: number;
  name: string;
  version: number;
  created_at: string;
  updated_at: string;
  scenario: Scenario;
}

export interface SavedScenarioSummary {
  id: number;
  name: string;
  version: number;
  levers: number;
  baseline: { from: string; to: string };
  created_at: string;
  updated_at: string;
}

export interface ScenarioVersion {
  version: number;
  name: string;
  saved_at: string;
  /** null for the current version. */
  replaced_at: string | null;
  scenario: Scenario;
}

interface Row {
  id: number;
  name: string;
  json: string;
  version: number;
  created_at: string;
  updated_at: string;
}

function decode(json: string, where: string): Scenario {
  const parsed = parseScenario(JSON.parse(json));
  if (!parsed.ok)
    throw new AppError(
      'CACHE',
      `saved scenario ${where} is unreadable: ${describeIssues(parsed.issues)}`,
    );
  return parsed.scenario;
}

function toSaved(r: Row): SavedScenario {
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    created_at: r.created_at,
    updated_at: r.updated_at,
    scenario: decode(r.json, `"${r.name}"`),
  };
}

function rowByName(db: CacheDb, name: string): Row | undefined {
  return db
    .prepare('SELECT id, name, json, version, created_at, updated_at FROM scenarios WHERE name = ?')
    .get(name) as Row | undefined;
}

function mustGet(db: CacheDb, name: string): Row {
  const row = rowByName(db, name);
  if (!row) throw new AppError('NOT_FOUND', `no saved scenario named "${name}"`);
  return row;
}

/** Copies the current version into the history, then replaces it. */
function replace(db: CacheDb, row: Row, name: string, json: string, now: string): void {
  db.prepare(
    `INSERT INTO scenario_history (scenario_id, version, name, json, saved_at, replaced_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(row.id, row.version, row.name, row.json, row.updated_at, now);
  db.prepare(
    'UPDATE scenarios SET name = ?, json = ?, version = version + 1, updated_at = ? WHERE id = ?',
  ).run(name, json, now, row.id);
}

const now = () => new Date().toISOString();

/** Saves under scenario.name: creates it, or replaces it and keeps the previous version. */
export function saveScenario(db: CacheDb, scenario: Scenario): SavedScenario {
  const json = JSON.stringify(scenario);
  return db
    .transaction(() => {
      const row = rowByName(db, scenario.name);
      const at = now();
      if (!row) {
        db.prepare(
          'INSERT INTO scenarios (name, json, created_at, updated_at) VALUES (?, ?, ?, ?)',
        ).run(scenario.name, json, at, at);
      } else if (row.json !== json || row.name !== scenario.name) {
        replace(db, row, scenario.name, json, at);
      }
      return toSaved(mustGet(db, scenario.name));
    })
    .immediate();
}

export function getScenario(db: CacheDb, name: string): SavedScenario {
  return toSaved(mustGet(db, name));
}

export function listScenarios(db: CacheDb): SavedScenarioSummary[] {
  const rows = db
    .prepare(
      'SELECT id, name, json, version, created_at, updated_at FROM scenarios ORDER BY name COLLATE NOCASE',
    )
    .all() as Row[];
  return rows.map((r) => {
    const s = decode(r.json, `"${r.name}"`);
    return {
      id: r.id,
      name: r.name,
      version: r.version,
      levers: s.levers.length,
      baseline: s.baseline,
      created_at: r.created_at,
      updated_at: r.updated_at,
    };
  });
}

function assertFree(db: CacheDb, name: string, except?: number): void {
  const other = rowByName(db, name);
  if (other && other.id !== except)
    throw new AppError('CONFLICT', `a scenario named "${other.name}" already exists`);
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200) {
    throw new AppError('VALIDATION', 'name: must be 1 to 200 characters');
  }
  return trimmed;
}

export function renameScenario(db: CacheDb, from: string, to: string): SavedScenario {
  const name = checkedName(to);
  return db
    .transaction(() => {
      const row = mustGet(db, from);
      assertFree(db, name, row.id);
      const scenario = { ...decode(row.json, `"${row.name}"`), name };
      replace(db, row, name, JSON.stringify(scenario), now());
      return toSaved(mustGet(db, name));
    })
    .immediate();
}

/** A new scenario (version 1, no history) with the levers of `from`. */
export function cloneScenario(db: CacheDb, from: string, to: string): SavedScenario {
  const name = checkedName(to);
  return db
    .transaction(() => {
      const row = mustGet(db, from);
      assertFree(db, name);
      const scenario = { ...decode(row.json, `"${row.name}"`), name };
      const at = now();
      db.prepare(
        'INSERT INTO scenarios (name, json, created_at, updated_at) VALUES (?, ?, ?, ?)',
      ).run(name, JSON.stringify(scenario), at, at);
      return toSaved(mustGet(db, name));
    })
    .immediate();
}

/** Deletes the scenario and its history. */
export function deleteScenario(db: CacheDb, name: string): { deleted: string } {
  return db
    .transaction(() => {
      const row = mustGet(db, name);
      db.prepare('DELETE FROM scenarios WHERE id = ?').run(row.id);
      return { deleted: row.name };
    })
    .immediate();
}

/** Every version, newest first (the current one included, with replaced_at null). */
export function scenarioHistory(db: CacheDb, name: string): ScenarioVersion[] {
  const row = mustGet(db, name);
  const older = db
    .prepare(
      'SELECT version, name, json, saved_at, replaced_at FROM scenario_history WHERE scenario_id = ? ORDER BY version DESC',
    )
    .all(row.id) as {
    version: number;
    name: string;
    json: string;
    saved_at: string;
    replaced_at: string;
  }[];
  return [
    {
      version: row.version,
      name: row.name,
      saved_at: row.updated_at,
      replaced_at: null,
      scenario: decode(row.json, `"${row.name}"`),
    },
    ...older.map((h) => ({
      version: h.version,
      name: h.name,
      saved_at: h.saved_at,
      replaced_at: h.replaced_at,
      scenario: decode(h.json, `"${h.name}" v${h.version}`),
    })),
  ];
}
