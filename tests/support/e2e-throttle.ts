// A loopback TCP proxy in front of PostgreSQL that throttles what the server sends: an initial
// sync of the small e2e chain then lasts long enough for a person (or a test) to watch its
// progress and cancel it. The rate can be lifted at any time (Infinity: full speed).
import net from 'node:net';

export interface ThrottleProxy {
  port: number;
  /** Bytes per second from the server to the client, all connections together. */
  rate: number;
  close(): Promise<void>;
}

export async function startThrottleProxy(
  rate: number,
  target = { host: '127.0.0.1', port: 5432 },
): Promise<ThrottleProxy> {
  const sockets = new Set<net.Socket>();
  const paused = new Set<net.Socket>();
  let budget = 0;
  const proxy: ThrottleProxy = {
    port: 0,
    rate,
    close: () =>
      new Promise((resolve) => {
        clearInterval(timer);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const TICK_MS = 50;
  const timer = setInterval(() => {
    // A bucket of at most one second's worth, refilled every tick.
    budget = Math.min(proxy.rate, budget + (proxy.rate * TICK_MS) / 1000);
    if (budget > 0 || proxy.rate === Infinity) {
      for (const s of paused) s.resume();
      paused.clear();
    }
  }, TICK_MS);
  timer.unref();

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => {
      client.write(d);
      if (proxy.rate === Infinity) return;
      budget -= d.length;
      if (budget < 0) {
        upstream.pause();
        paused.add(upstream);
      }
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as net.AddressInfo).port;
  return proxy;
}

export function throughProxy(url: string, port: number): string {
  const u = new URL(url);
  u.host = `127.0.0.1:${port}`;
  return u.toString();
}
