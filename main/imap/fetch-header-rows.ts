import type { ImapFlow } from 'imapflow';
import type { ImapHeader } from '../../app/domain/imap-sync';
import { headerFromFetch, type ImapValue } from './header-from-fetch';

const atom = (value: string) => ({ type: 'ATOM', value });

/**
 * The header fields the list, search and threads read. Asked for by name rather than as ENVELOPE,
 * as Thunderbird does: Dovecot answers them from its cache in 0.5 s for 100,000 messages where
 * ENVELOPE with References and Content-Type took 1.2 s, and they go through the one header reader
 * POP3 uses too.
 */
export const HEADER_FIELDS = ['DATE', 'FROM', 'SENDER', 'REPLY-TO', 'TO', 'CC', 'SUBJECT', 'MESSAGE-ID', 'IN-REPLY-TO', 'REFERENCES', 'CONTENT-TYPE'];

/** UID FLAGS RFC822.SIZE INTERNALDATE, MODSEQ where CONDSTORE is on, and the header fields. */
function headerItems(client: ImapFlow) {
  return [
    atom('UID'),
    atom('FLAGS'),
    atom('RFC822.SIZE'),
    atom('INTERNALDATE'),
    ...(client.enabled.has('CONDSTORE') ? [atom('MODSEQ')] : []),
    { type: 'ATOM', value: 'BODY.PEEK', section: [atom('HEADER.FIELDS'), HEADER_FIELDS.map(atom)] },
  ];
}

interface UntaggedFetch {
  attributes?: ImapValue[];
}

type HeaderSink = (header: ImapHeader) => void;

/**
 * What this file uses of imapflow beyond its typings (marked internal there, so the version is
 * pinned by the lockfile and the integration tests run this path against Dovecot, on the command
 * connection and inside IDLE): `exec` sends a command through imapflow's queue, tokenizer and
 * error handling and hands each untagged FETCH over as parsed tokens; `run` wraps a command of
 * its registry the way imapflow's own are, breaking IDLE before and re-arming it after.
 */
interface ImapflowInternals {
  exec(command: string, attributes: unknown[], options: { untagged: Record<string, (untagged: UntaggedFetch) => void> }): Promise<{ next(): void }>;
  run(command: string, ...args: unknown[]): Promise<unknown>;
  commands: Map<string, (connection: ImapflowInternals, ...args: never[]) => Promise<unknown>>;
}

const COMMAND = 'POSTBOTE-HEADER-FETCH';

async function headerFetch(connection: ImapflowInternals, command: string, range: string, items: unknown[], onHeader: HeaderSink): Promise<void> {
  const response = await connection.exec(command, [{ type: 'SEQUENCE', value: range }, items], {
    untagged: {
      FETCH: (untagged) => {
        const list = untagged.attributes?.[1];
        const header = Array.isArray(list) ? headerFromFetch(list) : undefined;
        if (header) onHeader(header);
      },
    },
  });
  response.next();
}

/**
 * One `UID FETCH <range>` of the header items in the selected folder (a plain FETCH of message
 * numbers with `bySequence`); each message's header goes to `onHeader` as its answer is read.
 * Answers that are not headers (a flag change another client made meanwhile) are skipped.
 */
export async function fetchHeaderRows(client: ImapFlow, range: string, onHeader: HeaderSink, options: { bySequence?: boolean } = {}): Promise<void> {
  const internals = client as unknown as ImapflowInternals;
  if (typeof internals.run !== 'function' || typeof internals.exec !== 'function' || !(internals.commands instanceof Map)) {
    throw new Error('this imapflow lacks the command registry the header fetch needs; use the version in package-lock.json');
  }
  // imapflow's registry is one Map shared by every client; this client gets a copy with our command.
  if (!internals.commands.has(COMMAND)) internals.commands = new Map(internals.commands).set(COMMAND, headerFetch as never);
  await internals.run(COMMAND, options.bySequence ? 'FETCH' : 'UID FETCH', range, headerItems(client), onHeader);
}
