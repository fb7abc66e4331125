// What-if scenarios (DOMAIN.md §5): the JSON file format (also the CLI input, the saved form and
// the export/import format), its zod schema, and the shape of the results. Runtime-neutral: the
// renderer validates a scenario being edited with the same schema the engine uses.
//
// Percentages are fractions (0.05 = +5 %). A wrong scenario is reported issue by issue, each
// naming the field path and the reason, e.g. `levers[1].transfer_pct: must be between 0 and 1`.
import { z } from 'zod';

/** A business day `YYYY-MM-DD` (a real calendar date). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
  return d <= dim;
}

const num = () =>
  z.number({ required_error: 'is required', invalid_type_error: 'must be a number' }).finite({
    message: 'must be a finite number',
  });

const between = (lo: number, hi: number) =>
  num().min(lo, `must be between ${lo} and ${hi}`).max(hi, `must be between ${lo} and ${hi}`);

/** A relative change of a price or a cost: above −100 % (a price never reaches 0). */
const changePct = () =>
  num()
    .gt(-1, 'must be greater than -1 (a fraction: -0.1 = -10 %)')
    .max(10, 'must be at most 10 (+1000 %)');

const isoDate = () =>
  z
    .string({ required_error: 'is required', invalid_type_error: 'must be a date YYYY-MM-DD' })
    .refine(isCalendarDate, 'must be a date YYYY-MM-DD');

const regionCode = () =>
  z.string({ invalid_type_error: 'must be a region code (text)' }).min(1, 'must be a region code');
const categoryCode = () =>
  z
    .string({ invalid_type_error: 'must be a category code (text)' })
    .min(1, 'must be a category code');
/** Stores have no code: they are named by their id (magasins.id). */
const storeId = () =>
  z
    .number({ required_error: 'is required', invalid_type_error: 'must be a store id (integer)' })
    .int('must be a store id (integer)')
    .positive('must be a store id (positive integer)');

/** A price elasticity of demand: negative (a higher price sells fewer units), 0 = inelastic. */
export const elasticitySchema = num()
  .min(-10, 'must be between -10 and 0')
  .max(0, 'must be between -10 and 0');

export const leverScopeSchema = z
  .object({
    region: regionCode().optional(),
    store: storeId().optional(),
    category: categoryCode().optional(),
  })
  .strict();

/** Price / volume / purchase cost changes on a scope (all, region, store, category, combined). */
export const scopeLeverSchema = z
  .object({
    type: z.literal('scope').default('scope'),
    scope: leverScopeSchema.default({}),
    price_pct: changePct().default(0),
    volume_pct: num()
      .min(-1, 'must be at least -1 (-100 %)')
      .max(10, 'must be at most 10 (+1000 %)')
      .default(0),
    cost_pct: changePct().default(0),
    /** Overrides the category's elasticity (scenario `elasticities`, then the cache) for this lever. */
    elasticity: elasticitySchema.optional(),
  })
  .strict();

/** The store closes on `from` (inclusive); `transfer_pct` of its lost revenue moves to its region. */
export const closeStoreLeverSchema = z
  .object({
    type: z.literal('close_store'),
    store: storeId(),
    from: isoDate(),
    transfer_pct: between(0, 1).default(0),
  })
  .strict();

/** A new store opening on `from`, modelled on `like_store`. */
export const openStoreLeverSchema = z
  .object({
    type: z.literal('open_store'),
    like_store: storeId(),
    region: regionCode(),
    from: isoDate(),
    size_factor: num().gt(0, 'must be greater than 0').max(10, 'must be at most 10').default(1),
    ramp_up_months: z
      .number({ invalid_type_error: 'must be a whole number of months' })
      .int('must be a whole number of months')
      .min(0, 'must be between 0 and 60')
      .max(60, 'must be between 0 and 60')
      .default(0),
    cannibalisation_pct: between(0, 1).default(0),
    /** Display name of the new store (default: "Nouveau magasin (type <like store>)"). */
    nom: z
      .string()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .optional(),
  })
  .strict();

export const targetScopeSchema = z
  .object({ region: regionCode().optional(), store: storeId().optional() })
  .strict();

/**
 * Target change on a scope (all stores, a region or a store): `objectif_pct` scales the annual
 * targets, `objectif_ca` sets the scope's annual target in euros (spread over its stores pro rata
 * to their current targets). Exactly one of the two.
 */
export const targetLeverSchema = z
  .object({
    type: z.literal('target'),
    scope: targetScopeSchema.default({}),
    objectif_pct: num()
      .gt(-1, 'must be greater than -1 (a fraction: -0.1 = -10 %)')
      .max(10, 'must be at most 10 (+1000 %)')
      .optional(),
    objectif_ca: num()
      .min(0, 'must be an amount in euros ≥ 0')
      .max(1e12, 'must be at most 1e12 euros')
      .optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    if ((l.objectif_pct === undefined) === (l.objectif_ca === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [],
        message: 'give exactly one of objectif_pct or objectif_ca',
      });
    }
  });

