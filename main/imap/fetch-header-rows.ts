import type { ImapFlow } from 'imapflow';
import type { ImapHeader } from '../../app/domain/imap-sync';
import { headerFromFetch, type ImapValue } from './header-from-fetch';
import { readFetchLine } from './fetch-line';

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
 * its registry the way imapflow's own are, breaking IDLE before and re-arming it after;
 * `handleResponse` is where its reader loop hands over each response line.
 */
interface ImapflowInternals {
  exec(command: string, attributes: unknown[], options: { untagged: Record<string, (untagged: UntaggedFetch) => void> }): Promise<{ next(): void }>;
  run(command: string, ...args: unknown[]): Promise<unknown>;
  commands: Map<string, (connection: ImapflowInternals, ...args: never[]) => Promise<unknown>>;
  /** Reads one response line the stream assembled (its literals apart); true to keep reading. */
  handleResponse(data: { payload: Buffer; literals: Buffer[] }): Promise<boolean>;
  isLogLevelEnabled(level: string): boolean;
  log: { trace(entry: { src: string; msg: string }): void };
  /** The command on the wire, whose answers the lines being read are. */
  currentRequest?: { options?: { untagged?: Record<string, unknown> } } | false;
}

const COMMAND = 'POSTBOTE-HEADER-FETCH';

/**
 * The quick reader of each header FETCH, found by the FETCH handler its command was sent with: a
 * line is read quickly only while that command is the one on the wire, never during another
 * command's answers (a message source, whose BODY[] would pass for header fields).
 */
const quickReaders = new WeakMap<object, (items: ImapValue[]) => boolean>();

/**
 * The connection reads the answers of a running header FETCH with `readFetchLine` before its own
 * tokenizer; whatever that quick reader declines (any other response, an unusual answer) goes the
 * usual way, so imapflow still sees every tagged answer, error and untagged response it handles.
 */
function readHeadersQuickly(connection: ImapflowInternals): void {
  const handleResponse = connection.handleResponse;
  connection.handleResponse = function (this: ImapflowInternals, data) {
    const onFetch = this.currentRequest ? this.currentRequest.options?.untagged?.FETCH : undefined;
    const take = typeof onFetch === 'function' ? quickReaders.get(onFetch) : undefined;
    const items = take && data.payload[0] === 0x2a ? readFetchLine(data.payload, data.literals) : undefined;
    if (!items || !take!(items)) return handleResponse.call(this, data);
    // Logged as imapflow logs a FETCH answer, so the transcript keeps its first lines and counts the rest.
    if (this.isLogLevelEnabled('trace')) this.log.trace({ src: 's', msg: data.payload.toString('latin1') });
    return Promise.resolve(true);
  };
}

async function headerFetch(connection: ImapflowInternals, command: string, range: string, items: unknown[], onHeader: HeaderSink): Promise<void> {
  const take = (list: ImapValue[]) => {
    const header = headerFromFetch(list);
    if (header) onHeader(header);
    return header !== undefined;
  };
  const onFetch = (untagged: UntaggedFetch) => {
    const list = untagged.attributes?.[1];
    if (Array.isArray(list)) take(list);
  };
  quickReaders.set(onFetch, take);
  const response = await connection.exec(command, [{ type: 'SEQUENCE', value: range }, items], { untagged: { FETCH: onFetch } });
  response.next();
}

/**
 * One `UID FETCH <range>` of the header items in the selected folder (a plain FETCH of message
 * numbers with `bySequence`); each message's header goes to `onHeader` as its answer is read.
 * Answers that are not headers (a flag change another client made meanwhile) are skipped.
 */
export async function fetchHeaderRows(client: ImapFlow, range: string, onHeader: HeaderSink, options: { bySequence?: boolean } = {}): Promise<void> {
  const internals = client as unknown as ImapflowInternals;
  if (typeof internals.run !== 'function' || typeof internals.exec !== 'function' || typeof internals.handleResponse !== 'function' || !(internals.commands instanceof Map)) {
    throw new Error('this imapflow lacks the command runner the header fetch needs; use the version in package-lock.json');
  }
  // imapflow's registry is one Map shared by every client; this client gets a copy with our command.
  if (!internals.commands.has(COMMAND)) {
    internals.commands = new Map(internals.commands).set(COMMAND, headerFetch as never);
    readHeadersQuickly(internals);
  }
  await internals.run(COMMAND, options.bySequence ? 'FETCH' : 'UID FETCH', range, headerItems(client), onHeader);
}
