import type { Page } from 'playwright-core';

// Never creates the database (that would race Dexie's own creation): until Dexie made it, the answer is undefined.
const inPage = (body: string) =>
  `new Promise((resolve) => { const open = indexedDB.open('postbote'); open.onupgradeneeded = () => open.transaction.abort(); open.onerror = () => resolve(undefined); open.onsuccess = () => { const db = open.result; try { ${body} } catch (e) { db.close(); resolve(undefined); } }; })`;

/**
 * How many headers the page's IndexedDB holds for a folder or an account, read bare from the
 * compact index records of the header store (renderer/db/tables/headers.ts): one record per page
 * of UIDs, so counting 100,000 headers reads a few hundred small records.
 */
export async function storedHeaders(page: Page, of: { folderId: string } | { accountId: string }): Promise<number> {
  const body =
    'folderId' in of
      ? `const r = db.transaction('headerIndex').objectStore('headerIndex').getAll(IDBKeyRange.bound([${JSON.stringify(of.folderId)}, -Infinity], [${JSON.stringify(of.folderId)}, Infinity])); r.onsuccess = () => { db.close(); resolve(r.result.reduce((n, x) => n + x.uids.length, 0)); };`
      : `const tx = db.transaction(['headerPages', 'headerIndex']); const k = tx.objectStore('headerPages').index('accountId').getAllKeys(IDBKeyRange.only(${JSON.stringify(of.accountId)})); k.onsuccess = () => { let n = 0, left = k.result.length; if (!left) { db.close(); return resolve(0); } for (const key of k.result) { const g = tx.objectStore('headerIndex').get(key); g.onsuccess = () => { n += g.result ? g.result.uids.length : 0; if (--left === 0) { db.close(); resolve(n); } }; } };`;
  return ((await page.evaluate(inPage(body))) as number | undefined) ?? 0;
}
