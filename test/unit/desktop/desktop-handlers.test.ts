import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requests } from '../../../app/contract';
import { isProgramFile, safeFileName } from '../../../app/domain/attachment-risk';
import { writeForOpening, writeUnique } from '../../../main/desktop/attachment-files';
import type { DesktopShell } from '../../../main/desktop/desktop-shell';
import { composerWindows } from '../../../main/desktop/composer-windows';
import { openerCommand } from '../../../main/desktop/system-opener';
import { desktopHandlers } from '../../../main/service/handlers/desktop';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'postbote-desktop-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

function recordingShell(answers: { savePath?: string; folder?: string } = {}) {
  const opened: string[] = [];
  const links: string[] = [];
  const shell: DesktopShell = {
    capabilities: { saveDialog: true },
    openPath: async (file) => void opened.push(file),
    openExternal: async (url) => void links.push(url),
    chooseSavePath: async () => answers.savePath,
    chooseFolder: async () => answers.folder,
  };
  return { shell, opened, links };
}

describe('attachment file names and risks', () => {
  it('keeps names to one safe file name on every system', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('report: Q1?.pdf')).toBe('report_ Q1_.pdf');
    expect(safeFileName('  ...  ')).toBe('attachment');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName(`${'x'.repeat(300)}.pdf`)).toMatch(/^x{251}\.pdf$/);
  });

  it('knows programs by name and by type, and documents are not programs', () => {
    expect(isProgramFile('invoice.pdf.exe')).toBe(true);
    expect(isProgramFile('setup', 'application/x-msdownload')).toBe(true);
    expect(isProgramFile('photo.jpg', 'image/jpeg', 'application/x-dosexec')).toBe(true);
    expect(isProgramFile('letter.pdf', 'application/pdf')).toBe(false);
    expect(isProgramFile('notes.txt')).toBe(false);
  });

  it('opens through the system opener without a shell, per platform', () => {
    expect(openerCommand('linux', '/tmp/a b.pdf')).toEqual({ command: 'xdg-open', args: ['/tmp/a b.pdf'] });
    expect(openerCommand('darwin', 'https://example.org/?a=1&b=2')).toEqual({ command: 'open', args: ['https://example.org/?a=1&b=2'] });
    expect(openerCommand('win32', 'https://example.org/?a=1&b=2').args).toEqual(['url.dll,FileProtocolHandler', 'https://example.org/?a=1&b=2']);
  });
});

describe('files written for the user', () => {
  it('writes an attachment to open into a private folder, read-only', async () => {
    const file = await writeForOpening('../evil name.txt', new Uint8Array([104, 105]), dir);
    expect(path.dirname(path.dirname(file))).toBe(dir);
    expect(path.basename(file)).toBe('_evil name.txt');
    expect(await readFile(file, 'utf8')).toBe('hi');
    expect((await stat(file)).mode & 0o777).toBe(0o400);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
  });

  it('never overwrites when saving several files into one folder', async () => {
    await writeFile(path.join(dir, 'a.txt'), 'old');
    const first = await writeUnique(dir, 'a.txt', new Uint8Array([1]));
    const second = await writeUnique(dir, 'a.txt', new Uint8Array([2]));
    expect([path.basename(first), path.basename(second)]).toEqual(['a (2).txt', 'a (3).txt']);
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('old');
  });
});

