/** Transcript entries as the viewer sees them; credentials were removed before these existed. */
export type TranscriptProtocol = 'imap' | 'pop3' | 'smtp';
export type Direction = 'client' | 'server';

export type EntryKind = 'line' | 'data' | 'event';

export interface TranscriptEntry {
  /** Monotonic across the whole transcript, so a viewer can resume after the last one it saw. */
  seq: number;
  session: string;
  protocol: TranscriptProtocol;
  accountId?: string;
  time: number;
  kind: EntryKind;
  direction?: Direction;
  text: string;
  /** A credential was removed from this entry when it was recorded. */
  redacted?: boolean;
  /** For shortened data: how many bytes the original had. */
  bytes?: number;
}

export interface SessionInfo {
  id: string;
  protocol: TranscriptProtocol;
  accountId?: string;
  host: string;
  port: number;
  startedAt: number;
  endedAt?: number;
}
