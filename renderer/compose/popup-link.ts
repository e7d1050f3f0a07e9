import type { DraftRecord } from '../db/tables/compose';
import type { DraftNews } from './draft-follower';
import { composerOpenLock, holdLock, writerLock, type Held, type Locks } from './draft-writer';

/**
 * A composer window's side (see draft-follower.ts): it holds its open lock for as long as it lives,
 * tells the main window every change at once, and queues for the draft's writer lock from the
 * start. The main window asked for that lock first, when it opened this window, so this window
 * gets it only when the main window gave it up — asked to (Send, Discard) or gone — and from then
 * on it saves and copies the draft itself.
 */
export function linkComposerWindow(draftId: string, deps: { locks: Locks; post(news: DraftNews): void }) {
  let writer = false;
  let standby: Held | undefined;
  let waiting: DraftRecord | undefined;
  let linked = false;
  let attachmentsTold: string | undefined;
  /** The attachments go along only when they changed since the last time told. */
  const tell = (draft: DraftRecord) => {
    const attachments = draft.attachments.map((a) => a.id).join(' ');
    const same = attachments === attachmentsTold;
    attachmentsTold = attachments;
    deps.post({ kind: 'change', id: draftId, draft: same ? { ...draft, attachments: undefined } : draft });
  };
  const becameWriter: (() => void)[] = [];
  const open = holdLock(deps.locks, composerOpenLock(draftId));
  // The open lock before the first word: the main window watches it once it has heard from us.
  const ready = open.granted.then(() => {
    standby = holdLock(deps.locks, writerLock(draftId));
    void standby.granted.then((granted) => {
      writer = granted;
      if (granted) for (const listener of becameWriter) listener();
    });
    linked = true;
    if (waiting) tell(waiting);
    waiting = undefined;
  });

  return {
    ready,
    isWriter: () => writer,
    onWriter: (listener: () => void) => void becameWriter.push(listener),
    changed(draft: DraftRecord): void {
      if (linked) tell(draft);
      else waiting = draft;
    },
    /** Send and Discard write here: the main window saves what it heard and lets go; resolves once this window writes. */
    async takeOver(): Promise<void> {
      await ready;
      if (writer) return;
      deps.post({ kind: 'handover', id: draftId });
      await standby?.granted;
    },
    sent: (accountId: string) => deps.post({ kind: 'sent', id: draftId, accountId }),
    close(): void {
      writer = false;
      standby?.release();
      open.release();
    },
  };
}

export type ComposerWindowLink = ReturnType<typeof linkComposerWindow>;
