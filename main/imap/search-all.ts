import type { ImapFlow } from 'imapflow';
import { fromUidSet } from '../../app/uid-set';

/**
 * Every UID of the selected folder. With ESEARCH the server answers with a compact set
 * ("1:100000") instead of one number per message, which on a large folder is most of the
 * answer's size and of the time spent reading it.
 */
export async function searchAllUids(client: ImapFlow): Promise<number[]> {
  if (client.capabilities.has('ESEARCH')) {
    const result = await client.search({ all: true }, { uid: true, returnOptions: ['ALL'] });
    if (result && !Array.isArray(result)) return result.all ? fromUidSet(result.all) : [];
  }
  const found = await client.search({ all: true }, { uid: true });
  return Array.isArray(found) ? found : [];
}
