import { PostboteError } from '../../../app/errors';
import { messagePart, parseMessage } from '../../mime';
import type { Handlers } from '../service';

export function messageHandlers(): Pick<Handlers, 'message.parse' | 'message.part'> {
  return {
    'message.parse': ({ raw }) => parseMessage(raw),
    'message.part': async ({ raw, partId }) => {
      const part = await messagePart(raw, partId);
      if (!part) throw new PostboteError({ code: 'NOT_FOUND', message: `This message has no part ${partId} that can be opened as a file.` });
      return part;
    },
  };
}
