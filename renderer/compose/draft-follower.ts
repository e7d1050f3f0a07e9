import type { DraftAttachment, DraftRecord } from '../db/tables/compose';
import { composerOpenLock, holdLock, writerLock, type Held, type Locks } from './draft-writer';

/**
 * A draft as a composer window tells it: the attachments only when they changed (a file of many
 * megabytes is not copied at every keystroke); without them, the ones saved stay.
 */
export type HeardDraft = Omit<DraftRecord, 'attachments'> & { attachments?: DraftAttachment[] };

/**
 * What a composer window of its own tells the main window, on a BroadcastChannel: every change at
 * once (no pause: the window may be closed or crash the next moment), that it wants to write itself
 * (Send and Discard), and that it sent a message (the main window's outbox runs it).
 */
export type DraftNews =
  | { kind: 'change'; id: string; draft: HeardDraft }
  | { kind: 'handover'; id: string }
  | { kind: 'sent'; id: string; accountId: string };

export interface FollowerDeps {
  locks: Locks;
  /** Saves the draft here and in main — only a draft still stored: a sent or discarded one stays gone. */
  write(draft: HeardDraft): Promise<void>;
  /** Copies the saved draft to the account's Drafts folder (nothing when the copy is current). */
  copy(draftId: string): Promise<void>;
  /** A message was sent in a composer window: the outbox here runs it. */
  sent(accountId: string): void;
  saveMs?: number;
  copyMs?: number;
}

interface Followed {
  /** The newest version heard, and whether it is saved yet. */
  latest?: HeardDraft;
  dirty: boolean;
  heard: boolean;
  writer?: Held;
  holding: boolean;
  watching: boolean;
  saveTimer?: ReturnType<typeof setTimeout>;
  copyTimer?: ReturnType<typeof setTimeout>;
  work: Promise<unknown>;
}

/**
 * The main window's side of composer windows: it keeps every draft a composer window edits. While
 * it holds the draft's writer lock it saves what it hears (shortly after each change, at once when
 * the window is gone) and copies it to Drafts after a pause and when the window closed; the
 * composer window itself writes only when it holds the lock: after asking for it (Send, Discard),
 * or when this window is gone. A composer window that closes, is closed or crashes releases its
 * open lock, and the follower then saves the last version it heard — every keystroke the window
 * showed was sent before it was shown. A change heard after that is saved the same way.
 */
export function createDraftFollower(deps: FollowerDeps) {
  const saveMs = deps.saveMs ?? 400;
  const copyMs = deps.copyMs ?? 4000;
  const drafts = new Map<string, Followed>();

  const stateOf = (id: string): Followed => {
    let followed = drafts.get(id);
    if (!followed) drafts.set(id, (followed = { dirty: false, heard: false, holding: false, watching: false, work: Promise.resolve() }));
    return followed;
  };
  const serial = (f: Followed, work: () => Promise<unknown>): Promise<unknown> => (f.work = f.work.then(work).catch(() => undefined));
  const stopTimers = (f: Followed) => {
    clearTimeout(f.saveTimer);
    clearTimeout(f.copyTimer);
  };

  async function saveHeld(f: Followed): Promise<void> {
    if (!f.holding || !f.dirty || !f.latest) return;
    f.dirty = false;
    try {
      await deps.write(f.latest);
    } catch (error) {
      f.dirty = true;
      throw error;
    }
  }

  function releaseWriter(f: Followed): void {
    f.writer?.release();
    f.writer = undefined;
    f.holding = false;
  }

  /** Waits for the composer window's open lock: granted, the window is gone. */
  function watchWindow(id: string, f: Followed): void {
    if (f.watching || !f.holding || !f.heard) return;
    f.watching = true;
    void deps.locks.request(composerOpenLock(id), {}, () => {
      f.watching = false;
      void finish(id, f);
    });
  }

  function takeWriter(id: string, f: Followed, ifAvailable = false): Promise<boolean> {
    if (f.writer) return f.writer.granted;
    const held = holdLock(deps.locks, writerLock(id), { ifAvailable });
    f.writer = held;
    void held.granted.then((granted) => {
      if (f.writer !== held) return;
      if (!granted) {
        f.writer = undefined;
        return;
      }
      f.holding = true;
      // What was heard while another window wrote is newer than what it wrote, or the same.
      void serial(f, () => saveHeld(f));
      watchWindow(id, f);
    });
    return held.granted;
  }

  /** The composer window is gone: the last version saved, copied to Drafts, the lock given back. */
  function finish(id: string, f: Followed): Promise<unknown> {
    // Gone: only news heard from now on (a change that was still under way) makes it watch again.
    f.heard = false;
    return serial(f, async () => {
      stopTimers(f);
      if (!f.holding && !(await takeWriter(id, f))) return;
      await saveHeld(f);
      await deps.copy(id);
      releaseWriter(f);
      if (drafts.get(id) === f && !f.dirty && !f.watching) drafts.delete(id);
    });
  }

  function hear(news: DraftNews): void {
    if (news.kind === 'sent') {
      deps.sent(news.accountId);
      return;
    }
    const f = stateOf(news.id);
    if (news.kind === 'handover') {
      // Send or Discard in the composer window: what is heard is saved, then the window writes (it waits for the lock).
      stopTimers(f);
      void serial(f, async () => {
        await saveHeld(f);
        releaseWriter(f);
      });
      return;
    }
    f.latest = { ...news.draft, attachments: news.draft.attachments ?? f.latest?.attachments };
    f.dirty = true;
    f.heard = true;
    if (!f.holding) {
      void takeWriter(news.id, f);
      return;
    }
    watchWindow(news.id, f);
    stopTimers(f);
    f.saveTimer = setTimeout(() => void serial(f, () => saveHeld(f)), saveMs);
    f.copyTimer = setTimeout(() => void serial(f, async () => f.holding && deps.copy(news.id)), copyMs);
  }

  return {
    hear,
    /**
     * Before a composer window opens for the draft: this window becomes its writer. False when
     * another window is (the draft is open in a composer window already).
     */
    adopt: (id: string): Promise<boolean> => takeWriter(id, stateOf(id), true),
    /** The composer window did not open (a blocked popup): the draft stays with the docked composer. */
    abandon(id: string): void {
      const f = drafts.get(id);
      if (!f) return;
      stopTimers(f);
      releaseWriter(f);
      drafts.delete(id);
    },
    following: (id: string) => drafts.has(id),
    /** Resolves when everything asked of the draft so far is done (tests, and a Send that follows). */
    settled: (id: string) => drafts.get(id)?.work ?? Promise.resolve(),
  };
}

export type DraftFollower = ReturnType<typeof createDraftFollower>;
