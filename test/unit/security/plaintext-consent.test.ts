import { describe, expect, it } from 'vitest';
import { requests } from '../../../app/contract';
import { isLoopbackHost } from '../../../app/contract/schemas';

// Issue 18 (LOW): security 'none' (password in plain text) was accepted for any host.

const draft = (host: string, extra: Record<string, unknown> = {}) => ({
  name: 'Home',
  email: 'ann@example.org',
  displayName: 'Ann',
  incoming: { protocol: 'imap', host, port: 143, security: 'none', username: 'ann', password: 'Pa55', ...extra },
  outgoing: { host: 'smtp.example.org', port: 587, security: 'starttls', username: 'ann', password: 'Pa55' },
});

describe('plain text only to this computer, or after an explicit confirmation', () => {
  it('refuses security none to a remote host without the confirmation flag', () => {
    const add = requests['accounts.add'].input;
    const refused = add.safeParse(draft('mail.example.org'));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['incoming', 'security'], message: expect.stringContaining('plain text') });
    expect(requests['accounts.test'].input.safeParse({ draft: draft('10.0.0.5') }).success).toBe(false);
  });

  it('accepts it for loopback, and for a remote host with insecureConfirmed: true', () => {
    const add = requests['accounts.add'].input;
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) expect(add.safeParse(draft(host)).success, host).toBe(true);
    expect(add.safeParse(draft('mail.example.org', { insecureConfirmed: true })).success).toBe(true);
    expect(add.safeParse(draft('mail.example.org', { insecureConfirmed: false })).success).toBe(false);
  });

  it('knows loopback hosts', () => {
    for (const host of ['localhost', 'LOCALHOST.', '127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1', 'a.localhost']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['localhost.example.org', '128.0.0.1', '10.0.0.1', 'mail.example.org', '::2', '127.0.0.1.evil.example']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
