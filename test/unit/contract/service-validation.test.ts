import { describe, expect, it, vi } from 'vitest';
import { PostboteError } from '../../../app/errors';
import { Service, type Handlers } from '../../../main/service/service';

const validDraft = {
  name: 'Work',
  email: 'ann@example.org',
  displayName: 'Ann',
  incoming: { protocol: 'imap', host: 'imap.example.org', port: 993, security: 'tls', username: 'ann', password: 'secret-pw' },
  outgoing: { host: 'smtp.example.org', port: 465, security: 'tls', username: 'ann', password: 'secret-pw' },
};

function serviceWith(overrides: Partial<Handlers> = {}) {
  const handlers = {
    'app.info': vi.fn(async () => ({ name: 'Postbote', version: '0', mode: 'browser', platform: 'linux', versions: { node: '20' } })),
    'accounts.list': vi.fn(async () => []),
    'accounts.add': vi.fn(async () => {
      throw new Error('not in this test');
    }),
    'accounts.remove': vi.fn(async () => ({ removed: true })),
    'accounts.test': vi.fn(async () => {
      throw new Error('not in this test');
    }),
    ...overrides,
  } as unknown as Handlers;
  return { service: new Service(handlers), handlers };
}

describe('Service: every request is checked against its schema before a handler runs', () => {
  it('answers an unknown request name with UNKNOWN_REQUEST', async () => {
    const { service } = serviceWith();
    const result = await service.handle('accounts.steal', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
  });

  it('does not treat Object.prototype keys as requests', async () => {
    const { service } = serviceWith();
    expect(await service.handle('constructor', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
    expect(await service.handle('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
  });

  it.each([
    ['a missing field', { ...validDraft, email: undefined }, 'email'],
    ['a port out of range', { ...validDraft, incoming: { ...validDraft.incoming, port: 70000 } }, 'incoming.port'],
    ['an unknown protocol', { ...validDraft, incoming: { ...validDraft.incoming, protocol: 'nntp' } }, 'incoming.protocol'],
    ['a host with a space', { ...validDraft, outgoing: { ...validDraft.outgoing, host: 'smtp example.org' } }, 'outgoing.host'],
    ['an empty password', { ...validDraft, incoming: { ...validDraft.incoming, password: '' } }, 'incoming.password'],
    ['a non-object', 'DROP TABLE accounts', ''],
  ])('rejects %s with INVALID_INPUT naming the field', async (_label, input, path) => {
    const { service, handlers } = serviceWith();
    const result = await service.handle('accounts.add', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toContain(path);
    expect(handlers['accounts.add']).not.toHaveBeenCalled();
  });

  it('rejects extra keys on strict inputs', async () => {
    const { service } = serviceWith();
    expect(await service.handle('accounts.remove', { id: 'abc', also: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await service.handle('accounts.remove', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('never echoes a password from invalid input in the error', async () => {
    const { service } = serviceWith();
    const result = await service.handle('accounts.add', { ...validDraft, email: 'not an address' });
    expect(JSON.stringify(result)).not.toContain('secret-pw');
  });

  it('passes valid, trimmed input to the handler', async () => {
    const add = vi.fn(async () => ({ id: 'x' }));
    const { service } = serviceWith({ 'accounts.add': add as never });
    const result = await service.handle('accounts.add', { ...validDraft, email: '  ann@example.org  ' });
    expect(result.ok).toBe(true);
    expect(add).toHaveBeenCalledWith(expect.objectContaining({ email: 'ann@example.org' }));
  });

  it('turns a PostboteError into a typed error result', async () => {
    const { service } = serviceWith({
      'accounts.list': async () => {
        throw new PostboteError({ code: 'NOT_FOUND', message: 'gone', serverText: 'NO [NONEXISTENT]' });
      },
    });
    expect(await service.handle('accounts.list', {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'gone', serverText: 'NO [NONEXISTENT]' } });
  });

  it('turns an unexpected exception into INTERNAL without its text', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { service } = serviceWith({
      'accounts.list': async () => {
        throw new TypeError('cannot read x of undefined');
      },
    });
    const result = await service.handle('accounts.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('cannot read');
    spy.mockRestore();
  });
});
