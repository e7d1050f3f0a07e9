import { randomUUID } from 'node:crypto';
import { PostboteError } from '../../app/errors';
import type { Pop3Mailbox } from './mailbox';

interface Held {
  mailbox: Pop3Mailbox;
  accountId: string;
  timer: NodeJS.Timeout;
  busy: Promise<unknown>;
}

/**
 * Open POP3 sessions between the renderer's steps. A session the renderer forgets (it crashed or
 * was closed) is closed without QUIT after `idleMs`, so its deletion marks never take effect.
 */
export class Pop3SessionRegistry {
  private readonly sessions = new Map<string, Held>();

  constructor(private readonly idleMs = 3 * 60_000) {}

  add(accountId: string, mailbox: Pop3Mailbox): string {
    const id = randomUUID();
    this.sessions.set(id, { mailbox, accountId, timer: this.reaper(id), busy: Promise.resolve() });
    return id;
  }

  /** Runs one step on a session, one step at a time, restarting its idle clock. */
  use<T>(id: string, step: (mailbox: Pop3Mailbox) => Promise<T>): Promise<T> {
    const held = this.sessions.get(id);
    if (!held) throw new PostboteError({ code: 'NOT_FOUND', message: 'That POP3 session has ended; check for mail again.', protocol: 'pop3' });
    clearTimeout(held.timer);
    const run = held.busy.then(() => step(held.mailbox));
    held.busy = run.catch(() => undefined);
    return run.finally(() => {
      if (this.sessions.get(id) === held) held.timer = this.reaper(id);
    });
  }

  /** Forgets a session (after QUIT, or to abandon it). */
  end(id: string, abandon = false): boolean {
    const held = this.sessions.get(id);
    if (!held) return false;
    clearTimeout(held.timer);
    this.sessions.delete(id);
    if (abandon) held.mailbox.abandon('abandoned by the app');
    return true;
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.end(id, true);
  }

  private reaper(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const held = this.sessions.get(id);
      if (!held) return;
      this.sessions.delete(id);
      held.mailbox.abandon('closed without QUIT: the app stopped asking');
    }, this.idleMs);
    timer.unref();
    return timer;
  }
}
