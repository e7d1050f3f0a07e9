import { parseMailto } from '../mailto';
import { normaliseExternalUrl } from './external-url';

/**
 * A mailto: link from a mail, as Postbote's own composer takes it: recipients (To, Cc), subject and
 * body, nothing else. `attach=`, `bcc=` and every other field are dropped: a click must not attach
 * a local file, copy someone in secret or set headers. The link goes through the one external-URL
 * normaliser first (app/domain/external-url), then the one RFC 6068 parser (app/mailto.ts).
 */
export interface MailtoFields {
  to: string[];
  cc: string[];
  subject: string;
  body: string;
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const addresses = (list: readonly string[]) => list.filter((part) => ADDRESS.test(part));

/** The composer's fields of a mailto: link in a mail; undefined when it is none (or not one that can be opened). */
export function mailtoFields(href: string): MailtoFields | undefined {
  if (!/^\s*mailto:/i.test(href)) return undefined;
  const normalised = normaliseExternalUrl(href.trim());
  const parsed = normalised ? parseMailto(normalised) : undefined;
  if (!parsed) return undefined;
  return {
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    // eslint-disable-next-line no-control-regex
    subject: (parsed.subject ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 998),
    body: (parsed.body ?? '').slice(0, 100_000),
  };
}
