import type { NewestHeaders } from '../../app/domain/imap-sync';

/** How long a screen fetched ahead waits for the window; later, the window's own request is fresher. */
export const SCREEN_AHEAD_MS = 60_000;

interface ScreenAhead {
  path: string;
  count: number;
  answer: Promise<NewestHeaders>;
}

/**
 * First screens main fetched before the window asked: an account just added has nothing cached
 * anywhere, and its first sync begins with its INBOX's newest headers, so main fetches them right
 * after its login ahead, while the window is still on its way there. The window's first request
 * for that screen takes this answer once (its sync brings in whatever changed since: the
 * screen's flags and presence are asked again with the sync's SELECT, and newer mail is new to
 * it); a screen not asked for within `SCREEN_AHEAD_MS` is dropped.
 */
export class ScreensAhead {
  private readonly screens = new Map<string, ScreenAhead>();

  constructor(private readonly keepMs = SCREEN_AHEAD_MS) {}

  hold(accountId: string, path: string, count: number, answer: Promise<NewestHeaders>): void {
    // Its failure is met afresh by the window's own request, not reported from here.
    answer.catch(() => undefined);
    const screen = { path, count, answer };
    this.screens.set(accountId, screen);
    setTimeout(() => this.drop(accountId, screen), this.keepMs).unref();
  }

  /** The screen fetched ahead for exactly this request, once; undefined when there is none or it failed. */
  async take(accountId: string, path: string, count: number): Promise<NewestHeaders | undefined> {
    const screen = this.screens.get(accountId);
    if (!screen || screen.path !== path || screen.count < count) return undefined;
    this.screens.delete(accountId);
    const answer = await screen.answer.catch(() => undefined);
    return answer && { uidValidity: answer.uidValidity, headers: answer.headers.slice(0, count) };
  }

  /** The account's servers changed or it is gone: what was fetched from the old ones is no answer. */
  forget(accountId: string): void {
    this.screens.delete(accountId);
  }

  private drop(accountId: string, screen: ScreenAhead): void {
    if (this.screens.get(accountId) === screen) this.screens.delete(accountId);
  }
}
