import type { ErrorInfo } from '../../../app/errors';
import type { RequestPortEnd } from '../../api/port-transport';
import type { RelayAnswer, RelayRequest } from '../../api/relay-transport';
import type { BulkPut, FolderOrderRead, HeadersChange } from '../../db/headers';
import type { FolderRecord, MessageRecord } from '../../db/tables/core';
import type { FolderSyncResult } from './sync-folder';

/**
 * The sync worker's messages: plain data, cloned across. `init` first, once: with a socket URL the
 * worker opens its own bridge connection (browser mode), with a port it speaks to main over it (the
 * desktop app hands one out), with neither it relays through the window.
 */
export type ToSyncWorker =
  | { kind: 'init'; socketUrl?: string; port?: RequestPortEnd }
  | { kind: 'sync'; seq: number; folder: FolderRecord }
  /** Another worker of the window (the search index) hears each committed header change on this port too, as a `HeadersChangeOnPort`. */
  | { kind: 'follow'; port: HeadersPort }
  | ListReadRequest
  | RelayAnswer;

/** One of the message list's reads (`ListReads`), made on the worker's connection. */
export type ListReadRequest = { kind: 'read'; id: number } & ({ folderOrder: string } | { rows: string[] } | { newest: string; count: number });

export interface ListReadAnswer {
  kind: 'read';
  id: number;
  order?: FolderOrderRead;
  rows?: (MessageRecord | undefined)[];
  error?: ErrorInfo;
}

/**
 * What a following worker hears on its port: a committed change. A bulk write's (a first sync's
 * batch) comes with its headers as `bulk` instead of in `change.put`: copying each batch's records
 * to the search worker, and indexing them there, took the cores the sync was using.
 */
export type HeadersChangeOnPort = { kind: 'headers'; change: HeadersChange; bulk?: BulkPut[] };

/** A MessagePort, as the sync worker uses it (transferred to it by the window). */
export interface HeadersPort {
  postMessage(message: HeadersChangeOnPort): void;
}

export type FromSyncWorker =
  /** The worker's script runs: the list's reads may go to it (until then they would wait for its load). */
  | { kind: 'up' }
  | { kind: 'progress'; seq: number; done: number; total: number }
  | { kind: 'reset'; seq: number }
  /** A first sync's newest headers, sent before their write: the window shows them as a preview (`announceHeadersPreview`). */
  | { kind: 'screen'; seq: number; records: MessageRecord[] }
  /** A committed change of the headers, for the window to announce as its own. Sent before the `done` of its sync. */
  | { kind: 'headers'; change: HeadersChange }
  | { kind: 'done'; seq: number; result: FolderSyncResult }
  | { kind: 'failed'; seq: number; error: ErrorInfo }
  | ListReadAnswer
  | RelayRequest;
