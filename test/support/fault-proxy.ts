import net from 'node:net';
import { listenOnLoopback, portOf } from './loopback-listener';

export type Direction = 'upstream' | 'downstream';

/** What to do to one proxied connection. Byte counts are exact: a chunk crossing the mark is split there. */
export interface FaultPlan {
  /** Close both sides after this many bytes have passed in the direction. */
  cutAfter?: { direction: Direction; bytes: number; how?: 'reset' | 'close' };
  /** Stop forwarding in that direction after this many bytes; the connection stays open, silent. */
  stallAfter?: { direction: Direction; bytes: number };
  /** Forward at most this many bytes per second in each direction. */
  bytesPerSecond?: number;
  /** Rewrite what flows in a direction (e.g. strip STARTTLS from a capability list); several apply in order. */
  transform?: Transform | Transform[];
  /** Close both sides once this text has passed in the direction (the chunk carrying it is forwarded first). */
  cutWhen?: { direction: Direction; text: string; how?: 'reset' | 'close' };
}

export interface Transform {
  direction: Direction;
  rewrite: (chunk: Buffer) => Buffer;
}

/** Replaces `from` by `to` in one direction; enough for the one-line commands and replies of mail protocols. */
export const replaceText = (direction: Direction, from: string, to: string): Transform => ({
  direction,
  rewrite: (chunk) => Buffer.from(chunk.toString('latin1').split(from).join(to), 'latin1'),
});

export type PlanSource = FaultPlan | ((connectionIndex: number) => FaultPlan);

interface Pipe {
  passed: number;
  stalled: boolean;
  /** The last bytes forwarded (latin1), so a `cutWhen` text split across chunks is still seen. */
  tail: string;
}

/**
 * A TCP proxy on 127.0.0.1 between a client under test and a real server, which can cut, stall or
 * slow a connection at a chosen byte, in either direction.
 */
export class FaultProxy {
  private connectionCount = 0;
  private readonly sockets = new Set<net.Socket>();
  private readonly livePipes = new Set<Record<Direction, Pipe>>();
  private plan: PlanSource;
  readonly bytes = { upstream: 0, downstream: 0 };
  /** Connections that a plan cut, for assertions. */
  cuts = 0;

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
    plan: PlanSource,
  ) {
    this.plan = plan;
  }

  /** `listenPort` 0 picks a free port; a fixed one lets a test bring a "server" back where it was. */
  static async start(target: { host: string; port: number }, plan: PlanSource = {}, listenPort = 0): Promise<FaultProxy> {
    const server = await listenOnLoopback((client) => proxy.accept(client), listenPort);
    const proxy = new FaultProxy(server, target, plan);
    return proxy;
  }

  get port(): number {
    return portOf(this.server);
  }

  get connections(): number {
    return this.connectionCount;
  }

  /** Applies to connections accepted from now on. */
  setPlan(plan: PlanSource): void {
    this.plan = plan;
  }

  /** Silences every open connection now, in both directions, leaving it open: a dead link or a hung server. */
  stallAll(): void {
    for (const pipes of this.livePipes) {
      pipes.upstream.stalled = true;
      pipes.downstream.stalled = true;
    }
  }

  /** Cuts every open connection now. */
  cutAll(): void {
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    const index = this.connectionCount++;
    const plan = typeof this.plan === 'function' ? this.plan(index) : this.plan;
    const upstream = net.connect(this.target);
    this.track(client);
    this.track(upstream);
    const pipes: Record<Direction, Pipe> = { upstream: { passed: 0, stalled: false, tail: '' }, downstream: { passed: 0, stalled: false, tail: '' } };
    const transforms = plan.transform === undefined ? [] : Array.isArray(plan.transform) ? plan.transform : [plan.transform];
    this.livePipes.add(pipes);
    client.on('close', () => this.livePipes.delete(pipes));
    let cut = false;
    const cutNow = (how = plan.cutAfter?.how) => {
      if (cut) return;
      cut = true;
      this.cuts++;
      if (how === 'close') {
        client.destroy();
        upstream.destroy();
      } else {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      }
    };
    const forward = (direction: Direction, from: net.Socket, to: net.Socket) => {
      from.on('data', (incoming: Buffer) => {
        const pipe = pipes[direction];
        if (cut || pipe.stalled) return;
        let chunk = transforms.filter((t) => t.direction === direction).reduce((data, t) => t.rewrite(data), incoming);
        let limit = Infinity;
        if (plan.cutAfter?.direction === direction) limit = Math.min(limit, plan.cutAfter.bytes);
        if (plan.stallAfter?.direction === direction) limit = Math.min(limit, plan.stallAfter.bytes);
        const room = limit - pipe.passed;
        const reached = chunk.length >= room;
        if (reached) chunk = chunk.subarray(0, Math.max(0, room));
        pipe.passed += chunk.length;
        this.bytes[direction] += chunk.length;
        let matched = false;
        if (plan.cutWhen?.direction === direction) {
          const seen = pipe.tail + chunk.toString('latin1');
          matched = seen.includes(plan.cutWhen.text);
          pipe.tail = seen.slice(-plan.cutWhen.text.length);
        }
        const afterWrite = () => {
          if (matched) cutNow(plan.cutWhen!.how);
          if (!reached) return;
          if (plan.cutAfter?.direction === direction && pipe.passed >= plan.cutAfter.bytes) cutNow();
          else pipe.stalled = true;
        };
        if (plan.bytesPerSecond) {
          from.pause();
          setTimeout(() => {
            if (!to.destroyed) to.write(chunk, afterWrite);
            from.resume();
          }, (chunk.length / plan.bytesPerSecond) * 1000);
        } else if (chunk.length > 0) {
          to.write(chunk, afterWrite);
        } else {
          afterWrite();
        }
      });
      from.on('end', () => {
        if (!pipes[direction].stalled && !cut) to.end();
      });
    };
    forward('upstream', client, upstream);
    forward('downstream', upstream, client);
    if (plan.cutAfter?.bytes === 0 && plan.cutAfter.direction === 'downstream') upstream.once('connect', cutNow);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => {
      if (!pipes.downstream.stalled) client.destroy();
    });
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
