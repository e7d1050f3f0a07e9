import type { ApiClient } from '../../../app/client';

const lastSeq = async (api: ApiClient) => (await api.call('transcript.entries', { limit: 1 })).at(-1)?.seq ?? 0;

/** Waits until the engine has said nothing for `quietMs` (the app finished its own syncing), then returns the last seq. */
export async function quietSeq(api: ApiClient, quietMs = 1000): Promise<number> {
  let seq = await lastSeq(api);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = await lastSeq(api);
    if (now === seq) return seq;
    seq = now;
  }
}

/** `BENCH_TRACE=1`: each command and tagged answer of the account, in ms from `from`. */
export async function printTimeline(api: ApiClient, accountId: string, from: number): Promise<void> {
  for (const entry of await api.call('transcript.entries', { accountId, limit: 20_000 })) {
    if (entry.direction === 'client' || /^\S+ (OK|NO|BAD)/.test(entry.text)) console.error(String(entry.time - from).padStart(6), entry.direction, entry.text.slice(0, 100));
  }
}

/** When the window's first sync reached the server: the account's first SELECT or EXAMINE (the login and the folder list before it are main's own, at its start). */
export async function firstFolderCommandAt(api: ApiClient, accountId: string): Promise<number> {
  const entries = await api.call('transcript.entries', { accountId, limit: 20_000 });
  const first = entries.find((entry) => entry.direction === 'client' && /^\S+ (SELECT|EXAMINE) /.test(entry.text));
  if (!first) throw new Error('the account never opened a folder');
  return first.time;
}
