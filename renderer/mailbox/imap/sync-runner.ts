/** What a sync covers: the whole account, or the listed folder paths. */
export type SyncScope = 'all' | readonly string[];

function union(a: SyncScope, b: SyncScope): SyncScope {
  return a === 'all' || b === 'all' ? 'all' : [...new Set([...a, ...b])];
}

/**
 * One sync at a time per account. What is asked for while one runs waits as a single follow-up run
 * that covers everything asked meanwhile: ten quick mark-reads make one more sync, not ten.
 */
export class CoalescingSyncRunner {
  private readonly running = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, { scope: SyncScope; promise: Promise<void> }>();

  constructor(private readonly run: (accountId: string, scope: SyncScope) => Promise<void>) {}

  request(accountId: string, scope: SyncScope): Promise<void> {
    const waiting = this.waiting.get(accountId);
    if (waiting) {
      waiting.scope = union(waiting.scope, scope);
      return waiting.promise;
    }
    const busy = this.running.get(accountId);
    if (!busy) return this.start(accountId, scope);
    const followUp = { scope, promise: Promise.resolve() };
    followUp.promise = busy
      .catch(() => undefined)
      .then(() => {
        this.waiting.delete(accountId);
        return this.start(accountId, followUp.scope);
      });
    this.waiting.set(accountId, followUp);
    return followUp.promise;
  }

  private start(accountId: string, scope: SyncScope): Promise<void> {
    const started = this.run(accountId, scope).finally(() => this.running.delete(accountId));
    this.running.set(accountId, started);
    return started;
  }
}
