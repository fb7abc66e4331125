import { describe, expect, it } from 'vitest';
import { runCli, type CommandSpec, UsageError, optionalInt } from '../../src-main/cli/framework';
import { AppError } from '../../src-shared/errors';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (s: string) => out.push(s),
      stderr: (s: string) => err.push(s),
      stderrIsTTY: false,
      env: {},
    },
  };
}

const echo: CommandSpec<{ n: number | undefined }> = {
  path: ['thing', 'echo'],
  summary: 'echo a number',
  options: { n: { type: 'string', placeholder: 'N', description: 'a number' } },
  async run(ctx) {
    return { n: optionalInt(ctx, 'n') };
  },
  render: (r) => `n=${r.n}`,
};
const fail: CommandSpec<never> = {
  path: ['thing', 'fail'],
  summary: 'fails',
  options: {},
  async run() {
    throw new AppError('UNAVAILABLE', 'central database unreachable\nsecond line');
  },
};
const usage: CommandSpec<never> = {
  path: ['thing', 'usage'],
  summary: 'usage error',
  options: {},
  async run() {
    throw new UsageError('--from is required');
  },
};
const specs = [echo, fail, usage] as CommandSpec<never>[];

describe('epm CLI frame', () => {
  it('prints human output and exits 0', async () => {
    const t = io();
    expect(await runCli(specs, ['thing', 'echo', '--n', '12'], t.io)).toBe(0);
    expect(t.out.join('')).toBe('n=12\n');
  });

  it('prints JSON with --json', async () => {
    const t = io();
    expect(await runCli(specs, ['thing', 'echo', '--n', '3', '--json'], t.io)).toBe(0);
    expect(JSON.parse(t.out.join(''))).toEqual({ n: 3 });
  });

  it('exits 2 on an unknown flag, a bad value or an unknown command', async () => {
    for (const argv of [
      ['thing', 'echo', '--bogus'],
      ['thing', 'echo', '--n', 'x'],
      ['nothing'],
      ['thing', 'usage'],
    ]) {
      const t = io();
      expect(await runCli(specs, argv, t.io)).toBe(2);
      expect(t.err.join('')).toMatch(/\S/);
    }
  });

  it('exits 1 with a one-line reason on stderr and a JSON error with --json', async () => {
    const t = io();
    expect(await runCli(specs, ['thing', 'fail', '--json'], t.io)).toBe(1);
    expect(t.err.join('')).toBe('epm thing fail: central database unreachable\n');
    expect(JSON.parse(t.out.join('')).error.code).toBe('UNAVAILABLE');
  });

  it('gives --help for every command and the global list', async () => {
    for (const s of specs) {
      const t = io();
      expect(await runCli(specs, [...s.path, '--help'], t.io)).toBe(0);
      expect(t.out.join('')).toContain(`usage: epm ${s.path.join(' ')}`);
    }
    const t = io();
    expect(await runCli(specs, ['--help'], t.io)).toBe(0);
    expect(t.out.join('')).toContain('thing echo');
  });
});
