import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CapabilityFilterProxy } from '../../support/capability-filter-proxy';

/** A scripted IMAP server: greets, answers every tagged command line with OK, records what it got. */
async function fakeServer(): Promise<{ server: net.Server; received: () => string }> {
  let received = '';
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    // Greeting in two writes, cut in the middle of the capability list.
    socket.write('* OK [CAPABILITY IMAP4rev1 ID');
    setImmediate(() => socket.write('LE MOVE] ready\r\n'));
    let pending = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const tag = pending.slice(0, end).split(' ')[0];
        pending = pending.slice(end + 2);
        socket.write(`* CAPABILITY IMAP4rev1 IDLE MOVE\r\n${tag} OK done\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, received: () => received };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('CapabilityFilterProxy', () => {
  it('hides capabilities from a real socket conversation and refuses what needs them', async () => {
    const { server, received } = await fakeServer();
    const proxy = await CapabilityFilterProxy.start({ host: '127.0.0.1', port: (server.address() as net.AddressInfo).port }, { hide: ['IDLE'] });
    cleanups.push(() => proxy.close(), () => new Promise((resolve) => server.close(() => resolve())));
    const client = net.connect(proxy.port, '127.0.0.1');
    let seen = '';
    client.on('data', (chunk) => (seen += chunk.toString('latin1')));
    await expect.poll(() => seen).toContain('ready\r\n');
    // One byte at a time: the proxy must still see whole commands.
    for (const byte of Buffer.from('a IDLE\r\nb NOOP\r\n')) client.write(Buffer.from([byte]));
    await expect.poll(() => seen).toContain('b OK done\r\n');
    client.destroy();
    expect(seen).toBe('* OK [CAPABILITY IMAP4rev1 MOVE] ready\r\na BAD [CLIENTBUG] IDLE was not advertised (hidden by the capability filter)\r\n* CAPABILITY IMAP4rev1 MOVE\r\nb OK done\r\n');
    expect(received()).toBe('b NOOP\r\n');
    expect(proxy.refusals).toEqual([{ capability: 'IDLE', command: 'a IDLE' }]);
    expect(proxy.connections).toBe(1);
  });
});
