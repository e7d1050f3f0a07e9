import type { ApiClient } from '../../app/client';
import type { StoredDraft } from '../../app/contract';
import type { PostboteDatabase } from '../db/database';
import type { DraftRecord } from '../db/tables/compose';

/**
 * The draft as main keeps it. Both directions are plain assignments on purpose: a field added to
 * DraftRecord and not to main's schema (app/contract/tasks.ts) fails the type check here.
 */
const toMain = (draft: DraftRecord): StoredDraft => draft;
const fromMain = (draft: StoredDraft): DraftRecord => draft;

/**
 * Main keeps the drafts on disk; this table is their cache. After every change here the draft (or
 * its absence) goes to main. A save that cannot reach main stays here with its revision, and the
 * next start hands it over (`restoreDrafts`), because main keeps the higher revision.
 */
export async function keepDraftInMain(api: ApiClient, db: PostboteDatabase, id: string): Promise<void> {
  const draft = await db.drafts.get(id);
  if (draft) await api.call('drafts.save', { draft: toMain(draft) });
  else await api.call('drafts.remove', { id });
}

/**
 * At start: the drafts table is made to match main's. A draft only main has (a new browser profile)
 * comes in; a newer revision on either side wins and is written to the other; a draft that is an
 * outbox entry in main was sent (Send reached main and the window died before it moved the draft).
 */
export async function restoreDrafts(api: ApiClient, db: PostboteDatabase, inMain: StoredDraft[], queuedInMain: ReadonlySet<string>): Promise<void> {
  const cached = new Map((await db.drafts.toArray()).map((d) => [d.id, d]));
  for (const draft of inMain) {
    const here = cached.get(draft.id);
    if (!here || here.revision < draft.revision) await db.drafts.put(fromMain(draft));
  }
  const mainRevision = new Map(inMain.map((d) => [d.id, d.revision]));
  for (const draft of cached.values()) {
    if (queuedInMain.has(draft.id)) await db.drafts.delete(draft.id);
    else if ((mainRevision.get(draft.id) ?? -1) < draft.revision) await api.call('drafts.save', { draft: toMain(draft) }).catch(() => undefined);
  }
}
