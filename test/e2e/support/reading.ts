import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { ROOT } from './browser';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const sampleBytes = (name: string) => readFileSync(path.join(ROOT, 'renderer/reading/samples', name));

/** Opens a message file the way a user does: "Open message file…" and the file chooser. */
export async function openEmlFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.setInputFiles('input.message-file-input', { name, mimeType: 'message/rfc822', buffer: bytes });
  await expect.poll(() => page.locator('.opened-file').textContent(), { timeout: 15_000 }).toContain(name);
}

/** Drops a file onto the window, as dragging it from the file manager does. */
export async function dropEmlFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  // Browser code reaches the page's globals through its window: these tests compile without DOM types.
  const transfer = await page.locator('body').evaluateHandle(
    (body, { name: fileName, data }) => {
      const view = body.ownerDocument.defaultView!;
      const dt = new view.DataTransfer();
      dt.items.add(new view.File([new Uint8Array(data)], fileName, { type: 'message/rfc822' }));
      return dt;
    },
    { name, data: [...bytes] },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('.panes', type, { dataTransfer: transfer });
  await expect.poll(() => page.locator('.opened-file').textContent(), { timeout: 15_000 }).toContain(name);
}

/**
 * Browser code for a mail frame, as text: the frame has no scripts, so Playwright evaluates only
 * in its own isolated world (frame.evaluate); locator.evaluate would try the frame's main world,
 * which the sandbox refuses (and logs). Text also keeps DOM types out of these Node-typed tests.
 */
export const inFrame = (expression: string) => `(() => (${expression}))()`;

/** The mail frame of the reading pane, once its document has loaded completely and shows `marker`. */
export async function mailFrame(page: Page, marker: string, selector = '.reading-body iframe.mail-frame'): Promise<Frame> {
  let frame: Frame | null = null;
  await expect
    .poll(
      async () => {
        frame = (await (await page.$(selector))?.contentFrame()) ?? null;
        if (!frame) return false;
        return frame.evaluate(inFrame(`document.readyState === 'complete' && document.documentElement.textContent.includes(${JSON.stringify(marker)})`)).catch(() => false);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return frame!;
}

/**
 * Clicks a link in a mail frame until what the click should cause has happened. The frame is
 * sandboxed, so Chromium runs it in a process of its own; for its first moments on a loaded
 * machine the browser can still route a click at its place to the page beneath, and the click is
 * lost (once in a CI run). No user clicks that fast after a message opens. A click that arrived is
 * never repeated: each try waits long enough for a slow one to show.
 */
export async function clickInMailFrame(link: Locator, happened: () => Promise<boolean> | boolean): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    await link.click({ timeout: 10_000 });
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      if (await happened()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('A click on a link in the mail frame never reached the app');
}

/** The JPEG inside a sample: the base64 part after its headers, decoded, as the sender sent it. */
export function base64Part(eml: Buffer, filename: string): Buffer {
  const text = eml.toString('latin1');
  const headerAt = text.indexOf(`filename="${filename}"`);
  const start = text.indexOf('\r\n\r\n', headerAt) + 4;
  const end = text.indexOf('\r\n--', start);
  return Buffer.from(text.slice(start, end).replace(/\s+/g, ''), 'base64');
}

/** Raw sources of a folder in the page's IndexedDB, counted by key range (never creates the database). */
export function storedSources(page: Page, folderId: string): Promise<number> {
  return page.locator('body').evaluate(
    (body, prefix) =>
      new Promise<number>((resolve) => {
        const view = body.ownerDocument.defaultView!;
        const open = view.indexedDB.open('postbote');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const request = open.result.transaction('rawSources').objectStore('rawSources').count(view.IDBKeyRange.bound(`${prefix}/`, `${prefix}/\uffff`));
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
        };
      }),
    folderId,
  );
}
