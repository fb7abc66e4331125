// Fault injection for the crash-consistency test (tests/integration/sync-fault-injection.test.ts).
//
// The sync calls faultPoint() at every write statement, commit and DDL step. With
// EPM_SYNC_FAULT_AFTER=K in the environment, the K-th call kills the whole process with SIGKILL
// (no cleanup, no rollback, no flush: what a power cut or a task-manager kill does to a process).
// Without it, faultPoint() only counts, so a test can learn how many points a complete run has.
// The cost on the hot path is one integer increment and compare per statement.
const limit = Number(process.env.EPM_SYNC_FAULT_AFTER ?? '0') || 0;
let reached = 0;

export function faultPoint(): void {
  reached++;
  if (limit > 0 && reached >= limit) process.kill(process.pid, 'SIGKILL');
}

/** How many fault points this process has passed (for calibrating the fault-injection test). */
export function faultPointsReached(): number {
  return reached;
}
