import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImapOpTaskInput, SendTaskState, StoredDraft } from '../../../app/contract';
import { taskRequests } from '../../../app/contract/tasks';
import { RecordDir } from '../../../main/store/record-dir';
import { TaskStore, type TaskFaultPoint } from '../../../main/store/task-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postbote-tasks-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

class Killed extends Error {}

/** A store that "dies" the first time it reaches `point`: everything after it does not happen. */
const dyingAt = (point: TaskFaultPoint) => {
  let hit = false;
  return new TaskStore(dir, (reached) => {
    if (reached === point && !hit) {
      hit = true;
      throw new Killed(point);
    }
  });
};

function draft(id: string, revision = 1): StoredDraft {
  return {
    id,
    accountId: 'acc1',
    messageId: `<${id}@example.test>`,
    from: { address: 'alice@example.test' },
    to: [{ name: 'Bob', address: 'bob@example.test' }],
    cc: [],
    bcc: [],
    subject: `Subject ${id}`,
    format: 'plain',
    text: 'Hello',
    html: '',
    attachments: [{ id: 'a1', filename: 'a.bin', contentType: 'application/octet-stream', size: 3, content: new Uint8Array([0, 255, 7]) }],
    createdAt: 1000,
    updatedAt: 1000 + revision,
    revision,
  };
}

function entry(id: string): SendTaskState {
  return { id, accountId: 'acc1', messageId: `<${id}@example.test>`, envelope: { from: 'alice@example.test', to: ['bob@example.test'] }, subject: `Subject ${id}`, state: 'queued', attempts: 0, queuedAt: 5000, nextAttemptAt: 0, draft: draft(id) };
}

const raw = (id: string) => new TextEncoder().encode(`Message-ID: <${id}@example.test>\r\nSubject: Subject ${id}\r\n\r\nHello\r\n`);

const op = (id: string, createdAt = 1): ImapOpTaskInput => ({ id, accountId: 'acc1', kind: 'flags', path: 'INBOX', uids: [3, 4], add: ['\\Flagged'], createdAt });

describe('RecordDir', () => {
  it('round-trips records with bytes and replaces a record whole', async () => {
    const records = new RecordDir<StoredDraft>(path.join(dir, 'r'));
    await records.put(draft('d1'));
    await records.put({ ...draft('d1', 2), subject: 'second' });
    const back = await records.get('d1');
    expect(back?.subject).toBe('second');
    expect(back?.attachments[0]!.content).toEqual(new Uint8Array([0, 255, 7]));
    expect(await readdir(path.join(dir, 'r'))).toEqual(['d1.json']);
  });

  it('a write cut before its rename leaves the old version, and the temporary file is swept at the next open', async () => {
    await new RecordDir<StoredDraft>(path.join(dir, 'r')).put(draft('d1', 1));
    const dying = new RecordDir<StoredDraft>(path.join(dir, 'r'), (point) => {
      if (point === 'record-after-tmp-write') throw new Killed(point);
    });
    await expect(dying.put(draft('d1', 2))).rejects.toBeInstanceOf(Killed);
    expect((await readdir(path.join(dir, 'r'))).sort()).toEqual(['.d1.tmp', 'd1.json']);
    const reopened = new RecordDir<StoredDraft>(path.join(dir, 'r'));
    expect((await reopened.get('d1'))?.revision).toBe(1);
    expect(await readdir(path.join(dir, 'r'))).toEqual(['d1.json']);
  });

  it('skips a file that is not a record instead of failing the whole list, and refuses ids that are paths', async () => {
    const records = new RecordDir<StoredDraft>(path.join(dir, 'r'));
    await records.put(draft('d1'));
    await writeFile(path.join(dir, 'r', 'broken.json'), '{"id": "bro');
    expect((await records.list()).map((r) => r.id)).toEqual(['d1']);
    await expect(records.get('../etc')).rejects.toThrow('Not a valid task or draft id.');
  });
});

