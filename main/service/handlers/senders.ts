import type { SenderLists } from '../../storage/sender-lists';
import type { Handlers } from '../service';

export function senderHandlers(lists: SenderLists): Pick<Handlers, 'senders.list' | 'senders.set'> {
  return {
    'senders.list': () => lists.list(),
    'senders.set': ({ address, list }) => lists.set(address, list),
  };
}
