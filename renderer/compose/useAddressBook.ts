import { shallowRef, type Ref } from 'vue';
import { loadAddressBook, type AddressBook } from './address-book';
import { db } from '../db/database';

/** Read again when older than this: mail synced meanwhile brings new correspondents. */
const FRESH_MS = 5 * 60_000;
let loading: Promise<AddressBook> | undefined;
let loadedAt = 0;

/** The address book of the cached mail, read in the background when a composer opens; empty until it is ready. */
export function useAddressBook(): Ref<AddressBook | undefined> {
  const book = shallowRef<AddressBook>();
  if (!loading || Date.now() - loadedAt > FRESH_MS) {
    loadedAt = Date.now();
    loading = loadAddressBook(db).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  }
  void loading.then((ready) => (book.value = ready)).catch(() => undefined);
  return book;
}
