import type { ImapFlow } from 'imapflow';
import { PostboteError } from '../../app/errors';

/**
 * Removing single messages needs UID EXPUNGE (UIDPLUS, RFC 4315; part of IMAP4rev2). A plain
 * EXPUNGE removes every message marked \Deleted in the folder, also those another program marked
 * and meant to keep until it expunges them itself; no check beforehand closes that race.
 */
export function requireSingleExpunge(client: ImapFlow, action: 'move' | 'delete'): void {
  if (client.capabilities.has('UIDPLUS') || client.enabled.has('IMAP4REV2')) return;
  const lacking = action === 'move' ? 'it can neither MOVE messages nor remove single ones (it lacks MOVE and UIDPLUS)' : 'it cannot remove single messages (it lacks UIDPLUS)';
  throw new PostboteError({
    code: 'UNSUPPORTED_BY_SERVER',
    protocol: 'imap',
    message: `The IMAP server cannot ${action} these messages safely: ${lacking}, and its plain EXPUNGE would also remove messages other programs marked as deleted. Nothing was changed.`,
    details: { missing: action === 'move' ? ['MOVE', 'UIDPLUS'] : ['UIDPLUS'] },
  });
}
