// Benchmark dispatcher: `npm run bench -- <name> [args]` runs bench/<name>.ts, a module exporting
// `run(args: string[]): Promise<void>`. Results go to bench/results/ (committed).
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  run(args: string[]): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(
    `${name ? `unknown benchmark "${name}". ` : ''}usage: npm run bench -- <name> [args]\navailable: ${available.join(', ')}\n`,
  );
  process.exit(2);
}
const mod = (await import(pathToFileURL(`${here}/${name}.ts`).href)) as Partial<BenchModule>;
if (typeof mod.run !== 'function') {
  process.stderr.write(`bench/${name}.ts exports no run(args): it is a helper, not a benchmark\n`);
  process.exit(2);
}
try {
  await mod.run(args);
} catch (e) {
  process.stderr.write(`bench ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
