import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultProxy, replaceText } from '../../support/fault-proxy';

/** An echo-ish server that greets, then answers every chunk with its upper-case copy. */
async function server(): Promise<net.Server> {
  const s = net.createServer((socket) => {
    socket.write('HELLO\r\n');
    socket.on('data', (d) => socket.write(d.toString().toUpperCase()));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return s;
}

function collect(socket: net.Socket): { text: () => string; closed: Promise<void> } {
  let text = '';
  socket.on('data', (d) => (text += d.toString()));
  socket.on('error', () => undefined);
  return { text: () => text, closed: new Promise((r) => socket.on('close', () => r())) };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(plan: ConstructorParameters<typeof Object>[0]) {
  const s = await server();
  const proxy = await FaultProxy.start({ host: '127.0.0.1', port: (s.address() as net.AddressInfo).port }, plan as never);
  cleanups.push(() => proxy.close(), () => new Promise<void>((r) => s.close(() => r())));
  const client = net.connect(proxy.port, '127.0.0.1');
  return { proxy, client, seen: collect(client) };
}

describe('FaultProxy', () => {
  it('passes traffic through unchanged without a plan', async () => {
    const { client, seen } = await setup({});
    client.write('abc');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.text()).toBe('HELLO\r\nABC');
    client.destroy();
  });

  it('cuts the connection after exactly N downstream bytes', async () => {
    const { client, seen, proxy } = await setup({ cutAfter: { direction: 'downstream', bytes: 3 } });
    await seen.closed;
    expect(seen.text()).toBe('HEL');
    expect(proxy.cuts).toBe(1);
    client.destroy();
  });

  it('cuts after N upstream bytes', async () => {
    const { client, seen } = await setup({ cutAfter: { direction: 'upstream', bytes: 2 } });
    await new Promise((r) => setTimeout(r, 50));
    client.write('xyz');
    await seen.closed;
    expect(seen.text()).not.toContain('XYZ');
  });

  it('stalls silently: the connection stays open but nothing more arrives', async () => {
    const { client, seen } = await setup({ stallAfter: { direction: 'downstream', bytes: 0 } });
    client.write('abc');
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.text()).toBe('');
    expect(client.destroyed).toBe(false);
    client.destroy();
  });

  it('rewrites traffic with a transform', async () => {
    const { client, seen } = await setup({ transform: { direction: 'downstream', rewrite: (b: Buffer) => Buffer.from(b.toString().replace('HELLO', 'HOLA')) } });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.text()).toBe('HOLA\r\n');
    client.destroy();
  });

  it('applies several rewrites, in both directions', async () => {
    const { client, seen } = await setup({ transform: [replaceText('downstream', 'HELLO', 'HI'), replaceText('upstream', 'stop', 'go'), replaceText('downstream', 'HI', 'HEY')] });
    await expect.poll(() => seen.text()).toBe('HEY\r\n');
    client.write('stop');
    await expect.poll(() => seen.text()).toBe('HEY\r\nGO');
    client.destroy();
  });

  it('cuts once a text has passed, even when it arrives split across chunks, after forwarding it', async () => {
    const { client, seen, proxy } = await setup({ cutWhen: { direction: 'upstream', text: '\r\n.\r\n', how: 'close' } });
    await expect.poll(() => seen.text()).toBe('HELLO\r\n');
    client.write('line\r\n.');
    await expect.poll(() => seen.text()).toBe('HELLO\r\nLINE\r\n.');
    expect(proxy.cuts).toBe(0);
    client.write('\r\nafter');
    await seen.closed;
    expect(proxy.cuts).toBe(1);
    expect(seen.text()).not.toContain('AFTER');
  });
});
