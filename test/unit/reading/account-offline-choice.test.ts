import { describe, expect, it } from 'vitest';
import { offlineChanges, toggledPaths } from '../../../renderer/reading/offline/account-offline-choice';

const kept = [
  { folderId: 'a1/INBOX', accountId: 'a1', since: 1 },
  { folderId: 'a1/Lists/rust', accountId: 'a1', since: 1 },
  { folderId: 'b2/INBOX', accountId: 'b2', since: 1 },
];

describe('keep-offline folders saved with the account', () => {
  it('the cache follows the account’s list: new folders are kept, dropped ones released, other accounts untouched', () => {
    expect(offlineChanges({ id: 'a1', offlineFolders: ['INBOX', 'Archive'] }, kept)).toEqual({ keep: ['a1/Archive'], drop: ['a1/Lists/rust'] });
    expect(offlineChanges({ id: 'a1', offlineFolders: [] }, kept)).toEqual({ keep: [], drop: ['a1/INBOX', 'a1/Lists/rust'] });
    // An account from before the choice was saved with it: the cache's list stands.
    expect(offlineChanges({ id: 'a1' }, kept)).toBeUndefined();
  });

  it('a switch in the folder tree starts from the account’s list, or from the cache’s for an older account', () => {
    expect(toggledPaths({ id: 'a1', offlineFolders: ['INBOX'] }, kept, 'Archive', true)).toEqual(['INBOX', 'Archive']);
    expect(toggledPaths({ id: 'a1', offlineFolders: ['INBOX', 'Archive'] }, kept, 'INBOX', false)).toEqual(['Archive']);
    expect(toggledPaths({ id: 'a1' }, kept, 'Sent', true)).toEqual(['INBOX', 'Lists/rust', 'Sent']);
    expect(toggledPaths({ id: 'a1', offlineFolders: ['INBOX'] }, kept, 'INBOX', true)).toEqual(['INBOX']);
  });
});
