// The corpus of malformed files (tests/fixtures/import/): each file has beside it
// NAME.expected.json = { kind, options?, report } with the exact report expected (status, counts,
// source detection and every error entry). One table-driven test imports them all into one
// database seeded with the reference rows and checks that nothing was written.
// After a deliberate change of messages, EPM_UPDATE_FIXTURES=1 rewrites the expected reports:
// review the diff before committing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile, type ImportKind, type ImportReport } from '../../src-main/core/import';
import {
  FIXTURES_DIR,
  databaseChecksums,
  setupImportDb,
  type ImportTestDb,
} from './import-helpers';

interface CorpusCase {
  kind: ImportKind;
  options?: { acceptValidRows?: boolean; dryRun?: boolean };
  report: unknown;
}

/** The stable part of a report (no paths, hashes or timings). */
function projection(r: ImportReport) {
  return {
    status: r.status,
    source: r.source,
    rows: r.rows,
    ...(r.receipts ? { receipts: r.receipts } : {}),
    errors: {
      total: r.errors.total,
      truncated: r.errors.truncated,
      byCode: r.errors.byCode,
      entries: r.errors.entries,
    },
  };
}

const files = readdirSync(FIXTURES_DIR);
const cases = files
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((expected) => {
    const base = expected.slice(0, -'.expected.json'.length);
    const data = files.find((f) => f !== expected && f.startsWith(`${base}.`));
    if (!data) throw new Error(`no data file for ${expected}`);
    return { name: base, data, expected };
  });

let t: ImportTestDb;
let before: Record<string, string>;

beforeAll(async () => {
  t = await setupImportDb('epm_import_corpus');
  before = await databaseChecksums(t.suUrl);
});
afterAll(async () => {
  await t?.drop();
});

describe('import corpus', () => {
  it('has at least 30 malformed files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name', async ({ data, expected }) => {
    const spec = JSON.parse(readFileSync(join(FIXTURES_DIR, expected), 'utf8')) as CorpusCase;
    const report = await importFile({
      url: t.adminUrl,
      kind: spec.kind,
      file: join(FIXTURES_DIR, data),
      ...spec.options,
    });
    const actual = projection(report);
    if (process.env.EPM_UPDATE_FIXTURES) {
      writeFileSync(
        join(FIXTURES_DIR, expected),
        JSON.stringify({ ...spec, report: actual }, null, 2) + '\n',
      );
      return;
    }
    expect(actual).toEqual(spec.report);
    expect(report.batchId).toBeNull();
  });

  it('left the database exactly as it was', async () => {
    expect(await databaseChecksums(t.suUrl)).toEqual(before);
  });
});
