import type { ApiClient } from '../../../app/client';
import type { PostboteDatabase } from '../../db/database';
import { addNewMessages } from './add-new-messages';

export interface ServerNewsDeps {
  api: ApiClient;
  db: PostboteDatabase;
  /** A sync of the listed folders of an account (the store's coalescing runner). */
  sync: (accountId: string, paths: string[]) => Promise<void>;
  onError: (accountId: string, error: unknown) => void;
}

/**
 * What the window does with the IDLE connection's news: new mail it fetched goes straight into the
 * cache, batch after batch in the order they came (a batch that cannot stand alone syncs its folder
 * instead); any other change — expunges, flags changed elsewhere — syncs the folder. Returns the
 * function that stops listening.
 */
export function followServerNews({ api, db, sync, onError }: ServerNewsDeps): () => void {
  let arrivals = Promise.resolve();
  const offChanged = api.on('imap.folderChanged', ({ accountId, path }) => void sync(accountId, [path]).catch((error: unknown) => onError(accountId, error)));
  const offNew = api.on('imap.newMessages', ({ accountId, ...batch }) => {
    arrivals = arrivals
      .then(() => addNewMessages(db, accountId, batch))
      .then((added) => (added ? undefined : sync(accountId, [batch.path])))
      .catch((error: unknown) => onError(accountId, error));
  });
  return () => {
    offChanged();
    offNew();
  };
}
