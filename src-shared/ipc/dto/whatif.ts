// The simulator's view of the what-if engine: live sessions and saved scenarios.
import type { Scenario, ScenarioIssue, WhatIfRow } from '../../domain/scenario';

export interface WhatIfSessionView {
  session_id: string;
  /** The scenario with its defaults filled in. */
  scenario: Scenario;
  /** Every row of every level (group, regions, stores, categories). */
  rows: WhatIfRow[];
  line_groups: number;
  /** Whether this opening read the baseline (else it reused one loaded on the same period). */
  baseline_loaded: boolean;
  elapsed_ms: number;
}

export interface ScenarioValidation {
  ok: boolean;
  issues: ScenarioIssue[];
}

export interface SavedScenarioDto {
  id: number;
  name: string;
  version: number;
  created_at: string;
  updated_at: string;
  scenario: Scenario;
}

export interface SavedScenarioSummaryDto {
  id: number;
  name: string;
  version: number;
  levers: number;
  baseline: { from: string; to: string };
  created_at: string;
  updated_at: string;
}
