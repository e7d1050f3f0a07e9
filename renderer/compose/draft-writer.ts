/**
 * One writer per draft across the app's windows (the main window and composer windows of their
 * own): the window holding the draft's writer lock — a Web Lock, shared by every window of the
 * origin and released by the browser when a window closes or crashes — is the only one that saves
 * it here, hands it to main and copies it to the Drafts folder. Two windows copying the same draft
 * at once would leave two copies on the server.
 */

/** The part of the Web Locks API (navigator.locks) used here; a test passes its own. */
export interface Locks {
  request<T>(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, callback: (lock: unknown) => Promise<T> | T): Promise<T>;
}

export const writerLock = (draftId: string) => `postbote.draft-writer:${draftId}`;
/** Held by a composer window for as long as it is open: its release says the window is gone, however it went. */
export const composerOpenLock = (draftId: string) => `postbote.composer-open:${draftId}`;

/** A lock held until `release`; `granted` says whether it came (false: not available, or given up while waiting). */
export interface Held {
  granted: Promise<boolean>;
  release(): void;
}

export function holdLock(locks: Locks, name: string, options: { ifAvailable?: boolean } = {}): Held {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  // A queued request can be given up; the API refuses a signal together with ifAvailable.
  const waiting = options.ifAvailable ? undefined : new AbortController();
  const granted = new Promise<boolean>((resolve) => {
    locks
      .request(name, { ...options, ...(waiting ? { signal: waiting.signal } : {}) }, (lock) => {
        resolve(Boolean(lock));
        return lock ? released : undefined;
      })
      .catch(() => resolve(false));
  });
  return {
    granted,
    release: () => {
      waiting?.abort();
      release();
    },
  };
}

/** Runs `work` as the draft's writer if no other window is it now; otherwise skips it (the writer does that work). */
export function ifNoOtherWriter(locks: Locks, draftId: string, work: () => Promise<unknown>): Promise<unknown> {
  return locks.request(writerLock(draftId), { ifAvailable: true }, (lock) => (lock ? work() : undefined));
}

/** Without the Web Locks API (a test's DOM, an old engine) there is one window: every request is granted at once. */
const singleWindow: Locks = {
  request: (_name, _options, callback) => Promise.resolve(callback({})),
};

export function windowLocks(): Locks {
  const locks = (globalThis as { navigator?: { locks?: Locks } }).navigator?.locks;
  return locks ?? singleWindow;
}
