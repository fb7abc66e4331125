// `epm scenario list|save|show|export|delete|rename|clone|history|compare`: the scenarios saved in
// the local cache (they survive syncs; docs/whatif.md).
import { writeFileSync } from 'node:fs';
import type { CommandContext, CommandSpec } from '../framework';
import { optionalString, UsageError } from '../framework';
import type { ComparisonResult, Scenario } from '../../../src-shared/domain/scenario';
import { resolveCachePath } from '../../core/config';
import { openAnalyticsCache } from '../../core/analytics/ready';
import type { CacheDb } from '../../core/cache/database';
import {
  checkScenario,
  cloneScenario,
  compareScenarios,
  deleteScenario,
  getScenario,
  listScenarios,
  renameScenario,
  saveScenario,
  scenarioHistory,
  type SavedScenario,
  type SavedScenarioSummary,
  type ScenarioVersion,
} from '../../core/whatif/index';
import {
  CACHE_OPTION,
  euro,
  levelOption,
  nodeLabel,
  openScenarioCache,
  readScenarioFile,
  table,
} from './whatif';

function positionals(ctx: CommandContext, names: string[], usage: string): string[] {
  if (ctx.positionals.length !== names.length) {
    throw new UsageError(`expected ${names.join(' ')}: epm scenario ${usage}`);
  }
  return ctx.positionals;
}

function withCache<T>(ctx: CommandContext, f: (db: CacheDb) => T): T {
  const db = openScenarioCache(ctx);
  try {
    return f(db);
  } finally {
    db.close();
  }
}

const cacheOnly = { cache: CACHE_OPTION };
const describeSaved = (s: SavedScenario, verb: string) =>
  `${verb} : « ${s.name} » (version ${s.version}, ${s.scenario.levers.length} levier(s), base ${s.scenario.baseline.from} → ${s.scenario.baseline.to})`;

export const scenarioListCommand: CommandSpec<{ scenarios: SavedScenarioSummary[] }> = {
  path: ['scenario', 'list'],
  summary: 'list the saved what-if scenarios',
  options: cacheOnly,
  async run(ctx) {
    return { scenarios: withCache(ctx, listScenarios) };
  },
  render({ scenarios }) {
    if (scenarios.length === 0) return 'Aucun scénario enregistré.';
    return table(
      ['Scénario', 'Version', 'Leviers', 'Base', 'Modifié le'],
      scenarios.map((s) => [
        s.name,
        String(s.version),
        String(s.levers),
        `${s.baseline.from} → ${s.baseline.to}`,
        s.updated_at.slice(0, 16).replace('T', ' '),
      ]),
    );
  },
};

export const scenarioSaveCommand: CommandSpec<SavedScenario> = {
  path: ['scenario', 'save'],
  summary: 'save a scenario file under its name (a new version if the name exists)',
  positionals: 'FILE.json',
  options: cacheOnly,
  async run(ctx) {
    const [file] = positionals(ctx, ['FILE.json'], 'save FILE.json');
    const input = readScenarioFile(file!);
    return withCache(ctx, (db) => saveScenario(db, checkScenario(db, input)));
  },
  render: (s) => describeSaved(s, 'Enregistré'),
};

export const scenarioShowCommand: CommandSpec<SavedScenario> = {
  path: ['scenario', 'show'],
  summary: 'show a saved scenario (its file, with version and dates)',
  positionals: 'NAME',
  options: cacheOnly,
  async run(ctx) {
    const [name] = positionals(ctx, ['NAME'], 'show NAME');
    return withCache(ctx, (db) => getScenario(db, name!));
  },
  render: (s) =>
    [
      describeSaved(s, 'Scénario'),
      `créé le ${s.created_at}, modifié le ${s.updated_at}`,
      JSON.stringify(s.scenario, null, 2),
    ].join('\n'),
};

export const scenarioExportCommand: CommandSpec<Scenario> = {
  path: ['scenario', 'export'],
  summary: 'write a saved scenario as a scenario file (stdout, or --out FILE)',
  positionals: 'NAME',
  options: {
    ...cacheOnly,
    out: { type: 'string', placeholder: 'FILE.json', description: 'file to write' },
  },
  async run(ctx) {
    const [name] = positionals(ctx, ['NAME'], 'export NAME');
    const scenario = withCache(ctx, (db) => getScenario(db, name!).scenario);
    const out = optionalString(ctx, 'out');
    if (out !== undefined) {
      writeFileSync(out, JSON.stringify(scenario, null, 2) + '\n');
      ctx.log(`Exporté vers ${out}`);
      return scenario;
    }
    if (!ctx.json) ctx.log(JSON.stringify(scenario, null, 2));
    return scenario;
  },
};

