import { describe, expect, it } from 'vitest';
import { systemOpenerShell } from '../../../main/desktop/system-opener';

const shellRunning = (script: string) => systemOpenerShell('linux', (target) => ({ command: 'sh', args: ['-c', script, 'opener', target] }));

describe('the system opener (browser mode)', () => {
  it('reports success only when the opener handed the file over (exit 0)', async () => {
    await expect(shellRunning('exit 0').openPath('/tmp/x.pdf')).resolves.toBeUndefined();
  });

  it('reports failure when no app is registered (xdg-open exits 3) or the opener fails', async () => {
    await expect(shellRunning('exit 3').openPath('/tmp/x.pdf')).rejects.toThrow(/no app is registered/);
    await expect(shellRunning('exit 4').openExternal('https://example.org')).rejects.toThrow(/ended with code 4/);
  });

  it('reports a missing opener', async () => {
    const missing = systemOpenerShell('linux', () => ({ command: 'postbote-no-such-opener', args: [] }));
    await expect(missing.openPath('/tmp/x.pdf')).rejects.toThrow(/missing/);
  });
});
