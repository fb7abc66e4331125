// The web harness (development and tests only): serves the built renderer and answers the IPC
// contract over loopback HTTP with the same dispatch() as Electron. Every /ipc and /events
// request must carry the per-run token; the server listens on 127.0.0.1 only and checks the
// Host header (DNS-rebinding defence).
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rendererCsp } from '../../src-shared/ipc/csp';
import { defaultUserDataDir, resolveCachePath } from '../core/config';
import type { HandlerContext } from '../core/ipc/context';
import { dispatch, type DispatchOptions } from '../core/ipc/dispatch';
import { createPushEvents, type PushEvents } from '../core/ipc/push-events';
import { disposeState } from '../core/ipc/services/state';
import { SseHub } from './sse';
import { contentTypeOf, resolveStaticFile } from './static-files';
import { newToken, tokenFromRequest, tokenMatches } from './token';

export const DEFAULT_RENDERER_DIR = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../out/renderer',
);
const MAX_BODY_BYTES = 1024 * 1024;
const HOST = '127.0.0.1';

export interface HarnessOptions {
  /** 0 or undefined: a free port chosen by the OS. */
  port?: number;
  cachePath?: string;
  pgUrl?: string;
  rendererDir?: string;
  userDataDir?: string;
  dispatchOptions?: DispatchOptions;
}

export interface Harness {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  token: string;
  port: number;
  /** The push-event source: what is emitted here reaches every connected tab. */
  events: PushEvents;
  ctx: HandlerContext;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': rendererCsp(),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The page URL holds the token: never send it anywhere as a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop buffering; the caller answers 413 and closes the connection afterwards.
        req.removeAllListeners('data');
        req.pause();
        resolveBody(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`no built renderer in ${rendererDir}: run \`npm run build\` first`);
  }
  const token = newToken();
  const events = createPushEvents((e) => console.error('[harness] push listener failed:', e));
  const ctx: HandlerContext = {
    cachePath: resolveCachePath(options.cachePath),
    userDataDir: options.userDataDir ?? defaultUserDataDir(),
    pgUrl: options.pgUrl,
    transport: 'harness',
    events,
  };
  const hub = new SseHub(events);
  let allowedHosts = new Set<string>();

  const handleIpc = async (
    req: IncomingMessage,
    res: ServerResponse,
    channel: string,
  ): Promise<void> => {
    if (req.method !== 'POST') return send(res, 405, 'POST only');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return send(res, 415, 'application/json expected');
    }
    const body = await readBody(req);
    if (body === null) {
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.socket.destroy());
      return send(res, 413, 'request body too large');
    }
    let envelope: unknown;
    try {
      envelope = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'VALIDATION', message: 'request body is not valid JSON' },
      });
    }
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'VALIDATION', message: 'request body must be an object {"input": …}' },
      });
    }
    const result = await dispatch(
      channel,
      (envelope as { input?: unknown }).input,
      ctx,
      options.dispatchOptions,
    );
    sendJson(res, 200, result);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'unexpected Host header');
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));

    if (path.startsWith('/ipc/') || path === '/events') {
      if (!tokenMatches(token, tokenFromRequest(req.headers.authorization, query))) {
        return send(res, 401, 'missing or invalid harness token');
      }
      if (path === '/events') {
        if (req.method !== 'GET') return send(res, 405, 'GET only');
        return hub.attach(res, SECURITY_HEADERS);
      }
      let channel: string;
      try {
        channel = decodeURIComponent(path.slice('/ipc/'.length));
      } catch {
        return sendJson(res, 400, {
          ok: false,
          error: { code: 'VALIDATION', message: 'malformed channel name' },
        });
      }
      return handleIpc(req, res, channel);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');
    const file = resolveStaticFile(rendererDir, path);
    if (!file) return send(res, 404, 'not found');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(file),
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[harness] request failed:', e);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });

  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', ko);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const origin = `http://${HOST}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    events,
    ctx,
    close: () =>
      new Promise<void>((ok) => {
        // Running jobs are cancelled and the cache handle closed with the server; close resolves
        // once both the jobs and the server have stopped.
        const disposed = disposeState(ctx);
        hub.close();
        server.close(() => void disposed.then(() => ok()));
        server.closeAllConnections();
      }),
  };
}
