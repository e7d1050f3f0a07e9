import { api } from '../api';
import { useImapStore } from './imap/imap-store';
import { deleteMessages, markRead, moveMessages, setFlagged, type ActionContext } from './message-actions';

/** The message actions as the window uses them: a change queued for an IMAP server is replayed at once by the IMAP store. */
export function useMessageActions() {
  const imap = useImapStore();
  const context: ActionContext = { onQueued: (accountId) => imap.replayQueued(accountId), disk: api };
  return {
    markRead: (ids: readonly string[], read: boolean) => markRead(ids, read, context),
    setFlagged: (ids: readonly string[], flagged: boolean) => setFlagged(ids, flagged, context),
    moveMessages: (ids: readonly string[], targetFolderId: string) => moveMessages(ids, targetFolderId, context),
    deleteMessages: (ids: readonly string[]) => deleteMessages(ids, context),
  };
}