export type LeverScope = z.infer<typeof leverScopeSchema>;
export type ScopeLever = z.infer<typeof scopeLeverSchema>;
export type CloseStoreLever = z.infer<typeof closeStoreLeverSchema>;
export type OpenStoreLever = z.infer<typeof openStoreLeverSchema>;
export type TargetLever = z.infer<typeof targetLeverSchema>;
export type Lever = ScopeLever | CloseStoreLever | OpenStoreLever | TargetLever;
export type LeverType = Lever['type'];
export const LEVER_TYPES = ['scope', 'close_store', 'open_store', 'target'] as const;

const LEVER_SCHEMAS: Record<LeverType, z.ZodTypeAny> = {
  scope: scopeLeverSchema,
  close_store: closeStoreLeverSchema,
  open_store: openStoreLeverSchema,
  target: targetLeverSchema,
};

/**
 * One lever, dispatched on `type` (absent = a scope lever, as in the file format) so that an
 * error names the field of the lever actually meant instead of "invalid union".
 */
export const leverSchema: z.ZodType<Lever, z.ZodTypeDef, unknown> = z
  .unknown()
  .transform((v, ctx) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an object' });
      return z.NEVER;
    }
    const type = (v as { type?: unknown }).type ?? 'scope';
    if (typeof type !== 'string' || !(LEVER_TYPES as readonly string[]).includes(type)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['type'],
        message: `must be one of ${LEVER_TYPES.join(', ')} (absent = scope)`,
      });
      return z.NEVER;
    }
    const r = LEVER_SCHEMAS[type as LeverType].safeParse(v);
    if (!r.success) {
      for (const issue of r.error.issues) {
        for (const n of normalizeIssue(issue)) ctx.addIssue({ code: z.ZodIssueCode.custom, ...n });
      }
      return z.NEVER;
    }
    return r.data as Lever;
  });

export const baselineSchema = z
  .object({ from: isoDate(), to: isoDate() })
  .strict()
  .superRefine((b, ctx) => {
    if (b.to < b.from) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['to'],
        message: `must not be before from (${b.from})`,
      });
    }
  });

export const scenarioSchema = z
  .object({
    name: z
      .string({ required_error: 'is required', invalid_type_error: 'must be a text' })
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters'),
    description: z.string().max(2000, 'must be at most 2000 characters').optional(),
    baseline: baselineSchema,
    levers: z
      .array(leverSchema, { invalid_type_error: 'must be a list of levers' })
      .max(200, 'at most 200 levers')
      .default([]),
    /** Elasticity per category code, overriding the cache's default for this scenario. */
    elasticities: z.record(z.string(), elasticitySchema).optional(),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
/** What a caller may write: defaults (0 %, empty scope, type 'scope') may be left out. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

export interface ScenarioIssue {
  /** e.g. `levers[1].transfer_pct`; '' for the scenario itself. */
  path: string;
  message: string;
}

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}

/** A zod issue in the words of the file format (one issue per unknown key). */
function normalizeIssue(i: z.ZodIssue): { path: (string | number)[]; message: string }[] {
  if (i.code === z.ZodIssueCode.unrecognized_keys) {
    return i.keys.map((key) => ({ path: [...i.path, key], message: 'unknown field' }));
  }
  let message = i.message;
  if (i.code === z.ZodIssueCode.invalid_type) {
    if (i.received === 'undefined' || message === 'Required') message = 'is required';
    else if (/^Expected /.test(message)) {
      message = `must be ${i.expected === 'object' ? 'an object' : i.expected === 'array' ? 'a list' : `a ${i.expected}`}`;
    }
  }
  if (i.code === z.ZodIssueCode.invalid_literal) message = `must be "${String(i.expected)}"`;
  return [{ path: i.path, message }];
}

function issuesOf(error: z.ZodError): ScenarioIssue[] {
  return error.issues
    .flatMap(normalizeIssue)
    .map((n) => ({ path: formatPath(n.path), message: n.message }));
}

