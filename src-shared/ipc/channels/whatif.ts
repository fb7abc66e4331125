// Channels of the simulator. A live session keeps the baseline in main while the screen edits
// levers (each edit recomputes only what it touches and returns the changed rows); saved
// scenarios live in the local cache.
import { z } from 'zod';
import {
  WHATIF_LEVELS,
  type ComparisonResult,
  type LeverUpdate,
  type WhatIfResult,
  type WhatIfRow,
} from '../../domain/scenario';
import type {
  SavedScenarioDto,
  SavedScenarioSummaryDto,
  ScenarioValidation,
  WhatIfSessionView,
} from '../dto/whatif';
import { noInput, returns, type ChannelSpec } from '../spec';

const sessionId = z.string().min(1).max(64);
const scenarioName = z.string().trim().min(1).max(200);
const level = z.enum(WHATIF_LEVELS).default('group');

export const whatifChannels = {
  /** Checks a scenario (syntax, then codes and dates against the cache) without computing. */
  'whatif:validate': {
    input: z.object({ scenario: z.unknown() }).strict(),
    output: returns<ScenarioValidation>(),
  },
  'whatif:compute': {
    input: z.object({ scenario: z.unknown(), level }).strict(),
    output: returns<WhatIfResult>(),
  },
  /** Opens a live session (loads the baseline once) and returns every row. */
  'whatif:open': {
    input: z.object({ scenario: z.unknown() }).strict(),
    output: returns<WhatIfSessionView>(),
  },
  /** Replaces lever `index` (index = number of levers appends one); returns the changed rows. */
  'whatif:update-lever': {
    input: z
      .object({ sessionId, index: z.number().int().min(0).max(200), lever: z.unknown() })
      .strict(),
    output: returns<LeverUpdate>(),
  },
  'whatif:remove-lever': {
    input: z.object({ sessionId, index: z.number().int().min(0).max(200) }).strict(),
    output: returns<LeverUpdate>(),
  },
  /** Every row of every level of a session (after a store was opened or removed). */
  'whatif:rows': {
    input: z.object({ sessionId }).strict(),
    output: returns<WhatIfRow[]>(),
  },
  'whatif:close': {
    input: z.object({ sessionId }).strict(),
    output: returns<{ closed: boolean }>(),
  },

  'scenario:list': { input: noInput, output: returns<SavedScenarioSummaryDto[]>() },
  'scenario:get': {
    input: z.object({ name: scenarioName }).strict(),
    output: returns<SavedScenarioDto>(),
  },
  'scenario:save': {
    input: z.object({ scenario: z.unknown() }).strict(),
    output: returns<SavedScenarioDto>(),
  },
  'scenario:clone': {
    input: z.object({ from: scenarioName, to: scenarioName }).strict(),
    output: returns<SavedScenarioDto>(),
  },
  'scenario:rename': {
    input: z.object({ from: scenarioName, to: scenarioName }).strict(),
    output: returns<SavedScenarioDto>(),
  },
  'scenario:delete': {
    input: z.object({ name: scenarioName }).strict(),
    output: returns<{ deleted: string }>(),
  },
  /** Two to four saved scenarios side by side (they must share their baseline). */
  'scenario:compare': {
    input: z.object({ names: z.array(scenarioName).min(2).max(4), level }).strict(),
    output: returns<ComparisonResult>(),
  },
} satisfies Record<string, ChannelSpec>;
