// Prints the superuser URL of the embedded PostgreSQL (started or reused), for CI machines that
// have no PostgreSQL server: `.ci/run` exports it as EPM_TEST_PG_URL.
import { startEmbedded } from '../src-main/core/pg/embedded';

const target = await startEmbedded();
process.stdout.write(`${target.url}\n`);
