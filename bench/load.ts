// Load benchmark: N laptops (default 50) with different scopes sync incrementally at once
// against the local PostgreSQL (tests/support/security-load.ts does the work and the checks).
//   npx tsx bench/load.ts [laptops]
// Results: bench/results/load-<date>.md and .json. Needs PostgreSQL at EPM_TEST_PG_URL or
// 127.0.0.1:5432 (superuser: it creates a database and login roles, and drops them after).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMarkdown, runLoad } from '../tests/support/security-load';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');

async function main(): Promise<void> {
  const laptops = Number(process.argv[2] ?? 50);
  const report = await runLoad({ laptops, changes: 200, spotChecks: 10 });
  const when = new Date();
  const machine =
    `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}, ` +
    `load average ${loadavg()[0]?.toFixed(2)} at the end (other work may share the machine)`;
  const date = when.toISOString().slice(0, 10);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    join(RESULTS, `load-${date}.json`),
    JSON.stringify({ machine, report }, null, 2) + '\n',
  );
  writeFileSync(join(RESULTS, `load-${date}.md`), loadMarkdown(report, when, machine));
  console.log(loadMarkdown(report, when, machine));
  const bad =
    report.failures.length +
    report.scopeViolations.length +
    report.unhealthyCaches.length +
    report.checksumMismatches.length;
  if (bad > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
