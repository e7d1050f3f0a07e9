/**
 * The composer in a window of its own (browser mode): the same page opened with the draft's id in
 * the fragment (`#compose=<id>`, the bridge token beside it), which shows only the composer. Both
 * windows share the cache; a message sent there is handed back here, where the outbox runs.
 */
const CHANNEL = 'postbote-compose';

/** The parts of the page's location the popup's address is built from. */
export interface PageAddress {
  origin: string;
  pathname: string;
  search: string;
}

export type PopupNews = { kind: 'sent'; accountId: string };

/** The draft a popped-out composer shows, from the page's fragment; none in the main window. */
export function composeIdFromHash(hash: string): string | undefined {
  return new URLSearchParams(hash.replace(/^#/, '')).get('compose') || undefined;
}

/** The address of the popped-out composer for a draft. */
export function composerUrl(location: PageAddress, draftId: string, token?: string): string {
  const params = new URLSearchParams();
  if (token) params.set('token', token);
  params.set('compose', draftId);
  return `${location.origin}${location.pathname}${location.search}#${params.toString()}`;
}

/** Opens the composer in a popup; false when the browser blocked it (the docked composer stays). */
type Opener = (url: string, target: string, features: string) => unknown;
export function openComposerPopup(page: { location: PageAddress; open: Opener }, draftId: string, token: string | undefined): boolean {
  const opened = page.open(composerUrl(page.location, draftId, token), `compose-${draftId}`, 'popup,width=860,height=760');
  return Boolean(opened);
}

/** The popup's side: tells the main window what happened. */
export function tellMainWindow(news: PopupNews): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(news);
  channel.close();
}

/** The main window's side: follows what popped-out composers report. Returns the stop function. */
export function followComposerPopups(onNews: (news: PopupNews) => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: { data: PopupNews }) => onNews(event.data);
  return () => channel.close();
}
