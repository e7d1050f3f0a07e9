import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SenderListEntry } from '../../../app/domain/sender-lists';
import { SenderLists } from '../../../main/storage/sender-lists';
import { senderHandlers } from '../../../main/service/handlers/senders';
import { Service, type Handlers } from '../../../main/service/service';
import { senderRuleMoves } from '../../../renderer/mailbox/sender-rules';
import type { MessageRecord } from '../../../renderer/db/tables/core';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'postbote-senders-'));

describe('the sender lists on disk', () => {
  it('keep an address on one list at a time, lower case, across restarts', async () => {
    const dataDir = dir();
    const lists = new SenderLists(dataDir);
    await lists.set('Spam@Evil.Example', 'blocked', 1000);
    await lists.set('friend@good.example', 'trusted', 2000);
    expect(await new SenderLists(dataDir).list()).toEqual([
      { address: 'spam@evil.example', list: 'blocked', since: 1000 },
      { address: 'friend@good.example', list: 'trusted', since: 2000 },
    ]);
    await lists.set('SPAM@evil.example', 'trusted', 3000);
    expect(await lists.list()).toEqual([
      { address: 'friend@good.example', list: 'trusted', since: 2000 },
      { address: 'spam@evil.example', list: 'trusted', since: 3000 },
    ]);
    await lists.set('spam@evil.example', 'none');
    expect((await lists.list()).map((e) => e.address)).toEqual(['friend@good.example']);
  });

  it('lose no change when several come at once', async () => {
    const lists = new SenderLists(dir());
    await Promise.all(Array.from({ length: 20 }, (_, i) => lists.set(`s${i}@x.example`, i % 2 ? 'blocked' : 'trusted')));
    expect((await lists.list()).length).toBe(20);
  });

  it('leave out entries a hand-edited file got wrong, and say clearly when the file cannot be read', async () => {
    const dataDir = dir();
    const file = path.join(dataDir, 'sender-lists.json');
    writeFileSync(file, JSON.stringify([{ address: 'ok@x.example', list: 'blocked', since: 1 }, { address: 'no-at', list: 'blocked', since: 1 }, { list: 'trusted' }, 'junk']));
    expect(await new SenderLists(dataDir).list()).toEqual([{ address: 'ok@x.example', list: 'blocked', since: 1 }]);
    writeFileSync(file, '{ not json');
    await expect(new SenderLists(dataDir).list()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('cannot be read') });
    // The broken file is not replaced by a change: what the user had stays for them to fix.
    await expect(new SenderLists(dataDir).set('a@b.example', 'blocked')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(readFileSync(file, 'utf8')).toBe('{ not json');
  });

  it('are reached through the service, which refuses what is not an address', async () => {
    const service = new Service(senderHandlers(new SenderLists(dir())) as unknown as Handlers);
    expect(await service.handle('senders.set', { address: 'x@y.example', list: 'blocked' })).toMatchObject({ ok: true, value: [{ address: 'x@y.example', list: 'blocked' }] });
    expect(await service.handle('senders.set', { address: 'not an address', list: 'blocked' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await service.handle('senders.set', { address: 'x@y.example', list: 'evil' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await service.handle('senders.list', {})).toMatchObject({ ok: true, value: [{ address: 'x@y.example' }] });
  });
});

const message = (id: string, from: string, arrived: number, flags: string[] = []): MessageRecord =>
  ({ id, accountId: 'a', folderId: 'a/INBOX', uid: 1, subject: '', from: [{ address: from }], to: [], cc: [], date: 0, internalDate: arrived, size: 1, flags, unread: 1, flagged: 0, hasAttachments: false }) as MessageRecord;

describe('what the lists do to arriving mail', () => {
  const entries: SenderListEntry[] = [
    { address: 'spam@evil.example', list: 'blocked', since: 100_400 },
    { address: 'friend@good.example', list: 'trusted', since: 100_400 },
  ];

  it('moves a blocked sender’s new mail to Junk and a trusted sender’s out of it', () => {
    const inbox = [message('1', 'Spam@Evil.Example', 150_000), message('2', 'friend@good.example', 150_000), message('3', 'other@x.example', 150_000)];
    const junk = [message('4', 'friend@good.example', 150_000), message('5', 'spam@evil.example', 150_000)];
    expect(senderRuleMoves(entries, inbox, junk)).toEqual({ toJunk: ['1'], toInbox: ['4'] });
  });

  it('leaves mail that was there before the address went on the list', () => {
    expect(senderRuleMoves(entries, [message('1', 'spam@evil.example', 99_000)], [message('2', 'friend@good.example', 99_000)])).toEqual({ toJunk: [], toInbox: [] });
  });

  it('rules mail that came in the same second as the change: arrival dates have whole seconds', () => {
    expect(senderRuleMoves(entries, [message('1', 'spam@evil.example', 100_000)], [message('2', 'friend@good.example', 100_000)])).toEqual({ toJunk: ['1'], toInbox: ['2'] });
  });

  it('never overrules the user’s own word on a message', () => {
    expect(senderRuleMoves(entries, [message('1', 'spam@evil.example', 150_000, ['$NotJunk'])], [message('2', 'friend@good.example', 150_000, ['$Junk'])])).toEqual({ toJunk: [], toInbox: [] });
  });
});
