// The `epm` command frame: one spec per command, parsed with node:util parseArgs (strict, so an
// unknown flag is a usage error), `--help` everywhere, `--json` machine output.
// Exit codes: 0 success, 1 failure (one-line reason on stderr), 2 usage error.
import { parseArgs } from 'node:util';
import { AppError, isAppError } from '../../src-shared/errors';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in --help, e.g. "--pg URL". */
  placeholder?: string;
  description: string;
}

export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  json: boolean;
  env: NodeJS.ProcessEnv;
  /** Human output (suppressed with --json). */
  log(line: string): void;
  /** Whether a progress bar can be drawn (stderr is a terminal and not --json). */
  interactive: boolean;
}

export interface CommandSpec<R = unknown> {
  /** Words after `epm`, e.g. ['db', 'migrate']. */
  path: string[];
  summary: string;
  /** Extra lines for --help (examples, environment). */
  help?: string;
  positionals?: string;
  options: Record<string, OptionSpec>;
  run(ctx: CommandContext): Promise<R>;
  /** Human rendering of the result; default prints nothing more than what run logged. */
  render?(result: R): string;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const COMMON: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'machine-readable JSON on stdout' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

function formatOptions(options: Record<string, OptionSpec>): string {
  const rows = Object.entries({ ...options, ...COMMON }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.placeholder ?? 'VALUE'}` : ''}`;
    return [flag, o.description + (o.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`).join('\n');
}

export function commandHelp(spec: CommandSpec<never>): string {
  return [
    `usage: epm ${spec.path.join(' ')}${spec.positionals ? ` ${spec.positionals}` : ''} [options]`,
    '',
    spec.summary,
    '',
    'options:',
    formatOptions(spec.options),
    ...(spec.help ? ['', spec.help] : []),
  ].join('\n');
}

export function globalHelp(specs: CommandSpec<never>[]): string {
  const width = Math.max(...specs.map((s) => s.path.join(' ').length));
  return [
    'usage: epm <command> [options]',
    '',
    'commands:',
    ...specs.map((s) => `  ${s.path.join(' ').padEnd(width)}  ${s.summary}`),
    '',
    'Run `epm <command> --help` for the options of a command.',
    'Environment: EPM_PG_URL (central PostgreSQL), EPM_CACHE (local cache file), EPM_HOME (data folder).',
  ].join('\n');
}

/** Finds the longest command path matching the leading words of argv. */
function findCommand(specs: CommandSpec<never>[], argv: string[]) {
  let best: CommandSpec<never> | undefined;
  for (const spec of specs) {
    const matches = spec.path.every((w, i) => argv[i] === w);
    if (matches && (!best || spec.path.length > best.path.length)) best = spec;
  }
  return best;
}

export async function runCli(specs: CommandSpec<never>[], argv: string[], io: Io): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(globalHelp(specs) + '\n');
    return argv.length === 0 ? 2 : 0;
  }
  const spec = findCommand(specs, argv);
  if (!spec) {
    // A group word alone (e.g. `epm user`) lists its sub-commands.
    const group = specs.filter((s) => s.path[0] === argv[0]);
    if (group.length > 0 && (argv.length === 1 || argv[1]?.startsWith('-'))) {
      io.stdout(globalHelp(group) + '\n');
      return argv.includes('--help') || argv.includes('-h') ? 0 : 2;
    }
    io.stderr(`epm: unknown command "${argv.slice(0, 2).join(' ')}" (try epm --help)\n`);
    return 2;
  }
  const rest = argv.slice(spec.path.length);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(
        Object.entries({ ...spec.options, ...COMMON }).map(([k, o]) => [
          k,
          {
            type: o.type,
            ...(o.short ? { short: o.short } : {}),
            ...(o.multiple ? { multiple: true } : {}),
          },
        ]),
      ),
      allowPositionals: spec.positionals !== undefined,
      strict: true,
    });
  } catch (e) {
    io.stderr(`epm ${spec.path.join(' ')}: ${(e as Error).message}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(commandHelp(spec) + '\n');
    return 0;
  }
  const json = parsed.values.json === true;
  const ctx: CommandContext = {
    values: parsed.values as CommandContext['values'],
    positionals: parsed.positionals,
    json,
    env: io.env,
    log: (line) => {
      if (!json) io.stdout(line + '\n');
    },
    interactive: io.stderrIsTTY && !json,
  };
  try {
    const result = await spec.run(ctx);
    if (json) io.stdout(JSON.stringify(result, null, 2) + '\n');
    else if (spec.render) {
      const text = spec.render(result as never);
      if (text) io.stdout(text.endsWith('\n') ? text : text + '\n');
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`epm ${spec.path.join(' ')}: ${e.message}\n`);
      return 2;
    }
    const shape = isAppError(e)
      ? e.toShape()
      : { code: 'INTERNAL' as const, message: e instanceof Error ? e.message : String(e) };
    if (json) io.stdout(JSON.stringify({ error: shape }, null, 2) + '\n');
    io.stderr(`epm ${spec.path.join(' ')}: ${shape.message.split('\n')[0]}\n`);
    if (!isAppError(e) && io.env.EPM_DEBUG && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

/** Reads a required string option or throws a usage error naming it. */
export function requireString(ctx: CommandContext, name: string): string {
  const v = ctx.values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function optionalString(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Parses an integer option, with a usage error naming the flag when it is not one. */
export function optionalInt(ctx: CommandContext, name: string, min = 0): number | undefined {
  const v = optionalString(ctx, name);
  if (v === undefined) return undefined;
  const cleaned = v.replace(/_/g, '');
  if (!/^\d+$/.test(cleaned) || Number(cleaned) < min) {
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${v}"`);
  }
  return Number(cleaned);
}

export { AppError };
