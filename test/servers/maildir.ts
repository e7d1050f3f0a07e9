import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateMessage, type GeneratedMessage } from '../fixtures/message-generator';
import { doveadm, mailServers } from './mail-servers';

const run = promisify(execFile);

/** Maildir++ keeps subfolders as ".Name" beside cur/new/tmp, with "." as the hierarchy separator. */
function folderDir(user: string, folder: string): string {
  const root = mailServers().maildir(user);
  return folder === 'INBOX' ? root : path.join(root, `.${folder.replace(/\//g, '.')}`);
}

/**
 * Writes messages straight into a user's Maildir: the fastest way to fill a mailbox (10,000 in well
 * under a second once generated). INTERNALDATE is the file's mtime, RFC822.SIZE its W= size, and
 * UIDs follow file-name order.
 */
export async function writeMaildir(user: string, messages: Iterable<GeneratedMessage>, folder = 'INBOX'): Promise<number> {
  const dir = folderDir(user, folder);
  await Promise.all(['cur', 'new', 'tmp'].map((sub) => fs.mkdir(path.join(dir, sub), { recursive: true })));
  const host = os.hostname().replace(/[/:]/g, '_');
  let count = 0;
  const pending: Promise<void>[] = [];
  for (const message of messages) {
    const lf = Buffer.from(message.raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const name = `${message.date}.M${String(message.index).padStart(8, '0')}P${process.pid}.${host},S=${lf.length},W=${message.raw.length}:2,${message.seen ? 'S' : ''}`;
    const file = path.join(dir, 'cur', name);
    pending.push(fs.writeFile(file, lf).then(() => fs.utimes(file, message.date, message.date)));
    count++;
    if (pending.length >= 256) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await run('chown', ['-R', 'mail:mail', path.dirname(mailServers().maildir(user))]);
  // Let Dovecot assign UIDs now rather than in the middle of a test's first SELECT.
  await doveadm('mailbox', 'status', '-u', user, 'messages', folder === 'INBOX' ? 'INBOX' : folder).catch(async () => {
    await doveadm('mailbox', 'create', '-u', user, folder);
    await doveadm('mailbox', 'status', '-u', user, 'messages', folder);
  });
  return count;
}

/** Fills a folder with `count` generated messages (indices start..start+count-1). */
export function loadGeneratedMessages(user: string, count: number, options: { folder?: string; start?: number; seed?: number } = {}): Promise<number> {
  const start = options.start ?? 0;
  function* messages() {
    for (let i = start; i < start + count; i++) yield generateMessage(i, options.seed, `${user}@example.test`);
  }
  return writeMaildir(user, messages(), options.folder);
}
