import type { MailAddress } from '../../app/domain/message-summary';

/** 512 B, 12 KB, 3.4 MB: sizes as people read them. */
/** The language the window shows (the shell keeps <html lang> in step with it). */
const pageLanguage = () => (globalThis as { document?: { documentElement: { lang: string } } }).document?.documentElement.lang || 'en';

export function formatSize(bytes: number, locale: string = pageLanguage()): string {
  const number = (value: number, digits: number) => value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (bytes < 1024) return `${number(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 1024), 0)} KB`;
  return `${number(bytes / 1024 / 1024, bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/**
 * An address as its header wrote it. Dovecot's ENVELOPE fills a missing part with placeholders
 * (`undisclosed-recipients@MISSING_DOMAIN`, `MISSING_MAILBOX@…`): those are left out, so a group such
 * as "undisclosed-recipients:;" reads as its name, not as a made-up address.
 */
export function headerAddress(address: string): string {
  return address.replace(/@(?:MISSING_DOMAIN|\.MISSING-HOST-NAME\.)$/i, '').replace(/^MISSING_MAILBOX@?/i, '');
}

export const formatAddresses = (list: readonly MailAddress[] | undefined) =>
  (list ?? [])
    .map((a) => {
      const address = headerAddress(a.address);
      return a.name && address ? `${a.name} <${address}>` : a.name || address;
    })
    .filter(Boolean)
    .join(', ');

/** Whether two address lists name the same mailboxes (case aside): Reply-To equal to From says nothing new. */
export const sameAddresses = (a: readonly MailAddress[] | undefined, b: readonly MailAddress[] | undefined) =>
  [...new Set((a ?? []).map((x) => x.address.toLowerCase()))].sort().join() === [...new Set((b ?? []).map((x) => x.address.toLowerCase()))].sort().join();
