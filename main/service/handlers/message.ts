import { parseMessage } from '../../mime/parse-message';
import type { Handlers } from '../service';

export function messageHandlers(): Pick<Handlers, 'message.parse'> {
  return {
    'message.parse': ({ raw }) => parseMessage(raw),
  };
}
