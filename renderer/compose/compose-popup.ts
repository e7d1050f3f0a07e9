import type { DraftNews } from './draft-follower';

/**
 * The composer in a window of its own: the same page opened with the draft's id in the fragment
 * (`#compose=<id>`, in browser mode the bridge token beside it), which shows only the composer.
 * Both windows share the cache; the window and the main window talk on one BroadcastChannel.
 */
const CHANNEL = 'postbote-compose';

/** The parts of the page's location the popup's address is built from. */
export interface PageAddress {
  origin: string;
  pathname: string;
  search: string;
}

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

/** A browser window opened for a composer; its address is set once the draft exists. */
export interface ReservedWindow {
  closed: boolean;
  close(): void;
  focus(): void;
  location: { replace(url: string): void };
}

type Opener = (url: string, target: string, features: string) => ReservedWindow | null;

/**
 * Browser mode: the popup is opened blank at once, inside the click, because a browser allows a
 * popup only there; the draft (a reply must read the original first) comes after. Null: blocked.
 */
export function reserveComposerWindow(page: { open: Opener }): ReservedWindow | null {
  return page.open('', `compose-${globalThis.crypto.randomUUID()}`, 'popup,width=860,height=760');
}

/** The channel composer windows and the main window share: a composer posts, the main window follows. */
export function draftChannel(): { post(news: DraftNews): void; follow(onNews: (news: DraftNews) => void): void; close(): void } {
  const channel = new BroadcastChannel(CHANNEL);
  return {
    post: (news) => channel.postMessage(news),
    follow: (onNews) => (channel.onmessage = (event: { data: DraftNews }) => onNews(event.data)),
    close: () => channel.close(),
  };
}