/** One line, issues separated by "; ", each `path: reason`. */
export function describeIssues(issues: readonly ScenarioIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

export type ScenarioParse =
  { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** Syntactic validation of a scenario (no cache needed); defaults are filled in. */
export function parseScenario(input: unknown): ScenarioParse {
  const r = scenarioSchema.safeParse(input);
  return r.success ? { ok: true, scenario: r.data } : { ok: false, issues: issuesOf(r.error) };
}

/** Validation of one lever being edited (the session's updateLever), paths relative to it. */
export function parseLever(
  input: unknown,
): { ok: true; lever: Lever } | { ok: false; issues: ScenarioIssue[] } {
  const r = leverSchema.safeParse(input);
  return r.success ? { ok: true, lever: r.data } : { ok: false, issues: issuesOf(r.error) };
}

// ---------------------------------------------------------------------------------------------
// Results

export const WHATIF_LEVELS = ['group', 'region', 'store', 'category'] as const;
export type WhatIfLevel = (typeof WHATIF_LEVELS)[number];

/** The measures of DOMAIN.md §3 a scenario recomputes (N-1 figures have no meaning here). */
export const WHATIF_MEASURES = [
  'ca_ttc',
  'ca_ht',
  'cout',
  'marge',
  'taux_marge',
  'unites',
  'tickets',
  'panier_moyen',
  'upt',
  'objectif',
  'atteinte',
] as const;
export type WhatIfMeasure = (typeof WHATIF_MEASURES)[number];

/**
 * Money in euros rounded to the cent; units and tickets rounded to 0.01 (a scenario moves them by
 * fractions); ratios unrounded; null when a ratio's denominator is 0.
 */
export type WhatIfMeasures = Record<WhatIfMeasure, number | null>;

/** Revenue (ca_ttc) difference split into price, volume and mix effects; they sum to the delta. */
export interface PriceVolumeMix {
  prix: number;
  volume: number;
  mix: number;
}

/**
 * One node. group: id null, code 'ALL'; region: id, code; store: id, code null (a store opened by
 * the scenario: id null, code `open_store:<lever index>`); category: id, code.
 */
export interface WhatIfRow {
  level: WhatIfLevel;
  id: number | null;
  code: string | null;
  nom: string;
  base: WhatIfMeasures;
  scen: WhatIfMeasures;
  /** scen − base, from the rounded figures (so base + delta = scen as shown). */
  delta: WhatIfMeasures;
  /** scen / base − 1 (a fraction); null when base is 0 or null. */
  delta_pct: WhatIfMeasures;
  pvm: PriceVolumeMix;
}

export interface WhatIfResult {
  elapsed_ms: number;
  scenario: string;
  baseline: { from: string; to: string };
  level: WhatIfLevel;
  rows: WhatIfRow[];
}

/**
 * What a what-if request carries across the IPC. The scenario stays `unknown` here: the engine
 * validates it (syntax, then against the cache) and names each wrong field in its error.
 */
export const whatIfRequestSchema = z
  .object({ scenario: z.unknown(), level: z.enum(WHATIF_LEVELS).default('group') })
  .strict();
export const compareRequestSchema = z
  .object({
    scenarios: z.array(z.unknown()).min(2).max(4),
    level: z.enum(WHATIF_LEVELS).default('group'),
  })
  .strict();

/** A row as `epm whatif --json` prints it: base_<m>, scen_<m>, delta_<m>, delta_pct_<m>, pvm_*. */
export type FlatWhatIfRow = {
  level: WhatIfLevel;
  id: number | null;
  code: string | null;
  nom: string;
} & Record<string, number | string | null>;

export function flattenWhatIfRow(r: WhatIfRow): FlatWhatIfRow {
  const out: FlatWhatIfRow = { level: r.level, id: r.id, code: r.code, nom: r.nom };
  for (const m of WHATIF_MEASURES) {
    out[`base_${m}`] = r.base[m];
    out[`scen_${m}`] = r.scen[m];
    out[`delta_${m}`] = r.delta[m];
    out[`delta_pct_${m}`] = r.delta_pct[m];
  }
  out.pvm_prix = r.pvm.prix;
  out.pvm_volume = r.pvm.volume;
  out.pvm_mix = r.pvm.mix;
  return out;
}

/** Two to four scenarios side by side against the same baseline. */
export interface ComparisonRow {
  level: WhatIfLevel;
  id: number | null;
  code: string | null;
  nom: string;
  base: WhatIfMeasures;
  scenarios: {
    name: string;
    scen: WhatIfMeasures;
    delta: WhatIfMeasures;
    delta_pct: WhatIfMeasures;
    pvm: PriceVolumeMix;
  }[];
}

export interface ComparisonResult {
  elapsed_ms: number;
  baseline: { from: string; to: string };
  level: WhatIfLevel;
  scenarios: string[];
  rows: ComparisonRow[];
}

/** What a live edit returns: the rows (all levels) whose figures changed. */
export interface LeverUpdate {
  elapsed_ms: number;
  /** Line groups under the recomputed cells (0 when the edit changed no factor). */
  line_groups: number;
  /** A store was opened or removed: rows may have disappeared, re-read every level. */
  stores_changed: boolean;
  changed: WhatIfRow[];
}
