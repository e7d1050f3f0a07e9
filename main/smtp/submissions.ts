import type { SendReceipt, SubmissionOutcome } from '../../app/domain/outgoing';
import { PostboteError } from '../../app/errors';

const REMEMBERED = 500;

/**
 * The submissions this main process ran, by Message-ID. A second request for a message still in
 * flight joins the first instead of sending it twice; a window that was reloaded mid-send can ask
 * how it ended. Forgotten when main restarts: then the Sent folder is the witness.
 */
export class SubmissionRegistry {
  private readonly inFlight = new Map<string, Promise<SendReceipt>>();
  private readonly finished = new Map<string, SubmissionOutcome>();

  run(messageId: string, submit: () => Promise<SendReceipt>): Promise<SendReceipt> {
    const running = this.inFlight.get(messageId);
    if (running) return running;
    const started = submit().then(
      (receipt) => {
        this.remember(messageId, { state: 'accepted', receipt });
        return receipt;
      },
      (error: unknown) => {
        const info = error instanceof PostboteError ? error.toInfo() : { code: 'INTERNAL' as const, message: String(error) };
        this.remember(messageId, { state: 'failed', error: info });
        throw error;
      },
    );
    this.inFlight.set(messageId, started);
    void started.catch(() => undefined).finally(() => this.inFlight.delete(messageId));
    return started;
  }

  /** Whether this process is submitting the message right now. */
  isRunning(messageId: string): boolean {
    return this.inFlight.has(messageId);
  }

  async outcome(messageId: string): Promise<SubmissionOutcome> {
    await this.inFlight.get(messageId)?.catch(() => undefined);
    return this.finished.get(messageId) ?? { state: 'unknown' };
  }

  private remember(messageId: string, outcome: SubmissionOutcome): void {
    this.finished.delete(messageId);
    this.finished.set(messageId, outcome);
    if (this.finished.size > REMEMBERED) this.finished.delete(this.finished.keys().next().value!);
  }
}
