import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PostboteDatabase } from '../../../renderer/db/database';
import { saveDraftIfStored } from '../../../renderer/compose/drafts';
import type { DraftRecord } from '../../../renderer/db/tables/compose';
import { createDraftFollower, type DraftNews } from '../../../renderer/compose/draft-follower';
import { ifNoOtherWriter, writerLock } from '../../../renderer/compose/draft-writer';
import { linkComposerWindow } from '../../../renderer/compose/popup-link';
import { FakeLockManager } from '../../support/fake-locks';

const ID = 'draft-1';
const draft = (text: string): DraftRecord => ({
  id: ID,
  accountId: 'a1',
  messageId: '<d1@example.test>',
  from: { address: 'alice@example.test' },
  to: [],
  cc: [],
  bcc: [],
  subject: 'Hello',
  format: 'plain',
  text,
  html: '',
  attachments: [],
  createdAt: 1,
  updatedAt: 1,
  revision: 1,
});

/** Lets every pending promise reaction and lock hand-over run. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * The main window (its follower) and a composer window (its link) over one lock manager. The
 * channel between them is a list delivered on `deliver()`, so a test decides what arrives when.
 */
function twoWindows(options: { saveMs?: number; copyMs?: number } = {}) {
  const locks = new FakeLockManager();
  const mainLocks = locks.window('main');
  const popupLocks = locks.window('popup');
  const stored = new Map<string, DraftRecord>([[ID, draft('')]]);
  const writes: { by: string; text: string }[] = [];
  const copies: string[] = [];
  const sent: string[] = [];
  let copying = 0;
  let mostAtOnce = 0;
  /** The server copy: slow enough that two at once would overlap. */
  const copy = async (by: string) => {
    copying++;
    mostAtOnce = Math.max(mostAtOnce, copying);
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    const current = stored.get(ID);
    if (current) copies.push(`${by}:${current.text}`);
    copying--;
  };
  const write = (by: string) => async (d: DraftRecord) => {
    if (!stored.has(d.id)) return;
    stored.set(d.id, d);
    writes.push({ by, text: d.text });
  };
  const follower = createDraftFollower({ locks: mainLocks, write: write('main'), copy: () => copy('main'), sent: (accountId) => sent.push(accountId), saveMs: options.saveMs ?? 60_000, copyMs: options.copyMs ?? 120_000 });
  const inFlight: DraftNews[] = [];
  const link = linkComposerWindow(ID, { locks: popupLocks, post: (news) => inFlight.push(news) });
  const deliver = () => {
    for (const news of inFlight.splice(0)) follower.hear(news);
  };
  return { locks, mainLocks, popupLocks, stored, writes, copies, sent, follower, link, deliver, popupWrite: write('popup'), popupCopy: () => copy('popup'), mostAtOnce: () => mostAtOnce };
}

afterEach(() => vi.useRealTimers());