describe('TaskStore: Send', () => {
  it('writes the .eml before the entry and removes the draft last', async () => {
    const store = dyingAt('send-after-eml');
    await store.saveDraft(draft('m1'));
    await expect(store.queueSend(entry('m1'), raw('m1'))).rejects.toBeInstanceOf(Killed);
    // At that moment: the file is there, its state is not, the draft is still there.
    expect((await readdir(path.join(dir, 'outbox', 'cur'))).map((n) => n.split(':')[0])).toEqual(['m1']);
    await expect(readdir(path.join(dir, 'tasks', 'send'))).resolves.toEqual([]);
    expect(await readdir(path.join(dir, 'drafts'))).toEqual(['m1.json']);
  });

  const queueSteps: TaskFaultPoint[] = ['mid-fsync', 'after-tmp-write', 'mid-rename', 'before-dir-fsync', 'send-after-eml', 'record-after-tmp-write', 'record-before-dir-fsync', 'send-after-state', 'record-before-unlink'];

  it.each(queueSteps)('killed at %s while queuing: after a restart the message is in the drafts or the outbox, once; queuing again finishes it', async (point) => {
    await new TaskStore(dir).saveDraft(draft('m1'));
    await expect(dyingAt(point).queueSend(entry('m1'), raw('m1'))).rejects.toBeInstanceOf(Killed);

    const restarted = new TaskStore(dir);
    const work = await restarted.pendingWork();
    const inDrafts = work.drafts.filter((d) => d.id === 'm1').length;
    const inOutbox = work.outbox.filter((e) => e.id === 'm1').length;
    expect(inDrafts + inOutbox).toBe(1);
    if (inOutbox) expect(new TextDecoder().decode(work.outbox[0]!.raw)).toBe(new TextDecoder().decode(raw('m1')));
    expect(await readdir(path.join(dir, 'outbox', 'tmp'))).toEqual([]);

    // The window asks again (it never heard back): the entry is there exactly once, the draft gone.
    await restarted.queueSend(entry('m1'), raw('m1'));
    const after = await new TaskStore(dir).pendingWork();
    expect(after.outbox.map((e) => e.id)).toEqual(['m1']);
    expect(after.drafts).toEqual([]);
    expect((await readdir(path.join(dir, 'outbox', 'cur'))).length).toBe(1);
  });

  it.each(['record-before-unlink', 'send-removed-state'] as TaskFaultPoint[])('killed at %s while an entry leaves: after a restart it is gone or whole, never a file without a state', async (point) => {
    await new TaskStore(dir).queueSend(entry('m1'), raw('m1'));
    await expect(dyingAt(point).removeSend('m1')).rejects.toBeInstanceOf(Killed);
    const work = await new TaskStore(dir).pendingWork();
    const files = await readdir(path.join(dir, 'outbox', 'cur'));
    expect(work.outbox.length).toBe(files.length);
    if (work.outbox.length) expect(work.outbox[0]!.raw.length).toBe(raw('m1').length);
  });

  it('keeps state changes across a restart, and a removal of a gone entry answers false', async () => {
    const store = new TaskStore(dir);
    await store.queueSend(entry('m1'), raw('m1'));
    await store.updateSend('m1', { state: 'submitting', attempts: 1 });
    const restarted = new TaskStore(dir);
    expect((await restarted.sendByMessageId('<m1@example.test>'))?.state).toBe('submitting');
    expect(await restarted.removeSend('m1')).toBe(true);
    expect(await restarted.removeSend('m1')).toBe(false);
    expect(await restarted.updateSend('m1', { state: 'queued' })).toBe(false);
  });

  it('leaves a state whose .eml someone deleted by hand on disk, but does not offer it for sending', async () => {
    const store = new TaskStore(dir);
    await store.queueSend(entry('m1'), raw('m1'));
    const [file] = await readdir(path.join(dir, 'outbox', 'cur'));
    await rm(path.join(dir, 'outbox', 'cur', file!));
    expect((await new TaskStore(dir).pendingWork()).outbox).toEqual([]);
    expect(await readdir(path.join(dir, 'tasks', 'send'))).toEqual(['m1.json']);
  });
});

