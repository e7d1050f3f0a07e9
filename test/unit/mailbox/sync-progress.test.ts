import { describe, expect, it } from 'vitest';
import { folderSyncProgress } from '../../../renderer/mailbox/imap/sync-progress';

describe('folder sync progress', () => {
  it('shows the syncing folder’s count with the reader’s digit grouping', () => {
    const status = { state: 'syncing' as const, folder: 'Inbox', path: 'INBOX', done: 23_400, total: 100_000 };
    expect(folderSyncProgress(status, 'INBOX', 'en-US')).toEqual({ done: '23,400', total: '100,000' });
    expect(folderSyncProgress(status, 'INBOX', 'de-DE')).toEqual({ done: '23.400', total: '100.000' });
  });

  it('shows nothing for another folder, an unknown total, or when the sync is over', () => {
    expect(folderSyncProgress({ state: 'syncing', path: 'INBOX', done: 5, total: 10 }, 'Sent', 'en-US')).toBeUndefined();
    expect(folderSyncProgress({ state: 'syncing', path: 'INBOX', done: 0, total: 0 }, 'INBOX', 'en-US')).toBeUndefined();
    expect(folderSyncProgress({ state: 'idle', done: 10, total: 10 }, 'INBOX', 'en-US')).toBeUndefined();
    expect(folderSyncProgress(undefined, 'INBOX', 'en-US')).toBeUndefined();
  });
});
