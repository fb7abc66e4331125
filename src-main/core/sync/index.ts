// The sync engine's public surface (see docs/sync.md).
export { runSync } from './run-sync';
export { startSyncJob, type SyncJob, type SyncJobHandlers } from './job';
export type { SyncJobOptions } from './worker-protocol';
export { listLocalHistory, listSyncClients, type LocalRun, type SyncClient } from './clients';
export type { SyncOptions, SyncProgress, SyncSummary, SyncPhase, TableCounts } from './types';
