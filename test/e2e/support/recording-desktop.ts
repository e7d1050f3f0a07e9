import { readFileSync } from 'node:fs';
import type { DesktopShell } from '../../../main/desktop/desktop-shell';

/** The desktop as tests see it: what the app asked to open is recorded (with the file's bytes), nothing starts. */
export function recordingDesktop() {
  const files: { path: string; bytes: Buffer }[] = [];
  const links: string[] = [];
  const shell: DesktopShell = {
    capabilities: { saveDialog: false },
    openPath: async (file) => void files.push({ path: file, bytes: readFileSync(file) }),
    openExternal: async (url) => void links.push(url),
  };
  return { shell, files, links };
}
