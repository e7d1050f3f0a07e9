import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { api } from '../../api';
import { useLiveQuery } from '../../ui/useLiveQuery';
import { db } from '../../db/database';
import type { SenderConsentKey } from '../../../app/domain/authentication-results';
import type { RemoteImage } from './sanitize';
import { imageDataUrl } from '../../../app/domain/image-type';

/** Whose decision a shown mail's remote images follow: the opened message, and its sender's key (app/domain/remote-consent). */
export interface RemoteConsent {
  message?: string;
  sender?: SenderConsentKey;
}

/** Consent keys of a message: the message itself (when stored) and its sender's key. */
export function consentKeys(consent: RemoteConsent): { message?: string; sender?: string } {
  return { ...(consent.message ? { message: `message:${consent.message}` } : {}), ...(consent.sender ? { sender: consent.sender.key } : {}) };
}

const sessionConsents = ref(new Set<string>());
const CONCURRENT_FETCHES = 4;

/**
 * Remote images of one shown mail: blocked until the user allows them for this message or always
 * for this sender (remembered in Dexie; an opened file's consent lasts the session). Allowed
 * images are fetched by main and handed to the frame as data; tracking pixels stay blocked.
 */
export function useRemoteImages(keys: Ref<{ message?: string; sender?: string }>, remote: Ref<RemoteImage[]>, persistent: Ref<boolean>) {
  const stored = useLiveQuery(
    () => db.remoteConsents.bulkGet([keys.value.message ?? '', keys.value.sender ?? '']).then((rows) => rows.filter(Boolean).map((row) => row!.key)),
    [() => keys.value.message, () => keys.value.sender],
    [] as string[],
  );
  const allowed = computed(() => [keys.value.message, keys.value.sender].some((key) => key && (stored.value.includes(key) || sessionConsents.value.has(key))));
  const loaded = shallowRef(new Map<string, string>());
  const failed = ref(0);
  const loading = ref(false);
  /** Asked for once each: an image that failed is not asked for again (until another message). */
  let tried = new Set<string>();

  const wanted = computed(() => [...new Set(remote.value.filter((image) => !image.tracker).map((image) => image.url))]);
  const blocked = computed(() => remote.value.filter((image) => image.tracker || !loaded.value.has(image.url)));
  const trackers = computed(() => remote.value.filter((image) => image.tracker).length);

  async function fetchAll(urls: string[]): Promise<void> {
    loading.value = true;
    for (const url of urls) tried.add(url);
    const next = new Map(loaded.value);
    const queue = [...urls];
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENT_FETCHES, queue.length) }, async () => {
        for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
          try {
            const message = keys.value.message ?? keys.value.sender;
            const image = await api.call('remote.image', { url, ...(message ? { message } : {}) });
            // Built from the bytes (a fixed list of types), never from the type text main passed on.
            const data = imageDataUrl(image.content);
            if (data) next.set(url, data);
            else failed.value++;
          } catch {
            failed.value++;
          }
        }
      }),
    );
    loaded.value = next;
    loading.value = false;
    // The message may have changed (or been allowed) meanwhile.
    fetchMissing();
  }

  function fetchMissing(): void {
    const missing = allowed.value && !loading.value ? wanted.value.filter((url) => !loaded.value.has(url) && !tried.has(url)) : [];
    if (missing.length) void fetchAll(missing);
  }

  watch([allowed, wanted], fetchMissing, { immediate: true });

  // The same view shows another message: its images start blocked and unloaded.
  watch(
    () => keys.value.message,
    () => {
      loaded.value = new Map();
      tried = new Set();
      failed.value = 0;
    },
  );

  async function allow(scope: 'message' | 'sender'): Promise<void> {
    const key = keys.value[scope];
    if (!key) return;
    if (persistent.value || scope === 'sender') await db.remoteConsents.put({ key, grantedAt: Date.now() });
    else sessionConsents.value = new Set([...sessionConsents.value, key]);
  }

  return { allowed, loaded, loading, failed, blocked, trackers, allow };
}
