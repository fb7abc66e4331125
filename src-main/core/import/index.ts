// Data import for admins (issue 8, docs/import.md).
export { importFile } from './run-import';
export {
  listImportBatches,
  rollbackImportBatch,
  type ImportBatchInfo,
  type RollbackResult,
} from './batches';
export { KIND_SPECS } from './kinds';
export * from './types';
export { IMPORT_ERROR_CODES, type ImportErrorCode } from './codes';
