import DOMPurify, { type Config } from 'dompurify';
import { rewriteCssUrls } from './css-urls';
import { frameDocument } from './frame-document';
import { dataUrlBytes, imageDataUrl } from '../../../app/domain/image-type';
import { isTrackingPixel } from './trackers';
import { Visibility } from './visibility';

export interface MailLink {
  /** The target as the mail wrote it (after the sanitizer): shown to the user, opened only through main. */
  href: string;
  /** What the link's text shows, to warn when it names another domain. */
  text: string;
}

export interface RemoteImage {
  url: string;
  tracker: boolean;
}

export interface SafeHtml {
  /** The whole srcdoc of the mail frame. */
  document: string;
  /** Every link, by the index its rewritten address carries. */
  links: MailLink[];
  /** Every remote image reference (img, background, CSS), loaded or not. */
  remote: RemoteImage[];
  /** Remote references dropped without asking: not a picture (fonts, SVG references, url() in @media…). */
  dropped: number;
}

export interface SanitizeInput {
  html: string;
  /** Random per rendering: the link addresses carry it, so a click is told apart from anything else. */
  nonce: string;
  /** A data URL for an inline part, by its Content-ID. */
  inline: (contentId: string) => string | undefined;
  /** A data URL for a remote image the user allowed and main fetched; undefined keeps it blocked. */
  remote: (url: string) => string | undefined;
}

/** Link clicks in the frame navigate to these: blocked by frame-src 'none', the violation tells the pane which link. */
export const LINK_HOST_SUFFIX = '.link.postbote.invalid';
export const linkAddress = (index: number, nonce: string) => `https://l${index}-${nonce}${LINK_HOST_SUFFIX}/`;
export function linkIndexOf(blockedUri: string, nonce: string): number | undefined {
  const match = /^https:\/\/l(\d+)-([0-9a-f]+)\.link\.postbote\.invalid(?:\/|$)/.exec(blockedUri);
  return match && match[2] === nonce ? Number(match[1]) : undefined;
}

interface Run {
  input: SanitizeInput;
  links: { element: Element; href: string }[];
  remote: RemoteImage[];
  dropped: number;
  visibility: Visibility;
}

type ImageOutcome = { src: string; blocked?: undefined } | { src?: undefined; blocked: 'remote' | 'tracker' | 'missing' };

