// `npm run harness -- [--port N] [--cache FILE] [--pg URL]`: serves the built renderer in a
// browser against the real core. The first stdout line is the URL to open (token included);
// everything else goes to stderr so scripts can read that line.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { explicitPgUrl } from '../core/config';
import { startHarness } from './server';

export { startHarness, type Harness, type HarnessOptions } from './server';

const USAGE = 'usage: npm run harness -- [--port N] [--cache FILE] [--pg URL]';

export async function main(argv: string[]): Promise<number> {
  let values: { port?: string; cache?: string; pg?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        cache: { type: 'string' },
        pg: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer between 0 and 65535\n${USAGE}\n`);
    return 2;
  }
  let harness;
  try {
    harness = await startHarness({
      port,
      cachePath: values.cache,
      pgUrl: explicitPgUrl(values.pg),
    });
  } catch (e) {
    process.stderr.write(`harness: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${harness.url}\n`);
  process.stderr.write(`harness: cache ${harness.ctx.cachePath}; Ctrl+C to stop\n`);
  await new Promise<void>((done) => {
    const stop = () => void harness.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
