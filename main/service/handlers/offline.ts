import type { ImapEngine } from '../../imap/engine';
import { fetchSources } from '../../imap/fetch-sources';
import type { Handlers } from '../service';

/** Bulk source downloads share the account's one command connection, so they queue behind (and between) what the user does. */
export function offlineHandlers(engine: ImapEngine): Pick<Handlers, 'imap.sources'> {
  return {
    'imap.sources': ({ accountId, path, uids }) => engine.connection(accountId).run((client) => fetchSources(client, path, uids)),
  };
}
