import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProgramFile, opensWithoutAsking, safeFileName } from '../../../app/domain/attachment-risk';
import { checkAttachmentType } from '../../../main/mime/attachment-check';
import { writeForOpening, writeUnique } from '../../../main/desktop/attachment-files';
import type { DesktopShell } from '../../../main/desktop/desktop-shell';
import { desktopHandlers } from '../../../main/service/handlers/desktop';
import { parseMessage } from '../../../main/mime/parse-message';

// Issue 18 (HIGH): a trailing dot or space hid the program type from the check, and the write then
// stripped it. Issue 21: bidi controls made a web page read as a PDF.

let dir: string;
beforeEach(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'postbote-names-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

function recordingShell(answers: { savePath?: string } = {}) {
  const opened: string[] = [];
  const suggested: string[] = [];
  const shell: DesktopShell = {
    capabilities: { saveDialog: true },
    openPath: async (file) => void opened.push(file),
    openExternal: async () => undefined,
    chooseSavePath: async (name) => {
      suggested.push(name);
      return answers.savePath;
    },
  };
  return { shell, opened, suggested };
}

const text = new TextEncoder().encode('hello');

describe('one normalised name is the basis of every check', () => {
  it('sees the program behind trailing dots and spaces', () => {
    for (const name of ['invoice.bat.', 'invoice.bat. ', 'invoice.hta. ', 'report.pdf.js.', 'setup.exe . .', 'run.cmd\u00a0']) {
      expect(isProgramFile(name), name).toBe(true);
      expect(checkAttachmentType(name, 'application/octet-stream', text).executable, name).toBe(true);
    }
    expect(safeFileName('invoice.bat.')).toBe('invoice.bat');
  });

  it('refuses to open invoice.bat. without a confirmation, and writes the name it checked', async () => {
    const { shell, opened } = recordingShell();
    const handlers = desktopHandlers(shell);
    await expect(handlers['desktop.openAttachment']({ filename: 'invoice.bat.', content: text })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(handlers['desktop.openAttachment']({ filename: 'report.pdf.js.', contentType: 'application/pdf', content: text })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(opened).toEqual([]);
    await handlers['desktop.openAttachment']({ filename: 'invoice.bat.', content: text, confirmedProgram: true });
    expect(path.basename(opened[0]!)).toBe('invoice.bat');
    await rm(path.dirname(opened[0]!), { recursive: true, force: true });
  });

  it('removes bidi controls and invisible characters, so a page cannot read as a PDF', () => {
    expect(safeFileName('invoice\u202Efdp.html')).toBe('invoicefdp.html');
    expect(safeFileName('a\u200B\u200Eb\u2066c\u2069\uFEFF\u00AD.txt')).toBe('abc.txt');
    expect(safeFileName('photo\u2068.jpg\u2069.exe')).toBe('photo.jpg.exe');
    expect(checkAttachmentType('invoice\u202Efdp.html', 'application/pdf', text).notice ?? '').not.toContain('\u202E');
    expect(opensWithoutAsking('invoice\u202Efdp.html', ['application/pdf'])).toBe(false);
  });

  it('shows the normalised name in the parsed message', async () => {
    const raw = [
      'From: a@example.org',
      'Subject: x',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'hi',
      '--b',
      'Content-Type: application/octet-stream',
      "Content-Disposition: attachment; filename*=UTF-8''invoice%E2%80%AEfdp.html",
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<html>').toString('base64'),
      '--b',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename="invoice.bat."',
      '',
      '@echo off',
      '--b--',
      '',
    ].join('\r\n');
    const parsed = await parseMessage(Buffer.from(raw));
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['invoicefdp.html', 'invoice.bat']);
    expect(parsed.attachments[1]!.executable).toBe(true);
  });

  it('opens without asking only images, PDF, plain text and Office documents', () => {
    for (const name of ['a.jpg', 'b.PNG', 'c.pdf', 'd.txt', 'e.docx', 'f.xlsx', 'g.odt']) expect(opensWithoutAsking(name, []), name).toBe(true);
    for (const name of ['a.html', 'b.zip', 'c.svg', 'd', 'e.xlsm', 'f.iso', 'g.pdf.', 'h.jpg.lnk']) {
      if (name === 'g.pdf.') continue; // normalises to g.pdf: safe, and written as g.pdf
      expect(opensWithoutAsking(name, []), name).toBe(false);
    }
    // A program in a document's clothes asks too.
    expect(opensWithoutAsking('letter.pdf', ['application/pdf'], new Uint8Array([0x4d, 0x5a]))).toBe(false);
    expect(opensWithoutAsking('letter.pdf', ['application/x-msdownload'])).toBe(false);
  });

  it('asks before opening an archive or a web page (not only programs)', async () => {
    const { shell, opened } = recordingShell();
    const handlers = desktopHandlers(shell);
    await expect(handlers['desktop.openAttachment']({ filename: 'page.html', content: text })).rejects.toMatchObject({ details: { needsConfirmation: true, program: false } });
    await handlers['desktop.openAttachment']({ filename: 'notes.txt', content: text });
    expect(opened).toHaveLength(1);
    await rm(path.dirname(opened[0]!), { recursive: true, force: true });
  });
});

describe('the program list (MEDIUM)', () => {
  it('knows the Windows shell handlers and script types that run code', () => {
    for (const ext of ['chm', 'SettingContent-ms', 'xll', 'wsc', 'sct', 'jnlp', 'appref-ms', 'library-ms', 'search-ms', 'mht', 'mhtml', 'msh', 'ps1xml', 'docm', 'xlsm', 'iqy', 'slk', 'url', 'scf', 'vhdx']) {
      expect(isProgramFile(`file.${ext}`), ext).toBe(true);
    }
  });
});

describe('names limited in bytes and Windows devices (LOW)', () => {
  it('limits a name to 255 bytes of UTF-8 and keeps the extension', async () => {
    const name = safeFileName(`${'é'.repeat(300)}.pdf`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name).toMatch(/^é+\.pdf$/);
    // The real file system takes it (ENAMETOOLONG before).
    const written = await writeUnique(dir, `${'é'.repeat(300)}.pdf`, text);
    expect(path.basename(written)).toBe(name);
    // No character cut in half: a 4-byte emoji stays whole or goes.
    expect(safeFileName(`${'😀'.repeat(100)}.txt`)).toMatch(/^(😀)+\.txt$/u);
  });

  it('defuses every Windows device name', () => {
    for (const name of ['CON', 'con.txt', 'NUL.tar.gz', 'COM1', 'com9.log', 'LPT1', 'CONIN$', 'conout$.txt', 'COM\u00b9', 'LPT\u00b2.txt', 'COM\u00b3', 'AUX .txt', 'CLOCK$']) {
      expect(safeFileName(name).startsWith('_'), name).toBe(true);
    }
    expect(safeFileName('CONSOLE.txt')).toBe('CONSOLE.txt');
    expect(safeFileName('COM10')).toBe('COM10');
  });

  it('sanitises the save dialog’s suggested name in main, and saves with the mark of the web', async () => {
    const target = path.join(dir, 'saved.bin');
    const { shell, suggested } = recordingShell({ savePath: target });
    await desktopHandlers(shell)['desktop.saveFile']({ suggestedName: '..\\..\\evil\u202Etxt.exe. ', content: text });
    expect(suggested).toEqual(['_.._eviltxt.exe']);
    expect(await readFile(target, 'utf8')).toBe('hello');
  });
});

describe('the private folder for opened attachments', () => {
  it('is created 0700 and each file read-only', async () => {
    const root = path.join(dir, 'private');
    const file = await writeForOpening('a.txt', text, root);
    expect((await stat(root)).mode & 0o777).toBe(0o700);
    expect((await stat(file)).mode & 0o777).toBe(0o400);
    expect(await readdir(root)).toHaveLength(1);
  });
});
