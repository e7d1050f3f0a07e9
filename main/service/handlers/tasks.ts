import type { ImapOpTask } from '../../../app/contract/tasks';
import { keepsOperationQueued, PostboteError } from '../../../app/errors';
import type { ImapEngine } from '../../imap/engine';
import type { SubmissionRegistry } from '../../smtp/submissions';
import { expungeMessages, moveMessages, storeFlags } from '../../imap/message-ops';
import type { TaskStore } from '../../store/task-store';
import type { Handlers } from '../service';

type TaskRequest = 'tasks.list' | 'tasks.queueSend' | 'tasks.unqueueSend' | 'tasks.updateSend' | 'tasks.addImapOp' | 'tasks.runImapOp' | 'tasks.cancel' | 'drafts.list' | 'drafts.read' | 'drafts.save' | 'drafts.remove';

export interface TaskDeps {
  tasks: TaskStore;
  imap: ImapEngine;
  submissions: SubmissionRegistry;
}

function perform(op: ImapOpTask, imap: ImapEngine) {
  return imap.connection(op.accountId).run((client) => {
    switch (op.kind) {
      case 'flags':
        return storeFlags(client, op.path, op.uids, op.add ?? [], op.remove ?? []);
      case 'move':
        return moveMessages(client, op.path, op.uids, op.target!);
      case 'expunge':
        return expungeMessages(client, op.path, op.uids);
    }
  });
}

/**
 * The remote step of one queued IMAP operation. The task leaves the disk only after the server
 * acknowledged it (or refused it for good: then the window resyncs the folder and tells the user);
 * network trouble keeps it. A crash between the server's OK and the removal replays it once more
 * after the restart, which is harmless: STORE of the same flags, MOVE or EXPUNGE of UIDs that are
 * no longer there, all change nothing the second time.
 */
async function runImapOp(deps: TaskDeps, id: string) {
  const op = await deps.tasks.getImapOp(id);
  if (!op) return { affected: 0, settled: 'before' as const };
  try {
    const outcome = await perform(op, deps.imap);
    await deps.tasks.removeImapOp(id);
    return { ...outcome, settled: 'now' as const };
  } catch (error) {
    if (error instanceof PostboteError && !keepsOperationQueued(error.code)) await deps.tasks.removeImapOp(id);
    else await deps.tasks.noteImapOpFailure(id, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

export function taskHandlers(deps: TaskDeps): Pick<Handlers, TaskRequest> {
  const { tasks } = deps;
  return {
    'tasks.list': ({ only }) => tasks.pendingWork(only),
    'tasks.queueSend': async ({ entry, raw }) => {
      await tasks.queueSend(entry, raw);
      return { queued: true };
    },
    'tasks.updateSend': async ({ id, patch }) => {
      const current = await tasks.getSend(id);
      // While this process submits it, the entry's state is main's alone; a 'submitting' left by a
      // process that died is the window's to resolve (the Sent check), so that one may change.
      if (current && deps.submissions.isRunning(current.messageId)) throw new PostboteError({ code: 'INVALID_INPUT', message: 'This message is being sent right now; wait until the attempt has ended.' });
      return { updated: await tasks.updateSend(id, patch) };
    },
    'tasks.unqueueSend': async ({ id, draft }) => {
      const current = await tasks.getSend(id);
      if (!current || deps.submissions.isRunning(current.messageId) || current.state === 'sent') return { unqueued: false };
      return { unqueued: await tasks.unqueueSend(id, draft) };
    },
    'tasks.addImapOp': async ({ op }) => ({ added: await tasks.addImapOp(op) }),
    'tasks.runImapOp': ({ id }) => runImapOp(deps, id),
    'tasks.cancel': async ({ kind, id }) => {
      if (kind === 'imapOp') return { cancelled: await tasks.removeImapOp(id) };
      const current = await tasks.getSend(id);
      if (current && deps.submissions.isRunning(current.messageId)) throw new PostboteError({ code: 'INVALID_INPUT', message: 'This message is being sent right now and cannot be taken out of the outbox.' });
      return { cancelled: await tasks.removeSend(id) };
    },
    'drafts.list': async () => ({ drafts: await tasks.listDrafts() }),
    'drafts.read': async ({ id }) => ({ draft: (await tasks.readDraft(id)) ?? null }),
    'drafts.save': async ({ draft }) => ({ saved: await tasks.saveDraft(draft) }),
    'drafts.remove': async ({ id }) => ({ removed: await tasks.removeDraft(id) }),
  };
}
