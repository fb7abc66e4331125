// `epm export` end to end on a synthetic cache: the --json summary, the format chosen from the
// file name, usage errors (exit 2) and failures (exit 1) without any file written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src-main/cli/framework';
import { commands } from '../../src-main/cli/commands/index';
import { exportFixture, readXlsx, type ExportFixture } from '../support/export-fixture';

let fx: ExportFixture;
beforeAll(() => {
  fx = exportFixture(200);
});
afterAll(() => fx?.close());

async function epm(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(commands, ['export', '--cache', fx.cachePath, ...argv], {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    stderrIsTTY: false,
    env: {},
  });
  return { code, out, err };
}

const PERIOD = ['--from', '2024-01-01', '--to', '2024-12-31'];

describe('epm export', () => {
  it('writes each report and prints a JSON summary', async () => {
    for (const report of ['consolidation', 'ranking', 'abc', 'detail']) {
      const out = join(fx.dir, `${report}.xlsx`);
      const r = await epm('--report', report, ...PERIOD, '--out', out, '--json');
      expect(r.code, r.err).toBe(0);
      const s = JSON.parse(r.out);
      expect(s).toMatchObject({ path: out, report, format: 'xlsx' });
      expect(s.rows).toBeGreaterThan(0);
      expect(s.bytes).toBe(readFileSync(out).length);
      expect(typeof s.elapsed_ms).toBe('number');
      expect((await readXlsx(out)).worksheets.at(-1)!.name).toBe('Paramètres');
    }
  });

  it('takes the level, N-1 mode and filters', async () => {
    const out = join(fx.dir, 'r1.xlsx');
    const r = await epm(
      '--report',
      'consolidation',
      ...PERIOD,
      '--level',
      'region',
      '--n1',
      '364',
      '--region',
      'R1',
      '--category',
      'C2',
      '--out',
      out,
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).rows).toBe(2); // group + R1
  });

  it('writes CSV when the file name says so, with a human summary', async () => {
    const out = join(fx.dir, 'lines.csv');
    const r = await epm('--report', 'detail', ...PERIOD, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/lines\.csv\n[\d\u202f ]+ ligne\(s\), [\d.]+ KiB/);
    expect(readFileSync(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('exports scenarios given as files', async () => {
    const scenario = (name: string, pct: number) => {
      const path = join(fx.dir, `${name}.json`);
      writeFileSync(
        path,
        JSON.stringify({
          name,
          baseline: { from: '2024-01-01', to: '2024-12-31' },
          levers: [{ price_pct: pct }],
        }),
      );
      return path;
    };
    const out = join(fx.dir, 'whatif.xlsx');
    const r = await epm(
      '--report',
      'whatif',
      '--scenario',
      scenario('plus', 0.02),
      '--scenario',
      scenario('moins', -0.02),
      '--level',
      'category',
      '--out',
      out,
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).sheets).toEqual([
      'Synthèse',
      'Par catégorie',
      'Données',
      'Paramètres',
    ]);
  });

  it('refuses bad usage with exit 2 and failures with exit 1, writing nothing', async () => {
    const before = readdirSync(fx.dir).sort();
    const usage = async (argv: string[], msg: RegExp) => {
      const r = await epm(...argv);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(msg);
    };
    const out = join(fx.dir, 'never.xlsx');
    await usage(['--report', 'consolidation', ...PERIOD], /--out is required/);
    await usage(['--report', 'pivot', ...PERIOD, '--out', out], /--report must be/);
    await usage(['--report', 'abc', '--from', '2024-01-01', '--out', out], /--to is required/);
    await usage(
      ['--report', 'abc', ...PERIOD, '--out', join(fx.dir, 'x.csv')],
      /csv is offered for the detail report only/,
    );
    await usage(['--report', 'whatif', '--out', out], /--scenario FILE.json is required/);
    await usage(
      ['--report', 'ranking', ...PERIOD, '--level', 'category', '--out', out],
      /--level must be/,
    );
    await usage(['--report', 'ranking', ...PERIOD, '--bogus', '--out', out], /Unknown option/);
    const failure = async (argv: string[], msg: RegExp) => {
      const r = await epm(...argv, '--json');
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(msg);
    };
    await failure(
      ['--report', 'ranking', ...PERIOD, '--region', 'R9', '--out', out],
      /region "R9" is not in the cache/,
    );
    await failure(
      ['--report', 'ranking', ...PERIOD, '--out', join(fx.dir, 'missing', 'x.xlsx')],
      /does not exist/,
    );
    await failure(
      ['--report', 'whatif', '--scenario', join(fx.dir, 'nope.json'), '--out', out],
      /cannot read scenario/,
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(fx.dir).sort()).toEqual(before);
  });
});
