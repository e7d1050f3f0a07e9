import { PostboteError } from '../../../app/errors';
import { composeMessage } from '../../compose/compose-message';
import { appendMessage } from '../../imap/append';
import type { ImapEngine } from '../../imap/engine';
import { findByMessageId } from '../../imap/find-message';
import { specialFolder } from '../../imap/special-folder';
import { sendAndFile, type SendDeps } from '../send-and-file';
import type { Handlers } from '../service';

type SendRequest = 'compose.build' | 'smtp.send' | 'smtp.outcome' | 'imap.append' | 'imap.findMessage';

async function imapAccount(deps: SendDeps, accountId: string): Promise<ImapEngine> {
  const account = await deps.accounts.get(accountId);
  if (account.incoming.protocol !== 'imap') throw new PostboteError({ code: 'INVALID_INPUT', message: 'This account keeps its folders on this computer, not on an IMAP server.' });
  return deps.imap;
}

export function sendHandlers(deps: SendDeps): Pick<Handlers, SendRequest> {
  return {
    'compose.build': (message) => composeMessage(message),
    'smtp.send': (input) => sendAndFile(input, deps),
    'smtp.outcome': ({ messageId }) => deps.submissions.outcome(messageId),
    'imap.append': async ({ accountId, role, raw, flags, messageId, replacePrevious }) =>
      (await imapAccount(deps, accountId)).connection(accountId).run(async (client) => {
        const path = await specialFolder(client, role);
        return { path, ...(await appendMessage(client, { path, raw, flags, messageId, replacePrevious })) };
      }),
    'imap.findMessage': async ({ accountId, role, messageId }) =>
      (await imapAccount(deps, accountId)).connection(accountId).run(async (client) => {
        const path = await specialFolder(client, role);
        return { path, uids: await findByMessageId(client, path, messageId) };
      }),
  };
}
