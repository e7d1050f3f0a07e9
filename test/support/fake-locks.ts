import type { Locks } from '../../renderer/compose/draft-writer';

interface Request {
  owner: string;
  name: string;
  callback: (lock: unknown) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The Web Locks API as the browser gives it to the windows of one origin: exclusive locks granted in
 * the order asked, `ifAvailable` answered with null at once, a queued request given up by its
 * signal, and everything a window holds or waits for dropped when that window goes (`close`).
 */
export class FakeLockManager {
  private readonly held = new Map<string, { owner: string; token: object }>();
  private readonly queues = new Map<string, Request[]>();

  window(owner: string): Locks & { close(): void; holds(name: string): boolean } {
    return {
      request: <T>(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, callback: (lock: unknown) => Promise<T> | T): Promise<T> =>
        new Promise<T>((resolve, reject) => {
          const request: Request = { owner, name, callback, resolve: resolve as (value: unknown) => void, reject };
          const queue = this.queues.get(name) ?? [];
          if (!this.held.has(name) && queue.length === 0) return this.grant(request);
          if (options.ifAvailable) {
            Promise.resolve(callback(null)).then(resolve, reject);
            return;
          }
          queue.push(request);
          this.queues.set(name, queue);
          options.signal?.addEventListener('abort', () => {
            const at = queue.indexOf(request);
            if (at < 0) return;
            queue.splice(at, 1);
            reject(new Error('AbortError'));
          });
        }),
      close: () => this.close(owner),
      holds: (name) => this.held.get(name)?.owner === owner,
    };
  }

  private grant(request: Request): void {
    const token = {};
    this.held.set(request.name, { owner: request.owner, token });
    Promise.resolve()
      .then(() => request.callback({ name: request.name }))
      .then(
        (value) => {
          this.release(request.name, token);
          request.resolve(value);
        },
        (error) => {
          this.release(request.name, token);
          request.reject(error);
        },
      );
  }

  private release(name: string, token: object): void {
    if (this.held.get(name)?.token !== token) return;
    this.held.delete(name);
    const next = this.queues.get(name)?.shift();
    if (next) this.grant(next);
  }

  /** A window closed or crashed: its locks go to whoever waits next, its waiting requests are forgotten. */
  private close(owner: string): void {
    for (const queue of this.queues.values()) for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.owner === owner) queue.splice(i, 1);
    for (const [name, held] of [...this.held]) if (held.owner === owner) this.release(name, held.token);
  }
}
