import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PostboteError } from '../../app/errors';
import { fsyncDir } from './fsync-dir';
import { DirectoryListing } from './maildir-listing';

/**
 * A Maildir++ tree (the layout Courier, Dovecot, mutt and mbsync read as is): the root's own
 * cur/new/tmp is the INBOX, every other folder is a directory `.<name>` beside them holding its own
 * cur/new/tmp and an empty `maildirfolder` file. Hierarchy uses '.' in the directory name.
 *
 * A message is one file. Its name is `<unique>:2,<flags>`; the unique part never changes and is the
 * message's id here, the flags (D F P R S T, sorted) change by renaming. Writes go to tmp/, are
 * fsynced, renamed into cur/, and the directory is fsynced, so after a crash a message either is
 * whole in cur/ or is not there at all.
 */

export const INBOX = 'INBOX';

/** Maildir info flags, in the order they must appear in a file name. */
export const MAILDIR_FLAGS = ['D', 'F', 'P', 'R', 'S', 'T'] as const;
export type MaildirFlag = (typeof MAILDIR_FLAGS)[number];

export interface MaildirEntry {
  /** The unique part of the file name: stable across flag changes and moves. */
  id: string;
  flags: MaildirFlag[];
  size: number;
  /** When the file was delivered here (ms; its mtime). */
  mtime: number;
}

export interface WrittenMessage {
  id: string;
  file: string;
}