describe('one writer per draft across windows', () => {
  it('the main window writes what the composer window types; closed at once (no pause for a save), nothing is lost and one copy goes to Drafts', async () => {
    const w = twoWindows();
    expect(await w.follower.adopt(ID)).toBe(true);
    await w.link.ready;
    for (const text of ['H', 'He', 'Hello Bob']) w.link.changed(draft(text));
    w.deliver();
    await settle();
    // Within the pause nothing is saved yet; the composer window is not the writer and does not save either.
    expect(w.writes).toEqual([]);
    expect(w.link.isWriter()).toBe(false);
    w.popupLocks.close();
    await settle();
    expect(w.stored.get(ID)?.text).toBe('Hello Bob');
    expect(w.writes.map((x) => x.by)).toEqual(['main']);
    expect(w.copies).toEqual(['main:Hello Bob']);
    expect(w.mainLocks.holds(writerLock(ID))).toBe(false);
    expect(w.follower.following(ID)).toBe(false);
  });

  it('saves shortly after each change and copies after a pause while the window stays open', async () => {
    vi.useFakeTimers();
    const w = twoWindows({ saveMs: 400, copyMs: 4000 });
    await w.follower.adopt(ID);
    await w.link.ready;
    w.link.changed(draft('Hi'));
    w.deliver();
    await vi.advanceTimersByTimeAsync(450);
    expect(w.writes).toEqual([{ by: 'main', text: 'Hi' }]);
    await vi.advanceTimersByTimeAsync(4000);
    expect(w.copies).toEqual(['main:Hi']);
  });

  it('a change that arrives after the window was seen gone (the channel was slower than the lock) is saved and copied as well', async () => {
    const w = twoWindows();
    await w.follower.adopt(ID);
    await w.link.ready;
    w.link.changed(draft('first'));
    w.deliver();
    w.link.changed(draft('first and last'));
    w.popupLocks.close();
    await settle();
    expect(w.stored.get(ID)?.text).toBe('first');
    w.deliver();
    await settle();
    expect(w.stored.get(ID)?.text).toBe('first and last');
    expect(w.copies.at(-1)).toBe('main:first and last');
    expect(w.mainLocks.holds(writerLock(ID))).toBe(false);
  });

  it('the main window gone, the composer window becomes the writer and can save and copy itself', async () => {
    const w = twoWindows();
    await w.follower.adopt(ID);
    await w.link.ready;
    const wrote = new Promise<void>((resolve) => w.link.onWriter(resolve));
    w.mainLocks.close();
    await wrote;
    expect(w.link.isWriter()).toBe(true);
  });

  it('Send in the composer window: the main window saves what it heard and lets go, the window queues it, and a late save never brings the draft back', async () => {
    const w = twoWindows();
    await w.follower.adopt(ID);
    await w.link.ready;
    w.link.changed(draft('Ready to go'));
    w.deliver();
    const taking = w.link.takeOver();
    await settle();
    w.deliver();
    await taking;
    expect(w.link.isWriter()).toBe(true);
    expect(w.stored.get(ID)?.text).toBe('Ready to go');
    // The window sends: the draft leaves the drafts (queued in the outbox), it tells the main window, and closes.
    w.stored.delete(ID);
    w.link.sent('a1');
    w.deliver();
    w.popupLocks.close();
    await settle();
    expect(w.sent).toEqual(['a1']);
    expect(w.stored.has(ID)).toBe(false);
    expect(w.copies).toEqual([]);
  });

  it('never two copies to Drafts at once: others skip while a window writes, and wait their turn after', async () => {
    const w = twoWindows();
    await w.follower.adopt(ID);
    await w.link.ready;
    w.link.changed(draft('v1'));
    w.deliver();
    // The outbox's sweep of drafts saved only here, in another window: it skips a draft that has a writer.
    const other = w.locks.window('other');
    let skipped = true;
    await ifNoOtherWriter(other, ID, async () => {
      skipped = false;
    });
    expect(skipped).toBe(true);
    w.popupLocks.close();
    await settle();
    expect(w.copies).toEqual(['main:v1']);
    expect(w.mostAtOnce()).toBe(1);
  });

  it('a draft already open in a composer window is not adopted a second time', async () => {
    const w = twoWindows();
    // The composer window came first (the main window was reloaded meanwhile): it is the writer.
    await w.link.ready;
    await new Promise<void>((resolve) => w.link.onWriter(resolve));
    expect(await w.follower.adopt(ID)).toBe(false);
    // It still hears the window, and takes over once the window is gone.
    w.link.changed(draft('typed after the reload'));
    w.deliver();
    w.popupLocks.close();
    await settle();
    expect(w.stored.get(ID)?.text).toBe('typed after the reload');
    expect(w.copies).toEqual(['main:typed after the reload']);
  });

  it('tells the attachments only when they changed, and a save without them keeps the stored ones; a draft gone is not brought back', async () => {
    const told: DraftNews[] = [];
    const link = linkComposerWindow(ID, { locks: new FakeLockManager().window('popup'), post: (news) => told.push(news) });
    await link.ready;
    const file = { id: 'f1', filename: 'big.pdf', contentType: 'application/pdf', size: 3, content: new Uint8Array([1, 2, 3]) };
    const withFile = { ...draft('a'), attachments: [file] };
    link.changed(withFile);
    link.changed({ ...withFile, text: 'ab' });
    link.changed({ ...withFile, text: 'ab', attachments: [] });
    const sentAttachments = told.map((news) => (news.kind === 'change' ? news.draft.attachments?.map((a) => a.id) : 'other'));
    expect(sentAttachments).toEqual([['f1'], undefined, []]);

    const db = new PostboteDatabase('follower-attachments');
    try {
      await db.drafts.put(withFile);
      const heard = told[1]!.kind === 'change' ? told[1]!.draft : undefined;
      const saved = await saveDraftIfStored(db, heard!);
      expect(saved?.text).toBe('ab');
      expect((await db.drafts.get(ID))?.attachments.map((a) => a.filename)).toEqual(['big.pdf']);
      await db.drafts.delete(ID);
      expect(await saveDraftIfStored(db, heard!)).toBeUndefined();
      expect(await db.drafts.get(ID)).toBeUndefined();
    } finally {
      await db.delete();
    }
  });
});