export const scenarioDeleteCommand: CommandSpec<{ deleted: string }> = {
  path: ['scenario', 'delete'],
  summary: 'delete a saved scenario and its history',
  positionals: 'NAME',
  options: cacheOnly,
  async run(ctx) {
    const [name] = positionals(ctx, ['NAME'], 'delete NAME');
    return withCache(ctx, (db) => deleteScenario(db, name!));
  },
  render: (r) => `Supprimé : « ${r.deleted} »`,
};

export const scenarioRenameCommand: CommandSpec<SavedScenario> = {
  path: ['scenario', 'rename'],
  summary: 'rename a saved scenario (the previous version is kept in its history)',
  positionals: 'NAME NEW_NAME',
  options: cacheOnly,
  async run(ctx) {
    const [from, to] = positionals(ctx, ['NAME', 'NEW_NAME'], 'rename NAME NEW_NAME');
    return withCache(ctx, (db) => renameScenario(db, from!, to!));
  },
  render: (s) => describeSaved(s, 'Renommé'),
};

export const scenarioCloneCommand: CommandSpec<SavedScenario> = {
  path: ['scenario', 'clone'],
  summary: 'copy a saved scenario under a new name',
  positionals: 'NAME NEW_NAME',
  options: cacheOnly,
  async run(ctx) {
    const [from, to] = positionals(ctx, ['NAME', 'NEW_NAME'], 'clone NAME NEW_NAME');
    return withCache(ctx, (db) => cloneScenario(db, from!, to!));
  },
  render: (s) => describeSaved(s, 'Copié'),
};

export const scenarioHistoryCommand: CommandSpec<{ versions: ScenarioVersion[] }> = {
  path: ['scenario', 'history'],
  summary: 'the saved versions of a scenario, newest first',
  positionals: 'NAME',
  options: cacheOnly,
  async run(ctx) {
    const [name] = positionals(ctx, ['NAME'], 'history NAME');
    return { versions: withCache(ctx, (db) => scenarioHistory(db, name!)) };
  },
  render: ({ versions }) =>
    table(
      ['Version', 'Nom', 'Enregistrée le', 'Remplacée le', 'Leviers'],
      versions.map((v) => [
        String(v.version),
        v.name,
        v.saved_at,
        v.replaced_at ?? '(actuelle)',
        String(v.scenario.levers.length),
      ]),
    ),
};

export const scenarioCompareCommand: CommandSpec<ComparisonResult> = {
  path: ['scenario', 'compare'],
  summary: 'two to four saved scenarios side by side against their common baseline',
  positionals: 'NAME NAME [NAME [NAME]]',
  options: {
    ...cacheOnly,
    level: {
      type: 'string',
      placeholder: 'LEVEL',
      description: 'group (default), region, store or category',
    },
  },
  async run(ctx) {
    const names = ctx.positionals;
    if (names.length < 2 || names.length > 4)
      throw new UsageError('compare takes 2 to 4 scenario names');
    const level = levelOption(ctx);
    const db = openAnalyticsCache(resolveCachePath(optionalString(ctx, 'cache'), ctx.env));
    try {
      return compareScenarios(
        db,
        names.map((n) => getScenario(db, n).scenario),
        level,
      );
    } finally {
      db.close();
    }
  },
  render(r) {
    const headers = [
      'Nœud',
      'CA TTC base',
      ...r.scenarios.flatMap((n) => [`CA « ${n} »`, 'Écart']),
      'Marge base',
      ...r.scenarios.map((n) => `Marge « ${n} »`),
    ];
    const rows = r.rows.map((row) => [
      nodeLabel(row),
      euro(row.base.ca_ttc),
      ...row.scenarios.flatMap((s) => [euro(s.scen.ca_ttc), euro(s.delta.ca_ttc)]),
      euro(row.base.marge),
      ...row.scenarios.map((s) => euro(s.scen.marge)),
    ]);
    return [
      `Comparaison — base du ${r.baseline.from} au ${r.baseline.to} (${r.elapsed_ms.toFixed(0)} ms)`,
      '',
      table(headers, rows),
    ].join('\n');
  },
};

export const scenarioCommands = [
  scenarioListCommand,
  scenarioSaveCommand,
  scenarioShowCommand,
  scenarioExportCommand,
  scenarioDeleteCommand,
  scenarioRenameCommand,
  scenarioCloneCommand,
  scenarioHistoryCommand,
  scenarioCompareCommand,
];