const hostname = os.hostname().replace(/\//g, '\\057').replace(/:/g, '\\072');
let counter = 0;

/** A unique part in the usual `<seconds>.M<micro>P<pid>Q<counter>.<host>` form. */
export function uniqueName(now = Date.now()): string {
  const seconds = Math.floor(now / 1000);
  const micro = (now % 1000) * 1000 + (counter % 1000);
  return `${seconds}.M${micro}P${process.pid}Q${++counter}.${hostname}`;
}

export function flagSuffix(flags: Iterable<MaildirFlag>): string {
  const set = new Set(flags);
  return ':2,' + MAILDIR_FLAGS.filter((f) => set.has(f)).join('');
}

export function parseFileName(name: string): { id: string; flags: MaildirFlag[] } {
  const colon = name.indexOf(':2,');
  if (colon < 0) return { id: name, flags: [] };
  const info = name.slice(colon + 3);
  return { id: name.slice(0, colon), flags: MAILDIR_FLAGS.filter((f) => info.includes(f)) };
}

/** Folder names are the user's; '/' and leading dots would escape the tree or break Maildir++. */
export function checkFolderName(name: string): void {
  if (name === INBOX) return;
  if (!name || name.length > 200 || name.includes('/') || name.includes('\0') || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    throw new PostboteError({ code: 'INVALID_INPUT', message: `"${name}" cannot be a folder name here.` });
  }
}

export function checkMessageId(id: string): void {
  if (!id || id.includes('/') || id.includes(':') || id.startsWith('.') || id.length > 255) {
    throw new PostboteError({ code: 'INVALID_INPUT', message: 'Not a message of this folder.' });
  }
}

async function writeDurable(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Points where a test may stop the store, to show what a crash there leaves behind. */
export type MaildirFaultPoint = 'mid-fsync' | 'after-tmp-write' | 'mid-rename' | 'before-dir-fsync';

/** One Maildir++ tree on disk. Callers serialize writers per tree (main is its only writer). */
export class Maildir {
  /** The listings of cur/ and new/ by message id, per folder: looked up by id without reading the folder again. */
  private readonly listings = new Map<string, DirectoryListing>();

  constructor(readonly root: string) {}

  private listing(folder: string, sub: 'cur' | 'new'): DirectoryListing {
    const dir = path.join(this.folderDir(folder), sub);
    let listing = this.listings.get(dir);
    if (!listing) {
      listing = new DirectoryListing(dir, (name) => parseFileName(name).id);
      this.listings.set(dir, listing);
    }
    return listing;
  }

  /**
   * Finds message files by id for one request: a stat of cur/ and new/, their listings read again
   * only when they changed, then each lookup is a map access — a page of 200 ids costs 200 lookups,
   * not a listing of the folder.
   */
  private async finder(folder: string): Promise<(id: string) => string | undefined> {
    const cur = this.listing(folder, 'cur');
    const fresh = this.listing(folder, 'new');
    const [inCur, inNew] = await Promise.all([cur.names(), fresh.names()]);
    return (id) => {
      const name = inCur.get(id);
      if (name) return cur.pathOf(name);
      const delivered = inNew.get(id);
      return delivered ? fresh.pathOf(delivered) : undefined;
    };
  }

  /** Reads a listed file; should it have been renamed behind the listing's back, the folder is looked at anew once. */
  private async readById(folder: string, id: string, find: (id: string) => string | undefined): Promise<Buffer | undefined> {
    const file = find(id);
    if (file) {
      const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (bytes) return bytes;
    }
    this.listing(folder, 'cur').forget();
    this.listing(folder, 'new').forget();
    const again = (await this.finder(folder))(id);
    return again ? fs.readFile(again) : undefined;
  }

  folderDir(folder: string): string {
    checkFolderName(folder);
    return folder === INBOX ? this.root : path.join(this.root, `.${folder}`);
  }

  /** Creates the tree's INBOX and the given folder (idempotent). */
  async ensure(folder = INBOX): Promise<void> {
    const dir = this.folderDir(folder);
    const existed = await fs.stat(path.join(dir, 'cur')).then(
      () => true,
      () => false,
    );
    if (existed) return;
    if (folder !== INBOX) await this.ensure(INBOX);
    await Promise.all(['cur', 'new', 'tmp'].map((sub) => fs.mkdir(path.join(dir, sub), { recursive: true, mode: 0o700 })));
    if (folder !== INBOX) await fs.writeFile(path.join(dir, 'maildirfolder'), '', { mode: 0o600 });
    await fsyncDir(dir);
    await fsyncDir(path.dirname(dir));
  }

  async folders(): Promise<string[]> {
    const names = await fs.readdir(this.root).catch(() => [] as string[]);
    const folders = names.filter((n) => n.startsWith('.') && n.length > 1 && n !== '..').map((n) => n.slice(1));
    const exists = await Promise.all(folders.map((f) => fs.stat(path.join(this.root, `.${f}`, 'cur')).then(() => true, () => false)));
    return [INBOX, ...folders.filter((_, i) => exists[i]).sort()];
  }

  async createFolder(folder: string): Promise<void> {
    await this.ensure(folder);
  }

  /** Removes an empty folder. */
  async deleteFolder(folder: string): Promise<void> {
    if (folder === INBOX) throw new PostboteError({ code: 'INVALID_INPUT', message: 'The Inbox cannot be deleted.' });
    const dir = this.folderDir(folder);
    if ((await this.list(folder)).length) throw new PostboteError({ code: 'INVALID_INPUT', message: `"${folder}" still holds messages.` });
    await fs.rm(dir, { recursive: true, force: true });
    await fsyncDir(this.root);
  }

  async renameFolder(from: string, to: string): Promise<void> {
    if (from === INBOX || to === INBOX) throw new PostboteError({ code: 'INVALID_INPUT', message: 'The Inbox cannot be renamed.' });
    await fs.rename(this.folderDir(from), this.folderDir(to));
    await fsyncDir(this.root);
  }

  /** Every message of a folder, new/ and cur/ both (mail another tool delivered lands in new/), oldest first. */
  async list(folder = INBOX): Promise<MaildirEntry[]> {
    const entries: MaildirEntry[] = [];
    for (const sub of ['cur', 'new'] as const) {
      for (const { name, size, mtime } of await this.listing(folder, sub).files()) {
        const { id, flags } = parseFileName(name);
        entries.push({ id, flags, size, mtime });
      }
    }
    return entries.sort((a, b) => a.mtime - b.mtime || (a.id < b.id ? -1 : 1));
  }

  /** Where each message of a folder is now: id → path, from the listings of cur/ and new/. */
  async paths(folder: string): Promise<Map<string, string>> {
    const paths = new Map<string, string>();
    for (const sub of ['new', 'cur'] as const) {
      const listing = this.listing(folder, sub);
      for (const [id, name] of await listing.names()) paths.set(id, listing.pathOf(name));
    }
    return paths;
  }

  /** The path of a message's file now, or undefined. */
  async locate(folder: string, id: string): Promise<string | undefined> {
    checkMessageId(id);
    return (await this.finder(folder))(id);
  }

  /** Several messages' bytes, each found by id in the folder's listing. */
  async readMany(folder: string, ids: readonly string[]): Promise<{ id: string; raw: Buffer }[]> {
    const find = await this.finder(folder);
    return Promise.all(
      ids.map(async (id) => {
        checkMessageId(id);
        const raw = await this.readById(folder, id, find);
        if (!raw) throw new PostboteError({ code: 'NOT_FOUND', message: 'That message is no longer in this folder.', details: { folder, id } });
        return { id, raw };
      }),
    );
  }

  /** The entries of these messages only (a lookup each, and a stat for a file not seen before). */
  async entries(folder: string, ids: readonly string[]): Promise<MaildirEntry[]> {
    const cur = this.listing(folder, 'cur');
    const fresh = this.listing(folder, 'new');
    const [inCur, inNew] = await Promise.all([cur.names(), fresh.names()]);
    const found = await Promise.all(
      ids.map(async (id) => {
        const listing = inCur.has(id) ? cur : inNew.has(id) ? fresh : undefined;
        const name = (listing === cur ? inCur : inNew).get(id);
        const facts = listing && name ? await listing.factsOf(name) : undefined;
        return facts && name ? { id, flags: parseFileName(name).flags, ...facts } : undefined;
      }),
    );
    return found.filter((entry): entry is MaildirEntry => entry !== undefined);
  }

  private async mustLocate(folder: string, id: string): Promise<string> {
    const file = await this.locate(folder, id);
    if (!file) throw new PostboteError({ code: 'NOT_FOUND', message: 'That message is no longer in this folder.', details: { folder, id } });
    return file;
  }

  async read(folder: string, id: string): Promise<Buffer> {
    return fs.readFile(await this.mustLocate(folder, id));
  }

  /**
   * Stores messages durably in a folder: each written to tmp/ and fsynced (in parallel, so the disk
   * journal commits them together), then all renamed into cur/, then cur/ fsynced once.
   * Returns their ids, in order.
   */
  async append(folder: string, messages: readonly { raw: Uint8Array; flags?: readonly MaildirFlag[]; id?: string }[], fault?: (point: MaildirFaultPoint) => void): Promise<WrittenMessage[]> {
    if (!messages.length) return [];
    await this.ensure(folder);
    const dir = this.folderDir(folder);
    const now = Date.now();
    const written = messages.map((message) => {
      const id = message.id ?? uniqueName(now);
      checkMessageId(id);
      const name = `${id}${flagSuffix(message.flags ?? [])}`;
      return { id, tmp: path.join(dir, 'tmp', id), file: path.join(dir, 'cur', name), raw: message.raw };
    });
    let durable = 0;
    await inParallel(written, 16, async (w) => {
      await writeDurable(w.tmp, w.raw);
      if (++durable === Math.ceil(written.length / 2)) fault?.('mid-fsync');
    });
    fault?.('after-tmp-write');
    for (let i = 0; i < written.length; i++) {
      if (i === Math.floor(written.length / 2)) fault?.('mid-rename');
      await fs.rename(written[i]!.tmp, written[i]!.file);
    }
    fault?.('before-dir-fsync');
    await fsyncDir(path.join(dir, 'cur'));
    return written.map(({ id, file }) => ({ id, file }));
  }

  /**
   * Replaces a message's bytes in place, atomically: the new bytes are written to tmp/ and fsynced,
   * given the old file's date (the list is ordered by it), then renamed over the old file's name —
   * same id, same flags, same folder; a reader sees the old file or the new one, never neither or
   * both. Callers hold the tree's writer lock, so no flag change renames the file meanwhile.
   */
  async replace(folder: string, id: string, raw: Uint8Array): Promise<string> {
    const file = await this.mustLocate(folder, id);
    const stat = await fs.stat(file);
    const tmp = path.join(this.folderDir(folder), 'tmp', `${id}.replacing`);
    await fs.rm(tmp, { force: true }); // a leftover of a crash before the rename
    await writeDurable(tmp, raw);
    await fs.utimes(tmp, stat.atime, stat.mtime);
    await fs.rename(tmp, file);
    this.listing(folder, path.basename(path.dirname(file)) === 'new' ? 'new' : 'cur').forgetFacts(path.basename(file));
    await fsyncDir(path.dirname(file));
    return file;
  }

  /** The folder of the tree holding a message, INBOX first, or undefined. */
  async folderOf(id: string): Promise<string | undefined> {
    for (const folder of await this.folders()) if (await this.locate(folder, id)) return folder;
    return undefined;
  }

  /** Sets and clears flags: a rename within the folder (new/ mail moves to cur/ on the way). */
  async setFlags(folder: string, ids: readonly string[], add: readonly MaildirFlag[], remove: readonly MaildirFlag[]): Promise<number> {
    const dir = this.folderDir(folder);
    const find = await this.finder(folder);
    let changed = 0;
    for (const id of ids) {
      checkMessageId(id);
      const file = find(id);
      if (!file) continue;
      const flags = new Set(parseFileName(path.basename(file)).flags);
      for (const f of add) flags.add(f);
      for (const f of remove) flags.delete(f);
      const target = path.join(dir, 'cur', `${id}${flagSuffix(flags)}`);
      if (target !== file) {
        await fs.rename(file, target);
        changed++;
      }
    }
    if (changed) await fsyncDir(path.join(dir, 'cur'));
    return changed;
  }

  /** Moves messages to another folder of the same tree: one rename each, the name and flags kept. */
  async move(from: string, to: string, ids: readonly string[]): Promise<string[]> {
    await this.ensure(to);
    const target = path.join(this.folderDir(to), 'cur');
    const moved: string[] = [];
    const find = await this.finder(from);
    for (const id of ids) {
      checkMessageId(id);
      const file = find(id);
      if (!file) continue;
      const name = path.basename(file);
      await fs.rename(file, path.join(target, name.includes(':2,') ? name : `${name}:2,`));
      moved.push(id);
    }
    if (moved.length) {
      await fsyncDir(target);
      await fsyncDir(path.join(this.folderDir(from), 'cur'));
    }
    return moved;
  }

  /** Deletes message files for good (moving to Trash is `move`). */
  async remove(folder: string, ids: readonly string[]): Promise<string[]> {
    const removed: string[] = [];
    const find = await this.finder(folder);
    for (const id of ids) {
      checkMessageId(id);
      const file = find(id);
      if (!file) continue;
      await fs.unlink(file);
      removed.push(id);
    }
    if (removed.length) await fsyncDir(path.join(this.folderDir(folder), 'cur'));
    return removed;
  }

  /** Removes leftovers in tmp/ (a crash between write and rename); the Maildir rule is 36 hours, ours also knows its own names. */
  async cleanTmp(folder = INBOX, olderThanMs = 36 * 3600_000, ids: readonly string[] = []): Promise<void> {
    const tmp = path.join(this.folderDir(folder), 'tmp');
    const names = await fs.readdir(tmp).catch(() => [] as string[]);
    const own = new Set(ids);
    const now = Date.now();
    for (const name of names) {
      const stat = await fs.stat(path.join(tmp, name)).catch(() => undefined);
      if (stat && (own.has(name) || now - stat.mtimeMs > olderThanMs)) await fs.unlink(path.join(tmp, name)).catch(() => undefined);
    }
  }

  /** Bytes and files under the tree. */
  async usage(): Promise<{ bytes: number; messages: number }> {
    let bytes = 0;
    let messages = 0;
    for (const folder of await this.folders()) {
      for (const entry of await this.list(folder)) {
        bytes += entry.size;
        messages++;
      }
    }
    return { bytes, messages };
  }
}

/** Runs `work` over items with at most `limit` at a time; the first failure is thrown after all settle. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure;
}
