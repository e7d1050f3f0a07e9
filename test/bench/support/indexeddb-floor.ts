import type { Page } from 'playwright-core';
import { coreStores } from '../../../renderer/db/tables/core';
import { headerStores } from '../../../renderer/db/tables/headers';
import { pop3Stores } from '../../../renderer/db/tables/pop3';

const schemas: Record<string, string> = { ...coreStores, ...headerStores, ...pop3Stores };

/** Dexie's schema line ("id, folderId, [folderId+date]") as an IndexedDB primary key path and indexes. */
function storeSpec(name: string) {
  const keyPath = (spec: string) => (spec.startsWith('[') ? spec.slice(1, -1).split('+') : spec.replace(/^\+\+/, ''));
  const [primary, ...indexes] = schemas[name]!.split(',').map((spec) => spec.trim());
  return { name, keyPath: keyPath(primary!), indexes: indexes.map((index) => ({ name: index, keyPath: keyPath(index.replace(/^\*/, '')), multiEntry: index.startsWith('*') })) };
}

/**
 * The least any client storing these records in IndexedDB pays: `count` copies of the records the
 * app just stored in `stores` (each copy under a new key), put by bare IndexedDB calls (no Dexie,
 * no bridge, no parsing) into scratch stores with the same keys and indexes, `batch` copies per
 * transaction of every store together, with the given durability, in the same Chromium. Seconds.
 */
export async function indexedDbFloor(page: Page, stores: string[], count: number, options: { batch?: number; durability?: 'strict' | 'relaxed' } = {}): Promise<number> {
  const spec = JSON.stringify({ stores: stores.map(storeSpec), count, batch: options.batch ?? 1000, durability: options.durability ?? 'relaxed' });
  // Browser code as text: the bench compiles for Node, without the DOM's types.
  return page.evaluate(`(async ({ stores, count, batch, durability }) => {
    const open = (name, upgrade) => new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      if (upgrade) request.onupgradeneeded = () => upgrade(request.result);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const source = await open('postbote');
    const samples = {};
    for (const store of stores) {
      samples[store.name] = await new Promise((resolve) => {
        const request = source.transaction(store.name).objectStore(store.name).getAll(null, batch);
        request.onsuccess = () => resolve(request.result);
      });
    }
    source.close();
    await new Promise((resolve) => { const request = indexedDB.deleteDatabase('postbote-bench-floor'); request.onsuccess = request.onerror = resolve; });
    const floor = await open('postbote-bench-floor', (db) => {
      for (const store of stores) {
        const created = db.createObjectStore(store.name, { keyPath: store.keyPath });
        for (const index of store.indexes) created.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry });
      }
    });
    const keyField = (store) => (Array.isArray(store.keyPath) ? store.keyPath[store.keyPath.length - 1] : store.keyPath);
    const started = performance.now();
    for (let done = 0; done < count; done += batch) {
      const transaction = floor.transaction(stores.map((s) => s.name), 'readwrite', { durability });
      for (const store of stores) {
        const target = transaction.objectStore(store.name);
        const sample = samples[store.name];
        const field = keyField(store);
        for (let i = done; i < Math.min(count, done + batch); i++) {
          const record = sample[i % sample.length];
          target.put({ ...record, [field]: record[field] + '/copy-' + i });
        }
      }
      await new Promise((resolve) => (transaction.oncomplete = resolve));
    }
    const seconds = (performance.now() - started) / 1000;
    floor.close();
    indexedDB.deleteDatabase('postbote-bench-floor');
    return seconds;
  })(${spec})`);
}
