import net from 'node:net';

/** A TCP server on 127.0.0.1, for the test proxies: at a free port, or a fixed one so a test can bring a "server" back where it was. */
export async function listenOnLoopback(onConnection: (socket: net.Socket) => void, port = 0): Promise<net.Server> {
  const server = net.createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

export const portOf = (server: net.Server): number => (server.address() as net.AddressInfo).port;
