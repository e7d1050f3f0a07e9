import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../app/domain/account';
import { PostboteError } from '../../../app/errors';

/**
 * The two mailbox stores on one retry schedule: an account whose server is away is shown offline
 * and, when the browser says it is online again, tried at once — not at its next scheduled retry,
 * which is seconds away. Main is a fake whose servers are all down.
 */
const calls: string[] = [];
// Every store that listens to an event hears it, as with the real bridge.
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((listener) => listener(payload));
const refused = () => new PostboteError({ code: 'CONNECTION_REFUSED', message: 'Nothing accepts connections there.' });
vi.mock('../../../renderer/api', () => ({
  api: {
    call: async (name: string) => {
      calls.push(name);
      if (name === 'accounts.list') return [];
      throw refused();
    },
    on: (name: string, listener: (payload: unknown) => void) => {
      listeners.set(name, (listeners.get(name) ?? new Set()).add(listener));
      return () => listeners.get(name)?.delete(listener);
    },
  },
  transportKind: 'bridge',
  // No Worker in Node: the stores sync in the window, as where workers are missing.
  workerApiLink: { invoke: () => Promise.reject(new Error('no worker here')) },
}));
const browserWindow = new EventTarget();
const browserDocument = Object.assign(new EventTarget(), { visibilityState: 'visible' });
vi.stubGlobal('window', browserWindow);
vi.stubGlobal('document', browserDocument);
vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });

const { db } = await import('../../../renderer/db/database');
const { useImapStore, usePop3Store } = await import('../../../renderer/mailbox');

const server = { host: '127.0.0.1', port: 1, security: 'starttls' as const, username: 'u', authMethod: 'password' as const };
const account = (id: string, protocol: 'imap' | 'pop3'): Account =>
  ({ id, name: id, address: `${id}@example.test`, incoming: { ...server, protocol }, outgoing: server, createdAt: 1, ...(protocol === 'pop3' ? { pop3: { retention: { kind: 'keep' }, checkEveryMinutes: 60 } } : {}) }) as unknown as Account;
const count = (name: string) => calls.filter((c) => c === name).length;

beforeAll(async () => {
  await db.accounts.bulkPut([account('imap-a', 'imap'), account('pop3-a', 'pop3')]);
  setActivePinia(createPinia());
  useImapStore().start();
  usePop3Store().start();
});
afterAll(() => db.delete());

describe('accounts whose server is away', () => {
  it('show it, wait for their retry, and try at once when the browser is back online', async () => {
    const imap = useImapStore();
    const pop3 = usePop3Store();
    // Read without statusOf, which would create the status and so keep the store from starting the account.
    await expect.poll(() => imap.status['imap-a']?.state, { timeout: 15_000 }).toBe('offline');
    await expect.poll(() => pop3.status['pop3-a']?.state, { timeout: 15_000 }).toBe('failed');
    expect(imap.statusOf('imap-a').nextRetry).toBeGreaterThan(Date.now());
    expect(pop3.statusOf('pop3-a').nextRetry).toBeGreaterThan(Date.now());
    const [reconnects, downloads] = [count('imap.reconnect'), count('pop3.download')];
    expect(reconnects).toBe(0);

    browserWindow.dispatchEvent(new Event('online'));
    // Retried now: the scheduled retries are 5 s away, the poll gives up after one.
    await expect.poll(() => count('imap.reconnect'), { timeout: 1000 }).toBe(reconnects + 1);
    await expect.poll(() => count('pop3.download'), { timeout: 1000 }).toBe(downloads + 1);
    // Still away: both wait for their next retry again.
    await expect.poll(() => imap.statusOf('imap-a').nextRetry ?? 0).toBeGreaterThan(Date.now());
    await expect.poll(() => pop3.statusOf('pop3-a').nextRetry ?? 0).toBeGreaterThan(Date.now());
  });

  it('tries at once when the desktop app says the computer woke from sleep', async () => {
    const [reconnects, downloads] = [count('imap.reconnect'), count('pop3.download')];
    emit('desktop.resumed', { at: Date.now() });
    await expect.poll(() => count('imap.reconnect'), { timeout: 1000 }).toBe(reconnects + 1);
    await expect.poll(() => count('pop3.download'), { timeout: 1000 }).toBe(downloads + 1);
  });

  it('an IMAP account is told at once when its server hangs up the IDLE connection', async () => {
    const imap = useImapStore();
    imap.statusOf('imap-a').state = 'idle';
    emit('imap.connectionLost', { accountId: 'imap-a' });
    expect(imap.statusOf('imap-a').state).toBe('offline');
    expect(imap.statusOf('imap-a').error?.code).toBe('CONNECTION_CLOSED');
  });
});
