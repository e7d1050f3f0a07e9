import { describe, expect, it, vi } from 'vitest';
import { IPC_WORKER_PORT_CHANNEL, type PreloadApi } from '../../../app/preload-api';
import { openWorkerPort, type MessageTarget } from '../../../renderer/api/worker-port';

/** The page's window as the preload's message reaches it: an event with data, source and ports. */
function pageWindow() {
  const target = new EventTarget();
  const deliver = (data: unknown, source: unknown, ports: unknown[]) => {
    const event = new Event('message');
    Object.defineProperties(event, { data: { value: data }, source: { value: source }, ports: { value: ports } });
    target.dispatchEvent(event);
  };
  return { target: target as unknown as MessageTarget, deliver };
}

const preloadThat = (answer: () => void): PreloadApi => ({ invoke: async () => ({ ok: true, value: undefined }), onEvent: () => () => undefined, openWorkerPort: answer });

describe('a worker’s port from main, in the desktop app', () => {
  it('is the port the preload posts to this window under the channel’s name; other messages are not it', async () => {
    const page = pageWindow();
    const port = { postMessage: () => undefined, onmessage: null };
    const opened = openWorkerPort(
      preloadThat(() => {
        page.deliver('something else', page.target, [{}]);
        page.deliver(IPC_WORKER_PORT_CHANNEL, {}, [{}]); // from another window or frame
        page.deliver(IPC_WORKER_PORT_CHANNEL, page.target, [port]);
      }),
      page.target,
    );
    expect(await opened).toBe(port);
  });

  it('is undefined when main never answers, so the worker relays through the window', async () => {
    vi.useFakeTimers();
    try {
      const page = pageWindow();
      const opened = openWorkerPort(preloadThat(() => undefined), page.target);
      await vi.advanceTimersByTimeAsync(5000);
      expect(await opened).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
