import { promises as fsp } from 'node:fs';
import { mkdtemp, rename, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INBOX, Maildir } from '../../../main/store/maildir';
import { DirectoryListing, QUIET_MS } from '../../../main/store/maildir-listing';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'postbote-listing-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Counts readdir calls per directory from here on. */
function countReaddir(): Map<string, number> {
  const counts = new Map<string, number>();
  const original = fsp.readdir.bind(fsp);
  vi.spyOn(fsp, 'readdir').mockImplementation(((target: string, ...rest: unknown[]) => {
    counts.set(String(target), (counts.get(String(target)) ?? 0) + 1);
    return (original as (...args: unknown[]) => unknown)(target, ...rest);
  }) as typeof fsp.readdir);
  return counts;
}

/** Makes a directory look quiet: its last change long enough ago to be trusted. */
const settle = (target: string) => utimes(target, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

describe('DirectoryListing', () => {
  it('reads a directory again while its last change is recent (the same clock tick could hide another), and trusts it once quiet', async () => {
    await writeFile(path.join(dir, 'a:2,S'), 'x');
    let now = Date.now();
    const listing = new DirectoryListing(dir, (name) => name.split(':')[0]!, () => now);
    const counts = countReaddir();
    expect([...(await listing.names()).keys()]).toEqual(['a']);
    await listing.names();
    expect(counts.get(dir)).toBe(2);
    now += QUIET_MS + 1000;
    await listing.names();
    await listing.names();
    await listing.names();
    expect(counts.get(dir)).toBe(3);
  });

  it('sees every change made by anyone: a new file, a rename, a removal', async () => {
    await writeFile(path.join(dir, 'a:2,'), 'x');
    await settle(dir);
    const listing = new DirectoryListing(dir, (name) => name.split(':')[0]!);
    expect(await listing.names()).toEqual(new Map([['a', 'a:2,']]));
    await rename(path.join(dir, 'a:2,'), path.join(dir, 'a:2,FS'));
    await writeFile(path.join(dir, 'b:2,'), 'y');
    expect(await listing.names()).toEqual(new Map([['a', 'a:2,FS'], ['b', 'b:2,']]));
    await rm(path.join(dir, 'a:2,FS'));
    expect(await listing.names()).toEqual(new Map([['b', 'b:2,']]));
  });
});

describe('Maildir lookups by id', () => {
  it('pages through a folder of 3,000 messages reading its directory once, not once per page, and still sees what another program changes', async () => {
    const tree = new Maildir(path.join(dir, 'acc'));
    await tree.ensure(INBOX);
    const cur = path.join(tree.root, 'cur');
    const ids = Array.from({ length: 3000 }, (_, i) => `1700000000.M${i}P1.host`);
    // Delivered by another program, straight into cur/.
    for (let i = 0; i < ids.length; i += 500) await Promise.all(ids.slice(i, i + 500).map((id, k) => writeFile(path.join(cur, `${id}:2,${(i + k) % 3 ? '' : 'S'}`), `Subject: ${id}\r\n\r\nbody\r\n`)));
    await settle(cur);
    await settle(path.join(tree.root, 'new'));
    const counts = countReaddir();
    for (let at = 0; at < ids.length; at += 200) {
      const page = ids.slice(at, at + 200);
      const [entries, read] = await Promise.all([tree.entries(INBOX, page), tree.readMany(INBOX, page)]);
      expect(entries.map((e) => e.id)).toEqual(page);
      expect(entries.map((e) => e.flags)).toEqual(page.map((_, k) => ((at + k) % 3 ? [] : ['S'])));
      expect(read.map((m) => m.raw.toString())).toEqual(page.map((id) => `Subject: ${id}\r\n\r\nbody\r\n`));
    }
    expect(counts.get(cur)).toBe(1);

    // mutt marks one read (a rename) and a delivery agent drops one into new/: both seen at once.
    await rename(path.join(cur, `${ids[1]}:2,`), path.join(cur, `${ids[1]}:2,S`));
    const delivered = path.join(tree.root, 'new', '1800000000.M1P2.other');
    await writeFile(delivered, 'Subject: new\r\n\r\n');
    expect((await tree.entries(INBOX, [ids[1]!]))[0]?.flags).toEqual(['S']);
    expect(await tree.locate(INBOX, '1800000000.M1P2.other')).toBe(delivered);
    // Our own flag change is a rename too, and the next lookup follows it.
    await tree.setFlags(INBOX, [ids[2]!], ['F'], []);
    expect((await tree.entries(INBOX, [ids[2]!]))[0]?.flags).toEqual(['F']);
    expect((await tree.readMany(INBOX, [ids[2]!]))[0]?.raw.toString()).toBe(`Subject: ${ids[2]}\r\n\r\nbody\r\n`);
  });
});