describe('desktop requests', () => {
  it('opens a document with the system app, but a program only after the user confirmed it', async () => {
    const { shell, opened } = recordingShell();
    const handlers = desktopHandlers(shell);
    await handlers['desktop.openAttachment']({ filename: 'letter.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80]) });
    expect(opened).toHaveLength(1);
    expect(await readFile(opened[0]!)).toEqual(Buffer.from([37, 80]));
    await expect(handlers['desktop.openAttachment']({ filename: 'tool.exe', content: new Uint8Array([77, 90]) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(opened).toHaveLength(1);
    await handlers['desktop.openAttachment']({ filename: 'tool.exe', content: new Uint8Array([77, 90]), confirmedProgram: true });
    expect(opened).toHaveLength(2);
    // A program in disguise is known by its first bytes.
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1]);
    await expect(handlers['desktop.openAttachment']({ filename: 'holiday.jpg', contentType: 'image/jpeg', content: elf })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(opened).toHaveLength(2);
    await Promise.all(opened.map((file) => rm(path.dirname(file), { recursive: true, force: true })));
  });

  it('saves where the dialog says, and nothing when the user cancels', async () => {
    const target = path.join(dir, 'saved.bin');
    expect(await desktopHandlers(recordingShell({ savePath: target }).shell)['desktop.saveFile']({ suggestedName: 'x.bin', content: new Uint8Array([9]) })).toEqual({ saved: true, path: target });
    expect(await readFile(target)).toEqual(Buffer.from([9]));
    expect(await desktopHandlers(recordingShell().shell)['desktop.saveFile']({ suggestedName: 'x.bin', content: new Uint8Array([9]) })).toEqual({ saved: false });
    const all = await desktopHandlers(recordingShell({ folder: dir }).shell)['desktop.saveFiles']({
      files: [
        { name: 'a.txt', content: new Uint8Array([1]) },
        { name: 'a.txt', content: new Uint8Array([2]) },
      ],
    });
    expect(all).toEqual({ saved: 2, folder: dir });
    expect((await readdir(dir)).sort()).toEqual(['a (2).txt', 'a.txt', 'saved.bin']);
  });

  it('has no save dialogs in browser mode and says so', async () => {
    const shell: DesktopShell = { capabilities: { saveDialog: false }, openPath: async () => undefined, openExternal: async () => undefined };
    await expect(desktopHandlers(shell)['desktop.saveFile']({ suggestedName: 'x', content: new Uint8Array() })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('opens only web and mail links: the schema refuses file:, javascript: and custom schemes', () => {
    const schema = requests['desktop.openExternal'].input;
    for (const url of ['https://example.org/a', 'http://example.org', 'mailto:ann@example.org']) expect(schema.safeParse({ url }).success).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'ms-msdt:/id', 'not a url']) expect(schema.safeParse({ url }).success).toBe(false);
  });
});

describe('desktop.openComposer', () => {
  it('asks the shell for a composer window for the draft; without one (browser mode) nothing opens', async () => {
    const asked: string[] = [];
    const { shell } = recordingShell();
    const desktop: DesktopShell = { ...shell, capabilities: { saveDialog: true, composerWindow: true }, openComposer: (draftId) => (asked.push(draftId), true) };
    expect(await desktopHandlers(desktop)['desktop.openComposer']({ draftId: 'draft-1' })).toEqual({ opened: true });
    expect(asked).toEqual(['draft-1']);
    expect(await desktopHandlers(shell)['desktop.openComposer']({ draftId: 'draft-1' })).toEqual({ opened: false });
  });

  it('takes only a draft id: nothing that could change the window’s address', () => {
    const schema = requests['desktop.openComposer'].input;
    expect(schema.safeParse({ draftId: '0b6c2c4e-1f7a-4a55-9d0e-3f1f2b7c9a10' }).success).toBe(true);
    for (const draftId of ['', '../x', 'a#token=1', 'a&compose=b', 'https://evil.example/', 'x'.repeat(200)]) expect(schema.safeParse({ draftId }).success, draftId).toBe(false);
  });
});

describe('the desktop app’s composer windows', () => {
  function fakeWindows() {
    const made: { draftId: string; focused: number; destroyed: boolean; close(): void }[] = [];
    const wired: string[] = [];
    const windows = composerWindows({
      create: (draftId) => {
        if (draftId === 'broken') throw new Error('no display');
        let closed: () => void = () => undefined;
        const window = {
          draftId,
          focused: 0,
          destroyed: false,
          focus: () => void window.focused++,
          isDestroyed: () => window.destroyed,
          once: (_event: 'closed', listener: () => void) => void (closed = listener),
          close: () => {
            window.destroyed = true;
            closed();
          },
        };
        made.push(window);
        return window;
      },
      wire: (window) => {
        wired.push(window.draftId);
        return () => wired.splice(wired.indexOf(window.draftId), 1);
      },
    });
    return { windows, made, wired };
  }

  it('one window per draft: asked again, the open one comes to the front; each is wired to main while it lives', () => {
    const { windows, made, wired } = fakeWindows();
    expect(windows.open('d1')).toBe(true);
    expect(windows.open('d1')).toBe(true);
    expect(made).toHaveLength(1);
    expect(made[0]!.focused).toBe(1);
    expect(wired).toEqual(['d1']);
    made[0]!.close();
    expect(wired).toEqual([]);
    expect(windows.count()).toBe(0);
    // Closed, the draft gets a new window when asked again.
    expect(windows.open('d1')).toBe(true);
    expect(made).toHaveLength(2);
  });

  it('a window that cannot be made is reported, and the composer stays docked', () => {
    const { windows, wired } = fakeWindows();
    expect(windows.open('broken')).toBe(false);
    expect(wired).toEqual([]);
    expect(windows.count()).toBe(0);
  });
});
