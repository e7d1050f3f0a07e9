import { spawn } from 'node:child_process';
import { PostboteError } from '../../app/errors';
import type { DesktopShell } from './desktop-shell';

/** The command each system uses to open a file or link with its default app; never through a shell. */
export function openerCommand(platform: NodeJS.Platform, target: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [target] };
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', target] };
  return { command: 'xdg-open', args: [target] };
}

/** How long an opener may run before it counts as the app itself (some xdg-open fallbacks exec it). */
const HAND_OFF_MS = 10_000;

type Opener = (target: string) => { command: string; args: string[] };

/**
 * Runs the opener and waits until it has handed the file over: it exits with 0. A non-zero exit
 * (xdg-open: 3 = no app registered for the type, 4 = the app failed) is a failure the user hears
 * about; "started" alone is not "opened".
 */
function launch(target: string, opener: Opener): Promise<void> {
  const { command, args } = opener(target);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    const handedOff = setTimeout(() => {
      child.unref();
      resolve();
    }, HAND_OFF_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(handedOff);
      if (code === 0) resolve();
      else {
        const why = code === 3 ? 'no app is registered for this type of file' : signal ? `it was stopped (${signal})` : `it ended with code ${code}`;
        reject(new PostboteError({ code: 'NOT_FOUND', message: `The system could not open it: ${why}.`, details: { command, code: code ?? undefined, signal: signal ?? undefined } }));
      }
    });
    child.once('error', (error) => {
      clearTimeout(handedOff);
      reject(new PostboteError({ code: 'NOT_FOUND', message: `This system has no program to open files and links with (${command} is missing).`, details: { cause: error.message } }));
    });
  });
}

/**
 * Browser mode: main is a plain Node process on the user's machine, so it opens files and links
 * with the system's own opener (xdg-open, open, the Windows URL handler). It has no dialogs: the
 * browser tab saves by downloading.
 */
export function systemOpenerShell(platform: NodeJS.Platform = process.platform, opener: Opener = (target) => openerCommand(platform, target)): DesktopShell {
  return {
    capabilities: { saveDialog: false },
    openPath: (file) => launch(file, opener),
    openExternal: (url) => launch(url, opener),
  };
}
