import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireResult } from '../../../app/wire';
import { answerRequest, serveRequests } from '../../../main/service/answer-request';
import { createPortTransport, type RequestPortEnd } from '../../../renderer/api/port-transport';

/** A service as the port sees it: `app.info` answers, `boom` throws, anything else is unknown. */
const service = {
  handle: async (name: unknown): Promise<WireResult> => {
    if (name === 'app.info') return { ok: true, value: { name: 'Postbote' } };
    if (name === 'boom') throw new Error('a handler bug');
    return { ok: false, error: { code: 'UNKNOWN_REQUEST', message: 'There is no such request.' } };
  },
};

let channel: MessageChannel;
afterEach(() => {
  channel?.port1.close();
  channel?.port2.close();
});

describe('requests on a worker’s port to main (the desktop app’s line for the sync worker)', () => {
  it('are answered in any order they finish, each by its id', async () => {
    channel = new MessageChannel();
    serveRequests({ onMessage: (listener) => channel.port1.on('message', listener), post: (answer) => channel.port1.postMessage(answer) }, service);
    const transport = createPortTransport(channel.port2 as unknown as RequestPortEnd);
    const [info, unknown, bug] = await Promise.all([transport.invoke('app.info', {}), transport.invoke('nope', {}), transport.invoke('boom', {})]);
    expect(info).toEqual({ ok: true, value: { name: 'Postbote' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
    // A handler that throws still answers, in words a user can read.
    expect(bug).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('went wrong inside Postbote') } });
  });

  it('refuse what is not a request, tied to its id when it had one', async () => {
    expect(await answerRequest(service, 'hello')).toMatchObject({ id: -1, result: { ok: false, error: { code: 'INVALID_INPUT' } } });
    expect(await answerRequest(service, { kind: 'request', id: 7 })).toMatchObject({ id: 7, result: { ok: false, error: { code: 'INVALID_INPUT' } } });
    expect(await answerRequest(service, { kind: 'request', id: 1.5, name: 'app.info' })).toMatchObject({ id: -1, result: { ok: false } });
    expect(await answerRequest(service, { kind: 'request', id: 3, name: 'app.info', input: {} })).toEqual({ kind: 'response', id: 3, result: { ok: true, value: { name: 'Postbote' } } });
  });
});
