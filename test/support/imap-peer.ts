import { ImapFlow } from 'imapflow';
import { mailServers, type TestUser } from '../servers/mail-servers';

/** "Another client" on the same mailbox: a plain imapflow session, as a phone or webmail would be. */
export async function imapPeer(user: TestUser): Promise<ImapFlow> {
  const servers = mailServers();
  const client = new ImapFlow({ host: servers.host, port: servers.ports.imaps, secure: true, auth: { user: user.username, pass: user.password }, tls: { ca: [servers.certificatePem()], servername: 'localhost' }, logger: false });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** UID → flags of a folder as the server has it (without \\Recent, which belongs to one session). */
export async function serverState(peer: ImapFlow, path: string): Promise<Map<number, string[]>> {
  // A fresh, read-only view: a mailbox already selected would still show messages expunged by
  // others, and CLOSE to leave it would expunge what others marked \Deleted.
  await peer.mailboxOpen(path, { readOnly: true });
  const lock = await peer.getMailboxLock(path, { readOnly: true });
  try {
    const state = new Map<number, string[]>();
    if ((peer.mailbox && peer.mailbox.exists) === 0) return state;
    for await (const message of peer.fetch('1:*', { uid: true, flags: true })) state.set(message.uid, [...(message.flags ?? [])].filter((f) => f !== '\\Recent').sort());
    return state;
  } finally {
    lock.release();
  }
}
