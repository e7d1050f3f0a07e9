import { normaliseExternalUrl } from './external-url';

/**
 * A mailto: link from a mail, as Postbote's own composer takes it: recipients (To, Cc), subject and
 * body, nothing else. `attach=`, `bcc=` and every other field are dropped: a click must not attach
 * a local file, copy someone in secret or set headers. The link goes through the one external-URL
 * normaliser first (app/domain/external-url), so the composer sees what a checked link says.
 */
export interface MailtoFields {
  to: string[];
  cc: string[];
  subject: string;
  body: string;
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}

const addresses = (list: string) =>
  list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => ADDRESS.test(part));

/** The composer's fields of a mailto: link; undefined when it is none (or not one that can be opened). */
export function mailtoFields(href: string): MailtoFields | undefined {
  if (!/^\s*mailto:/i.test(href)) return undefined;
  const normalised = normaliseExternalUrl(href.trim());
  if (!normalised) return undefined;
  const query = normalised.indexOf('?');
  const path = decode(query < 0 ? normalised.slice(7) : normalised.slice(7, query));
  const fields: MailtoFields = { to: addresses(path), cc: [], subject: '', body: '' };
  for (const pair of query < 0 ? [] : normalised.slice(query + 1).split('&')) {
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq < 0 ? pair.length : eq).toLowerCase();
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    if (name === 'to') fields.to.push(...addresses(value));
    else if (name === 'cc') fields.cc.push(...addresses(value));
    // eslint-disable-next-line no-control-regex
    else if (name === 'subject') fields.subject = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 998);
    else if (name === 'body') fields.body = value.replace(/\r\n?/g, '\n').slice(0, 100_000);
  }
  return fields;
}
