// A TCP proxy on loopback in front of the test PostgreSQL that can cut its connections after a
// given number of bytes sent from the server: a network cut in the middle of a COPY stream.
import net from 'node:net';

export interface CuttingProxy {
  port: number;
  /** Bytes forwarded from the server, all connections together. */
  bytesFromServer: number;
  /** Cut every connection once this many server bytes went through (Infinity: never). */
  cutAfter: number;
  cuts: number;
  /** After the first cut, let every connection through again (a network that comes back). */
  cutOnce: boolean;
  close(): Promise<void>;
}

export async function startCuttingProxy(
  target = { host: '127.0.0.1', port: 5432 },
): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  const proxy: CuttingProxy = {
    port: 0,
    bytesFromServer: 0,
    cutAfter: Infinity,
    cuts: 0,
    cutOnce: false,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const cut = () => {
      proxy.cuts++;
      if (proxy.cutOnce) proxy.cutAfter = Infinity;
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => {
      const room = proxy.cutAfter - proxy.bytesFromServer;
      if (room <= 0) return cut();
      const part = d.length > room ? d.subarray(0, room) : d;
      proxy.bytesFromServer += part.length;
      client.write(part);
      if (part.length < d.length) cut();
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

export function viaProxy(url: string, port: number): string {
  const u = new URL(url);
  u.host = `127.0.0.1:${port}`;
  return u.toString();
}
