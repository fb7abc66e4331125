// Server-Sent Events: the harness's push-event channel (main → renderer), one stream per tab.
import type { ServerResponse } from 'node:http';
import type { PushEvents } from '../core/ipc/push-events';

const HEARTBEAT_MS = 25_000;

export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;

  constructor(events: PushEvents) {
    this.unsubscribe = events.subscribe((event, payload) => {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of this.clients) res.write(frame);
    });
  }

  get size(): number {
    return this.clients.size;
  }

  attach(res: ServerResponse, extraHeaders: Record<string, string>): void {
    res.writeHead(200, {
      ...extraHeaders,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n: connected\n\n');
    this.clients.add(res);
    // Comments keep idle connections from being closed by the browser or a proxy.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      this.clients.delete(res);
    });
  }

  close(): void {
    this.unsubscribe();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
