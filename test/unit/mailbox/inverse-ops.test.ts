import { describe, expect, it } from 'vitest';
import type { PendingOpRecord } from '../../../renderer/db/tables/sync';
import { inverseOperations, type OriginalMessage } from '../../../renderer/mailbox/imap/inverse-ops';

const op = (over: Partial<PendingOpRecord>): PendingOpRecord => ({ accountId: 'a', kind: 'flags', path: 'INBOX', uids: [], createdAt: 0, attempts: 0, ...over });
const originals: OriginalMessage[] = [
  { id: 'm1', path: 'INBOX', uid: 10, flags: ['\\Seen'] },
  { id: 'm2', path: 'INBOX', uid: 11, flags: [] },
  { id: 'm3', path: 'Work', uid: 5, flags: ['$NotJunk'] },
];

describe('the inverse of operations the server acknowledged', () => {
  it('restores exactly the flags that changed, where the messages are now', () => {
    const { ops, lost, moved } = inverseOperations(originals.slice(0, 2), [{ op: op({ uids: [10, 11], add: ['\\Seen'] }) }]);
    // m1 was read already: nothing to put back for it.
    expect(ops).toEqual([{ kind: 'flags', path: 'INBOX', uids: [11], add: [], remove: ['\\Seen'] }]);
    expect(lost).toEqual([]);
    expect(moved).toEqual([]);
  });

  it('follows a move by COPYUID and moves back by the new UID, after restoring the flags', () => {
    const sent = [
      { op: op({ uids: [10, 11], add: ['$Junk'], remove: ['$NotJunk'] }) },
      { op: op({ path: 'Work', uids: [5], add: ['$Junk'], remove: ['$NotJunk'] }) },
      { op: op({ kind: 'move', uids: [10, 11], target: 'Junk' }), uidMap: [[10, 70], [11, 71]] as [number, number][] },
      { op: op({ kind: 'move', path: 'Work', uids: [5], target: 'Junk' }), uidMap: [[5, 72]] as [number, number][] },
    ];
    const { ops, moved } = inverseOperations(originals, sent);
    expect(ops).toEqual([
      { kind: 'flags', path: 'Junk', uids: [70, 71], add: [], remove: ['$Junk'] },
      { kind: 'flags', path: 'Junk', uids: [72], add: ['$NotJunk'], remove: ['$Junk'] },
      { kind: 'move', path: 'Junk', uids: [70, 71], target: 'INBOX' },
      { kind: 'move', path: 'Junk', uids: [72], target: 'Work' },
    ]);
    expect(moved).toEqual(['m1', 'm2', 'm3']);
  });

  it('leaves alone what it cannot find again: no COPYUID, deleted for good, or gone before the move', () => {
    const sent = [
      { op: op({ kind: 'move', uids: [10], target: 'Archive' }) },
      { op: op({ kind: 'expunge', path: 'Work', uids: [5] }) },
      { op: op({ kind: 'move', uids: [11], target: 'Archive' }), uidMap: [] as [number, number][] },
    ];
    const { ops, lost } = inverseOperations(originals, sent);
    expect(ops).toEqual([]);
    expect(lost).toEqual(['m1', 'm2', 'm3']);
  });

  it('a flag set and cleared again needs nothing; other messages in the same operation are not touched', () => {
    const sent = [{ op: op({ uids: [11, 99], add: ['\\Flagged'] }) }, { op: op({ uids: [11, 99], remove: ['\\Flagged'] }) }];
    expect(inverseOperations(originals, sent).ops).toEqual([]);
  });
});