describe('TaskStore: IMAP operations', () => {
  it('keeps the order they were made in across restarts, and a repeated add makes no second one', async () => {
    const store = new TaskStore(dir);
    expect(await store.addImapOp(op('b', 2))).toBe(true);
    expect(await store.addImapOp(op('a', 2))).toBe(true);
    expect(await store.addImapOp(op('b', 2))).toBe(false);
    const restarted = new TaskStore(dir);
    await restarted.addImapOp(op('c', 1));
    expect((await new TaskStore(dir).listImapOps()).map((o) => o.id)).toEqual(['b', 'a', 'c']);
  });

  it('an operation cut off while being written is either whole after the restart or not there', async () => {
    for (const point of ['record-after-tmp-write', 'record-before-dir-fsync'] as TaskFaultPoint[]) {
      await expect(dyingAt(point).addImapOp(op(`x-${point}`))).rejects.toBeInstanceOf(Killed);
    }
    const ops = await new TaskStore(dir).listImapOps();
    for (const found of ops) expect(found).toMatchObject({ accountId: 'acc1', kind: 'flags', uids: [3, 4], add: ['\\Flagged'] });
    expect(await readdir(path.join(dir, 'tasks', 'imap'))).toEqual(ops.map((o) => `${o.id}.json`).sort());
  });

  it('lists only the kinds asked for', async () => {
    const store = new TaskStore(dir);
    await store.addImapOp(op('a'));
    await store.queueSend(entry('m1'), raw('m1'));
    const work = await store.pendingWork(['imapOps']);
    expect({ ops: work.imapOps.map((o) => o.id), outbox: work.outbox }).toEqual({ ops: ['a'], outbox: [] });
  });

  it('notes failures and removes an acknowledged one for good', async () => {
    const store = new TaskStore(dir);
    await store.addImapOp(op('a'));
    await store.noteImapOpFailure('a', 'connection refused');
    expect(await new TaskStore(dir).getImapOp('a')).toMatchObject({ attempts: 1, lastError: 'connection refused' });
    expect(await store.removeImapOp('a')).toBe(true);
    expect(await new TaskStore(dir).listImapOps()).toEqual([]);
  });
});

describe('TaskStore: drafts', () => {
  it('ignores a save older than the one on disk and a save of a draft that was sent meanwhile', async () => {
    const store = new TaskStore(dir);
    expect(await store.saveDraft(draft('d1', 3))).toBe(true);
    expect(await store.saveDraft({ ...draft('d1', 2), subject: 'late' })).toBe(false);
    expect((await store.readDraft('d1'))?.revision).toBe(3);
    await store.queueSend(entry('d1'), raw('d1'));
    expect(await store.saveDraft(draft('d1', 9))).toBe(false);
    expect(await store.listDrafts()).toEqual([]);
  });

  it('writes drafts as files a person can find (JSON, attachments included)', async () => {
    await new TaskStore(dir).saveDraft(draft('d1'));
    const text = await readFile(path.join(dir, 'drafts', 'd1.json'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ subject: 'Subject d1', to: [{ address: 'bob@example.test' }] });
  });
});

describe('task requests', () => {
  it('refuse bad input with a clear message', () => {
    const bad = taskRequests['tasks.addImapOp'].input.safeParse({ op: { ...op('../../x'), kind: 'move' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['Not a task id.', 'A move needs its target folder.']));
    expect(taskRequests['drafts.save'].input.safeParse({ draft: draft('d1') }).success).toBe(true);
    expect(taskRequests['tasks.queueSend'].input.safeParse({ entry: entry('m1'), raw: new Uint8Array() }).success).toBe(false);
  });
});
