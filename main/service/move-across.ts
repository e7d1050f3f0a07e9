import type { MoveAcrossResult } from '../../app/contract/local-mail';
import { imapFlags, maildirFlags } from '../../app/domain/maildir-flags';
import { succeeded } from '../imap/command-outcome';
import type { ImapEngine } from '../imap/engine';
import { fetchSources } from '../imap/fetch-sources';
import { expungeMessages } from '../imap/message-ops';
import type { MailStore } from '../store/mail-store';
import type { EventBus } from './event-bus';

export type Place = { kind: 'imap'; accountId: string; path: string } | { kind: 'local'; store: string; folder: string };
export type Source = (Place & { kind: 'imap'; messages: { uid: number; flags: string[] }[] }) | (Place & { kind: 'local'; ids: string[] });

export interface MoveAcrossDeps {
  imap: ImapEngine;
  store: MailStore;
  events: EventBus;
}

/** A message on its way: its key in the source (UID or Maildir id), bytes and IMAP flags. */
interface Item {
  key: number | string;
  raw: Uint8Array;
  flags: string[];
}

/** Small enough that a cut costs little work again; large enough for few round trips. */
const BATCH = 100;

/** Flags that describe one session or a deletion, never carried to the copy. */
const carried = (flags: readonly string[]) => flags.filter((flag) => flag !== '\\Recent' && flag !== '\\Deleted');

async function read(deps: MoveAcrossDeps, from: Source, keys: readonly (number | string)[]): Promise<{ items: Item[]; missing: number }> {
  if (from.kind === 'imap') {
    const flagsOf = new Map(from.messages.map((m) => [m.uid, m.flags]));
    const batch = await deps.imap.connection(from.accountId).run((client) => fetchSources(client, from.path, keys as number[]));
    return { items: batch.messages.map((m) => ({ key: m.uid, raw: m.raw, flags: carried(flagsOf.get(m.uid) ?? []) })), missing: batch.missing.length };
  }
  const tree = deps.store.tree(from.store);
  const entries = new Map((await tree.entries(from.folder, keys as string[])).map((entry) => [entry.id, entry]));
  const read = await tree.readMany(from.folder, [...entries.keys()]);
  const items = read.map(({ id, raw }) => ({ key: id, raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), flags: carried(imapFlags(entries.get(id)?.flags ?? [])) }));
  return { items, missing: keys.length - items.length };
}

/**
 * Stores the items in the target and answers the keys of those it holds now: a Maildir append is
 * durable when it returns (fsync, rename, directory fsync); an APPEND counts once the server
 * answered OK (a NO is an error; `succeeded` also turns imapflow's false into one). When a later APPEND fails, the keys
 * stored before it come along with the error, so the caller removes exactly those from the source.
 */
async function store(deps: MoveAcrossDeps, to: Place, items: readonly Item[]): Promise<{ stored: (number | string)[]; error?: unknown }> {
  if (to.kind === 'local') {
    await deps.store.exclusive(to.store, async () => (await deps.store.open(to.store)).append(to.folder, items.map((item) => ({ raw: item.raw, flags: maildirFlags(item.flags) }))));
    deps.events.emit('local.changed', { store: to.store, folder: to.folder });
    return { stored: items.map((item) => item.key) };
  }
  const stored: (number | string)[] = [];
  try {
    for (const item of items) {
      const bytes = Buffer.from(item.raw.buffer, item.raw.byteOffset, item.raw.byteLength);
      await deps.imap.connection(to.accountId).run((client) => succeeded(client, `store the message in ${to.path}`, () => client.append(to.path, bytes, item.flags)));
      stored.push(item.key);
    }
    return { stored };
  } catch (error) {
    return { stored, error };
  }
}

async function remove(deps: MoveAcrossDeps, from: Source, keys: readonly (number | string)[]): Promise<void> {
  if (!keys.length) return;
  if (from.kind === 'imap') {
    await deps.imap.connection(from.accountId).run((client) => expungeMessages(client, from.path, keys as number[]));
    return;
  }
  await deps.store.exclusive(from.store, () => deps.store.tree(from.store).remove(from.folder, keys as string[]));
  deps.events.emit('local.changed', { store: from.store, folder: from.folder });
}

/**
 * Moves messages from one account's folder to another's, any of them IMAP or on disk, in batches:
 * read, store in the target, and only then remove from the source what the target holds. Nothing
 * is removed that is not stored; a failure stops the move with the rest still in the source.
 */
export async function moveAcross(deps: MoveAcrossDeps, from: Source, to: Place): Promise<MoveAcrossResult> {
  const keys: (number | string)[] = from.kind === 'imap' ? from.messages.map((m) => m.uid) : from.ids;
  let moved = 0;
  let missing = 0;
  for (let at = 0; at < keys.length; at += BATCH) {
    const batch = await read(deps, from, keys.slice(at, at + BATCH));
    missing += batch.missing;
    const { stored, error } = await store(deps, to, batch.items);
    await remove(deps, from, stored);
    moved += stored.length;
    if (error) throw error;
  }
  return { moved, missing };
}
