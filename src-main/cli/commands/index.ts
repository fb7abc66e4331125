// The registry of `epm` commands. Each command lives in its own module; add it here.
import type { CommandSpec } from '../framework';
import { versionCommand } from './version';
import { cacheStatusCommand } from './cache';
import { dbMigrateCommand } from './db';
import { demoCommand, demoSeedCommand, demoStopCommand } from './demo';
import { userAddCommand, userListCommand, userRemoveCommand, userScopeCommand } from './user';
import { syncClientsCommand, syncCommand, syncHistoryCommand } from './sync';
import { whatifCommand } from './whatif';
import { scenarioCommands } from './scenario';
import { kpiCommand } from './kpi';
import { analyseCommands } from './analyse';
import { importCommands } from './import';
import { exportCommand } from './export';

export const commands: CommandSpec<never>[] = [
  versionCommand,
  cacheStatusCommand,
  dbMigrateCommand,
  userAddCommand,
  userListCommand,
  userRemoveCommand,
  userScopeCommand,
  demoCommand,
  demoSeedCommand,
  demoStopCommand,
  syncCommand,
  syncClientsCommand,
  syncHistoryCommand,
  whatifCommand,
  ...scenarioCommands,
  kpiCommand,
  ...analyseCommands,
  ...importCommands,
  exportCommand,
] as CommandSpec<never>[];