/** What an image reference becomes: a data URL to show, or why it stays blocked. `hidden`: nobody can see it. */
function resolveImage(url: string, hints: { width?: string | null; height?: string | null; style?: string | null }, hidden: boolean, current: Run): ImageOutcome {
  const trimmed = url.trim();
  if (/^cid:/i.test(trimmed)) {
    let id = trimmed.slice(4);
    try {
      id = decodeURIComponent(id);
    } catch {
      // A malformed escape: look it up as written.
    }
    const src = current.input.inline(id.replace(/^<|>$/g, ''));
    return src ? { src } : { blocked: 'missing' };
  }
  if (/^data:/i.test(trimmed)) {
    // Rebuilt from its bytes: the type is what they are (from a fixed list), never the mail's text.
    const bytes = dataUrlBytes(trimmed);
    const src = bytes && imageDataUrl(bytes);
    return src ? { src } : { blocked: 'missing' };
  }
  const absolute = trimmed.startsWith('//') ? `https:${trimmed}` : trimmed;
  if (!/^https?:\/\//i.test(absolute)) return { blocked: 'missing' };
  const tracker = hidden || isTrackingPixel({ url: absolute, ...hints });
  current.remote.push({ url: absolute, tracker });
  const src = tracker ? undefined : current.input.remote(absolute);
  return src ? { src } : { blocked: tracker ? 'tracker' : 'remote' };
}

function rewriteCss(css: string, current: Run, inline: boolean, hidden = false): string {
  const { css: rewritten, dropped } = rewriteCssUrls(css, (url) => resolveImage(url, {}, hidden, current).src, { inline });
  current.dropped += dropped.length;
  // Unescaped CSS must never close its <style> element when serialized.
  return rewritten.replace(/</g, '\\3c ');
}

/** A link nobody can see (or that lay over the mail, now in the flow) stops being a link: its text stays. */
function unlink(element: Element): void {
  element.removeAttribute('href');
  element.setAttribute('data-unlinked', 'invisible');
}

function neutralize(element: Element, current: Run): void {
  const hidden = current.visibility.hidden(element);
  const href = element.getAttribute('href');
  if (href !== null) {
    if (href.trim().startsWith('#')) {
      // A srcdoc document resolves "#x" against the app's address, which would leave the frame;
      // against its own address it is a jump within the mail.
      element.setAttribute('href', `about:srcdoc${href.trim()}`);
    } else if (hidden || (!current.visibility.visibleText(element).trim() && ![...element.querySelectorAll('img')].some((img) => !current.visibility.hidden(img)))) {
      unlink(element);
    } else {
      current.links.push({ element, href: href.trim().startsWith('//') ? `https:${href.trim()}` : href.trim() });
      element.setAttribute('href', linkAddress(current.links.length - 1, current.input.nonce));
      element.setAttribute('title', href.trim());
      element.setAttribute('rel', 'noreferrer noopener');
      element.removeAttribute('target');
    }
  }
  const hints = { width: element.getAttribute('width'), height: element.getAttribute('height'), style: element.getAttribute('style') };
  if (element.tagName === 'IMG') {
    const outcome = resolveImage(element.getAttribute('src') ?? '', hints, hidden || current.visibility.tiny(element), current);
    if (outcome.blocked) {
      element.removeAttribute('src');
      element.setAttribute('data-blocked', outcome.blocked);
    } else element.setAttribute('src', outcome.src);
  }
  const background = element.getAttribute('background');
  if (background !== null) {
    const outcome = resolveImage(background, hints, hidden, current);
    if (outcome.blocked) element.removeAttribute('background');
    else element.setAttribute('background', outcome.src);
  }
  const style = element.getAttribute('style');
  if (style !== null) element.setAttribute('style', rewriteCss(style, current, true, hidden));
}

const purify = DOMPurify(window);

const CONFIG: Config & { RETURN_DOM: true } = {
  WHOLE_DOCUMENT: true,
  RETURN_DOM: true,
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'meta', 'link', 'base', 'audio', 'video', 'source', 'track', 'picture', 'dialog', 'template', 'noscript', 'object', 'embed', 'iframe', 'frame', 'frameset', 'portal'],
  FORBID_ATTR: ['srcset', 'ping', 'action', 'formaction', 'poster', 'lowsrc', 'dynsrc', 'xlink:href', 'autofocus', 'popover', 'popovertarget'],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

/**
 * A mail's HTML made safe to show: DOMPurify with only HTML allowed (no SVG, no MathML), then
 * every link rewritten to an address that cannot load, every image turned into data (inline parts,
 * allowed remote images) or removed, every stylesheet made inert. Whatever slips through still
 * meets the sandbox and two content security policies.
 */
export function sanitizeMailHtml(input: SanitizeInput): SafeHtml {
  const html = purify.sanitize(input.html, CONFIG) as HTMLElement;
  const sheets = [...html.querySelectorAll('style')].map((style) => {
    const text = style.textContent ?? '';
    style.remove();
    return text;
  });
  // Whether an element can be seen is known only once the whole document and its style sheets are
  // in hand: an image inside a hidden parent is a tracker, a link nobody sees is no link.
  const current: Run = { input, links: [], remote: [], dropped: 0, visibility: new Visibility(sheets.map((css) => rewriteCssUrls(css, () => undefined).css)) };
  for (const element of html.querySelectorAll('*')) neutralize(element, current);
  const styles = sheets.map((css) => rewriteCss(css, current, false));
  const body = html.querySelector('body');
  const links = current.links.map(({ element, href }) => ({ href, text: current.visibility.visibleText(element).replace(/\s+/g, ' ').trim().slice(0, 500) }));
  return { document: frameDocument(styles.join('\n'), body ? body.outerHTML : '<body></body>'), links, remote: current.remote, dropped: current.dropped };
}
