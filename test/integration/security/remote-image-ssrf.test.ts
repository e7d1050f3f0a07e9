import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../../main/remote-content/address-policy';
import { fetchRemoteImage } from '../../../main/remote-content/fetch-image';
import { ImageBudget } from '../../../main/remote-content/image-budget';
import { remoteContentHandlers } from '../../../main/service/handlers/remote-content';

// Issue 18 (MEDIUM): remote images were fetched from 127.0.0.1, localhost, [::ffff:127.0.0.1] and
// 0x7f000001, and redirects to loopback were followed. Here 127.0.0.1 stands for "this computer"
// and 127.0.0.2 (also loopback on Linux) for "the internet": the tests' policy allows only the
// latter, the default policy neither.

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const internal: string[] = [];
const external: string[] = [];
let inside: http.Server;
let outside: http.Server;
let insidePort: number;
let outsidePort: number;

const onlyTheInternet = (address: string) => address === '127.0.0.2';

async function listen(server: http.Server, host: string): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  inside = http.createServer((request, response) => {
    internal.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
  outside = http.createServer((request, response) => {
    external.push(request.url ?? '');
    const url = request.url ?? '';
    if (url === '/pixel.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (url === '/big.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.concat([PNG, Buffer.alloc(4096)]));
    if (url === '/to-inside') return void response.writeHead(302, { location: `http://127.0.0.1:${insidePort}/secret.png` }).end();
    if (url === '/to-localhost') return void response.writeHead(301, { location: `http://localhost:${insidePort}/secret.png` }).end();
    if (url === '/to-mapped') return void response.writeHead(307, { location: `http://[::ffff:127.0.0.1]:${insidePort}/secret.png` }).end();
    if (url === '/to-file') return void response.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (url === '/relative') return void response.writeHead(302, { location: '/pixel.png' }).end();
    if (url.startsWith('/loop')) return void response.writeHead(302, { location: `/loop${url.length}` }).end();
    response.writeHead(404).end();
  });
  insidePort = await listen(inside, '127.0.0.1');
  outsidePort = await listen(outside, '127.0.0.2');
});
afterAll(async () => {
  await new Promise((resolve) => inside.close(resolve));
  await new Promise((resolve) => outside.close(resolve));
});

describe('remote images never reach this computer or the local network', () => {
  it('classifies addresses: only public unicast passes', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', 'fe80::1', 'fc00::1', 'fd12::1', '100.64.0.1', '0.0.0.0', '::', '224.0.0.1', 'ff02::1', '255.255.255.255', '64:ff9b::7f00:1', '::ffff:10.0.0.1', 'not an address']) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(address), address).toBe(true);
  });

  it('refuses loopback in every spelling with the default policy, before connecting', async () => {
    for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]', '0x7f000001', '2130706433', '127.1', '[::1]', '[::ffff:7f00:1]']) {
      await expect(fetchRemoteImage(`http://${host}:${insidePort}/secret.png`), host).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('private network') });
    }
    await expect(fetchRemoteImage('http://169.254.169.254/latest/meta-data/')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(fetchRemoteImage('http://10.0.0.1/x.png')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(internal).toEqual([]);
  });

  it('loads from an allowed address, following a redirect there', async () => {
    const image = await fetchRemoteImage(`http://127.0.0.2:${outsidePort}/relative`, { addressAllowed: onlyTheInternet });
    expect(image.contentType).toBe('image/png');
    expect(external).toContain('/pixel.png');
  });

  it('checks every redirect hop: a redirect to loopback, localhost or a mapped address is refused', async () => {
    for (const path of ['/to-inside', '/to-localhost', '/to-mapped']) {
      await expect(fetchRemoteImage(`http://127.0.0.2:${outsidePort}${path}`, { addressAllowed: onlyTheInternet }), path).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(fetchRemoteImage(`http://127.0.0.2:${outsidePort}/to-file`, { addressAllowed: onlyTheInternet })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(internal).toEqual([]);
  });

  it('caps redirects', async () => {
    const before = external.length;
    await expect(fetchRemoteImage(`http://127.0.0.2:${outsidePort}/loop`, { addressAllowed: onlyTheInternet })).rejects.toMatchObject({ message: expect.stringContaining('redirected too often') });
    expect(external.length - before).toBe(6);
  });

  it('connects to the address it checked (pinned), and refuses a name with any private address', async () => {
    const lookups: string[] = [];
    const resolve = async (hostname: string) => {
      lookups.push(hostname);
      return [{ address: '127.0.0.2', family: 4 }];
    };
    // images.invalid resolves nowhere else: the connection can only have used the checked address.
    const image = await fetchRemoteImage(`http://images.invalid:${outsidePort}/pixel.png`, { addressAllowed: onlyTheInternet, resolve });
    expect(image.contentType).toBe('image/png');
    expect(lookups).toEqual(['images.invalid']);
    const mixed = async () => [
      { address: '127.0.0.2', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    await expect(fetchRemoteImage(`http://rebind.invalid:${insidePort}/secret.png`, { addressAllowed: onlyTheInternet, resolve: mixed })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(internal).toEqual([]);
  });

  it('caps images and bytes per message', async () => {
    const budget = new ImageBudget({ images: 3, bytes: 5000, messages: 10, unkeyedWindowMs: 60_000 });
    const handlers = remoteContentHandlers({ addressAllowed: onlyTheInternet }, budget);
    const url = `http://127.0.0.2:${outsidePort}/pixel.png`;
    for (let i = 0; i < 3; i++) await handlers['remote.image']({ url, message: 'message:a' });
    await expect(handlers['remote.image']({ url, message: 'message:a' })).rejects.toMatchObject({ message: expect.stringContaining('more remote images') });
    await handlers['remote.image']({ url, message: 'message:b' });
    const big = `http://127.0.0.2:${outsidePort}/big.png`;
    await handlers['remote.image']({ url: big, message: 'message:c' });
    await expect(handlers['remote.image']({ url: big, message: 'message:c' })).rejects.toMatchObject({ message: expect.stringContaining('too large') });
  });
});
