import type { Page } from 'playwright-core';
import { coreStores } from '../../../renderer/db/tables/core';

/** Dexie's schema line ("id, folderId, [folderId+date]") as IndexedDB key paths. */
function indexes(schema: string): { name: string; keyPath: string | string[] }[] {
  return schema
    .split(',')
    .slice(1)
    .map((spec) => spec.trim())
    .map((name) => ({ name, keyPath: name.startsWith('[') ? name.slice(1, -1).split('+') : name }));
}

/**
 * The least any client storing headers in IndexedDB pays: `count` of the records the sync just
 * stored, put again by bare IndexedDB calls (no Dexie, no bridge, no parsing) into a scratch store
 * with the same indexes, in batches of `batch`, in the same Chromium. Seconds.
 */
export async function indexedDbFloor(page: Page, folderId: string, count: number, batch = 1000): Promise<number> {
  const spec = JSON.stringify({ folderId, count, batch, indexes: indexes(coreStores.messages) });
  // Browser code as text: the bench compiles for Node, without the DOM's types.
  return page.evaluate(`(async ({ folderId, count, batch, indexes }) => {
    const open = (name, upgrade) => new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      if (upgrade) request.onupgradeneeded = () => upgrade(request.result);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const source = await open('postbote');
    const sample = await new Promise((resolve) => {
      const request = source.transaction('messages').objectStore('messages').index('folderId').getAll(IDBKeyRange.only(folderId), batch);
      request.onsuccess = () => resolve(request.result);
    });
    source.close();
    await new Promise((resolve) => { const request = indexedDB.deleteDatabase('postbote-bench-floor'); request.onsuccess = request.onerror = resolve; });
    const floor = await open('postbote-bench-floor', (db) => {
      const store = db.createObjectStore('messages', { keyPath: 'id' });
      for (const index of indexes) store.createIndex(index.name, index.keyPath);
    });
    const started = performance.now();
    for (let done = 0; done < count; done += batch) {
      const transaction = floor.transaction('messages', 'readwrite');
      const store = transaction.objectStore('messages');
      for (let i = done; i < Math.min(count, done + batch); i++) store.put({ ...sample[i % sample.length], id: folderId + '/' + i, uid: i + 1 });
      await new Promise((resolve) => (transaction.oncomplete = resolve));
    }
    const seconds = (performance.now() - started) / 1000;
    floor.close();
    indexedDB.deleteDatabase('postbote-bench-floor');
    return seconds;
  })(${spec})`);
}
