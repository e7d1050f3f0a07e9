import { format } from 'node:util';
import type { TranscriptSession } from '../transcript';

type LogFn = (data: unknown, message?: unknown, ...args: unknown[]) => void;

export interface SmtpLogHooks {
  onServerLine?: (line: string) => void;
  /** The message data and its final "." were handed to the socket (nodemailer's data stream ended). */
  onDataEnd?: (bytes: number) => void;
}

/**
 * nodemailer logs the conversation (with `transactionLog` or `debug`) as `{ tnx: 'client' | 'server' }`
 * entries; a multi-line reply arrives as one message with embedded newlines. The message data itself
 * is never logged line by line: its end arrives as one `tnx: 'message'` entry with the byte count,
 * recorded by size only.
 */
export function smtpTranscriptLogger(session: TranscriptSession, hooks: SmtpLogHooks | ((line: string) => void) = {}): Record<'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', LogFn> {
  const { onServerLine, onDataEnd } = typeof hooks === 'function' ? { onServerLine: hooks, onDataEnd: undefined } : hooks;
  const route: LogFn = (data, message, ...args) => {
    const entry = data as { tnx?: string; outByteCount?: number } | undefined;
    const tnx = entry?.tnx;
    if (tnx === 'message') {
      if (typeof entry?.outByteCount === 'number') {
        session.data('client', entry.outByteCount);
        onDataEnd?.(entry.outByteCount);
      }
      return;
    }
    if (typeof message !== 'string') return;
    // Connection events come as format strings ("%s established to %s:%s"); protocol lines never have arguments.
    const text = args.length ? format(message, ...args) : message;
    for (const line of text.split(/\r?\n/)) {
      if (tnx === 'client') session.client(line);
      else if (tnx === 'server') {
        session.server(line);
        onServerLine?.(line);
      } else if (tnx === 'network' || tnx === 'connection') session.event(line);
    }
  };
  const ignore: LogFn = () => undefined;
  return { trace: ignore, debug: route, info: route, warn: route, error: route, fatal: route };
}
