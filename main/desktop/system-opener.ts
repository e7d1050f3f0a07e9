import { spawn } from 'node:child_process';
import { PostboteError } from '../../app/errors';
import type { DesktopShell } from './desktop-shell';

/** The command each system uses to open a file or link with its default app; never through a shell. */
export function openerCommand(platform: NodeJS.Platform, target: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [target] };
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', target] };
  return { command: 'xdg-open', args: [target] };
}

function launch(target: string, platform: NodeJS.Platform): Promise<void> {
  const { command, args } = openerCommand(platform, target);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
    child.once('error', (error) =>
      reject(new PostboteError({ code: 'NOT_FOUND', message: `This system has no program to open files and links with (${command} is missing).`, details: { cause: error.message } })),
    );
  });
}

/**
 * Browser mode: main is a plain Node process on the user's machine, so it opens files and links
 * with the system's own opener (xdg-open, open, the Windows URL handler). It has no dialogs: the
 * browser tab saves by downloading.
 */
export function systemOpenerShell(platform: NodeJS.Platform = process.platform): DesktopShell {
  return {
    capabilities: { saveDialog: false },
    openPath: (file) => launch(file, platform),
    openExternal: (url) => launch(url, platform),
  };
}
