import { describe, expect, it } from 'vitest';
import { requests } from '../../../app/contract';
import type { DesktopShell } from '../../../main/desktop/desktop-shell';
import { desktopHandlers } from '../../../main/service/handlers/desktop';

// Issue 18 (LOW): the check validated a parsed URL but the opener got the raw string.

async function opened(url: string): Promise<string[]> {
  const links: string[] = [];
  const shell: DesktopShell = { capabilities: { saveDialog: false }, openPath: async () => undefined, openExternal: async (target) => void links.push(target) };
  const parsed = requests['desktop.openExternal'].input.safeParse({ url });
  if (!parsed.success) return [];
  await desktopHandlers(shell)['desktop.openExternal'](parsed.data);
  return links;
}

describe('external links reach the opener normalised', () => {
  it('passes url.href, never the raw string', async () => {
    expect(await opened('  http://x/')).toEqual(['http://x/']);
    expect(await opened('http:\\\\evil\\share\\x.exe')).toEqual(['http://evil/share/x.exe']);
    expect(await opened('https://exa\tmple.org/a\nb')).toEqual(['https://example.org/ab']);
    expect(await opened('\u0001https://example.org/\u0002')).toEqual(['https://example.org/']);
  });

  it('keeps to, cc, subject and body of a mailto: link and drops attach, bcc and the unknown', async () => {
    expect(await opened('mailto:ann@example.org?subject=Hi%20there&attach=/etc/passwd&Attachment=C:\\x&bcc=spy@evil.test&x-foo=1&body=a+b'))
      .toEqual(['mailto:ann@example.org?subject=Hi%20there&body=a%2Bb']);
    expect(await opened('mailto:ann@example.org,bob@example.org?cc=carl@example.org')).toEqual(['mailto:ann@example.org,bob@example.org?cc=carl%40example.org']);
    expect(await opened('mailto:ann@example.org%0d%0aBcc:spy@evil.test')).toEqual([]);
  });

  it('still refuses what is not a web or mail link', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ms-msdt:/id', 'http://', 'not a url']) expect(await opened(url), url).toEqual([]);
  });
});
