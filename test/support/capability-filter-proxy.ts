import net from 'node:net';
import { ImapCapabilityFilter, type FilterOutput } from './capability-filter';
import { listenOnLoopback, portOf } from './loopback-listener';
import type { CapabilityFilterOptions, Refusal } from './capability-rules';

export type { CapabilityFilterOptions, Refusal } from './capability-rules';

/**
 * A TCP proxy on 127.0.0.1 in front of a real server's plain IMAP port that makes it a server
 * without some extensions: they vanish from every capability list, SPECIAL-USE attributes can
 * vanish from LIST, and a command that uses a hidden extension anyway is refused with a BAD and
 * recorded in `refusals` — a client that ignores what was advertised is caught, not served.
 * Plain IMAP only (STARTTLS and COMPRESS are always hidden): point accounts at it with security 'none'.
 */
export class CapabilityFilterProxy {
  private readonly sockets = new Set<net.Socket>();
  private readonly filters: ImapCapabilityFilter[] = [];

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
    private readonly options: CapabilityFilterOptions,
  ) {}

  static async start(target: { host: string; port: number }, options: CapabilityFilterOptions): Promise<CapabilityFilterProxy> {
    const server = await listenOnLoopback((client) => proxy.accept(client));
    const proxy = new CapabilityFilterProxy(server, target, options);
    return proxy;
  }

  get port(): number {
    return portOf(this.server);
  }

  get connections(): number {
    return this.filters.length;
  }

  /** Every command refused so far, over all connections. */
  get refusals(): Refusal[] {
    return this.filters.flatMap((filter) => filter.refusals);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    const filter = new ImapCapabilityFilter(this.options);
    this.filters.push(filter);
    const upstream = net.connect(this.target);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const send = (out: FilterOutput) => {
      for (const bytes of out.toServer) if (!upstream.destroyed) upstream.write(bytes);
      for (const bytes of out.toClient) if (!client.destroyed) client.write(bytes);
    };
    client.on('data', (chunk: Buffer) => send(filter.fromClient(chunk)));
    upstream.on('data', (chunk: Buffer) => send(filter.fromServer(chunk)));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}
