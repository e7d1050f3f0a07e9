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

const FIXTURE_CACHE = process.env.POSTBOTE_FIXTURE_CACHE ?? '/var/tmp/postbote-fixtures';

/**
 * Fills a user's INBOX with `count` generated messages through a cache: the first call writes a
 * Maildir under the fixture cache (about 1 ms a message), later calls hard-link its files (10,000
 * in well under a second). Dovecot never rewrites a message file, so sharing them is safe.
 */
export async function loadCachedMessages(user: string, count: number, seed = 1234): Promise<number> {
  const cached = path.join(FIXTURE_CACHE, `gen-${seed}-${count}`);
  const done = path.join(cached, '.complete');
  if (!(await fs.stat(done).catch(() => undefined))) {
    await fs.rm(cached, { recursive: true, force: true });
    const building = `${cached}.building-${process.pid}`;
    await fs.mkdir(path.join(building, 'cur'), { recursive: true });
    const host = os.hostname().replace(/[/:]/g, '_');
    for (let i = 0; i < count; i += 256) {
      await Promise.all(
        Array.from({ length: Math.min(256, count - i) }, async (_, k) => {
          const message = generateMessage(i + k, seed, 'bob@example.test');
          const lf = Buffer.from(message.raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
          const file = path.join(building, 'cur', `${message.date}.M${String(message.index).padStart(8, '0')}P0.${host},S=${lf.length},W=${message.raw.length}:2,${message.seen ? 'S' : ''}`);
          await fs.writeFile(file, lf);
          await fs.utimes(file, message.date, message.date);
        }),
      );
    }
    await fs.writeFile(path.join(building, '.complete'), String(count));
    await fs.rename(building, cached).catch(async () => fs.rm(building, { recursive: true, force: true }));
  }
  const dir = mailServers().maildir(user);
  await Promise.all(['cur', 'new', 'tmp'].map((sub) => fs.mkdir(path.join(dir, sub), { recursive: true })));
  await run('sh', ['-c', `cp -al "${cached}/cur/." "${dir}/cur/"`]);
  await run('chown', ['-R', 'mail:mail', path.dirname(dir)]);
  await doveadm('mailbox', 'status', '-u', user, 'messages', 'INBOX');
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

/**
 * Delivers one message the way a local delivery agent does, into the INBOX's new/ directory — it
 * needs no running Dovecot, so tests can deliver while the servers are down; Dovecot picks it up
 * (and gives it a UID) at its next look.
 */
export async function deliverWhileStopped(user: string, message: GeneratedMessage): Promise<void> {
  const dir = mailServers().maildir(user);
  const host = os.hostname().replace(/[/:]/g, '_');
  const name = `${message.date}.M${String(message.index).padStart(8, '0')}P${process.pid}.${host}`;
  const lf = Buffer.from(message.raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
  await fs.mkdir(path.join(dir, 'new'), { recursive: true });
  await fs.writeFile(path.join(dir, 'tmp', name), lf);
  await fs.rename(path.join(dir, 'tmp', name), path.join(dir, 'new', name));
  await run('chown', ['-R', 'mail:mail', path.join(dir, 'new')]);
}
