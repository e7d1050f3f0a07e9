import net from 'node:net';

/** A TCP server on 127.0.0.1 at a free port, for the test proxies. */
export async function listenOnLoopback(onConnection: (socket: net.Socket) => void): Promise<net.Server> {
  const server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export const portOf = (server: net.Server): number => (server.address() as net.AddressInfo).port;
