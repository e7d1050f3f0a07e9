import { PostboteError } from '../../app/errors';
import type { MessageSummary } from '../../app/domain/message-summary';
import type { AccountStore } from '../accounts/account-store';
import { withLoginSecret } from '../accounts/login-secret';
import type { AccountHealthRegistry } from '../insight/account-health';
import { summarizeHeaders } from '../mime';
import { Pop3Mailbox } from '../pop3/mailbox';
import type { MailStore } from '../store/mail-store';
import type { Transcript } from '../transcript';

export interface DownloadRestDeps {
  store: MailStore;
  accounts: AccountStore;
  transcript: Transcript;
  health: AccountHealthRegistry;
  timeoutMs: number;
  /** The local folder whose file changed, so the window indexes it again. */
  onChanged: (store: string, folder: string) => void;
}

/**
 * "Download the rest" of a POP3 message that was stored as headers only (over the account's size
 * limit): the whole message is retrieved (RETR, no DELE, QUIT) and then replaces the partial file
 * in the account's Maildir, wherever the user has moved it — same id, flags and date, so the same
 * place in the list and no second copy — and only after that the ledger calls it whole. A message
 * already stored whole is read from disk without asking the server.
 */
export async function downloadRest(deps: DownloadRestDeps, accountId: string, uidl: string): Promise<{ raw: Uint8Array; summary: MessageSummary }> {
  const account = await deps.accounts.get(accountId);
  if (account.incoming.protocol !== 'pop3') throw new PostboteError({ code: 'INVALID_INPUT', message: 'This account does not receive over POP3.' });
  const tree = await deps.store.open(accountId);
  const ledger = await deps.store.ledger(accountId);
  const stored = ledger.get(uidl);
  if (stored && !stored.partial) {
    const folder = await tree.folderOf(stored.file);
    if (folder) {
      const raw = await tree.read(folder, stored.file);
      return { raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.length), summary: summarizeHeaders(raw) };
    }
  }

  // The network part runs outside the store's lock: a slow server must not hold up a click on a flag.
  const mailbox = await withLoginSecret(deps.accounts, account, 'incoming', (secret) =>
    Pop3Mailbox.open({ server: account.incoming, secret, transcript: deps.transcript, accountId, timeoutMs: deps.timeoutMs }),
  );
  deps.health.contact(accountId, 'pop3');
  let raw: Uint8Array;
  try {
    const [message] = await mailbox.retrieve([uidl]);
    raw = message!.raw;
    await mailbox.quit();
  } finally {
    mailbox.abandon();
  }

  if (stored) {
    await deps.store.exclusive(accountId, async () => {
      const record = ledger.get(uidl);
      const folder = record?.partial ? await tree.folderOf(record.file) : undefined;
      if (!record || !folder) return; // deleted here meanwhile, or completed by another request
      await tree.replace(folder, record.file, raw);
      await ledger.markComplete(uidl, raw.length);
      deps.onChanged(accountId, folder);
    });
  }
  return { raw, summary: summarizeHeaders(raw) };
}
