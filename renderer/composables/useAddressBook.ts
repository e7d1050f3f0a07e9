import { shallowRef, type Ref } from 'vue';
import { loadAddressBook, type AddressBook } from '../compose/address-book';
import { db } from '../db/database';

let loading: Promise<AddressBook> | undefined;

/** The address book of the cached mail, read once per window in the background; empty until it is ready. */
export function useAddressBook(): Ref<AddressBook | undefined> {
  const book = shallowRef<AddressBook>();
  loading ??= loadAddressBook(db).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  void loading.then((ready) => (book.value = ready)).catch(() => undefined);
  return book;
}
