// Zod pieces shared by several channels: business days, periods, scope filters, paging. The
// engines validate again what they need (dates that exist, codes in the cache); these schemas
// stop malformed input at the boundary with a message naming the field.
import { z } from 'zod';
import { KPI_LEVELS, N1_MODES } from '../domain/analytics';

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const dateRangeSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'to must not be before from', path: ['to'] });

export const STANDARD_PERIOD_KINDS = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'ytd',
  'rolling12',
] as const;
export type StandardPeriodKind = (typeof STANDARD_PERIOD_KINDS)[number];

/**
 * A standard period around an anchor day, or explicit bounds. Main resolves it (periods.ts,
 * queries/period.ts). to_date: a period still in progress stops at the last day with sales.
 */
export const periodSchema = z.union([
  z
    .object({
      kind: z.enum(STANDARD_PERIOD_KINDS),
      anchor: isoDateSchema,
      to_date: z.boolean().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('custom'), from: isoDateSchema, to: isoDateSchema }).strict(),
]);
export type PeriodInput = z.infer<typeof periodSchema>;

export const n1ModeSchema = z.enum(N1_MODES).default('calendar');
export const kpiLevelSchema = z.enum(KPI_LEVELS);

export const scopeFilterSchema = z
  .object({
    region: z.string().min(1).max(40).optional(),
    store: z.number().int().positive().optional(),
    category: z.string().min(1).max(40).optional(),
    product: z.string().min(1).max(80).optional(),
  })
  .strict();

export const jobIdSchema = z.object({ jobId: z.string().min(1).max(64) }).strict();

/** A path on the user's machine typed or picked in the UI (absolute; checked by main). */
export const localPathSchema = z.string().min(1, 'is required').max(4096);
