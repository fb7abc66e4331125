// Long jobs: sync, export, import, demo set-up. `*:start` answers at once with a job id; the
// work runs off the main thread and reports through the push events of eventChannels below.
import { z } from 'zod';
import type {
  ExportTemplateDto,
  JobRef,
  LocalRunDto,
  SyncClientDto,
  SyncStateDto,
} from '../dto/jobs';
import { EXPORT_REPORTS, IMPORT_KIND_NAMES } from '../dto/jobs';
import { RANKING_MEASURES } from '../../domain/analytics';
import {
  dateRangeSchema,
  jobIdSchema,
  localPathSchema,
  n1ModeSchema,
  scopeFilterSchema,
} from '../schemas';
import { noInput, returns, type ChannelSpec } from '../spec';

export const jobChannels = {
  'sync:start': { input: noInput, output: returns<JobRef>() },
  'sync:cancel': { input: jobIdSchema, output: returns<{ cancelled: boolean }>() },
  /** The running sync, if any, with its last progress (a reloaded window picks it up). */
  'sync:state': { input: noInput, output: returns<SyncStateDto>() },
  'sync:history': {
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: returns<LocalRunDto[]>(),
  },
  /** Every laptop's last sync, from the central history (admins see all, others their own). */
  'sync:clients': { input: noInput, output: returns<SyncClientDto[]>() },

  'export:templates': { input: noInput, output: returns<ExportTemplateDto[]>() },
  'export:start': {
    input: z
      .object({
        report: z.enum(EXPORT_REPORTS),
        format: z.enum(['xlsx', 'csv']).default('xlsx'),
        range: dateRangeSchema.optional(),
        level: z.enum(['group', 'region', 'store', 'category']).optional(),
        n1: n1ModeSchema,
        filter: scopeFilterSchema.default({}),
        measure: z.enum(RANKING_MEASURES).default('ca_ttc'),
        /** Saved scenarios (by name) for the whatif report. */
        scenarios: z.array(z.string().min(1).max(200)).max(4).default([]),
        /** Output folder; default: the user's documents folder (main decides). */
        folder: localPathSchema.optional(),
      })
      .strict(),
    output: returns<JobRef>(),
  },
  'export:cancel': { input: jobIdSchema, output: returns<{ cancelled: boolean }>() },
  /** Shows a produced file in the OS file manager (Electron); the harness only says where. */
  'export:reveal': {
    input: z.object({ path: localPathSchema }).strict(),
    output: returns<{ shown: boolean; path: string }>(),
  },

  /** Import (admins): a dry run first (validation report), then the real one on confirmation. */
  'import:start': {
    input: z
      .object({
        path: localPathSchema,
        kind: z.enum(IMPORT_KIND_NAMES),
        dryRun: z.boolean().default(true),
        acceptValidRows: z.boolean().default(false),
      })
      .strict(),
    output: returns<JobRef>(),
  },
  'import:cancel': { input: jobIdSchema, output: returns<{ cancelled: boolean }>() },
  /** Native "open file" dialog (Electron); null when cancelled or not available (harness). */
  'import:pick-file': { input: noInput, output: returns<{ path: string | null }>() },

  /** First run, demo choice: embedded server, schema, demo data (then the renderer syncs). */
  'setup:demo': { input: noInput, output: returns<JobRef>() },
} satisfies Record<string, ChannelSpec>;
