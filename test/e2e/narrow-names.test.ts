import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { openEmlFile } from './support/reading';
import { startReadingApp, type ReadingApp } from './support/reading-app';

/**
 * Issue 16: at 1024 px file names were cut at the end, so "Quarterly_report_…" hid whether it was
 * the PDF or the spreadsheet. Now the end with the extension stays, the start is cut in the middle
 * with "…", and the whole name is the tooltip.
 */
let app: ReadingApp;
let page: Page;

const NAMES = [
  'Quarterly_financial_report_for_the_supervisory_board_meeting_December_2026_final_v2.pdf',
  'Quarterly_financial_report_for_the_supervisory_board_meeting_December_2026_final_v2.xlsx',
  'Angebot Müller GmbH – überarbeitete Fassung nach Rückfrage vom 3. Dezember 2026 (korrigiert).docx',
  'short.txt',
];

const part = (name: string) =>
  [`--b`, `Content-Type: application/octet-stream; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', Buffer.from(`content of ${name}`).toString('base64'), ''].join('\r\n');

const eml = Buffer.from(
  ['From: Finance <finance@example.org>', 'To: you@example.org', 'Subject: Board papers', 'Date: Fri, 04 Dec 2026 10:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', 'The papers.', ...NAMES.map(part), '--b--', ''].join('\r\n'),
);

beforeAll(async () => {
  app = await startReadingApp('narrow-names');
  ({ page } = app);
  await page.setViewportSize({ width: 1024, height: 768 });
});
afterAll(() => app?.close());

interface Shown {
  text: string;
  title: string | null;
  end: string;
  startCut: boolean;
  endVisible: boolean;
}

describe('file names at 1024 × 768', () => {
  it('keep their extension and a readable start, with the whole name as tooltip', async () => {
    await openEmlFile(page, 'board.eml', eml);
    const names = page.locator('.reading-pane .attachment .attachment-name');
    await expect.poll(() => names.count(), { timeout: 15_000 }).toBe(NAMES.length);
    const shown: Shown[] = await names.evaluateAll((elements) =>
      elements.map((element) => {
        // Runs in the page; the test's own types know no DOM.
        type Box = { right: number; width: number };
        type Shape = { textContent: string | null; scrollWidth: number; clientWidth: number; getBoundingClientRect(): Box };
        const start = element.querySelector('.middle-ellipsis-start') as unknown as Shape;
        const end = element.querySelector('.middle-ellipsis-end') as unknown as Shape | null;
        const box = element.getBoundingClientRect();
        const endBox = end?.getBoundingClientRect();
        return {
          text: element.textContent ?? '',
          title: element.getAttribute('title'),
          end: end?.textContent ?? '',
          startCut: start.scrollWidth > start.clientWidth,
          // Drawn whole inside the name's own box and inside the window.
          endVisible: !endBox || (endBox.width > 0 && endBox.right <= box.right + 1 && endBox.right <= (globalThis as unknown as { innerWidth: number }).innerWidth),
        };
      }),
    );
    await screenshot(page, 'narrow-names-1024');
    for (const [index, name] of NAMES.entries()) {
      const entry = shown[index]!;
      expect(entry.text).toBe(name);
      expect(entry.title).toBe(name);
      expect(entry.endVisible).toBe(true);
      if (name !== 'short.txt') {
        expect(entry.end).toBe(name.slice(name.lastIndexOf('.') - 6));
        // Long names really are cut at this width, in the start, not at the extension.
        expect(entry.startCut).toBe(true);
      } else expect(entry.startCut).toBe(false);
    }
    // The two reports differ only in their extension, and both extensions are on screen.
    expect(shown[0]!.end).toBe('nal_v2.pdf');
    expect(shown[1]!.end).toBe('nal_v2.xlsx');
    // Nothing in the reading pane runs off to the side.
    expect(await page.locator('.reading-pane').evaluate((pane) => pane.scrollWidth <= pane.clientWidth + 1)).toBe(true);
  });
});
