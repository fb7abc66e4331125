// `epm import`, `epm import list`, `epm import rollback` through the CLI frame, on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src-main/cli/framework';
import { commands } from '../../src-main/cli/commands/index';
import { setupImportDb, type ImportTestDb } from './import-helpers';

let t: ImportTestDb;
const dir = mkdtempSync(join(tmpdir(), 'epm-import-cli-'));

async function epm(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(commands, argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stderrIsTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  t = await setupImportDb('epm_import_cli');
});
afterAll(async () => {
  await t?.drop();
});

describe('epm import', () => {
  it('imports, lists and rolls back', async () => {
    const f = join(dir, 'regions.csv');
    writeFileSync(f, 'code;nom\nCLI1;Un\nCLI2;Deux\n');
    const ok = await epm('import', '--pg', t.adminUrl, '--kind', 'regions', '--file', f);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^lot (\d+) : 2 ligne\(s\) importée\(s\) en \d+,\d s\n$/);
    const batch = /^lot (\d+)/.exec(ok.stdout)![1]!;

    const again = await epm('import', '--pg', t.adminUrl, '--kind', 'regions', '--file', f);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`^epm import: fichier déjà importé : lot ${batch} `));

    const list = await epm('import', 'list', '--pg', t.adminUrl, '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)[0]).toMatchObject({
      id: Number(batch),
      kind: 'regions',
      status: 'imported',
      rowsImported: 2,
    });

    const rb = await epm('import', 'rollback', '--pg', t.adminUrl, '--batch', batch);
    expect(rb).toMatchObject({
      code: 0,
      stdout: `lot ${batch} (regions) annulé : 2 regions supprimé(s)\n`,
    });
    const human = await epm('import', 'list', '--pg', t.adminUrl);
    expect(human.stdout).toMatch(
      new RegExp(`^ +${batch} .* regions +rolled_back .*regions\\.csv +\\(annulé le `),
    );
  });

  it('exits 1 with a one-line summary when the file is rejected, the report on stdout', async () => {
    const f = join(dir, 'stores.csv');
    writeFileSync(f, 'magasin;region;nom\n900;NOPE;A\n901;IDF;B\n902;NOPE;C\n');
    const r = await epm('import', '--pg', t.adminUrl, '--kind', 'stores', '--file', f);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'epm import: fichier rejeté, rien n’a été importé : 2 erreur(s) sur 2 ligne(s) (UNKNOWN_REGION ×2)\n',
    );
    expect(r.stdout.split('\n')[0]).toBe(
      '  ligne 2, « region » [UNKNOWN_REGION] région « NOPE » inconnue : aucun code région ne correspond dans la base',
    );
    const json = await epm('import', '--pg', t.adminUrl, '--kind', 'stores', '--file', f, '--json');
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout) as {
      error: { code: string; details: { status: string; errors: { entries: unknown[] } } };
    };
    expect(out.error.code).toBe('VALIDATION');
    expect(out.error.details.status).toBe('rejected');
    expect(out.error.details.errors.entries).toHaveLength(2);

    const dry = await epm(
      'import',
      '--pg',
      t.adminUrl,
      '--kind',
      'stores',
      '--file',
      f,
      '--dry-run',
      '--accept-valid-rows',
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n')[0]).toBe(
      'contrôle seul : 1 ligne(s) valide(s) sur 3, rien n’a été écrit',
    );
    expect(existsSync(join(dir, 'stores.rejets.csv'))).toBe(true);

    const partial = await epm(
      'import',
      '--pg',
      t.adminUrl,
      '--kind',
      'stores',
      '--file',
      f,
      '--accept-valid-rows',
      '--json',
    );
    expect(partial.code).toBe(0);
    const report = JSON.parse(partial.stdout) as {
      status: string;
      rows: unknown;
      rejectsFile: string;
    };
    expect(report).toMatchObject({
      status: 'partial',
      rows: { read: 3, valid: 1, rejected: 2, imported: 1 },
    });
    expect(readFileSync(report.rejectsFile, 'utf8').split('\r\n')[1]).toMatch(
      /^900;NOPE;A;"?ligne 2 : region : région « NOPE » inconnue/,
    );
  });

  it('checks its options', async () => {
    expect((await epm('import', '--kind', 'ventes', '--file', 'x.csv')).code).toBe(2);
    expect((await epm('import', '--kind', 'regions')).stderr).toContain('--file is required');
    expect((await epm('import', 'rollback', '--pg', t.adminUrl)).code).toBe(2);
    expect((await epm('import', '--help')).stdout).toContain(
      'kinds: receipts, products, categories, stores, regions, customers',
    );
  });

  it('says PERMISSION to a non-admin login', async () => {
    const url = await t.login('analyste');
    const f = join(dir, 'r.csv');
    writeFileSync(f, 'code;nom\nX1;X\n');
    const r = await epm('import', '--pg', url, '--kind', 'regions', '--file', f, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('PERMISSION');
    expect(r.stderr).toMatch(/^epm import: import réservé aux administrateurs/);
  });
});
