// `epm whatif --scenario FILE.json --level group|region|store|category [--cache FILE] [--json]`:
// a scenario (DOMAIN.md §5) against its baseline, every measure of §3 as base_, scen_, delta_
// (and delta_pct_) plus the price/volume/mix split of the revenue change.
import { existsSync, readFileSync } from 'node:fs';
import type { CommandSpec, CommandContext } from '../framework';
import { optionalString, UsageError } from '../framework';
import { AppError } from '../../../src-shared/errors';
import {
  flattenWhatIfRow,
  WHATIF_LEVELS,
  type FlatWhatIfRow,
  type WhatIfLevel,
  type WhatIfRow,
} from '../../../src-shared/domain/scenario';
import { resolveCachePath } from '../../core/config';
import { openCache, type CacheDb } from '../../core/cache/database';
import { openAnalyticsCache } from '../../core/analytics/ready';
import {
  checkScenario,
  getScenario,
  loadScenarioBaseline,
  parseWhatIfLevel,
  whatIfOnBaseline,
} from '../../core/whatif/index';

export interface WhatIfCliResult {
  /** Total time inside the process: baseline load + computation. */
  elapsed_ms: number;
  baseline_ms: number;
  compute_ms: number;
  scenario: string;
  baseline: { from: string; to: string };
  level: WhatIfLevel;
  rows: FlatWhatIfRow[];
  /** Kept for the human rendering; not printed with --json. */
  detail?: WhatIfRow[];
}

export const CACHE_OPTION = {
  type: 'string' as const,
  placeholder: 'FILE',
  description: 'local cache file (default $EPM_CACHE or the user data folder)',
};

/** Reads a scenario file: missing file or bad JSON are failures (exit 1), naming the file. */
export function readScenarioFile(path: string): unknown {
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `scenario file ${path} does not exist`);
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new AppError(
      'VALIDATION',
      `scenario file ${path} is not valid JSON: ${(e as Error).message}`,
    );
  }
}

/** The cache for scenario commands: it must exist (opening it applies pending migrations). */
export function openScenarioCache(ctx: CommandContext): CacheDb {
  const path = resolveCachePath(optionalString(ctx, 'cache'), ctx.env);
  if (!existsSync(path))
    throw new AppError('CACHE', `no local cache at ${path}: run \`epm sync\` first`);
  return openCache(path);
}

export function levelOption(ctx: CommandContext): WhatIfLevel {
  const level = optionalString(ctx, 'level') ?? 'group';
  try {
    return parseWhatIfLevel(level);
  } catch {
    throw new UsageError(`--level must be ${WHATIF_LEVELS.join(', ')}, got "${level}"`);
  }
}

const rounded = (ms: number) => Math.round(ms * 1000) / 1000;

export const whatifCommand: CommandSpec<WhatIfCliResult> = {
  path: ['whatif'],
  summary:
    'compute a what-if scenario against its baseline (every measure, base / scenario / delta)',
  help: [
    'The scenario is a JSON file (docs/whatif.md), or a saved scenario with --saved NAME.',
    'Example: epm whatif --scenario hausse-prix.json --level region --json',
  ].join('\n'),
  options: {
    cache: CACHE_OPTION,
    scenario: { type: 'string', placeholder: 'FILE.json', description: 'the scenario file' },
    saved: {
      type: 'string',
      placeholder: 'NAME',
      description: 'a saved scenario instead of a file',
    },
    level: {
      type: 'string',
      placeholder: 'LEVEL',
      description: 'group (default), region, store or category',
    },
  },
  async run(ctx) {
    const t0 = performance.now();
    const file = optionalString(ctx, 'scenario');
    const saved = optionalString(ctx, 'saved');
    if ((file === undefined) === (saved === undefined)) {
      throw new UsageError('give --scenario FILE.json or --saved NAME');
    }
    const level = levelOption(ctx);
    const input = file !== undefined ? readScenarioFile(file) : undefined;
    const db = openAnalyticsCache(resolveCachePath(optionalString(ctx, 'cache'), ctx.env), () =>
      process.stderr.write('building the analytics aggregates of this cache (once)…\n'),
    );
    try {
      const scenario = checkScenario(db, input ?? getScenario(db, saved!).scenario);
      const t1 = performance.now();
      const ix = loadScenarioBaseline(db, scenario.baseline);
      const t2 = performance.now();
      const result = whatIfOnBaseline(ix, scenario, level);
      const t3 = performance.now();
      return {
        elapsed_ms: rounded(t3 - t0),
        baseline_ms: rounded(t2 - t1),
        compute_ms: rounded(t3 - t2),
        scenario: scenario.name,
        baseline: result.baseline,
        level,
        rows: result.rows.map(flattenWhatIfRow),
        ...(ctx.json ? {} : { detail: result.rows }),
      };
    } finally {
      db.close();
    }
  },
  render(r) {
    return renderWhatIf(
      r.scenario,
      r.baseline,
      r.detail ?? [],
      `${r.elapsed_ms.toFixed(0)} ms dont calcul ${r.compute_ms.toFixed(1)} ms`,
    );
  },
};

// ---------------------------------------------------------------------------------------------
// French table

const fr2 = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fr0 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const pct1 = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const pctPlain = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

export const euro = (v: number | null) => (v === null ? '—' : fr2.format(v));
const signedEuro = (v: number | null) => (v === null ? '—' : (v > 0 ? '+' : '') + fr2.format(v));
const units = (v: number | null) => (v === null ? '—' : fr0.format(v));
const pct = (v: number | null) => (v === null ? '—' : pct1.format(v));
const rate = (v: number | null) => (v === null ? '—' : pctPlain.format(v));

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function nodeLabel(r: {
  level: string;
  id: number | null;
  code: string | null;
  nom: string;
}): string {
  if (r.level === 'store' && r.id !== null) return `${r.id} ${r.nom}`;
  if (r.level === 'group') return r.nom;
  return r.code ? `${r.code} ${r.nom}` : r.nom;
}

export function renderWhatIf(
  name: string,
  baseline: { from: string; to: string },
  rows: WhatIfRow[],
  timing: string,
): string {
  const body = rows.map((r) => [
    nodeLabel(r),
    euro(r.base.ca_ttc),
    euro(r.scen.ca_ttc),
    signedEuro(r.delta.ca_ttc),
    pct(r.delta_pct.ca_ttc),
    euro(r.scen.marge),
    signedEuro(r.delta.marge),
    `${rate(r.base.taux_marge)} → ${rate(r.scen.taux_marge)}`,
    pct(r.delta_pct.unites),
    `${units(r.base.tickets)} → ${units(r.scen.tickets)}`,
    `${rate(r.base.atteinte)} → ${rate(r.scen.atteinte)}`,
  ]);
  const pvm = rows.map((r) => [
    nodeLabel(r),
    signedEuro(r.delta.ca_ttc),
    signedEuro(r.pvm.prix),
    signedEuro(r.pvm.volume),
    signedEuro(r.pvm.mix),
  ]);
  return [
    `Scénario « ${name} » — base du ${baseline.from} au ${baseline.to} (${timing})`,
    '',
    table(
      [
        'Nœud',
        'CA TTC base',
        'CA TTC scénario',
        'Écart',
        'Écart %',
        'Marge scénario',
        'Écart marge',
        'Taux de marge',
        'Unités',
        'Tickets',
        'Atteinte objectif',
      ],
      body,
    ),
    '',
    'Écart de CA TTC expliqué (prix + volume + mix) :',
    table(['Nœud', 'Écart CA TTC', 'Effet prix', 'Effet volume', 'Effet mix'], pvm),
  ].join('\n');
}
