import { liveQuery } from 'dexie';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DesktopCapabilities, NotificationTarget } from '../../app/contract';
import { useAccountsStore } from '../accounts';
import { api } from '../api';
import { useComposeStore } from '../compose';
import { db } from '../db/database';
import { listReads, onHeadersChanged, onHeadersChangedElsewhere } from '../db/headers';
import { i18n } from '../i18n';
import { atMostEvery } from '../ui/at-most-every';
import { useSelectionStore } from '../mailbox';
import { freshMail, inboxUnread, notifies, planNotifications, type NewMail, type PlannedNotification } from './new-mail';

/** How far back a message still counts as new when it first shows up (a sync after a short sleep). */
const RECENT_MS = 10 * 60_000;
/** The newest messages per folder the notifier looks at. */
const TOP = 20;
const LOOK_EVERY_MS = 400;


/**
 * The desktop around the window: new-mail notifications (the desktop app's own, else the Web
 * Notifications API), the unread count in the title and on the badge, and mailto: links handed in
 * by the system or `postbote compose`, each opening a composer.
 */
export const useDesktopStore = defineStore('desktop', () => {
  const accounts = useAccountsStore();
  const selection = useSelectionStore();
  const compose = useComposeStore();
  const capabilities = ref<DesktopCapabilities>();
  const unread = ref(0);
  const started = ref(false);
  const seen = new Set<string>();

  function open(target: NotificationTarget): void {
    selection.selectFolder(target.accountId, target.folderId);
    if (target.messageId) selection.selectMessage(target.messageId);
  }

  function show(notification: PlannedNotification): void {
    if (capabilities.value?.notifications) {
      void api.call('desktop.notify', { title: notification.title, body: notification.body, target: notification.target }).catch(() => undefined);
      return;
    }
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const shown = new Notification(notification.title, { body: notification.body, tag: notification.tag });
    shown.onclick = () => {
      window.focus();
      open(notification.target);
      shown.close();
    };
  }

  function showUnread(count: number): void {
    if (count === unread.value && started.value) return;
    unread.value = count;
    document.title = count > 0 ? i18n.global.t('desktop.unreadTitle', { count }) : i18n.global.t('app.title');
    if (capabilities.value?.badge) void api.call('desktop.setUnreadCount', { count }).catch(() => undefined);
  }

  /** The newest messages of the folders that notify, as notifications see them. */
  async function newestMail(): Promise<NewMail[]> {
    const [folders, list] = await Promise.all([db.folders.toArray(), db.accounts.toArray()]);
    const watched = folders.filter((f) => notifies(f, list.find((a) => a.id === f.accountId)));
    const tops = await Promise.all(
      watched.map(async (folder) =>
        // In the sync worker where it runs: this scans the folder's whole index after each write of a sync.
        (await listReads(db).newest(folder.id, TOP)).map(
          (m): NewMail => ({
            id: m.id,
            accountId: m.accountId,
            folderId: m.folderId,
            folderPath: folder.path,
            from: m.from[0]?.name || m.from[0]?.address || '?',
            subject: m.subject,
            date: m.internalDate ?? m.date,
            unread: m.unread === 1,
          }),
        ),
      ),
    );
    return tops.flat();
  }

  /**
   * Watches the inboxes' unread counts (the folders table, live) and the newest messages of the
   * folders that notify: looked at again after header writes, at most once per LOOK_EVERY_MS, as a
   * look reads the index of every such folder and a first sync commits a batch every few dozen ms.
   */
  function watch(): void {
    let first = true;
    const since = Date.now() - RECENT_MS;
    const notifyFresh = (mail: NewMail[]) => {
      const fresh = freshMail(mail, seen, since);
      // The first look is what was there already.
      if (first) {
        first = false;
        return;
      }
      const { t } = i18n.global;
      const words = { one: (from: string) => t('desktop.newMail', { from }), many: (n: number, account: string) => t('desktop.newMailMany', { count: n, account }), manyBody: (senders: string) => t('desktop.newMailManyBody', { senders }) };
      for (const planned of planNotifications(fresh, accounts.accounts, words)) show(planned);
    };
    const look = atMostEvery(LOOK_EVERY_MS, async () => notifyFresh(await newestMail()));
    liveQuery(() => db.folders.toArray()).subscribe({
      next: (folders) => {
        showUnread(inboxUnread(folders));
        look();
      },
      error: () => undefined,
    });
    onHeadersChanged(db, look);
    onHeadersChangedElsewhere(db, look);
  }

  async function start(): Promise<void> {
    if (started.value) return;
    started.value = true;
    api.on('desktop.notificationClicked', open);
    api.on('desktop.compose', ({ fields }) => void compose.writeFromMailto(fields));
    capabilities.value = await api.call('desktop.capabilities', {}).catch(() => undefined);
    // Browser mode asks the browser once; the user's answer stands (a denial is never asked again).
    if (!capabilities.value?.notifications && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
    watch();
  }

  return { capabilities, unread, start, open };
});
