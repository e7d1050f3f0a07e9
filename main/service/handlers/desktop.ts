import { parseMailto } from '../../../app/mailto';
import { isProgramFile, looksLikeProgram, opensWithoutAsking } from '../../../app/domain/attachment-risk';
import { normaliseExternalUrl } from '../../../app/domain/external-url';
import { normaliseFileName } from '../../../app/domain/file-name';
import { PostboteError } from '../../../app/errors';
import { writeForOpening, writeSaved, writeUnique } from '../../desktop/attachment-files';
import type { DesktopShell } from '../../desktop/desktop-shell';
import { EventBus } from '../event-bus';
import type { Handlers } from '../service';

type DesktopRequest =
  | 'desktop.capabilities'
  | 'desktop.openAttachment'
  | 'desktop.openExternal'
  | 'desktop.saveFile'
  | 'desktop.saveFiles'
  | 'desktop.notify'
  | 'desktop.setUnreadCount'
  | 'desktop.setLoginItem'
  | 'desktop.loginItem'
  | 'desktop.openComposer'
  | 'desktop.compose';

/** File system failures in words; the system's own text goes along as the detail. */
async function writing<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PostboteError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'Postbote may not write there' : code === 'ENOSPC' ? 'the disk is full' : 'the system refused';
    throw new PostboteError({ code: 'INTERNAL', message: `${what} failed: ${why}.`, serverText: error instanceof Error ? error.message : String(error) }, { cause: error });
  }
}

const noDialogs = () =>
  new PostboteError({ code: 'INVALID_INPUT', message: 'Saving with a dialog works in the desktop app only; in the browser, attachments are saved as downloads.' });

/** Opens a composer for a mailto: link in every window: the link is parsed here, once, by RFC 6068. */
export function composeMailto(events: EventBus, url: string): void {
  const fields = parseMailto(url);
  if (!fields) throw new PostboteError({ code: 'INVALID_INPUT', message: 'That is not a mailto: link.' });
  events.emit('desktop.compose', { url, fields });
}

export function desktopHandlers(shell: DesktopShell, events: EventBus = new EventBus()): Pick<Handlers, DesktopRequest> {
  return {
    'desktop.capabilities': async () => shell.capabilities,
    'desktop.openAttachment': async ({ filename: raw, contentType, content, confirmedProgram }) => {
      // Normalise first, then check, then write: the name judged is the name written.
      const filename = normaliseFileName(raw);
      if (!opensWithoutAsking(filename, [contentType], content) && !confirmedProgram) {
        const program = isProgramFile(filename, contentType) || looksLikeProgram(content);
        throw new PostboteError({
          code: 'INVALID_INPUT',
          message: program
            ? `${filename} is a program. Postbote opens programs from mail only after you confirmed it.`
            : `${filename} is not a picture, PDF, text or Office document. Postbote opens other files from mail only after you confirmed it.`,
          details: { needsConfirmation: true, program },
        });
      }
      const file = await writing(`Opening ${filename}`, () => writeForOpening(filename, content));
      await shell.openPath(file);
      return { opened: true };
    },
    'desktop.openExternal': async ({ url }) => {
      // The opener gets the URL that was checked, re-serialised, never the raw string.
      const target = normaliseExternalUrl(url);
      if (!target) throw new PostboteError({ code: 'INVALID_INPUT', message: 'Only web (http, https) and mail (mailto) links can be opened.' });
      await shell.openExternal(target);
      return { opened: true };
    },
    'desktop.saveFile': async ({ suggestedName: raw, content }) => {
      if (!shell.chooseSavePath) throw noDialogs();
      // The renderer is untrusted: the name offered in the dialog is normalised here too.
      const suggestedName = normaliseFileName(raw);
      const target = await shell.chooseSavePath(suggestedName);
      if (!target) return { saved: false };
      // The system's save dialog already asked before replacing an existing file.
      await writing(`Saving ${suggestedName}`, () => writeSaved(target, content));
      return { saved: true, path: target };
    },
    'desktop.notify': async ({ title, body, target, silent }) => {
      if (!shell.notify) return { shown: false };
      const shown = shell.notify({ title, body, ...(silent !== undefined ? { silent } : {}) }, () => {
        if (target) events.emit('desktop.notificationClicked', target);
      });
      return { shown };
    },
    'desktop.setUnreadCount': async ({ count }) => ({ shown: shell.setUnreadCount?.(count) ?? false }),
    'desktop.setLoginItem': async ({ openAtLogin, minimised }) => {
      if (!shell.setLoginItem) throw new PostboteError({ code: 'INVALID_INPUT', message: 'Starting at login is a setting of the desktop app.' });
      return shell.setLoginItem(openAtLogin, minimised);
    },
    'desktop.loginItem': async () => shell.loginItem?.() ?? { supported: false, openAtLogin: false, minimised: false, reason: 'browser-mode' },
    'desktop.openComposer': async ({ draftId }) => ({ opened: shell.openComposer?.(draftId) ?? false }),
    'desktop.compose': async ({ url }) => {
      composeMailto(events, url);
      return { opened: true };
    },
    'desktop.saveFiles': async ({ files }) => {
      if (!shell.chooseFolder) throw noDialogs();
      const folder = await shell.chooseFolder();
      if (!folder) return { saved: 0 };
      for (const file of files) await writing(`Saving ${file.name}`, () => writeUnique(folder, file.name, file.content));
      return { saved: files.length, folder };
    },
  };
}
